// The status-bar item: how many elements the workspace model has and how many problems, from the server's
// `pom/modelChanged` notification. Clicking it opens the Problems view.
import type { ModelStats } from 'pom-language/protocol';
import * as vscode from 'vscode';
import { POM_LANGUAGE } from './language-client.js';

export class ModelStatus implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('pom.modelStatus', vscode.StatusBarAlignment.Left, 10);
    private readonly subscriptions: vscode.Disposable[] = [];
    private stats: ModelStats | undefined;

    constructor() {
        this.item.name = 'POM Model';
        this.item.command = 'workbench.actions.view.problems';
        this.item.text = '$(sync~spin) POM';
        this.item.tooltip = 'Loading the POM model…';
        this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()));
        this.updateVisibility();
    }

    update(stats: ModelStats): void {
        this.stats = stats;
        const elements = `${stats.elements} ${stats.elements === 1 ? 'element' : 'elements'}`;
        this.item.text = `$(type-hierarchy) ${elements}  $(error) ${stats.errors}  $(warning) ${stats.warnings}`;
        this.item.tooltip = `POM model: ${elements}, ${plural(stats.errors, 'error')}, ${plural(stats.warnings, 'warning')}. Click to open the Problems view.`;
        this.item.command = 'workbench.actions.view.problems';
        this.updateVisibility();
    }

    failed(): void {
        this.item.text = '$(error) POM';
        this.item.tooltip = 'The POM language server is not running. Click to see its output.';
        this.item.command = 'pom.showOutput';
        this.item.show();
    }

    dispose(): void {
        this.item.dispose();
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    // Shown while a .pom file is in front, and whenever the workspace has a model at all.
    private updateVisibility(): void {
        const pomInFront = vscode.window.activeTextEditor?.document.languageId === POM_LANGUAGE;
        if (pomInFront || (this.stats?.elements ?? 0) > 0) this.item.show();
        else this.item.hide();
    }
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

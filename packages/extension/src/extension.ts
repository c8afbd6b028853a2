// The VS Code extension: starts the bundled POM language server and adds what LSP has no words for: the model
// status in the status bar, lineage quick picks, the compiled model as JSON, the live graph and pulling metrics.
import { ModelChangedNotification, type ModelStats } from 'pom-language/protocol';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCompileCommand } from './compile-command.js';
import { registerGraphCommand } from './graph-panel.js';
import { createLanguageClient } from './language-client.js';
import { registerLineageCommands } from './lineage-commands.js';
import { ModelStatus } from './model-status.js';
import { registerPullMetricsCommand } from './pull-metrics-command.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('POM', { log: true });
    const status = new ModelStatus();
    client = createLanguageClient(context, output);
    // The client keeps one handler per notification, so `pom/modelChanged` is fanned out to the status and the graph.
    const modelChanged = new vscode.EventEmitter<ModelStats>();
    context.subscriptions.push(
        output,
        status,
        modelChanged,
        vscode.commands.registerCommand('pom.showOutput', () => output.show(true)),
        registerLineageCommands(client),
        registerCompileCommand(client),
        registerPullMetricsCommand(output),
        registerGraphCommand(context, client, modelChanged.event, output),
        client.onNotification(ModelChangedNotification, (stats) => modelChanged.fire(stats)),
        modelChanged.event((stats) => status.update(stats)),
    );
    try {
        await client.start();
    } catch (error) {
        status.failed();
        output.appendLine(`The POM language server did not start: ${error instanceof Error ? error.message : String(error)}`);
        const choice = await vscode.window.showErrorMessage('The POM language server did not start.', 'Show Output');
        if (choice) output.show(true);
    }
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

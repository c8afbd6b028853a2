// "POM: Pull Metrics": runs `pom metrics pull` for the workspace folder of the model in front, as a child process,
// under a progress notification, and says how it went. Only the user's command runs it (never on open), and only in
// a trusted workspace: the pull runs the model's queries and the workspace's own `pom`. The language server picks up
// the new snapshot through its file watcher and refreshes diagnostics, hover and the graph.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { POM_LANGUAGE } from './language-client.js';

/** Bounds what is kept of the CLI's output: its lines are short, a runaway process must not fill memory. */
const MAX_OUTPUT_CHARS = 200_000;

export interface PullResult {
    code: number | null;
    stderr: string;
    /** Set when the process could not be started at all. */
    spawnError?: NodeJS.ErrnoException;
}

export function registerPullMetricsCommand(output: vscode.LogOutputChannel): vscode.Disposable {
    return vscode.commands.registerCommand('pom.pullMetrics', () => pullMetrics(output));
}

async function pullMetrics(output: vscode.LogOutputChannel): Promise<void> {
    if (!vscode.workspace.isTrusted) {
        await vscode.window.showErrorMessage('Pulling metrics runs the queries of this workspace; trust the workspace first.');
        return;
    }
    const folder = workspaceFolder();
    if (folder === undefined) {
        await vscode.window.showErrorMessage('Open a folder with a POM model to pull its metrics.');
        return;
    }
    const cli = pomCommand(folder);
    output.info(`Running ${cli} metrics pull in ${folder}`);
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Pulling metrics', cancellable: true },
        (_progress, token) => runPull(cli, folder, token),
    );
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
    for (const line of lines) output.info(line);
    await report(result, lines, output);
}

async function report(result: PullResult, lines: string[], output: vscode.LogOutputChannel): Promise<void> {
    if (result.spawnError !== undefined) {
        const reason =
            result.spawnError.code === 'ENOENT'
                ? 'The pom command was not found: install pom-cli in the workspace, or set pom.cliPath.'
                : `The pom command could not be started: ${result.spawnError.message}`;
        await vscode.window.showErrorMessage(reason);
        return;
    }
    const summary = lines.at(-1) ?? '';
    if (result.code === 0) {
        await vscode.window.showInformationMessage(`POM: ${summary}`);
        return;
    }
    const failures = lines.slice(0, -1);
    const message =
        result.code === 1
            ? `POM: ${failures.length === 1 ? failures[0] : `${failures.length} metric sources failed`}; their previous observations are kept, marked stale.`
            : `POM: pulling metrics failed: ${summary.replace(/^pom: /, '') || `exit code ${result.code}`}`;
    const choice = await vscode.window.showErrorMessage(message, 'Show Output');
    if (choice) output.show(true);
}

/** The folder of the .pom file in front, or the first workspace folder. */
function workspaceFolder(): string | undefined {
    const active = vscode.window.activeTextEditor?.document;
    const own = active?.languageId === POM_LANGUAGE ? vscode.workspace.getWorkspaceFolder(active.uri) : undefined;
    const folder = own ?? vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

/** `pom.cliPath` if set, else the workspace's own `node_modules/.bin/pom`, else `pom` on the PATH. */
export function pomCommand(folder: string): string {
    const configured = vscode.workspace.getConfiguration('pom').get<string>('cliPath', '').trim();
    if (configured !== '') return configured;
    const local = path.join(folder, 'node_modules', '.bin', process.platform === 'win32' ? 'pom.cmd' : 'pom');
    return existsSync(local) ? local : 'pom';
}

export function runPull(cli: string, cwd: string, token: vscode.CancellationToken): Promise<PullResult> {
    return new Promise((resolve) => {
        let stderr = '';
        const child = spawn(cli, ['metrics', 'pull'], {
            cwd,
            // The CLI writes plain lines without a terminal; NO_COLOR for any tool it runs.
            env: { ...process.env, NO_COLOR: '1' },
            shell: process.platform === 'win32',
            stdio: ['ignore', 'ignore', 'pipe'],
        });
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
            if (stderr.length < MAX_OUTPUT_CHARS) stderr += chunk;
        });
        const cancel = token.onCancellationRequested(() => child.kill());
        child.on('error', (error) => {
            cancel.dispose();
            resolve({ code: null, stderr, spawnError: error });
        });
        child.on('close', (code) => {
            cancel.dispose();
            resolve({ code, stderr });
        });
    });
}

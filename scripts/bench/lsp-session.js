// A minimal LSP client for the benchmark: spawns `pom lsp --stdio` on a folder and times requests.
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export class LspSession {
    static async start(pom, folder) {
        const session = new LspSession(pom);
        const rootUri = `file://${folder}`;
        const start = process.hrtime.bigint();
        await session.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'bench' }],
            capabilities: { workspace: { configuration: true } },
        });
        session.initializeMs = Number(process.hrtime.bigint() - start) / 1e6;
        session.connection.sendNotification('initialized', {});
        return session;
    }

    constructor(pom) {
        this.child = spawn(process.execPath, [pom, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
        this.waiters = [];
        this.published = 0;
        this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
            this.published++;
            this.waiters = this.waiters.filter((w) => !w(params));
        });
        this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.listen();
    }

    /** Resolves once start-up diagnostics have been published and have stopped coming for a moment. */
    async waitForDiagnostics() {
        let last = -1;
        while (last !== this.published || this.published === 0) {
            last = this.published;
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }

    nextDiagnostics(uri) {
        return new Promise((resolve) => {
            this.waiters.push((params) => {
                if (params.uri !== uri) return false;
                resolve(params);
                return true;
            });
        });
    }

    open(uri, text) {
        this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pom', version: 1, text } });
    }

    change(uri, text, version) {
        this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    request(method, params) {
        return this.connection.sendRequest(method, params);
    }

    stop() {
        this.connection.dispose();
        this.child.kill();
    }
}

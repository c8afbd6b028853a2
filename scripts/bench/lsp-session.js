// A minimal LSP client for the benchmark: spawns `pom lsp --stdio` on a folder and times requests.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
        // POM_BENCH_CPU_PROF=<folder> profiles the server (`node --cpu-prof`); the profile is written when it stops.
        const profile = process.env.POM_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.POM_BENCH_CPU_PROF}`] : [];
        this.child = spawn(process.execPath, [...profile, pom, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
        this.waiters = [];
        this.published = 0;
        /** Every publication, with the time it arrived: what an edit changed, and when the last of it came. */
        this.publications = [];
        this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
            this.published++;
            this.publications.push({ at: process.hrtime.bigint(), cpu: this.cpuMs(), uri: params.uri, diagnostics: params.diagnostics });
            this.waiters = this.waiters.filter((w) => !w(params));
        });
        this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.listen();
    }

    /** CPU time (user + system) the server process has used so far, in milliseconds; undefined where /proc is not. */
    cpuMs() {
        const stat = `/proc/${this.child.pid}/stat`;
        if (!existsSync(stat)) return undefined;
        // utime and stime, the 14th and 15th fields, in clock ticks of 1/100 s (Linux's USER_HZ).
        const fields = readFileSync(stat, 'utf8').split(') ').pop().split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
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

    /**
     * Sends a change and measures the time until the last diagnostics it caused: every uri in `expected` has had
     * diagnostics published since the change, and then nothing more is published for `quietMs` (not counted).
     * Returns the milliseconds from the change to the last publication, the server's CPU time over the same span
     * (what the latency would be with the server alone on a core), and the uris published.
     */
    async editLatency(uri, text, version, expected, quietMs = 400) {
        const cpu = this.cpuMs();
        const start = process.hrtime.bigint();
        const from = this.publications.length;
        this.change(uri, text, version);
        const since = () => this.publications.slice(from);
        while (!expected.every((u) => since().some((p) => p.uri === u))) await new Promise((resolve) => setTimeout(resolve, 5));
        let count = -1;
        while (count !== since().length) {
            count = since().length;
            await new Promise((resolve) => setTimeout(resolve, quietMs));
        }
        const last = since().reduce((max, p) => (p.at > max.at ? p : max), { at: start, cpu });
        return {
            ms: Number(last.at - start) / 1e6,
            cpuMs: last.cpu === undefined ? undefined : last.cpu - cpu,
            uris: [...new Set(since().map((p) => p.uri))],
            publications: since().length,
        };
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

    /** Shuts the server down as an editor does (`shutdown`, then `exit`), so it ends normally (and writes a `--cpu-prof`). */
    async stop() {
        const exited = new Promise((resolve) => this.child.once('exit', resolve));
        await this.connection.sendRequest('shutdown');
        this.connection.sendNotification('exit');
        await exited;
        this.connection.dispose();
    }
}

// A small LSP client for end-to-end tests: spawns the bundled `pom lsp --stdio` server, speaks JSON-RPC to it the
// way an editor would, and keeps every diagnostic it publishes so that a test can wait until they say what it expects.
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
    type ClientCapabilities,
    ConfigurationRequest,
    type Diagnostic,
    DidChangeTextDocumentNotification,
    DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification,
    ExitNotification,
    InitializedNotification,
    InitializeRequest,
    LogMessageNotification,
    MessageType,
    PublishDiagnosticsNotification,
    RegistrationRequest,
    type ServerCapabilities,
    ShowMessageNotification,
    ShutdownRequest,
    WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** `POM_LSP_BIN` runs the suites against another build of `pom` (a path to its bin script); the repo's by default. */
const POM_BIN = process.env.POM_LSP_BIN ?? path.join(REPO_ROOT, 'packages/cli/bin/pom.js');
const BUNDLE = path.join(REPO_ROOT, 'packages/cli/dist/main.js');

/** Generous: long enough for a loaded 2-core machine, short enough that a hang fails instead of stalling the run. */
export const WAIT_MS = 20_000;

/** Builds the CLI bundle (which holds the server) when it is missing, as `npm run bundle` would. */
export function ensureBundle(): void {
    if (!process.env.POM_LSP_BIN && !existsSync(BUNDLE))
        execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/bundle.js')], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** The diagnostics published so far, as a predicate sees them. */
export interface DiagnosticsView {
    /** The latest diagnostics published for `uri`; undefined when none were published yet. */
    get(uri: string): Diagnostic[] | undefined;
    /** How many times diagnostics were published for `uri`. */
    published(uri: string): number;
    /** The latest diagnostics of every uri that had some published. */
    readonly all: ReadonlyMap<string, Diagnostic[]>;
}

interface Waiter {
    predicate: (view: DiagnosticsView) => boolean;
    resolve: () => void;
    reject: (error: Error) => void;
}

const CLIENT_CAPABILITIES: ClientCapabilities = {
    general: { positionEncodings: ['utf-16'] },
    window: { workDoneProgress: true },
    workspace: {
        configuration: true,
        workspaceFolders: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: false },
        symbol: { dynamicRegistration: false },
        didChangeWatchedFiles: { dynamicRegistration: true },
        codeLens: { refreshSupport: false },
        inlayHint: { refreshSupport: false },
        semanticTokens: { refreshSupport: false },
    },
    textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        definition: { linkSupport: true },
        references: {},
        rename: { prepareSupport: true },
        completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true }, contextSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        foldingRange: { lineFoldingOnly: false },
        codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } },
            isPreferredSupport: true,
            dataSupport: true,
            resolveSupport: { properties: ['edit'] },
        },
        formatting: {},
        codeLens: {},
        inlayHint: {},
        callHierarchy: {},
        typeHierarchy: {},
        semanticTokens: {
            requests: { full: true },
            tokenTypes: [],
            tokenModifiers: [],
            formats: ['relative'],
        },
    },
};

export class LspClient {
    private readonly latest = new Map<string, Diagnostic[]>();
    private readonly counts = new Map<string, number>();
    private readonly waiters = new Set<Waiter>();
    private readonly versions = new Map<string, number>();
    /** What the server wrote to stderr and logged through `window/logMessage`, for failure messages. */
    private readonly stderr: string[] = [];
    private exited: string | undefined;
    /** Every `window/showMessage` the server sent (messages shown to the user). */
    readonly shownMessages: { type: number; message: string }[] = [];
    /** Every `window/logMessage` the server sent, with its type (1 error, 2 warning, 3 info, 4 log). */
    readonly logMessages: { type: number; message: string }[] = [];
    /** Server-to-client requests this client has no special answer for, by method; answered with null. */
    readonly unexpectedRequests: string[] = [];

    private constructor(
        private readonly child: ChildProcessWithoutNullStreams,
        readonly connection: MessageConnection,
        readonly capabilities: ServerCapabilities,
        /** Wall time of the `initialize` round trip, for the record; never asserted. */
        readonly initializeMs: number,
        /** What the server wrote to stderr itself (not through the protocol). */
        private readonly rawStderr: string[],
    ) {}

    /** Spawns the server, initializes it with `workspaceFolder` as the one workspace folder and says `initialized`. */
    static async start(workspaceFolder: string): Promise<LspClient> {
        ensureBundle();
        const child = spawn(process.execPath, [POM_BIN, 'lsp', '--stdio'], { cwd: REPO_ROOT, stdio: 'pipe' });
        const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
        let client: LspClient | undefined;
        const early: string[] = [];
        const earlyLogs: { type: number; message: string }[] = [];
        child.stderr.setEncoding('utf8');
        const rawStderr: string[] = [];
        child.stderr.on('data', (chunk: string) => {
            rawStderr.push(chunk);
            (client ? client.stderr : early).push(chunk);
        });

        connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
        // Both are `void` requests: returning undefined sends the result `null`.
        connection.onRequest(RegistrationRequest.type, () => undefined);
        connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
        connection.onRequest((method) => {
            client?.unexpectedRequests.push(method);
            return null;
        });
        connection.onNotification(PublishDiagnosticsNotification.type, (params) => client?.publish(params.uri, params.diagnostics));
        connection.onNotification(LogMessageNotification.type, (params) => {
            (client ? client.stderr : early).push(`${params.message}\n`);
            (client ? client.logMessages : earlyLogs).push({ type: params.type, message: params.message });
        });
        connection.onNotification(ShowMessageNotification.type, (params) => {
            client?.shownMessages.push(params);
        });
        connection.listen();

        const folderUri = pathToFileURL(workspaceFolder).href;
        const started = performance.now();
        const result = await withTimeout(
            connection.sendRequest(InitializeRequest.type, {
                processId: process.pid,
                rootUri: folderUri,
                workspaceFolders: [{ uri: folderUri, name: path.basename(workspaceFolder) }],
                capabilities: CLIENT_CAPABILITIES,
                clientInfo: { name: 'pom-e2e-tests' },
            }),
            WAIT_MS,
            () => `initialize did not answer; server stderr:\n${early.join('')}`,
        );
        const initializeMs = performance.now() - started;
        client = new LspClient(child, connection, result.capabilities, initializeMs, rawStderr);
        client.stderr.push(...early);
        client.logMessages.push(...earlyLogs);
        child.on('exit', (code, signal) => {
            client?.markExited(`server exited (code ${code}, signal ${signal})`);
        });
        await connection.sendNotification(InitializedNotification.type, {});
        return client;
    }

    /** Calls `listener` with the exit code when the server process ends. */
    onExit(listener: (code: number | null) => void): void {
        this.child.once('exit', (code) => listener(code));
    }

    /** Converts a path to the file URI the server uses for it. */
    static uri(file: string): string {
        return pathToFileURL(file).href;
    }

    /** Everything the server wrote to stderr so far. */
    serverLog(): string {
        return this.stderr.join('');
    }

    /** The errors and warnings the server logged (`window/logMessage` of type error or warning), and its raw stderr. */
    problems(): string[] {
        const logged = this.logMessages.filter((m) => m.type <= MessageType.Warning).map((m) => m.message);
        const raw = this.rawStderr.join('').trim();
        return raw ? [...logged, raw] : logged;
    }

    diagnostics(uri: string): Diagnostic[] | undefined {
        return this.latest.get(uri);
    }

    published(uri: string): number {
        return this.counts.get(uri) ?? 0;
    }

    /** Everything published so far. */
    diagnosticsView(): DiagnosticsView {
        return this.view();
    }

    /**
     * Resolves once `predicate` holds over the diagnostics published so far (checked now and after every
     * publication); rejects after `timeoutMs` with what the server published, so a failure says why.
     */
    waitForDiagnostics(predicate: (view: DiagnosticsView) => boolean, description: string, timeoutMs = WAIT_MS): Promise<void> {
        if (this.exited) return Promise.reject(new Error(`${description}: ${this.exited}\n${this.serverLog()}`));
        if (predicate(this.view())) return Promise.resolve();
        let waiter: Waiter | undefined;
        const done = new Promise<void>((resolve, reject) => {
            waiter = { predicate, resolve, reject };
            this.waiters.add(waiter);
        });
        return withTimeout(
            done,
            timeoutMs,
            () => `Timed out waiting for diagnostics: ${description}\n${this.describeDiagnostics()}`,
        ).finally(() => waiter && this.waiters.delete(waiter));
    }

    /** Opens a document, as an editor does when a file is shown; its text becomes the server's truth for `uri`. */
    async open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'pom', version: 1, text },
        });
    }

    /** Replaces the whole text of an open document (full document sync). */
    async change(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 0) + 1;
        if (version === 1) throw new Error(`change before open: ${uri}`);
        this.versions.set(uri, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: [{ text }],
        });
    }

    async close(uri: string): Promise<void> {
        this.versions.delete(uri);
        await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }

    isOpen(uri: string): boolean {
        return this.versions.has(uri);
    }

    /**
     * Resolves once the server has finished the build that the edits sent so far started, and so has published
     * what that build found. `pom/compiledModel` waits for the workspace to be validated before it answers, and a
     * response comes after every notification the server sent before it: the barrier a negative check needs
     * ("nothing else was reported").
     */
    async settle(): Promise<void> {
        await withTimeout(
            this.connection.sendRequest('pom/compiledModel', {}),
            WAIT_MS,
            () => `pom/compiledModel did not answer; server log:\n${this.serverLog()}`,
        );
    }

    /** Shuts the server down politely, and kills it (this process only) if it does not exit in time. */
    async stop(): Promise<void> {
        if (!this.exited) {
            const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
            try {
                await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5_000, () => 'shutdown did not answer');
                await this.connection.sendNotification(ExitNotification.type);
                await withTimeout(exit, 5_000, () => 'server did not exit');
            } catch {
                this.child.kill();
            }
        }
        this.connection.dispose();
    }

    private publish(uri: string, diagnostics: Diagnostic[]): void {
        this.latest.set(uri, diagnostics);
        this.counts.set(uri, this.published(uri) + 1);
        const view = this.view();
        for (const waiter of [...this.waiters]) {
            if (waiter.predicate(view)) {
                this.waiters.delete(waiter);
                waiter.resolve();
            }
        }
    }

    /** A server that is gone will publish nothing more: fail the waits now rather than at their timeout. */
    private markExited(reason: string): void {
        this.exited = reason;
        for (const waiter of this.waiters) waiter.reject(new Error(`${reason}\n${this.serverLog()}`));
        this.waiters.clear();
    }

    private view(): DiagnosticsView {
        return { get: (uri) => this.latest.get(uri), published: (uri) => this.published(uri), all: this.latest };
    }

    private describeDiagnostics(): string {
        const lines = [...this.latest.entries()].map(
            ([uri, list]) =>
                `  ${uri.split('/').pop()} (${this.published(uri)} publications): ${
                    list.length === 0
                        ? 'none'
                        : list.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${d.message}`).join(' | ')
                }`,
        );
        const exited = this.exited ? `\n${this.exited}\n${this.serverLog()}` : '';
        return `Diagnostics published:\n${lines.join('\n')}${exited}`;
    }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// "POM: Show Graph": one webview panel beside the editor that draws the compiled model (the renderer is the
// pom-graph package, whose browser bundles scripts/bundle.js copies to dist/media) and keeps it live: a new model after each build, the element under the
// editor's cursor, and the webview's requests (reveal a source, export the picture, report an error) done here.
import type { HostMessage, WebviewMessage } from 'pom-graph/protocol';
import type { CompiledModel } from 'pom-language/model';
import { CompiledModelRequest, ElementAtRequest, type ModelStats } from 'pom-language/protocol';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { POM_LANGUAGE } from './language-client.js';
import { createNonce, graphHtml } from './webview-html.js';
import { exportBytes, parseWebviewMessage } from './webview-messages.js';

/** Also the `onWebviewPanel:` activation event that restores an open graph after a reload. */
export const GRAPH_VIEW_TYPE = 'pom.graph';
/** The command that opens the graph beside the editor. */
export const SHOW_GRAPH_COMMAND = 'pom.showGraph';
export const MODEL_DEBOUNCE_MS = 200;
export const CURSOR_DEBOUNCE_MS = 100;

interface GraphContext {
    client: LanguageClient;
    /** `pom/modelChanged`, fanned out by extension.ts: the client keeps one handler per notification. */
    modelChanged: vscode.Event<ModelStats>;
    output: vscode.LogOutputChannel;
    extensionUri: vscode.Uri;
}

export function registerGraphCommand(
    extension: Pick<vscode.ExtensionContext, 'extensionUri'>,
    client: LanguageClient,
    modelChanged: vscode.Event<ModelStats>,
    output: vscode.LogOutputChannel,
): vscode.Disposable {
    let current: GraphPanel | undefined;
    const attach = (panel: vscode.WebviewPanel) => {
        current?.dispose();
        const graph = new GraphPanel(panel, { client, modelChanged, output, extensionUri: extension.extensionUri });
        current = graph;
        graph.onDispose(() => {
            if (current === graph) current = undefined;
        });
    };
    return vscode.Disposable.from(
        vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, () => {
            if (current) current.panel.reveal(undefined, true);
            else attach(createGraphPanel(extension.extensionUri));
        }),
        vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
            deserializeWebviewPanel: async (panel) => attach(panel),
        }),
        { dispose: () => current?.dispose() },
    );
}

function createGraphPanel(extensionUri: vscode.Uri): vscode.WebviewPanel {
    // Beside the editor and without taking focus: typing goes on, and the graph follows the cursor.
    return vscode.window.createWebviewPanel(
        GRAPH_VIEW_TYPE,
        'POM Graph',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // Kept alive while hidden: zoom, filters and positions survive switching tabs.
        { ...webviewOptions(extensionUri), retainContextWhenHidden: true },
    );
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [mediaRoot(extensionUri)] };
}

function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(extensionUri, 'dist', 'media');
}

class GraphPanel implements vscode.Disposable {
    private readonly subscriptions: vscode.Disposable[] = [];
    private readonly disposed = new vscode.EventEmitter<void>();
    readonly onDispose = this.disposed.event;
    private readonly modelTimer = new Debounced(MODEL_DEBOUNCE_MS);
    private readonly cursorTimer = new Debounced(CURSOR_DEBOUNCE_MS);
    private isDisposed = false;
    /** The script has said `ready`: messages posted now are received. */
    private ready = false;
    /** The model changed while the panel was hidden: fetch it when it shows again. */
    private modelStale = false;
    /** The cursor moved while the panel was hidden, in this editor. */
    private cursorStale: vscode.TextEditor | undefined;
    /** Answers to older requests that arrive late are dropped. */
    private modelRequests = 0;
    private cursorRequests = 0;
    /** The source files of the model on screen: the only files a `reveal` may open. */
    private paths = new Set<string>();
    /** The last .pom file in front: the graph shows the model (project) that holds it. */
    private modelDocument: vscode.Uri | undefined;
    /** The column of the editor the user came from, where revealed sources open. */
    private editorColumn: vscode.ViewColumn | undefined;

    constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly context: GraphContext,
    ) {
        const webview = panel.webview;
        webview.options = webviewOptions(context.extensionUri);
        panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'images', 'icon.png');
        this.rememberColumn(vscode.window.activeTextEditor);
        this.subscriptions.push(
            this.modelTimer,
            this.cursorTimer,
            webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
            panel.onDidChangeViewState(() => this.visibilityChanged()),
            panel.onDidDispose(() => this.dispose()),
            context.modelChanged(() => this.modelTimer.run(() => this.modelChanged())),
            vscode.window.onDidChangeTextEditorSelection((event) => this.cursorMoved(event.textEditor)),
            vscode.window.onDidChangeActiveTextEditor((editor) => {
                this.rememberColumn(editor);
                if (editor) this.cursorMoved(editor);
            }),
        );
        webview.html = graphHtml({
            cspSource: webview.cspSource,
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot(context.extensionUri), 'graph-webview.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot(context.extensionUri), 'graph.css')).toString(),
            nonce: createNonce(),
        });
    }

    dispose(): void {
        if (this.isDisposed) return;
        this.isDisposed = true;
        for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
        this.panel.dispose();
        this.disposed.fire();
        this.disposed.dispose();
    }

    private receive(raw: unknown): void {
        const message = parseWebviewMessage(raw);
        if (!message) {
            this.context.output.debug('The graph view sent a message that is not in its protocol; ignored.');
            return;
        }
        switch (message.type) {
            case 'ready':
                // Also after the webview reloads: it starts empty again.
                this.ready = true;
                this.attempt('load the model', this.loadModel());
                if (vscode.window.activeTextEditor) this.cursorMoved(vscode.window.activeTextEditor, 0);
                break;
            case 'reveal':
                this.attempt(`open ${message.path}`, this.reveal(message));
                break;
            case 'export':
                this.attempt('export the graph', this.export(message));
                break;
            case 'error':
                this.context.output.error(`Graph view: ${message.message}`);
                break;
        }
    }

    private modelChanged(): void {
        if (!this.ready) return; // `ready` loads the model anyway
        if (this.panel.visible) this.attempt('load the model', this.loadModel());
        else this.modelStale = true;
    }

    private visibilityChanged(): void {
        if (!this.panel.visible || !this.ready) return;
        if (this.modelStale) this.attempt('load the model', this.loadModel());
        if (this.cursorStale) this.cursorMoved(this.cursorStale, 0);
    }

    private async loadModel(): Promise<void> {
        const request = ++this.modelRequests;
        this.modelStale = false;
        // The model of the project that holds the last .pom file in front (each path relative to its workspace folder).
        const { client } = this.context;
        const uri = this.modelDocument && client.code2ProtocolConverter.asUri(this.modelDocument);
        const model = await client.sendRequest(CompiledModelRequest, { uri });
        if (request !== this.modelRequests || this.isDisposed) return;
        this.paths = sourcePaths(model);
        await this.post({ type: 'model', model });
    }

    private cursorMoved(editor: vscode.TextEditor, delay = CURSOR_DEBOUNCE_MS): void {
        if (editor.document.languageId !== POM_LANGUAGE || !this.ready) return;
        if (!this.panel.visible) {
            this.cursorStale = editor;
            return;
        }
        this.cursorStale = undefined;
        this.cursorTimer.run(() => this.attempt('follow the cursor', this.sendCursor(editor)), delay);
    }

    private async sendCursor(editor: vscode.TextEditor): Promise<void> {
        const request = ++this.cursorRequests;
        const { client } = this.context;
        const element = await client.sendRequest(ElementAtRequest, {
            uri: client.code2ProtocolConverter.asUri(editor.document.uri),
            position: client.code2ProtocolConverter.asPosition(editor.selection.active),
        });
        if (request !== this.cursorRequests || this.isDisposed) return;
        await this.post({ type: 'cursor', id: element?.id ?? null });
    }

    private async reveal(message: Extract<WebviewMessage, { type: 'reveal' }>): Promise<void> {
        if (!this.paths.has(message.path)) {
            this.context.output.debug(`The graph view asked to open ${message.path}, which is not in the model; ignored.`);
            return;
        }
        const uri = await resolveModelPath(message.path);
        if (!uri) {
            this.context.output.warn(`Cannot find ${message.path} in the workspace.`);
            return;
        }
        const document = await vscode.workspace.openTextDocument(uri);
        const position = document.validatePosition(new vscode.Position(message.line - 1, message.column - 1));
        const range = new vscode.Range(position, position);
        // Focus stays in the graph, so keyboard travel along its edges goes on; the editor shows the source.
        const editor = await vscode.window.showTextDocument(document, {
            viewColumn: this.revealColumn(),
            selection: range,
            preserveFocus: true,
        });
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private async export(message: Extract<WebviewMessage, { type: 'export' }>): Promise<void> {
        const bytes = exportBytes(message);
        if (!bytes) {
            this.context.output.warn(
                `The graph view sent an export that is not a ${message.format.toUpperCase()} image; nothing was written.`,
            );
            return;
        }
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({
            title: 'Export the POM graph',
            saveLabel: 'Export',
            filters: message.format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
            defaultUri: folder && vscode.Uri.joinPath(folder, `pom-graph.${message.format}`),
        });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, bytes);
    }

    private rememberColumn(editor: vscode.TextEditor | undefined): void {
        if (editor?.viewColumn !== undefined && editor.viewColumn !== this.panel.viewColumn) this.editorColumn = editor.viewColumn;
        if (editor?.document.languageId === POM_LANGUAGE) this.modelDocument = editor.document.uri;
    }

    /** Where the user's editor was, never over the graph; beside the graph when that column is gone or unknown. */
    private revealColumn(): vscode.ViewColumn {
        const column = this.editorColumn;
        return column !== undefined && column !== this.panel.viewColumn ? column : vscode.ViewColumn.Beside;
    }

    private async post(message: HostMessage): Promise<void> {
        if (!this.isDisposed) await this.panel.webview.postMessage(message);
    }

    private attempt(what: string, task: Promise<void>): void {
        task.catch((error: unknown) => {
            this.context.output.error(`The graph could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
        });
    }
}

function sourcePaths(model: CompiledModel): Set<string> {
    return new Set([...model.elements.map((e) => e.source.path), ...model.links.map((l) => l.source.path)]);
}

/**
 * The server writes each path relative to the workspace folder that holds the file (see pom-requests.ts), so in a
 * multi-root workspace the folder is the one where the file exists. A document outside every folder keeps its path
 * without the leading `/` (an untitled one, its name).
 */
async function resolveModelPath(path: string): Promise<vscode.Uri | undefined> {
    const segments = path.split('/');
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const uri = vscode.Uri.joinPath(folder.uri, ...segments);
        if (await exists(uri)) return uri;
    }
    const open = vscode.workspace.textDocuments.find((document) => document.uri.path.replace(/^\//, '') === path);
    if (open) return open.uri;
    const absolute = vscode.Uri.file(`/${path}`);
    return (await exists(absolute)) ? absolute : undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

/** Runs the last task given once `delay` ms pass without another. */
class Debounced implements vscode.Disposable {
    private timer: ReturnType<typeof setTimeout> | undefined;

    constructor(private readonly delay: number) {}

    run(task: () => void, delay = this.delay): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(task, delay);
    }

    dispose(): void {
        clearTimeout(this.timer);
    }
}

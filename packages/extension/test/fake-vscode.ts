// A stand-in for the `vscode` module, just wide enough for the extension's own code: it records what the code asks
// of the editor (commands, quick picks, opened documents, messages) and answers with what a test scripted.
import { vi } from 'vitest';

export class Disposable {
    static from(...disposables: { dispose(): unknown }[]): Disposable {
        return new Disposable(() => {
            for (const d of disposables) d.dispose();
        });
    }
    constructor(private readonly onDispose: () => void = () => {}) {}
    dispose(): void {
        this.onDispose();
    }
}

export class EventEmitter<T> {
    private listeners: ((value: T) => void)[] = [];
    /** How many listeners are subscribed: what a test checks to see them disposed. */
    get listenerCount(): number {
        return this.listeners.length;
    }
    readonly event = (listener: (value: T) => void) => {
        this.listeners.push(listener);
        return new Disposable(() => {
            this.listeners = this.listeners.filter((l) => l !== listener);
        });
    };
    fire(value: T): void {
        for (const listener of this.listeners) listener(value);
    }
    dispose(): void {
        this.listeners = [];
    }
}

export class Position {
    constructor(
        readonly line: number,
        readonly character: number,
    ) {}
}

export class Range {
    constructor(
        readonly start: Position,
        readonly end: Position,
    ) {}
}

export class Uri {
    private constructor(private readonly text: string) {}
    static parse(text: string): Uri {
        return new Uri(text);
    }
    static file(path: string): Uri {
        return new Uri(`file://${path}`);
    }
    static joinPath(base: Uri, ...segments: string[]): Uri {
        return new Uri([base.text.replace(/\/+$/, ''), ...segments].join('/'));
    }
    get scheme(): string {
        return this.text.slice(0, this.text.indexOf(':'));
    }
    /** `/ws/a.pom` for `file:///ws/a.pom`, `Untitled-1` for `untitled:Untitled-1`. */
    get path(): string {
        const rest = this.text.slice(this.scheme.length + 1);
        if (!rest.startsWith('//')) return rest;
        const slash = rest.indexOf('/', 2);
        return slash < 0 ? '' : rest.slice(slash);
    }
    get fsPath(): string {
        return this.path;
    }
    toString(): string {
        return this.text;
    }
}

export enum ViewColumn {
    Active = -1,
    Beside = -2,
    One = 1,
    Two = 2,
    Three = 3,
}

export enum StatusBarAlignment {
    Left = 1,
    Right = 2,
}
export enum ProgressLocation {
    SourceControl = 1,
    Window = 10,
    Notification = 15,
}
export enum TextEditorRevealType {
    Default = 0,
    InCenter = 1,
    InCenterIfOutsideViewport = 2,
    AtTop = 3,
}
export enum LogLevel {
    Off = 0,
    Trace = 1,
    Debug = 2,
    Info = 3,
    Warning = 4,
    Error = 5,
}

export interface FakeEditor {
    document: {
        uri: Uri;
        languageId: string;
        getWordRangeAtPosition(position: Position): Range | undefined;
        getText(range?: Range): string;
    };
    selection: { active: Position };
    viewColumn?: ViewColumn;
    revealRange: ReturnType<typeof vi.fn>;
}

/** A webview as the extension sees it; `receive` stands in for the script posting a message. */
export class FakeWebview {
    options: { enableScripts?: boolean; enableCommandUris?: boolean; localResourceRoots?: Uri[] } = {};
    html = '';
    readonly cspSource = 'https://*.vscode-cdn.net';
    /** Everything the host posted, in order. */
    readonly posted: unknown[] = [];
    readonly received = new EventEmitter<unknown>();
    readonly onDidReceiveMessage = this.received.event;
    asWebviewUri(uri: Uri): Uri {
        return Uri.parse(`https://file+.vscode-resource.vscode-cdn.net${uri.path}`);
    }
    async postMessage(message: unknown): Promise<boolean> {
        this.posted.push(message);
        return true;
    }
    receive(message: unknown): void {
        this.received.fire(message);
    }
}

export class FakeWebviewPanel {
    readonly webview = new FakeWebview();
    disposed = false;
    private shown = true;
    iconPath: unknown;
    revealed = 0;
    readonly viewStateChanged = new EventEmitter<{ webviewPanel: FakeWebviewPanel }>();
    readonly onDidChangeViewState = this.viewStateChanged.event;
    private readonly disposeEmitter = new EventEmitter<void>();
    readonly onDidDispose = this.disposeEmitter.event;
    constructor(
        readonly viewType: string,
        readonly title: string,
        public viewColumn: number,
        readonly showOptions: unknown,
        readonly panelOptions: unknown,
    ) {}
    /** Throws once disposed, as VS Code's panels do. */
    get visible(): boolean {
        if (this.disposed) throw new Error('Webview is disposed');
        return this.shown;
    }
    reveal(): void {
        this.revealed++;
        this.setVisible(true);
    }
    /** The user switched tabs (false) or back (true). */
    setVisible(visible: boolean): void {
        this.shown = visible;
        this.viewStateChanged.fire({ webviewPanel: this });
    }
    /** The user closed it, or the extension did. */
    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.disposeEmitter.fire();
    }
}

/** Everything the code under test did, and the answers it will get. */
export const editor = {
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    executed: [] as { command: string; args: unknown[] }[],
    messages: [] as { level: 'info' | 'error'; text: string }[],
    statusItems: [] as { text: string; tooltip?: string; command?: string; visible: boolean }[],
    opened: [] as { uri: string; selection?: Range; viewColumn?: number; preserveFocus?: boolean }[],
    untitled: [] as { language: string; content: string }[],
    settings: new Map<string, unknown>(),
    /** The text of files the code opens by URI. */
    files: new Map<string, string>(),
    configurationChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
    activeEditorChanged: new EventEmitter<unknown>(),
    activeTextEditor: undefined as FakeEditor | undefined,
    selectionChanged: new EventEmitter<{ textEditor: FakeEditor }>(),
    panels: [] as FakeWebviewPanel[],
    serializers: new Map<string, { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Promise<void> }>(),
    workspaceFolders: undefined as { uri: Uri; name: string; index: number }[] | undefined,
    /** Open documents that are not files on disk (untitled ones), by URI. */
    textDocuments: [] as { uri: Uri }[],
    /** The answer of the next save dialog; undefined cancels. */
    saveAs: undefined as Uri | undefined,
    lastSaveDialog: undefined as unknown,
    written: new Map<string, Uint8Array>(),
    /** Picks from the items a quick pick is shown; undefined cancels. */
    pick: (items: unknown[]): unknown => items[0],
    lastQuickPick: undefined as { items: unknown[]; options: unknown } | undefined,
    log: [] as string[],
    /** Whether the workspace is trusted. */
    trusted: true,
    /** The options of every progress shown, and the way to cancel the running one. */
    progress: [] as unknown[],
    cancelProgress: new EventEmitter<void>(),
    reset(): void {
        this.trusted = true;
        this.progress = [];
        this.cancelProgress = new EventEmitter<void>();
        this.commands.clear();
        this.executed = [];
        this.messages = [];
        this.statusItems = [];
        this.opened = [];
        this.untitled = [];
        this.settings.clear();
        this.files.clear();
        this.activeTextEditor = undefined;
        this.panels = [];
        this.serializers.clear();
        this.workspaceFolders = undefined;
        this.textDocuments = [];
        this.saveAs = undefined;
        this.lastSaveDialog = undefined;
        this.written.clear();
        this.pick = (items) => items[0];
        this.lastQuickPick = undefined;
        this.log = [];
    },
};

export function pomEditor(uri: string, line: number, character: number, word: string): FakeEditor {
    return {
        document: {
            uri: Uri.parse(uri),
            languageId: 'pom',
            getWordRangeAtPosition: (p) => new Range(p, p),
            getText: () => word,
        },
        selection: { active: new Position(line, character) },
        revealRange: vi.fn(),
    };
}

function logChannel(name: string) {
    const record = (level: string) => (message: string) => editor.log.push(`${level} ${message}`);
    return {
        name,
        logLevel: LogLevel.Info,
        onDidChangeLogLevel: new EventEmitter<LogLevel>().event,
        trace: record('trace'),
        debug: record('debug'),
        info: record('info'),
        warn: record('warn'),
        error: record('error'),
        append: record('append'),
        appendLine: record('appendLine'),
        replace: vi.fn(),
        clear: vi.fn(),
        show: vi.fn(),
        hide: vi.fn(),
        dispose: vi.fn(),
    };
}

export const window = {
    get activeTextEditor() {
        return editor.activeTextEditor;
    },
    onDidChangeActiveTextEditor: editor.activeEditorChanged.event,
    createOutputChannel: (name: string) => logChannel(name),
    createStatusBarItem: () => {
        const item = { text: '', tooltip: undefined, command: undefined, visible: false, name: '' };
        editor.statusItems.push(item);
        return Object.assign(item, {
            show: () => {
                item.visible = true;
            },
            hide: () => {
                item.visible = false;
            },
            dispose: vi.fn(),
        });
    },
    showInformationMessage: async (text: string) => {
        editor.messages.push({ level: 'info', text });
        return undefined;
    },
    showErrorMessage: async (text: string) => {
        editor.messages.push({ level: 'error', text });
        return undefined;
    },
    showQuickPick: async (items: unknown[], options: unknown) => {
        editor.lastQuickPick = { items, options };
        return editor.pick(items);
    },
    showTextDocument: async (target: { uri?: unknown }, options?: { selection?: Range; viewColumn?: number; preserveFocus?: boolean }) => {
        editor.opened.push({
            uri: String(target.uri ?? target),
            selection: options?.selection,
            viewColumn: options?.viewColumn,
            preserveFocus: options?.preserveFocus,
        });
        return { revealRange: vi.fn() };
    },
    onDidChangeTextEditorSelection: editor.selectionChanged.event,
    createWebviewPanel: (viewType: string, title: string, showOptions: { viewColumn: number } | number, options: unknown) => {
        const column = typeof showOptions === 'number' ? showOptions : showOptions.viewColumn;
        const active = editor.activeTextEditor?.viewColumn ?? ViewColumn.One;
        const panel = new FakeWebviewPanel(viewType, title, column === ViewColumn.Beside ? active + 1 : column, showOptions, options);
        editor.panels.push(panel);
        return panel;
    },
    registerWebviewPanelSerializer: (
        viewType: string,
        serializer: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> },
    ) => {
        editor.serializers.set(viewType, serializer);
        return new Disposable(() => editor.serializers.delete(viewType));
    },
    showSaveDialog: async (options: unknown) => {
        editor.lastSaveDialog = options;
        return editor.saveAs;
    },
    withProgress: async <T>(options: unknown, task: (progress: unknown, token: unknown) => Promise<T>) => {
        editor.progress.push(options);
        return task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: editor.cancelProgress.event });
    },
};

export const workspace = {
    getConfiguration: () => ({ get: <T>(key: string, fallback: T) => (editor.settings.get(key) as T) ?? fallback }),
    onDidChangeConfiguration: editor.configurationChanged.event,
    get workspaceFolders() {
        return editor.workspaceFolders;
    },
    get isTrusted() {
        return editor.trusted;
    },
    getWorkspaceFolder: (uri: Uri) => editor.workspaceFolders?.find((f) => uri.path.startsWith(`${f.uri.path}/`)),
    get textDocuments() {
        return editor.textDocuments;
    },
    fs: {
        stat: async (uri: Uri) => {
            if (!editor.files.has(uri.toString())) throw new Error(`EntryNotFound (FileSystemError): ${uri}`);
            return { type: 1 };
        },
        writeFile: async (uri: Uri, content: Uint8Array) => {
            editor.written.set(uri.toString(), content);
        },
    },
    openTextDocument: async (source: { toString(): string } | { language: string; content: string }) => {
        if (!('content' in source)) {
            const lines = (editor.files.get(source.toString()) ?? '').split('\n');
            return {
                uri: source,
                lineCount: lines.length,
                lineAt: (line: number) => ({ text: lines[line] ?? '' }),
                // As VS Code does: a position past the end of a line or of the document moves back inside it.
                validatePosition: (p: Position) => {
                    const line = Math.min(p.line, lines.length - 1);
                    return new Position(line, Math.min(p.character, lines[line].length));
                },
            };
        }
        editor.untitled.push(source);
        return { uri: Uri.parse(`untitled:Untitled-${editor.untitled.length}`) };
    },
};

export const commands = {
    registerCommand: (command: string, callback: (...args: unknown[]) => unknown) => {
        if (editor.commands.has(command)) throw new Error(`command '${command}' already exists`);
        editor.commands.set(command, callback);
        return new Disposable(() => editor.commands.delete(command));
    },
    executeCommand: async (command: string, ...args: unknown[]) => {
        editor.executed.push({ command, args });
    },
};

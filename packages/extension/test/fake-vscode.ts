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
    toString(): string {
        return this.text;
    }
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
    revealRange: ReturnType<typeof vi.fn>;
}

/** Everything the code under test did, and the answers it will get. */
export const editor = {
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    executed: [] as { command: string; args: unknown[] }[],
    messages: [] as { level: 'info' | 'error'; text: string }[],
    statusItems: [] as { text: string; tooltip?: string; command?: string; visible: boolean }[],
    opened: [] as { uri: string; selection?: Range }[],
    untitled: [] as { language: string; content: string }[],
    settings: new Map<string, unknown>(),
    /** The text of files the code opens by URI. */
    files: new Map<string, string>(),
    configurationChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
    activeEditorChanged: new EventEmitter<unknown>(),
    activeTextEditor: undefined as FakeEditor | undefined,
    /** Picks from the items a quick pick is shown; undefined cancels. */
    pick: (items: unknown[]): unknown => items[0],
    lastQuickPick: undefined as { items: unknown[]; options: unknown } | undefined,
    log: [] as string[],
    reset(): void {
        this.commands.clear();
        this.executed = [];
        this.messages = [];
        this.statusItems = [];
        this.opened = [];
        this.untitled = [];
        this.settings.clear();
        this.files.clear();
        this.activeTextEditor = undefined;
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
    showTextDocument: async (target: { uri?: unknown }, options?: { selection?: Range }) => {
        editor.opened.push({ uri: String(target.uri ?? target), selection: options?.selection });
        return { revealRange: vi.fn() };
    },
    withProgress: async <T>(_options: unknown, task: () => Promise<T>) => task(),
};

export const workspace = {
    getConfiguration: () => ({ get: <T>(key: string, fallback: T) => (editor.settings.get(key) as T) ?? fallback }),
    onDidChangeConfiguration: editor.configurationChanged.event,
    openTextDocument: async (source: { toString(): string } | { language: string; content: string }) => {
        if (!('content' in source)) {
            const lines = (editor.files.get(source.toString()) ?? '').split('\n');
            return { uri: source, lineAt: (line: number) => ({ text: lines[line] ?? '' }) };
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

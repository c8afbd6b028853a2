// The graph view's host side against the stand-in for VS Code (test/fake-vscode.ts) and a scripted language client:
// the page and its Content-Security-Policy, what the host posts to the webview and when, and what it does with what
// the webview posts. The renderer itself is tested in Chromium.
import { readFileSync } from 'node:fs';
import type { CompiledModel } from 'pom-language';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activate, deactivate } from '../src/extension.js';
import { CURSOR_DEBOUNCE_MS, GRAPH_VIEW_TYPE, MODEL_DEBOUNCE_MS } from '../src/graph-panel.js';
import { createNonce, graphCsp, graphHtml } from '../src/webview-html.js';
import { MAX_EXPORT_CHARS } from '../src/webview-messages.js';
import { editor, FakeWebviewPanel, Position, pomEditor, Uri, ViewColumn } from './fake-vscode.js';

vi.mock('vscode', () => import('./fake-vscode.js'));

const client = vi.hoisted(() => {
    const state = {
        notificationHandlers: new Map<string, (params: unknown) => void>(),
        responses: new Map<string, (params: unknown) => unknown>(),
        requests: [] as { method: string; params: unknown }[],
        async start() {},
        async stop() {},
        // Like vscode-languageclient: one handler per method, a second registration replaces the first.
        onNotification(type: { method: string }, handler: (params: unknown) => void) {
            state.notificationHandlers.set(type.method, handler);
            return { dispose: () => state.notificationHandlers.delete(type.method) };
        },
        async sendRequest(type: { method: string }, params: unknown) {
            state.requests.push({ method: type.method, params });
            return state.responses.get(type.method)?.(params);
        },
        notify(method: string, params: unknown) {
            state.notificationHandlers.get(method)?.(params);
        },
        code2ProtocolConverter: {
            asUri: (uri: { toString(): string }) => uri.toString(),
            asPosition: (p: { line: number; character: number }) => ({ line: p.line, character: p.character }),
        },
        reset() {
            state.notificationHandlers.clear();
            state.responses.clear();
            state.requests = [];
        },
    };
    return state;
});

vi.mock('../src/language-client.js', () => ({ POM_LANGUAGE: 'pom', createLanguageClient: () => client }));

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const context = { subscriptions: [] as { dispose(): unknown }[], extensionUri: Uri.parse('file:///ext'), asAbsolutePath: (p: string) => p };
const MEDIA = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media';
const STATS = { elements: 3, errors: 0, warnings: 0 };

function element(id: string, kind: string, path: string, line: number): CompiledModel['elements'][number] {
    const none = { declared: null, effective: null, inheritedFrom: null, via: null };
    const name = id.slice(id.lastIndexOf('.') + 1);
    return {
        id,
        kind,
        kindChain: [kind],
        stage: kind,
        name,
        title: `${name} <img src=x onerror=alert(1)>`,
        doc: null,
        namespace: 'acme.growth',
        parent: null,
        fields: {},
        horizon: { ...none, length: null, months: null },
        owners: { declared: [], effective: [], inheritedFrom: null, via: null },
        funding: none,
        incoming: {},
        reaches: { insight: false, input: false, driver: false, northStar: false, outcome: false },
        source: { path, line, column: 1 },
    };
}

function model(version = 1): CompiledModel {
    return {
        format: 'pom-model',
        version: 2,
        elements: [
            element('acme.growth.ChurnInterviews', 'insight', 'growth/discovery.pom', 3),
            element('acme.growth.SlowOnboarding', 'opportunity', 'growth/discovery.pom', 9 + version),
            element('acme.growth.WizardBet', 'bet', 'bets.pom', 5),
        ],
        links: [],
        kinds: [],
        diagnostics: [],
    };
}

async function openGraph(): Promise<FakeWebviewPanel> {
    const callback = editor.commands.get('pom.showGraph');
    if (!callback) throw new Error('pom.showGraph is not registered');
    await callback();
    const panel = editor.panels.at(-1);
    if (!panel) throw new Error('no panel was created');
    return panel;
}

/** Opens the graph and lets its script say `ready`; the model it loads is posted. */
async function readyGraph(): Promise<FakeWebviewPanel> {
    const panel = await openGraph();
    panel.webview.receive({ type: 'ready' });
    await settle();
    return panel;
}

/** Lets timers run and pending promises settle. */
async function settle(ms = 0): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
}

const requested = (method: string) => client.requests.filter((r) => r.method === method);
const posted = (panel: FakeWebviewPanel, type: string) => panel.webview.posted.filter((m) => (m as { type: string }).type === type);

beforeEach(async () => {
    vi.useFakeTimers();
    editor.reset();
    client.reset();
    client.responses.set('pom/compiledModel', () => model());
    await activate(context as never);
});

afterEach(async () => {
    await deactivate();
    for (const subscription of context.subscriptions.splice(0)) subscription.dispose();
    vi.useRealTimers();
});

describe('the page', () => {
    const options = { cspSource: 'https://*.vscode-cdn.net', scriptUri: `${MEDIA}/graph-webview.js`, styleUri: `${MEDIA}/graph.css` };

    it('loads exactly one script, by nonce, from the extension, and no inline script or style', () => {
        const html = graphHtml({ ...options, nonce: 'n0nce+/A' });
        const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
        expect(html.match(/<script\b/g)).toHaveLength(1);
        expect(scripts).toHaveLength(1);
        expect(scripts[0][1]).toBe(` nonce="n0nce+/A" src="${MEDIA}/graph-webview.js"`);
        expect(scripts[0][2]).toBe('');
        expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
        expect([...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0])).toEqual([`<link rel="stylesheet" href="${MEDIA}/graph.css">`]);
    });

    it('has exactly the strict Content-Security-Policy: nothing inline, nothing remote', () => {
        const html = graphHtml({ ...options, nonce: 'abc123' });
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
        expect(csp).toBe(
            "default-src 'none'; script-src 'nonce-abc123'; style-src https://*.vscode-cdn.net; " +
                'img-src https://*.vscode-cdn.net data: blob:; font-src https://*.vscode-cdn.net; worker-src blob:',
        );
        expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
        // Every source is the webview's own resource origin, a nonce, or local data.
        const sources = csp!.split(';').flatMap((directive) => directive.trim().split(/\s+/).slice(1));
        for (const source of sources) expect(["'none'", "'nonce-abc123'", options.cspSource, 'data:', 'blob:']).toContain(source);
        expect(csp).not.toMatch(/unsafe|\*(?!\.vscode-cdn\.net)|http:/);
    });

    it('escapes what it puts in attributes', () => {
        const html = graphHtml({ ...options, styleUri: 'x"><script>alert(1)</script>', nonce: 'n' });
        expect(html.match(/<script\b/g)).toHaveLength(1);
        expect(html).toContain('href="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    });

    it('makes a new nonce of 144 random bits every time', () => {
        const nonces = new Set(Array.from({ length: 50 }, createNonce));
        expect(nonces.size).toBe(50);
        for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
        expect(graphCsp('src', 'n')).toContain("script-src 'nonce-n'");
    });
});

describe('POM: Show Graph', () => {
    it('is contributed with an icon in the editor title of .pom files, and restores after a reload', () => {
        const command = manifest.contributes.commands.find((c: { command: string }) => c.command === 'pom.showGraph');
        expect(command).toEqual({ command: 'pom.showGraph', title: 'Show Graph', category: 'POM', icon: '$(type-hierarchy)' });
        expect(manifest.contributes.menus['editor/title']).toContainEqual({
            command: 'pom.showGraph',
            when: 'editorLangId == pom',
            group: 'navigation',
        });
        expect(manifest.activationEvents).toContain(`onWebviewPanel:${GRAPH_VIEW_TYPE}`);
        expect(editor.commands.has('pom.showGraph')).toBe(true);
        expect(editor.serializers.has(GRAPH_VIEW_TYPE)).toBe(true);
    });

    it('opens one panel beside the editor, with scripts on and only dist/media readable', async () => {
        editor.activeTextEditor = { ...pomEditor('file:///ws/bets.pom', 0, 0, ''), viewColumn: ViewColumn.One };
        const panel = await openGraph();
        expect(panel.viewType).toBe(GRAPH_VIEW_TYPE);
        expect(panel.title).toBe('POM Graph');
        expect(panel.showOptions).toEqual({ viewColumn: ViewColumn.Beside, preserveFocus: true });
        expect(panel.viewColumn).toBe(ViewColumn.Two);
        expect(panel.webview.options.enableScripts).toBe(true);
        expect(panel.webview.options.localResourceRoots?.map(String)).toEqual(['file:///ext/dist/media']);
        expect(panel.panelOptions).toMatchObject({ enableScripts: true, retainContextWhenHidden: true });
        expect((panel.panelOptions as { localResourceRoots: Uri[] }).localResourceRoots.map(String)).toEqual(['file:///ext/dist/media']);
        expect(panel.webview.html).toContain(`<script nonce="`);
        expect(panel.webview.html).toContain(`src="${MEDIA}/graph-webview.js"`);

        // Again: the same panel comes forward.
        panel.setVisible(false);
        await openGraph();
        expect(editor.panels).toEqual([panel]);
        expect(panel.revealed).toBe(1);
        expect(panel.visible).toBe(true);
    });

    it('renders with a fresh nonce each time a page is made', async () => {
        const nonceOf = (panel: FakeWebviewPanel) => /<script nonce="([^"]+)"/.exec(panel.webview.html)?.[1];
        const first = await openGraph();
        first.dispose();
        const second = await openGraph();
        expect(editor.panels).toHaveLength(2);
        expect(nonceOf(first)).toBeTruthy();
        expect(nonceOf(second)).toBeTruthy();
        expect(nonceOf(second)).not.toBe(nonceOf(first));
        expect(second.webview.html).toContain(`'nonce-${nonceOf(second)}'`);
    });

    it('restores a graph left open before a reload, with the same options', async () => {
        const panel = new FakeWebviewPanel(GRAPH_VIEW_TYPE, 'POM Graph', ViewColumn.Two, {}, {});
        await editor.serializers.get(GRAPH_VIEW_TYPE)?.deserializeWebviewPanel(panel, undefined);
        expect(panel.webview.options.enableScripts).toBe(true);
        expect(panel.webview.options.localResourceRoots?.map(String)).toEqual(['file:///ext/dist/media']);
        expect(panel.webview.html).toMatch(/<script nonce="[^"]+" src="[^"]+graph-webview\.js"><\/script>/);
        panel.webview.receive({ type: 'ready' });
        await settle();
        expect(panel.webview.posted).toEqual([{ type: 'model', model: model() }]);
        // The command now brings this panel forward rather than opening another.
        await editor.commands.get('pom.showGraph')?.();
        expect(editor.panels).toEqual([]);
        expect(panel.revealed).toBe(1);
    });
});

describe('the model', () => {
    it('is posted when the script is ready, and not before', async () => {
        const panel = await openGraph();
        await settle(1000);
        expect(panel.webview.posted).toEqual([]);
        expect(client.requests).toEqual([]);

        panel.webview.receive({ type: 'ready' });
        await settle();
        expect(requested('pom/compiledModel')).toEqual([{ method: 'pom/compiledModel', params: {} }]);
        expect(panel.webview.posted).toEqual([{ type: 'model', model: model() }]);
    });

    it('is posted again after pom/modelChanged, once per burst of changes', async () => {
        const panel = await readyGraph();
        client.responses.set('pom/compiledModel', () => model(2));
        for (let i = 0; i < 4; i++) {
            client.notify('pom/modelChanged', STATS);
            await settle(MODEL_DEBOUNCE_MS / 2);
        }
        expect(requested('pom/compiledModel')).toHaveLength(1); // only the one `ready` asked for
        await settle(MODEL_DEBOUNCE_MS);
        expect(requested('pom/compiledModel')).toHaveLength(2);
        expect(posted(panel, 'model')).toEqual([
            { type: 'model', model: model() },
            { type: 'model', model: model(2) },
        ]);
    });

    it('keeps the status bar up to date too: both listen to the one notification', async () => {
        await readyGraph();
        client.notify('pom/modelChanged', { elements: 7, errors: 2, warnings: 0 });
        expect(editor.statusItems[0].text).toBe('$(type-hierarchy) 7 elements  $(error) 2  $(warning) 0');
        await settle(MODEL_DEBOUNCE_MS);
        expect(requested('pom/compiledModel')).toHaveLength(2);
    });

    it('waits while the panel is hidden, and is posted when it shows again', async () => {
        const panel = await readyGraph();
        panel.setVisible(false);
        client.responses.set('pom/compiledModel', () => model(2));
        client.notify('pom/modelChanged', STATS);
        client.notify('pom/modelChanged', STATS);
        await settle(MODEL_DEBOUNCE_MS * 5);
        expect(requested('pom/compiledModel')).toHaveLength(1);

        panel.setVisible(true);
        await settle();
        expect(requested('pom/compiledModel')).toHaveLength(2);
        expect(posted(panel, 'model').at(-1)).toEqual({ type: 'model', model: model(2) });

        // Shown again with nothing new: nothing is fetched.
        panel.setVisible(false);
        panel.setVisible(true);
        await settle(MODEL_DEBOUNCE_MS * 2);
        expect(requested('pom/compiledModel')).toHaveLength(2);
    });

    it('drops an answer that a newer one overtook', async () => {
        const panel = await readyGraph();
        const answers: ((model: CompiledModel) => void)[] = [];
        client.responses.set('pom/compiledModel', () => new Promise((resolve) => answers.push(resolve)));
        client.notify('pom/modelChanged', STATS);
        await settle(MODEL_DEBOUNCE_MS);
        client.notify('pom/modelChanged', STATS);
        await settle(MODEL_DEBOUNCE_MS);
        expect(answers).toHaveLength(2);
        answers[1](model(3));
        answers[0](model(2));
        await settle();
        expect(posted(panel, 'model')).toEqual([
            { type: 'model', model: model() },
            { type: 'model', model: model(3) },
        ]);
    });

    it('says in the output when the model cannot be had', async () => {
        client.responses.set('pom/compiledModel', () => Promise.reject(new Error('Client is not running')));
        const panel = await readyGraph();
        expect(panel.webview.posted).toEqual([]);
        expect(editor.log).toContain('error The graph could not load the model: Client is not running');
    });
});

describe('the cursor', () => {
    const at = (uri: string, line: number, character: number) => ({ ...pomEditor(uri, line, character, ''), viewColumn: ViewColumn.One });

    it('is followed in .pom editors: pom/elementAt, then the element is posted', async () => {
        const panel = await readyGraph();
        client.responses.set('pom/elementAt', (params) =>
            (params as { position: { line: number } }).position.line === 4 ? { id: 'acme.growth.WizardBet' } : null,
        );
        const moved = at('file:///ws/bets.pom', 4, 6);
        editor.selectionChanged.fire({ textEditor: moved });
        editor.selectionChanged.fire({ textEditor: { ...moved, selection: { active: new Position(4, 8) } } });
        await settle(CURSOR_DEBOUNCE_MS - 1);
        expect(requested('pom/elementAt')).toEqual([]);
        await settle(1);
        expect(requested('pom/elementAt')).toEqual([
            { method: 'pom/elementAt', params: { uri: 'file:///ws/bets.pom', position: { line: 4, character: 8 } } },
        ]);
        expect(posted(panel, 'cursor')).toEqual([{ type: 'cursor', id: 'acme.growth.WizardBet' }]);

        // Off every element: the highlight goes.
        editor.selectionChanged.fire({ textEditor: at('file:///ws/bets.pom', 1, 0) });
        await settle(CURSOR_DEBOUNCE_MS);
        expect(posted(panel, 'cursor').at(-1)).toEqual({ type: 'cursor', id: null });
    });

    it('is sent with the model when the script is ready', async () => {
        editor.activeTextEditor = at('file:///ws/bets.pom', 4, 6);
        client.responses.set('pom/elementAt', () => ({ id: 'acme.growth.WizardBet' }));
        const panel = await readyGraph();
        expect(panel.webview.posted).toEqual([
            { type: 'model', model: model() },
            { type: 'cursor', id: 'acme.growth.WizardBet' },
        ]);
    });

    it('ignores other languages, and waits while the panel is hidden', async () => {
        const panel = await readyGraph();
        client.responses.set('pom/elementAt', () => ({ id: 'acme.growth.WizardBet' }));
        const markdown = at('file:///ws/notes.md', 1, 1);
        markdown.document = { ...markdown.document, languageId: 'markdown' };
        editor.selectionChanged.fire({ textEditor: markdown });
        await settle(CURSOR_DEBOUNCE_MS * 2);
        expect(requested('pom/elementAt')).toEqual([]);

        panel.setVisible(false);
        editor.selectionChanged.fire({ textEditor: at('file:///ws/bets.pom', 4, 6) });
        await settle(CURSOR_DEBOUNCE_MS * 2);
        expect(requested('pom/elementAt')).toEqual([]);
        panel.setVisible(true);
        await settle();
        expect(requested('pom/elementAt')).toHaveLength(1);
        expect(posted(panel, 'cursor')).toEqual([{ type: 'cursor', id: 'acme.growth.WizardBet' }]);
    });
});

describe('reveal', () => {
    beforeEach(() => {
        editor.workspaceFolders = [{ uri: Uri.parse('file:///ws'), name: 'ws', index: 0 }];
        editor.files.set('file:///ws/growth/discovery.pom', 'namespace acme.growth\n\ninsight ChurnInterviews "Churn interviews" {\n}\n');
        editor.files.set('file:///ws/bets.pom', 'namespace acme.growth\n\n\n\nbet WizardBet "A guided setup" {\n}\n');
    });

    it('opens the file at the line and column, in the column the user came from, keeping focus in the graph', async () => {
        editor.activeTextEditor = { ...pomEditor('file:///ws/bets.pom', 0, 0, ''), viewColumn: ViewColumn.One };
        const panel = await readyGraph();
        editor.activeTextEditor = undefined; // the graph has focus now
        panel.webview.receive({ type: 'reveal', id: 'acme.growth.ChurnInterviews', path: 'growth/discovery.pom', line: 3, column: 9 });
        await settle();
        expect(editor.opened).toEqual([
            {
                uri: 'file:///ws/growth/discovery.pom',
                selection: { start: new Position(2, 8), end: new Position(2, 8) },
                viewColumn: ViewColumn.One,
                preserveFocus: true,
            },
        ]);
    });

    it('finds the file in the workspace folder that has it', async () => {
        editor.workspaceFolders = [
            { uri: Uri.parse('file:///product'), name: 'product', index: 0 },
            { uri: Uri.parse('file:///strategy'), name: 'strategy', index: 1 },
        ];
        editor.files.set('file:///strategy/bets.pom', 'namespace acme\n\n\n\nbet WizardBet "A guided setup" {\n}\n');
        const panel = await readyGraph();
        panel.webview.receive({ type: 'reveal', id: 'acme.growth.WizardBet', path: 'bets.pom', line: 5, column: 5 });
        await settle();
        expect(editor.opened.map((o) => [o.uri, o.selection?.start])).toEqual([['file:///strategy/bets.pom', new Position(4, 4)]]);
    });

    it('opens beside the graph, never over it, when the editor’s column is unknown', async () => {
        const panel = await readyGraph();
        panel.webview.receive({ type: 'reveal', id: 'acme.growth.WizardBet', path: 'bets.pom', line: 500, column: 1 });
        await settle();
        expect(editor.opened).toEqual([
            expect.objectContaining({ uri: 'file:///ws/bets.pom', viewColumn: ViewColumn.Beside, selection: expect.anything() }),
        ]);
        // Past the end of the file: the position is moved back inside it.
        expect(editor.opened[0].selection?.start).toEqual(new Position(6, 0));
    });

    it('opens only files of the model on screen', async () => {
        editor.files.set('file:///ws/secrets.pom', 'namespace x\n');
        const panel = await readyGraph();
        panel.webview.receive({ type: 'reveal', id: 'x', path: 'secrets.pom', line: 1, column: 1 });
        panel.webview.receive({ type: 'reveal', id: 'x', path: '../etc/passwd', line: 1, column: 1 });
        await settle();
        expect(editor.opened).toEqual([]);
    });
});

describe('export', () => {
    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>WizardBet</text></svg>';
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

    beforeEach(() => {
        editor.workspaceFolders = [{ uri: Uri.parse('file:///ws'), name: 'ws', index: 0 }];
    });

    it('writes SVG text where the user chose', async () => {
        const panel = await readyGraph();
        editor.saveAs = Uri.parse('file:///ws/docs/model.svg');
        panel.webview.receive({ type: 'export', format: 'svg', data: svg });
        await settle();
        expect(editor.lastSaveDialog).toMatchObject({ filters: { 'SVG image': ['svg'] } });
        expect(String((editor.lastSaveDialog as { defaultUri: Uri }).defaultUri)).toBe('file:///ws/pom-graph.svg');
        expect(new TextDecoder().decode(editor.written.get('file:///ws/docs/model.svg'))).toBe(svg);
    });

    it('writes a PNG decoded from its data URL', async () => {
        const panel = await readyGraph();
        editor.saveAs = Uri.parse('file:///ws/model.png');
        panel.webview.receive({ type: 'export', format: 'png', data: `data:image/png;base64,${png.toString('base64')}` });
        await settle();
        expect(editor.lastSaveDialog).toMatchObject({ filters: { 'PNG image': ['png'] } });
        expect(Buffer.from(editor.written.get('file:///ws/model.png')!)).toEqual(png);
    });

    it('writes nothing when the dialog is cancelled, or the data is not the picture it claims to be', async () => {
        const panel = await readyGraph();
        panel.webview.receive({ type: 'export', format: 'svg', data: svg });
        await settle();
        expect(editor.lastSaveDialog).toBeDefined();

        editor.lastSaveDialog = undefined;
        editor.saveAs = Uri.parse('file:///ws/model.png');
        for (const data of [
            `data:image/png;base64,${Buffer.from('#!/bin/sh\nrm -rf ~').toString('base64')}`,
            `data:text/html;base64,${png.toString('base64')}`,
            'data:image/png;base64,not base64!',
        ]) {
            panel.webview.receive({ type: 'export', format: 'png', data });
        }
        panel.webview.receive({ type: 'export', format: 'svg', data: '<html><script>alert(1)</script></html>' });
        await settle();
        expect(editor.lastSaveDialog).toBeUndefined();
        expect(editor.written.size).toBe(0);
        expect(editor.log.filter((line) => line.startsWith('warn '))).toHaveLength(4);
    });
});

describe('messages from the webview', () => {
    it('writes errors to the POM output channel', async () => {
        const panel = await readyGraph();
        panel.webview.receive({ type: 'error', message: 'layout failed: NaN' });
        expect(editor.log).toContain('error Graph view: layout failed: NaN');
    });

    it('ignores anything that is not a message of the protocol', async () => {
        editor.workspaceFolders = [{ uri: Uri.parse('file:///ws'), name: 'ws', index: 0 }];
        editor.files.set('file:///ws/bets.pom', 'bet WizardBet "A guided setup" {}\n');
        editor.saveAs = Uri.parse('file:///ws/out.svg');
        const panel = await readyGraph();
        const before = { posted: panel.webview.posted.length, requests: client.requests.length, log: editor.log.length };
        const reveal = { type: 'reveal', id: 'acme.growth.WizardBet', path: 'bets.pom', line: 1, column: 1 };
        const malformed: unknown[] = [
            null,
            'ready',
            42,
            [],
            {},
            { type: 'READY' },
            { type: 'model', model: model() },
            { type: 'cursor', id: 'acme.growth.WizardBet' },
            { ...reveal, path: undefined },
            { ...reveal, path: '/etc/passwd' },
            { ...reveal, path: 'growth/../../etc/passwd' },
            { ...reveal, path: 'growth\\..\\bets.pom' },
            { ...reveal, path: '' },
            { ...reveal, line: 0 },
            { ...reveal, line: 1.5 },
            { ...reveal, column: '1' },
            { ...reveal, line: Number.NaN },
            { ...reveal, id: 7 },
            { type: 'export', format: 'html', data: '<svg></svg>' },
            { type: 'export', format: 'svg', data: { toString: () => '<svg></svg>' } },
            { type: 'export', format: 'svg', data: `<svg>${'x'.repeat(MAX_EXPORT_CHARS)}</svg>` },
            { type: 'error', message: { text: 'x' } },
        ];
        for (const message of malformed) panel.webview.receive(message);
        await settle(1000);
        expect(editor.opened).toEqual([]);
        expect(editor.lastSaveDialog).toBeUndefined();
        expect(editor.written.size).toBe(0);
        expect(panel.webview.posted).toHaveLength(before.posted);
        expect(client.requests).toHaveLength(before.requests);
        expect(editor.log.slice(before.log).every((line) => line.startsWith('debug '))).toBe(true);

        // The same channel still works for a well-formed message.
        panel.webview.receive(reveal);
        await settle();
        expect(editor.opened.map((o) => o.uri)).toEqual(['file:///ws/bets.pom']);
    });
});

describe('closing the panel', () => {
    it('disposes its listeners, and the command opens a new panel', async () => {
        const listeners = () => [editor.selectionChanged.listenerCount, editor.activeEditorChanged.listenerCount];
        const [selection, active] = listeners();
        const panel = await readyGraph();
        expect(listeners()).toEqual([selection + 1, active + 1]);

        panel.dispose();
        expect(listeners()).toEqual([selection, active]);
        expect(panel.webview.received.listenerCount).toBe(0);
        expect(panel.viewStateChanged.listenerCount).toBe(0);
        client.notify('pom/modelChanged', STATS);
        editor.selectionChanged.fire({ textEditor: pomEditor('file:///ws/bets.pom', 4, 6, '') });
        await settle(MODEL_DEBOUNCE_MS * 2);
        expect(client.requests).toHaveLength(1);

        const again = await openGraph();
        expect(again).not.toBe(panel);
        expect(editor.panels).toHaveLength(2);
    });

    it('cancels a pending update', async () => {
        const panel = await readyGraph();
        client.notify('pom/modelChanged', STATS);
        panel.dispose();
        await settle(MODEL_DEBOUNCE_MS * 2);
        expect(client.requests).toHaveLength(1);
    });

    it('happens when the extension deactivates', async () => {
        const panel = await readyGraph();
        for (const subscription of context.subscriptions.splice(0)) subscription.dispose();
        expect(panel.disposed).toBe(true);
        expect(editor.commands.has('pom.showGraph')).toBe(false);
        expect(editor.serializers.has(GRAPH_VIEW_TYPE)).toBe(false);
    });
});

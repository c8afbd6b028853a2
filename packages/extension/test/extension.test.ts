// The extension's own code against a stand-in for VS Code (test/fake-vscode.ts) and a scripted language client:
// what each command asks the server, what it shows, and where it goes. The server side of these requests is
// tested against the real bundle in vsix.test.ts.
import { readFileSync } from 'node:fs';
import type { CompiledModel, LineageEntry } from 'pom-language';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activate, deactivate } from '../src/extension.js';
import { SettingTraceChannel } from '../src/trace-channel.js';
import { editor, LogLevel, Position, pomEditor } from './fake-vscode.js';

vi.mock('vscode', () => import('./fake-vscode.js'));

const client = vi.hoisted(() => {
    const state = {
        notificationHandlers: new Map<string, (params: unknown) => void>(),
        responses: new Map<string, (params: unknown) => unknown>(),
        requests: [] as { method: string; params: unknown }[],
        startError: undefined as Error | undefined,
        async start() {
            if (state.startError) throw state.startError;
        },
        async stop() {},
        onNotification(type: { method: string }, handler: (params: unknown) => void) {
            state.notificationHandlers.set(type.method, handler);
            return { dispose() {} };
        },
        async sendRequest(type: { method: string }, params: unknown) {
            state.requests.push({ method: type.method, params });
            return state.responses.get(type.method)?.(params);
        },
        code2ProtocolConverter: {
            asUri: (uri: { toString(): string }) => uri.toString(),
            asPosition: (p: { line: number; character: number }) => ({ line: p.line, character: p.character }),
        },
        protocol2CodeConverter: { asUri: (text: string) => ({ toString: () => text }) },
        reset() {
            state.notificationHandlers.clear();
            state.responses.clear();
            state.requests = [];
            state.startError = undefined;
        },
    };
    return state;
});

vi.mock('../src/language-client.js', () => ({ POM_LANGUAGE: 'pom', createLanguageClient: () => client }));

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const context = { subscriptions: [] as { dispose(): unknown }[], asAbsolutePath: (path: string) => `/ext/${path}` };

function command(name: string): (...args: unknown[]) => Promise<unknown> {
    const callback = editor.commands.get(name);
    if (!callback) throw new Error(`${name} is not registered`);
    return async (...args) => callback(...args);
}

function entry(name: string, kind: string, distance: number, uri: string, line: number): LineageEntry {
    const at = { line, character: 0 };
    return {
        id: `acme.${name}`,
        name,
        kind,
        title: `${name} title`,
        distance,
        uri,
        range: { start: at, end: { line: line + 2, character: 1 } },
    };
}

beforeEach(async () => {
    editor.reset();
    client.reset();
});

afterEach(async () => {
    await deactivate();
    for (const subscription of context.subscriptions.splice(0)) subscription.dispose();
});

describe('activation', () => {
    it('registers exactly the commands the manifest contributes', async () => {
        await activate(context as never);
        const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
        expect([...editor.commands.keys()].sort()).toEqual(contributed.sort());
    });

    it('shows the model in the status bar from pom/modelChanged; a click opens the Problems view', async () => {
        await activate(context as never);
        const [status] = editor.statusItems;
        client.notificationHandlers.get('pom/modelChanged')?.({ elements: 42, errors: 1, warnings: 3 });
        expect(status.text).toBe('$(type-hierarchy) 42 elements  $(error) 1  $(warning) 3');
        expect(status.tooltip).toContain('42 elements, 1 error, 3 warnings');
        expect(status.command).toBe('workbench.actions.view.problems');
        expect(status.visible).toBe(true);
    });

    it('says so when the server does not start, and points at its output', async () => {
        client.startError = new Error('spawn failed');
        await activate(context as never);
        expect(editor.messages).toEqual([{ level: 'error', text: 'The POM language server did not start.' }]);
        expect(editor.statusItems[0]).toMatchObject({ text: '$(error) POM', command: 'pom.showOutput', visible: true });
        expect(editor.log).toContain('appendLine The POM language server did not start: spawn failed');
    });
});

describe('Go to Upstream/Downstream', () => {
    it('asks pom/lineage at the cursor, lists the lineage and opens the pick', async () => {
        await activate(context as never);
        editor.activeTextEditor = pomEditor('file:///ws/a.pom', 3, 10, 'ChurnInterviews');
        client.responses.set('pom/lineage', () => [
            entry('SlowOnboarding', 'opportunity', 1, 'file:///ws/a.pom', 7),
            entry('GuidedSetup', 'option', 2, 'file:///ws/b.pom', 12),
        ]);
        editor.pick = (items) => items[1];
        editor.files.set('file:///ws/b.pom', `${'\n'.repeat(12)}option GuidedSetup "A guided setup" {`);
        await command('pom.goToDownstream')();

        expect(client.requests).toEqual([
            { method: 'pom/lineage', params: { uri: 'file:///ws/a.pom', position: { line: 3, character: 10 }, direction: 'downstream' } },
        ]);
        expect(editor.lastQuickPick?.items).toEqual([
            expect.objectContaining({
                label: 'SlowOnboarding',
                description: 'opportunity · SlowOnboarding title',
                detail: '1 step downstream',
            }),
            expect.objectContaining({ label: 'GuidedSetup', description: 'option · GuidedSetup title', detail: '2 steps downstream' }),
        ]);
        expect(editor.lastQuickPick?.options).toMatchObject({ title: 'Downstream of “ChurnInterviews” (2)' });
        // The entry starts at the element's kind; the cursor goes to its name, where lineage can be asked again.
        expect(editor.opened).toEqual([{ uri: 'file:///ws/b.pom', selection: { start: new Position(12, 7), end: new Position(12, 7) } }]);
    });

    it('opens nothing when the pick is cancelled', async () => {
        await activate(context as never);
        editor.activeTextEditor = pomEditor('file:///ws/a.pom', 3, 10, 'ChurnInterviews');
        client.responses.set('pom/lineage', () => [entry('SlowOnboarding', 'opportunity', 1, 'file:///ws/a.pom', 7)]);
        editor.pick = () => undefined;
        await command('pom.goToUpstream')();
        expect(editor.opened).toEqual([]);
    });

    it('says when nothing flows, and needs a .pom editor', async () => {
        await activate(context as never);
        await command('pom.goToUpstream')();
        expect(client.requests).toEqual([]);
        expect(editor.messages.pop()?.text).toMatch(/\.pom file/);

        editor.activeTextEditor = pomEditor('file:///ws/a.pom', 0, 9, 'Lonely');
        client.responses.set('pom/lineage', () => []);
        await command('pom.goToUpstream')();
        expect(editor.messages.pop()?.text).toMatch(/^Nothing upstream of “Lonely”\./);
        expect(editor.lastQuickPick).toBeUndefined();
    });
});

describe('Show Lineage (the code lenses)', () => {
    it('opens the call hierarchy on the name of the element the lens stands on', async () => {
        await activate(context as never);
        editor.files.set('file:///ws/growth.pom', '\n\n\n\n  acme.spike DbSpike "Can the database take it?" {');
        await command('pom.showLineage')('file:///ws/growth.pom', { line: 4, character: 2 });
        expect(editor.opened).toEqual([
            { uri: 'file:///ws/growth.pom', selection: { start: new Position(4, 13), end: new Position(4, 13) } },
        ]);
        expect(editor.executed).toEqual([{ command: 'editor.showCallHierarchy', args: [] }]);
    });

    it('leaves the cursor where it is when the position is already on a name', async () => {
        await activate(context as never);
        editor.files.set('file:///ws/a.pom', 'bet WizardBet "A guided setup" { horizon: quarters }');
        await command('pom.showLineage')('file:///ws/a.pom', { line: 0, character: 4 });
        expect(editor.opened[0].selection?.start).toEqual(new Position(0, 4));
    });
});

describe('Compile Model to JSON', () => {
    it('opens the compiled model of the active file’s folder as untitled JSON', async () => {
        await activate(context as never);
        editor.activeTextEditor = pomEditor('file:///ws/a.pom', 0, 0, '');
        const model = { format: 'pom-model', version: 2, elements: [], links: [], kinds: [], diagnostics: [] } satisfies CompiledModel;
        client.responses.set('pom/compiledModel', () => model);
        await command('pom.compileModel')();
        expect(client.requests).toEqual([{ method: 'pom/compiledModel', params: { uri: 'file:///ws/a.pom' } }]);
        expect(editor.untitled).toHaveLength(1);
        expect(editor.untitled[0].language).toBe('json');
        expect(JSON.parse(editor.untitled[0].content)).toEqual(model);
        expect(editor.opened).toEqual([{ uri: 'untitled:Untitled-1', selection: undefined }]);
    });
});

describe('pom.trace.server', () => {
    it('switches protocol tracing on and off, into the POM channel', () => {
        const output = { info: vi.fn(), name: 'POM' };
        const trace = new SettingTraceChannel(output as never, 'pom.trace.server');
        const levels: LogLevel[] = [];
        trace.onDidChangeLogLevel((level) => levels.push(level));

        expect(trace.logLevel).toBe(LogLevel.Off);
        trace.trace('Sending request initialize');
        expect(output.info).not.toHaveBeenCalled();

        editor.settings.set('pom.trace.server', 'verbose');
        editor.configurationChanged.fire({ affectsConfiguration: (section) => section === 'pom.trace.server' });
        expect(levels).toEqual([LogLevel.Trace]);
        trace.trace('Sending request initialize');
        expect(output.info).toHaveBeenCalledWith('Sending request initialize');

        editor.settings.set('pom.trace.server', 'off');
        editor.configurationChanged.fire({ affectsConfiguration: (section) => section.startsWith('pom') });
        expect(levels).toEqual([LogLevel.Trace, LogLevel.Off]);
        trace.dispose();
    });
});

// The packaged extension: what the .vsix holds, what its manifest contributes, and that the language server inside
// it starts on its own and answers the requests the extension relies on.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompiledModelRequest, LineageRequest, ModelChangedNotification, type ModelStats } from 'pom-language';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
    DidOpenTextDocumentNotification,
    InitializedNotification,
    InitializeRequest,
    TextDocumentContentRequest,
} from 'vscode-languageserver-protocol';
import { ZipFile } from './zip.js';

const extensionDir = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
const vsixPath = join(extensionDir, 'pom-vscode.vsix');
const MAX_VSIX_BYTES = 3 * 1024 * 1024;

const COMMANDS = [
    'pom.goToUpstream',
    'pom.goToDownstream',
    'pom.compileModel',
    'pom.showLineage',
    'pom.showGraph',
    'pom.pullMetrics',
    'pom.showOutput',
];

/** The graph webview's script and style (media/graph, bundled by scripts/bundle.js), which graph-panel.ts loads. */
const MEDIA_FILES = ['extension/dist/media/graph-webview.js', 'extension/dist/media/graph.css'];
// Expected once the renderer's bundle exists; until then the .vsix must not pretend to have it.
const hasMedia = existsSync(join(extensionDir, 'dist/media/graph-webview.js'));

/** Everything the .vsix may hold besides vsce's own manifest files. */
const EXPECTED_FILES = [
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/dist/server.js',
    'extension/syntaxes/pom.tmLanguage.json',
    'extension/schemas/pom-project.schema.json',
    'extension/snippets/pom.code-snippets',
    'extension/language-configuration.json',
    'extension/images/icon.png',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
    ...(hasMedia ? MEDIA_FILES : []),
];

interface Manifest {
    name: string;
    publisher: string;
    main: string;
    icon: string;
    engines: { vscode: string };
    activationEvents: string[];
    capabilities: {
        untrustedWorkspaces: { supported: boolean | string };
        virtualWorkspaces: { supported: boolean | string; description?: string };
    };
    contributes: {
        languages: { id: string; extensions: string[]; configuration: string; icon: { light: string; dark: string } }[];
        grammars: { language: string; scopeName: string; path: string }[];
        jsonValidation: { fileMatch: string; url: string }[];
        snippets: { language: string; path: string }[];
        commands: { command: string; title: string; category?: string; icon?: string }[];
        menus: Record<string, { command: string; when?: string; group?: string }[]>;
        configuration: { properties: Record<string, { enum?: string[]; default?: unknown }> };
    };
}

function npm(...args: string[]): void {
    execFileSync('npm', args, { cwd: repositoryRoot, stdio: 'pipe' });
}

let vsix: ZipFile;
let manifest: Manifest;

beforeAll(() => {
    if (!existsSync(vsixPath)) {
        if (!existsSync(join(extensionDir, 'dist/server.js'))) npm('run', 'bundle');
        npm('run', 'package', '-w', 'pom-vscode');
    }
    vsix = ZipFile.open(vsixPath);
    manifest = JSON.parse(vsix.text('extension/package.json'));
}, 120_000);

const inVsix = (path: string) => `extension/${path.replace(/^\.\//, '')}`;

describe('the .vsix', () => {
    it('is under 3 MB', () => {
        expect(statSync(vsixPath).size).toBeLessThan(MAX_VSIX_BYTES);
    });

    it('holds the bundles, grammar, snippets, language configuration, icon and documents, and nothing else', () => {
        const files = [...vsix.entries.keys()].filter((name) => name.startsWith('extension/'));
        expect(files.sort()).toEqual([...EXPECTED_FILES].sort());
    });

    it('ships the repository grammar unchanged (run `npm run package` after changing syntaxes/)', () => {
        const shipped = vsix.text('extension/syntaxes/pom.tmLanguage.json');
        expect(shipped).toBe(readFileSync(join(repositoryRoot, 'syntaxes/pom.tmLanguage.json'), 'utf8'));
        expect(JSON.parse(shipped).scopeName).toBe('source.pom');
    });

    it('has a 128×128 PNG icon', () => {
        const png = vsix.read(inVsix(manifest.icon));
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(png.toString('ascii', 12, 16)).toBe('IHDR');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
    });

    it('has an MIT licence for the POM authors', () => {
        const license = vsix.text('extension/LICENSE.txt');
        expect(license).toMatch(/^MIT License/);
        expect(license).toContain('Copyright (c) 2026 The POM authors');
    });

    it('bundles everything into the extension and server scripts: they require nothing but Node and vscode', () => {
        for (const bundle of ['extension/dist/extension.js', 'extension/dist/server.js']) {
            const required = [...vsix.text(bundle).matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]);
            const foreign = required.filter((name) => name !== 'vscode' && !name.startsWith('node:') && !builtinModules.includes(name));
            expect(foreign, bundle).toEqual([]);
        }
        expect(vsix.text('extension/dist/server.js')).not.toMatch(/\brequire\("vscode"\)/);
    });
});

describe('the manifest', () => {
    it('activates on .pom files and targets VS Code 1.91', () => {
        expect(manifest.main).toBe('./dist/extension.js');
        expect(vsix.has(inVsix(manifest.main))).toBe(true);
        expect(manifest.engines.vscode).toBe('^1.91.0');
        // onWebviewPanel restores a graph that was open before VS Code reloaded.
        expect(manifest.activationEvents).toEqual(['onLanguage:pom', 'workspaceContains:**/*.pom', 'onWebviewPanel:pom.graph']);
    });

    it('declares the pom language with its configuration, grammar, snippets and icon, all inside the .vsix', () => {
        const [language] = manifest.contributes.languages;
        expect(language.id).toBe('pom');
        expect(language.extensions).toEqual(['.pom']);
        expect(manifest.contributes.grammars).toEqual([
            { language: 'pom', scopeName: 'source.pom', path: './syntaxes/pom.tmLanguage.json' },
        ]);
        expect(manifest.contributes.snippets).toEqual([{ language: 'pom', path: './snippets/pom.code-snippets' }]);
        // Completion and checks in project files come from their JSON Schema, shipped inside the .vsix.
        expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: 'pom.json', url: './schemas/pom-project.schema.json' }]);
        const paths = [
            manifest.icon,
            language.configuration,
            language.icon.light,
            language.icon.dark,
            ...manifest.contributes.grammars.map((g) => g.path),
            ...manifest.contributes.snippets.map((s) => s.path),
            ...manifest.contributes.jsonValidation.map((v) => v.url),
        ];
        for (const path of paths) expect(vsix.has(inVsix(path)), path).toBe(true);
    });

    it('contributes the POM commands, offered in the palette only in .pom editors', () => {
        expect(manifest.contributes.commands.map((c) => c.command).sort()).toEqual([...COMMANDS].sort());
        const titles = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
        expect(titles['pom.goToUpstream']).toBe('POM: Go to Upstream…');
        expect(titles['pom.goToDownstream']).toBe('POM: Go to Downstream…');
        expect(titles['pom.compileModel']).toBe('POM: Compile Model to JSON');
        expect(titles['pom.showGraph']).toBe('POM: Show Graph');
        expect(titles['pom.pullMetrics']).toBe('POM: Pull Metrics');
        const palette = manifest.contributes.menus.commandPalette;
        expect(palette.map((entry) => entry.command).sort()).toEqual([...COMMANDS].sort());
        for (const entry of palette) expect(entry.when, entry.command).toBe('editorLangId == pom');
    });

    it('puts Show Graph, with an icon, in the title bar of .pom editors', () => {
        expect(manifest.contributes.commands.find((c) => c.command === 'pom.showGraph')?.icon).toBe('$(type-hierarchy)');
        expect(manifest.contributes.menus['editor/title']).toEqual([
            { command: 'pom.showGraph', when: 'editorLangId == pom', group: 'navigation' },
        ]);
    });

    it('has the pom.trace.server setting, and pom.cliPath that only the user (not a workspace) sets', () => {
        const trace = manifest.contributes.configuration.properties['pom.trace.server'];
        expect(trace.enum).toEqual(['off', 'messages', 'verbose']);
        expect(trace.default).toBe('off');
        const cliPath = manifest.contributes.configuration.properties['pom.cliPath'];
        expect(cliPath).toMatchObject({ type: 'string', default: '', scope: 'machine' });
    });

    it('runs in untrusted workspaces, and says what is limited in virtual ones', () => {
        expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
        expect(manifest.capabilities.virtualWorkspaces.supported).toBe('limited');
        expect(manifest.capabilities.virtualWorkspaces.description).toMatch(/language server/);
    });

    it('is documented: the README names every command and setting', () => {
        const readme = vsix.text('extension/readme.md');
        for (const command of COMMANDS) expect(readme, command).toContain(`\`${command}\``);
        for (const setting of Object.keys(manifest.contributes.configuration.properties))
            expect(readme, setting).toContain(`\`${setting}\``);
    });
});

describe('the language server in the .vsix', () => {
    let directory: string;
    let server: ChildProcess;
    let connection: MessageConnection;
    let stderr = '';

    beforeAll(() => {
        // Run the server from a folder of its own, with no node_modules in reach: the bundle must stand alone.
        directory = mkdtempSync(join(tmpdir(), 'pom-vsix-'));
        writeFileSync(join(directory, 'server.js'), vsix.read('extension/dist/server.js'));
        server = spawn(process.execPath, [join(directory, 'server.js'), '--stdio'], { cwd: directory, stdio: 'pipe' });
        server.stderr?.on('data', (chunk) => {
            stderr += chunk;
        });
        connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        connection.listen();
    });

    afterAll(() => {
        connection?.dispose();
        server?.kill();
        rmSync(directory, { recursive: true, force: true });
    });

    it('answers initialize with the capabilities the extension builds on', async () => {
        const result = await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri: null,
            workspaceFolders: null,
            capabilities: {},
        });
        const capabilities = result.capabilities;
        expect(capabilities.hoverProvider, stderr).toBeTruthy();
        expect(capabilities.definitionProvider).toBeTruthy();
        expect(capabilities.callHierarchyProvider).toBeTruthy();
        expect(capabilities.codeLensProvider).toBeTruthy();
        // vscode-languageclient registers a content provider for these schemes: the prelude opens read-only.
        expect(capabilities.workspace?.textDocumentContent).toEqual({ schemes: ['builtin'] });
        await connection.sendNotification(InitializedNotification.type, {});
    });

    it('serves the prelude to the client under builtin:', async () => {
        const content = await connection.sendRequest(TextDocumentContentRequest.type, { uri: 'builtin:///prelude.pom' });
        expect(content.text).toMatch(/^kind bet "Bet"/m);
    });

    it('answers pom/lineage and pom/compiledModel, and announces pom/modelChanged', async () => {
        const changed = new Promise<ModelStats>((resolve) => connection.onNotification(ModelChangedNotification, resolve));
        const text = readFileSync(new URL('./fixtures/flow.pom', import.meta.url), 'utf8');
        const uri = 'file:///pom-vsix-test/flow.pom';
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'pom', version: 1, text },
        });

        const line = text.split('\n').findIndex((l) => l.startsWith('insight ChurnInterviews'));
        const downstream = await connection.sendRequest(LineageRequest, {
            uri,
            position: { line, character: 'insight '.length + 2 },
            direction: 'downstream',
        });
        expect(downstream.map((e) => [e.name, e.kind, e.distance, e.uri])).toEqual([
            ['SlowOnboarding', 'opportunity', 1, uri],
            ['GuidedSetup', 'option', 2, uri],
        ]);

        const model = await connection.sendRequest(CompiledModelRequest, { uri });
        expect(model.elements.map((e) => e.id).sort()).toEqual(
            ['acme.onboarding.ChurnInterviews', 'acme.onboarding.GuidedSetup', 'acme.onboarding.SlowOnboarding'].sort(),
        );

        expect(await changed).toMatchObject({ elements: 3, errors: 0 });
    });
});

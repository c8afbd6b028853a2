// The installable CLI: `npm pack` of packages/cli makes a tarball that installs globally (here into a scratch
// prefix, with any declared dependency taken from the npm cache that `npm ci` filled) and works from a folder
// outside the repository: --version, init, validate, and the language server answering an editor.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
    DidOpenTextDocumentNotification,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { folderWith, prepareScratch, ROOT, removeScratch } from './built-cli.js';

const CLI = path.join(ROOT, 'packages/cli');
const VERSION = (JSON.parse(readFileSync(path.join(CLI, 'package.json'), 'utf8')) as { version: string }).version;
const NPM_TIMEOUT_MS = 180_000;

let scratch: string;
let pom: string;
let outside: string;

/** Runs npm (the one that runs these tests when there is one) and fails with its output when it fails. */
function npm(args: string[], cwd: string): string {
    const [command, prefixArgs] = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
    const run = spawnSync(command, [...prefixArgs, ...args], { cwd, encoding: 'utf8', timeout: NPM_TIMEOUT_MS });
    if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
    return run.stdout;
}

function runInstalled(args: string[], cwd = outside) {
    const run = spawnSync(pom, args, { cwd, encoding: 'utf8', timeout: 30_000 });
    expect(run.signal, `pom ${args.join(' ')} hung or crashed`).toBeNull();
    return run;
}

beforeAll(() => {
    scratch = prepareScratch('pom-pack-');
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], CLI)) as { filename: string }[];
    const tarball = path.join(scratch, packed[0].filename);
    const prefix = path.join(scratch, 'prefix');
    npm(['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], scratch);
    pom = path.join(prefix, process.platform === 'win32' ? 'pom.cmd' : 'bin/pom');
    outside = folderWith(scratch, 'elsewhere', {});
}, 2 * NPM_TIMEOUT_MS);

afterAll(() => removeScratch(scratch));

describe('the packed CLI, installed globally', () => {
    test('is named pom-cli and holds only the bundle, its launcher and its README', () => {
        const listing = JSON.parse(npm(['pack', '--dry-run', '--json'], CLI)) as { name: string; files: { path: string }[] }[];
        expect(listing[0].name).toBe('pom-cli');
        for (const file of listing[0].files) expect(file.path).toMatch(/^(bin\/pom\.js|dist\/[\w-]+\.js|README\.md|package\.json)$/);
    });

    test('pom --version', () => {
        const run = runInstalled(['--version']);
        expect(run.status).toBe(0);
        expect(run.stdout).toBe(`${VERSION}\n`);
    });

    test('pom init, then pom validate, in a folder outside the repository', () => {
        const init = runInstalled(['init', 'ops']);
        expect(init.status, init.stderr).toBe(0);
        const validate = runInstalled(['validate', '--format', 'json'], path.join(outside, 'ops'));
        expect(validate.status, validate.stderr).toBe(0);
        const report = JSON.parse(validate.stdout) as { summary: { files: number }; diagnostics: unknown[] };
        expect(report.diagnostics).toEqual([]);
        expect(report.summary.files).toBe(2);
    });

    test('pom lsp --stdio answers an editor and publishes diagnostics', async () => {
        const project = path.join(outside, 'lsp');
        expect(runInstalled(['init', 'lsp']).status).toBe(0);
        const child = spawn(pom, ['lsp', '--stdio'], { cwd: outside, stdio: 'pipe' }) as ChildProcessWithoutNullStreams;
        const connection: MessageConnection = createMessageConnection(
            new StreamMessageReader(child.stdout),
            new StreamMessageWriter(child.stdin),
        );
        const published = new Map<string, PublishDiagnosticsParams>();
        const broken = pathToFileURL(path.join(project, 'broken.pom')).href;
        const seen = new Promise<PublishDiagnosticsParams>((resolve) => {
            connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
                published.set(params.uri, params);
                if (params.uri === broken) resolve(params);
            });
        });
        connection.listen();
        try {
            const folder = pathToFileURL(project).href;
            const result = await connection.sendRequest(InitializeRequest.type, {
                processId: process.pid,
                rootUri: folder,
                workspaceFolders: [{ uri: folder, name: 'lsp' }],
                capabilities: {},
            });
            expect(result.capabilities.hoverProvider).toBeTruthy();
            await connection.sendNotification(InitializedNotification.type, {});
            await connection.sendNotification(DidOpenTextDocumentNotification.type, {
                textDocument: { uri: broken, languageId: 'pom', version: 1, text: 'bet B { owner: flow.Nobody }\n' },
            });
            const diagnostics = await seen;
            expect(diagnostics.diagnostics.map((d) => d.code)).toContain('unresolved-reference');
        } finally {
            connection.dispose();
            child.kill();
        }
    }, 60_000);
});

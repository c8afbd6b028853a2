// The bundled language server, driven over JSON-RPC, on a project whose data file is a named pipe and whose
// connection points at an unreachable host: it shows the verdicts and numbers from the snapshot alone, and never
// opens the data file (a pipe nobody reads cannot be opened for writing without blocking) or reaches the database.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
    CodeLensRequest,
    HoverRequest,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { scratchCopy } from './evidence-helpers.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SERVER = path.join(ROOT, 'packages/extension/dist/server.js');

describe('the language server reads the snapshot and nothing else', () => {
    let copy: ReturnType<typeof scratchCopy>;
    let server: ChildProcess;
    let connection: MessageConnection;
    let uri: string;
    let text: string;
    const published = new Map<string, PublishDiagnosticsParams>();
    let diagnosed: Promise<void>;

    beforeAll(async () => {
        if (!existsSync(SERVER)) spawnSync(process.execPath, ['scripts/bundle.js'], { cwd: ROOT, timeout: 110_000 });
        copy = scratchCopy('verdicts');
        // A named pipe: reading it blocks until someone writes, so a server that read it would hang.
        execFileSync('mkdir', ['-p', path.join(copy.folder, 'data')]);
        execFileSync('mkfifo', [path.join(copy.folder, 'data', 'completion.csv')]);
        text = readFileSync(path.join(copy.folder, 'shop.pom'), 'utf8');
        uri = pathToFileURL(path.join(copy.folder, 'shop.pom')).toString();
        server = spawn(process.execPath, [SERVER, '--stdio'], { cwd: copy.folder, stdio: 'pipe' });
        connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        diagnosed = new Promise((resolve) => {
            connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
                published.set(params.uri, params);
                if (params.uri === uri && params.diagnostics.some((d) => d.code === 'claim-confirmed')) resolve();
            });
        });
        connection.listen();
        const folder = pathToFileURL(copy.folder).toString();
        await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri: folder,
            workspaceFolders: [{ uri: folder, name: 'verdicts' }],
            capabilities: {},
        });
        await connection.sendNotification(InitializedNotification.type, {});
        await diagnosed;
    }, 30_000);

    afterAll(() => {
        connection?.dispose();
        server?.kill();
        copy?.done();
    });

    test('the verdicts reach the editor as diagnostics, from the snapshot', () => {
        const codes = published.get(uri)?.diagnostics.map((d) => d.code) ?? [];
        expect(codes.filter((c) => String(c).startsWith('claim-')).sort()).toEqual([
            'claim-confirmed',
            'claim-confirmed',
            'claim-confirmed',
            'claim-contradicted',
            'claim-contradicted',
            'claim-unverified',
        ]);
    });

    test('the data file was never opened: the pipe has no reader', () => {
        let error: NodeJS.ErrnoException | undefined;
        try {
            closeSync(openSync(path.join(copy.folder, 'data', 'completion.csv'), constants.O_WRONLY | constants.O_NONBLOCK));
        } catch (caught) {
            error = caught as NodeJS.ErrnoException;
        }
        expect(error?.code).toBe('ENXIO');
    });

    test('hover on a measured element shows its latest value, sparkline, target and the claims on it', async () => {
        const line = text.split('\n').findIndex((l) => l.startsWith('input CompletionInput'));
        const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 8 } });
        const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
        expect(value).toContain('**Evidence** `shop.Completion`');
        expect(value).toContain('latest **30%** on 2026-04-20');
        expect(value).toMatch(/[▁▂▃▄▅▆▇█]{5} -10pts from 2026-01-26 to 2026-04-20/);
        expect(value).toContain('target 50% from baseline 40%: 0% of the way');
        expect(value).toContain('- `PointsShort` `+10pts`: **contradicted** (moved +6pts, 2026-01-26 → 2026-03-23)');
    });

    test('the code lens reads value → target · age', async () => {
        const lenses = await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
        const titles = lenses?.map((l) => l.command?.title) ?? [];
        expect(titles.some((t) => /^30% → 50% target · \d+ months old · stale$/.test(t ?? ''))).toBe(true);
    });
});

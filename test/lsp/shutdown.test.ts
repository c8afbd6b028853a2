// Shutting down while requests are in flight: every request the client sent before `shutdown` is answered before
// `shutdown` is, and the server exits on `exit` without logging an error. (An editor closing mid-edit used to see
// its pending code actions fail with "Channel has been closed".)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { CodeActionRequest, CodeLensRequest, ExitNotification, HoverRequest, ShutdownRequest } from 'vscode-languageserver-protocol';
// @ts-expect-error: the benchmark's generator is plain JavaScript without declarations.
import { generateModel } from '../../scripts/bench/generate-model.js';
import { LspClient } from './lsp-client.js';

test('requests in flight at shutdown are answered before shutdown is', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'pom-shutdown-'));
    // Large enough that the edits' builds are still running when `shutdown` arrives.
    generateModel(folder, { elements: 3000, files: 30 });
    const client = await LspClient.start(folder);
    try {
        const file = path.join(folder, 'unit001.pom');
        const uri = LspClient.uri(file);
        const text = readFileSync(file, 'utf8');
        await client.waitForDiagnostics((view) => view.published(uri) > 0, 'start-up diagnostics', 100_000);
        await client.open(uri, text);
        await client.settle();
        const order: string[] = [];
        const pending: Promise<unknown>[] = [];
        const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } };
        for (let i = 0; i < 5; i++) {
            await client.change(uri, text.replace('"Bet 3"', `"Bet 3 v${i}"`));
            pending.push(
                client.connection
                    .sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } })
                    .then(() => order.push(`codeAction ${i}`)),
                client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }).then(() => order.push(`codeLens ${i}`)),
                client.connection
                    .sendRequest(HoverRequest.type, { textDocument: { uri }, position: range.start })
                    .then(() => order.push(`hover ${i}`)),
            );
        }
        const shutdown = client.connection.sendRequest(ShutdownRequest.type).then(() => order.push('shutdown'));
        await Promise.all([...pending, shutdown]);
        expect(order).toHaveLength(16);
        expect(order.at(-1)).toBe('shutdown');
        const exited = new Promise<number | null>((resolve) => client.onExit((code) => resolve(code)));
        await client.connection.sendNotification(ExitNotification.type);
        expect(await exited).toBe(0);
        expect(client.problems()).toEqual([]);
    } finally {
        await client.stop();
        rmSync(folder, { recursive: true, force: true });
    }
}, 120_000);

// Requests for a document an edit did not touch, sent while the edit's build runs. Such a request is answered at once
// (its document is built), but its answer reads the whole workspace: before the fix it resolved references of the
// document being rebuilt, and the server logged "Attempted reference resolution before document reached
// ComputedScopes state" dozens of times per edit (and kept the failed resolutions until the next relink).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CodeLensRequest, HoverRequest, InlayHintRequest } from 'vscode-languageserver-protocol';
// @ts-expect-error: the benchmark's generator is plain JavaScript without declarations.
import { generateModel } from '../../scripts/bench/generate-model.js';
import { LspClient } from './lsp-client.js';

let folder: string;
let client: LspClient;

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'pom-race-'));
    // Large enough that a build takes longer than one turn of the server's event loop, so requests land inside it.
    generateModel(folder, { elements: 3000, files: 30 });
    client = await LspClient.start(folder);
    const files = Array.from({ length: 30 }, (_, i) => LspClient.uri(path.join(folder, `unit${String(i).padStart(3, '0')}.pom`)));
    await client.waitForDiagnostics((view) => files.every((uri) => view.published(uri) > 0), 'start-up diagnostics', 100_000);
}, 120_000);

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

test('requests for an untouched document during a build resolve nothing half-built', async () => {
    const edited = path.join(folder, 'unit001.pom');
    const other = path.join(folder, 'unit002.pom');
    const editedUri = LspClient.uri(edited);
    const otherUri = LspClient.uri(other);
    const text = readFileSync(edited, 'utf8');
    const otherText = readFileSync(other, 'utf8');
    await client.open(editedUri, text);
    await client.open(otherUri, otherText);
    await client.settle();
    const betLine = otherText.split('\n').findIndex((l) => l.startsWith('bet Bet3 '));
    const lenses: number[] = [];
    for (let i = 0; i < 12; i++) {
        await client.change(editedUri, text.replace('"Bet 3"', `"Bet 3 v${i}"`));
        const [lens] = await Promise.all([
            client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: otherUri } }),
            client.connection.sendRequest(HoverRequest.type, {
                textDocument: { uri: otherUri },
                position: { line: betLine, character: 5 },
            }),
            client.connection.sendRequest(InlayHintRequest.type, {
                textDocument: { uri: otherUri },
                range: { start: { line: 0, character: 0 }, end: { line: betLine + 20, character: 0 } },
            }),
        ]);
        lenses.push(lens?.length ?? 0);
    }
    await client.settle();
    expect(client.problems()).toEqual([]);
    // Every answer was a whole one: the untouched file's lineage lenses, each time.
    expect(new Set(lenses).size).toBe(1);
    expect(lenses[0]).toBeGreaterThan(50);
    expect(client.diagnostics(editedUri)).toEqual([]);
}, 120_000);

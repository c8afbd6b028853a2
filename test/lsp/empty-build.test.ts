// A change to files that are not POM (editors report every saved file) starts a build with no document in it. A
// request that arrived during that build used to wait until the next edit: Langium notifies no build-phase listener
// for an empty build, and the compiled-model request (and, through the document builder's waits, every request)
// waits for one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent, HoverRequest } from 'vscode-languageserver-protocol';
import { CompiledModelRequest } from '../../packages/language/src/protocol/lsp-protocol.js';
import { LspClient } from './lsp-client.js';

let folder: string;
let client: LspClient;
let model: string;

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'pom-empty-build-'));
    writeFileSync(path.join(folder, 'shop.pom'), 'namespace shop\n\ninput Visits "Visits" {}\n');
    // Files the server reads nothing from, but looks at when told they changed.
    for (let i = 0; i < 200; i++) writeFileSync(path.join(folder, `notes${i}.txt`), 'not a model\n');
    model = LspClient.uri(path.join(folder, 'shop.pom'));
    client = await LspClient.start(folder);
    await client.waitForDiagnostics((view) => view.published(model) > 0, 'the first diagnostics of shop.pom');
});

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

test('requests sent while a build of no document runs are answered', async () => {
    for (let round = 0; round < 5; round++) {
        await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: Array.from(
                { length: 200 },
                (_, i): FileEvent => ({
                    uri: LspClient.uri(path.join(folder, `notes${i}.txt`)),
                    type: FileChangeType.Changed,
                }),
            ),
        });
        const [compiled, hover] = await Promise.all([
            client.connection.sendRequest(CompiledModelRequest, {}),
            client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: model }, position: { line: 2, character: 8 } }),
        ]);
        expect(compiled.elements.map((e) => e.id)).toEqual(['shop.Visits']);
        expect(JSON.stringify(hover?.contents)).toContain('Visits');
    }
    expect(client.problems()).toEqual([]);
}, 60_000);

// End to end through the bundled language server: when a metrics snapshot changes on disk (a pull), the server
// rebuilds the model and publishes its diagnostics again, without any edit to a .pom file; other files do not.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';

const MODEL = 'namespace shop\n\nmetric Conversion "Conversion" {\n  unit: percent\n}\n';
let folder: string;
let client: LspClient;
let model: string;

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'pom-observations-'));
    writeFileSync(path.join(folder, 'shop.pom'), MODEL);
    model = LspClient.uri(path.join(folder, 'shop.pom'));
    client = await LspClient.start(folder);
    await client.waitForDiagnostics((view) => view.published(model) > 0, 'the first diagnostics of shop.pom');
});

afterAll(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
});

async function changed(file: string): Promise<void> {
    writeFileSync(path.join(folder, file), '{ "format": "pom-observations", "version": 1, "metrics": {} }\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: LspClient.uri(path.join(folder, file)), type: FileChangeType.Changed }],
    });
}

describe('a changed observations snapshot', () => {
    test('rebuilds the model and publishes its diagnostics again; another JSON file does not', async () => {
        const before = client.published(model);
        await changed('other.json');
        await client.settle();
        expect(client.published(model)).toBe(before);

        await changed('observations.json');
        await client.waitForDiagnostics((view) => view.published(model) > before, 'diagnostics published again after the snapshot changed');
        expect(client.diagnostics(model)?.some((d) => d.code === 'orphan')).toBe(true);
    });
});

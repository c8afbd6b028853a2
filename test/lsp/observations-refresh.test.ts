// End to end through the bundled language server: when the snapshot of observations changes on disk (a pull from
// the editor's command or a terminal), the server reads it again and the evidence diagnostics follow, without any
// edit to a .pom file; a change to another file does nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';

const MODEL = 'namespace shop\n\nmetric Conversion "Conversion" {\n  unit: percent\n  data: "conversion.csv"\n}\n';
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

/** Writes a snapshot (or another file) the way a pull does, and says so as the editor's file watcher would. */
async function write(file: string, metrics: Record<string, unknown>): Promise<void> {
    writeFileSync(path.join(folder, file), `${JSON.stringify({ format: 'pom-observations', version: 1, metrics })}\n`);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: LspClient.uri(path.join(folder, file)), type: FileChangeType.Changed }],
    });
}

const codes = () => (client.diagnostics(model) ?? []).map((d) => d.code);

describe('a changed snapshot of observations', () => {
    test('is read again: the evidence diagnostics follow it; another JSON file changes nothing', async () => {
        // No snapshot: the evidence checks are silent.
        expect(codes()).not.toContain('metric-no-observations');

        await write('other.json', {});
        await client.settle();
        expect(codes()).not.toContain('metric-no-observations');

        await write('observations.json', {});
        await client.waitForDiagnostics(
            () => codes().includes('metric-no-observations'),
            'metric-no-observations once the snapshot holds nothing for the metric',
        );

        const observations = [{ date: '2026-11-30', value: 42.1 }];
        await write('observations.json', { 'shop.Conversion': { source: 'file conversion.csv', stale: false, observations } });
        await client.waitForDiagnostics(
            () => !codes().includes('metric-no-observations'),
            'metric-no-observations gone once the snapshot holds observations',
        );
        await client.settle();
    });
});

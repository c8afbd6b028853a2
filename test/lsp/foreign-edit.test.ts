// A file is foreign (XML, binary, empty: one `not-a-pom-file` diagnostic, no names) for the text it has now. An editor
// keeps one document while its text changes, so a file typed from empty into a model, or pasted over with XML, is
// judged again on every edit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LspClient } from './lsp-client.js';

let folder: string;
let client: LspClient;

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'pom-foreign-edit-'));
    writeFileSync(path.join(folder, 'base.pom'), 'namespace base\n\nbet UsesNew "Uses the new input" {\n  targets: Fresh\n}\n');
    client = await LspClient.start(folder);
});

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

const codes = (uri: string) => (client.diagnostics(uri) ?? []).map((d) => d.code);

test('a document edited from XML into a model, and back, is judged by its text each time', async () => {
    const uri = LspClient.uri(path.join(folder, 'new.pom'));
    const base = LspClient.uri(path.join(folder, 'base.pom'));
    await client.open(uri, '<project>\n  <modelVersion>4.0.0</modelVersion>\n</project>\n');
    await client.settle();
    expect(codes(uri)).toEqual(['not-a-pom-file']);
    expect(codes(base)).toContain('unresolved-reference');

    await client.change(uri, 'namespace base\n\ninput Fresh "A new input" {}\n');
    await client.settle();
    expect(codes(uri)).not.toContain('not-a-pom-file');
    // Its names are exported again: the other file's reference resolves.
    expect(codes(base)).not.toContain('unresolved-reference');

    await client.change(uri, '');
    await client.settle();
    expect(codes(uri)).toEqual(['not-a-pom-file']);
    expect(codes(base)).toContain('unresolved-reference');
    expect(client.problems()).toEqual([]);
});

// The server's formatting keeps the promises `pom format` keeps (lsp/formatting-guard.ts): it never returns edits
// that would change a token or comment, and leaves a document with syntax errors alone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DocumentFormattingRequest, MessageType, type TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from './acme-workspace.js';
import { LspClient } from './lsp-client.js';

let folder: string;
let client: LspClient;
const options = { tabSize: 2, insertSpaces: true };

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'pom-format-'));
    writeFileSync(path.join(folder, 'base.pom'), 'namespace base\n\ninput Base "Base" {}\n');
    client = await LspClient.start(folder);
});

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

async function format(name: string, text: string): Promise<TextEdit[]> {
    const uri = LspClient.uri(path.join(folder, name));
    await client.open(uri, text);
    await client.settle();
    return (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options })) ?? [];
}

test('CR-only line breaks: the comments are not joined into one; the server refuses and says why', async () => {
    const text = 'namespace a\r\r// first\r// second\rinput X "x" {}\r';
    const before = client.shownMessages.length;
    expect(await format('cr.pom', text)).toEqual([]);
    const shown = client.shownMessages.slice(before);
    expect(shown).toHaveLength(1);
    expect(shown[0].type).toBe(MessageType.Warning);
    expect(shown[0].message).toContain('cr.pom was not formatted');
    expect(shown[0].message).toContain('"// first" became "// first // second"');
    expect(client.problems()).toEqual([]);
});

test('a document with syntax errors is left as it is', async () => {
    expect(await format('broken.pom', 'namespace b\n\ninput   Y "y" {\n  contributesTo:\n')).toEqual([]);
});

test('a well-formed messy document is still formatted', async () => {
    const text = 'namespace c\ninput   Z "z"   {}\n';
    expect(applyEdits(text, await format('messy.pom', text))).toBe('namespace c\n\ninput Z "z" {}\n');
});

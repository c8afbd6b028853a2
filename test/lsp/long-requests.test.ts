// One long request must not hold up the server: code lenses and inlay hints over a file of thousands of elements
// give other requests their turn while they run, and end early when the client sends `$/cancelRequest`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
    CancellationTokenSource,
    CodeLensRequest,
    DocumentSymbolRequest,
    InlayHintRequest,
    LSPErrorCodes,
    ResponseError,
} from 'vscode-languageserver-protocol';
// @ts-expect-error: the benchmark's generator is plain JavaScript without declarations.
import { generateModel } from '../../scripts/bench/generate-model.js';
import { LspClient } from './lsp-client.js';

let folder: string;
let client: LspClient;
let big: string;
let small: string;

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'pom-long-'));
    // A file of 3,000 elements and one of 60, each in a folder of its own.
    generateModel(path.join(folder, 'big'), { elements: 3000, files: 1 });
    generateModel(path.join(folder, 'small'), { elements: 60, files: 1 });
    client = await LspClient.start(folder);
    big = LspClient.uri(path.join(folder, 'big/unit000.pom'));
    small = LspClient.uri(path.join(folder, 'small/unit000.pom'));
    await client.waitForDiagnostics((view) => view.published(big) > 0 && view.published(small) > 0, 'start-up diagnostics', 100_000);
    await client.open(big, readFileSync(path.join(folder, 'big/unit000.pom'), 'utf8'));
    await client.open(small, readFileSync(path.join(folder, 'small/unit000.pom'), 'utf8'));
    await client.settle();
}, 120_000);

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

const wholeFile = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

test('a code lens request over thousands of elements ends with RequestCancelled when the client cancels it', async () => {
    for (const send of [
        (token: CancellationTokenSource['token']) =>
            client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: big } }, token),
        (token: CancellationTokenSource['token']) =>
            client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: big }, range: wholeFile }, token),
    ]) {
        const source = new CancellationTokenSource();
        const answer = send(source.token);
        // `$/cancelRequest` follows the request at once; the server sees it at the provider's first yield.
        source.cancel();
        const error = await answer.then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
    }
    // Uncancelled, the same request answers in full.
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: big } });
    expect(lenses?.length).toBeGreaterThan(1500);
    expect(client.problems()).toEqual([]);
});

test('a request for a small file is answered while code lenses for the large one are still being computed', async () => {
    const order: string[] = [];
    const large = client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: big } }).then(() => order.push('big'));
    const quick = client.connection
        .sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: small } })
        .then(() => order.push('small'));
    await Promise.all([large, quick]);
    expect(order).toEqual(['small', 'big']);
});

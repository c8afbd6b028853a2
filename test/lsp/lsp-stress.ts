// A seeded stress run against one language server: mutated edits of examples/acme, sent the way a fast typist's
// editor sends them (several changes before the server has finished building), with requests at random positions
// in between. It records every request that was not answered and everything the server logged as an error or
// warning; a run is clean when both lists are empty.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    CodeActionRequest,
    CodeLensRequest,
    CompletionRequest,
    DefinitionRequest,
    DocumentFormattingRequest,
    DocumentHighlightRequest,
    DocumentSymbolRequest,
    FoldingRangeRequest,
    HoverRequest,
    InlayHintRequest,
    LSPErrorCodes,
    type Position,
    PrepareRenameRequest,
    ReferencesRequest,
    ResponseError,
    SemanticTokensRequest,
} from 'vscode-languageserver-protocol';
import {
    CompiledModelRequest,
    ElementAtRequest,
    LineageRequest,
    ModelChangedNotification,
    type ModelStats,
} from '../../packages/language/src/protocol/lsp-protocol.js';
import { seededRandom } from '../seeded-random.js';
import { type AcmeWorkspace, positionAt, startAcme } from './acme-workspace.js';
import type { LspClient } from './lsp-client.js';

export interface StressOptions {
    seed: number;
    edits: number;
    /** How long one request may take before it counts as unanswered. */
    answerMs?: number;
    /** Called every 100 edits, for a long run's progress. */
    progress?: (done: number) => void;
}

export interface StressResult {
    edits: number;
    requests: number;
    /** Requests with no answer within `answerMs`, or answered with an error other than "cancelled"/"content modified". */
    failures: string[];
    /** Errors and warnings from the server log. */
    problems: string[];
    /** The last `pom/modelChanged` count and the compiled model's element count once the server had settled. */
    finalStats: { announced: number | undefined; compiled: number };
}

const SNIPPETS = [
    '{',
    '}',
    ' ',
    '\n',
    '"',
    ':',
    ',',
    ';',
    '.',
    '/*',
    '*/',
    '//',
    'bet ',
    'insight ',
    'outcome X ',
    'addresses: ',
    'informedBy: ',
    'horizon: quarters',
    'owner: ',
    'namespace ',
    'kind k extends bet {}',
    'view v { include: * }',
    '"""',
    '\u200b',
    '\u202e',
    'é',
    '\r\n',
    '[k: v]',
];

/** One mutation of `text`: an insertion, a deletion, a duplicated or dropped line, or a word from elsewhere. */
function mutate(text: string, rand: () => number, words: string[]): string {
    const at = Math.floor(rand() * (text.length + 1));
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
    switch (Math.floor(rand() * 7)) {
        case 0:
            return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
        case 1:
            return text.slice(0, at) + pick(words) + text.slice(at);
        case 2:
            return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 12));
        case 3: {
            const lines = text.split('\n');
            const i = Math.floor(rand() * lines.length);
            lines.splice(i, 0, lines[i]);
            return lines.join('\n');
        }
        case 4: {
            const lines = text.split('\n');
            lines.splice(Math.floor(rand() * lines.length), 1);
            return lines.join('\n');
        }
        case 5:
            // A typed character, as most edits are.
            return `${text.slice(0, at)}${String.fromCharCode(97 + Math.floor(rand() * 26))}${text.slice(at)}`;
        default:
            return text.slice(0, at);
    }
}

type Probe = (client: LspClient, uri: string, position: Position) => Promise<unknown>;

const PROBES: Record<string, Probe> = {
    hover: (c, uri, position) => c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
    completion: (c, uri, position) => c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
    definition: (c, uri, position) => c.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position }),
    references: (c, uri, position) =>
        c.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } }),
    highlight: (c, uri, position) => c.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position }),
    prepareRename: (c, uri, position) => c.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position }),
    codeLens: (c, uri) => c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
    inlayHint: (c, uri, position) =>
        c.connection.sendRequest(InlayHintRequest.type, {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: position.line + 40, character: 0 } },
        }),
    formatting: (c, uri) =>
        c.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }),
    documentSymbol: (c, uri) => c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
    foldingRange: (c, uri) => c.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }),
    semanticTokens: (c, uri) => c.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }),
    codeAction: (c, uri, position) =>
        c.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range: { start: position, end: position },
            context: { diagnostics: c.diagnostics(uri) ?? [] },
        }),
    elementAt: (c, uri, position) => c.connection.sendRequest(ElementAtRequest, { uri, position }),
    lineage: (c, uri, position) => c.connection.sendRequest(LineageRequest, { uri, position, direction: 'upstream' }),
};

/** Answers that say "ask again": a newer edit made the request moot. They are answers, not failures. */
function isMoot(error: unknown): boolean {
    return (
        error instanceof ResponseError && (error.code === LSPErrorCodes.ContentModified || error.code === LSPErrorCodes.RequestCancelled)
    );
}

export async function runEditStress(options: StressOptions): Promise<StressResult> {
    const { ws, client } = await startAcme();
    try {
        return await stress(ws, client, options);
    } finally {
        await client.stop();
        ws.dispose();
    }
}

async function stress(ws: AcmeWorkspace, client: LspClient, options: StressOptions): Promise<StressResult> {
    const rand = seededRandom(options.seed);
    const answerMs = options.answerMs ?? 20_000;
    const files = ws.files();
    const originals = new Map(files.map((f) => [f, ws.text(f)]));
    const words = [...new Set([...originals.values()].join(' ').match(/[A-Za-z][\w-]*/g) ?? [])];
    const texts = new Map<string, string>();
    const pending: Promise<void>[] = [];
    const failures: string[] = [];
    let announced: ModelStats | undefined;
    client.connection.onNotification(ModelChangedNotification, (stats) => {
        announced = stats;
    });
    let requests = 0;
    const probeNames = Object.keys(PROBES);

    /** The compiled model (which waits for the build to finish); a failure is recorded with the texts that caused it. */
    const compile = async (when: string) => {
        try {
            return await client.connection.sendRequest(CompiledModelRequest, {});
        } catch (error) {
            failures.push(`${when}: ${error instanceof Error ? error.message : String(error)}`);
            const dump = process.env.POM_LSP_STRESS_DUMP;
            if (dump) for (const [file, text] of texts) writeFileSync(path.join(dump, file), text);
            return undefined;
        }
    };

    const ask = (name: string, uri: string, position: Position) => {
        requests++;
        const what = `${name} at ${ws.fileOf(uri)}:${position.line}:${position.character}`;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const unanswered = new Promise<void>((resolve) => {
            timer = setTimeout(() => {
                failures.push(`${what}: no answer within ${answerMs} ms`);
                resolve();
            }, answerMs);
        });
        const answered = PROBES[name](client, uri, position).then(
            () => undefined,
            (error: unknown) => {
                if (!isMoot(error)) failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
            },
        );
        pending.push(Promise.race([answered, unanswered]).finally(() => clearTimeout(timer)));
    };

    for (let i = 0; i < options.edits; i++) {
        const file = files[Math.floor(rand() * files.length)];
        const uri = ws.uri(file);
        const current = texts.get(file) ?? originals.get(file)!;
        // Now and then the file goes back to its original, so the run keeps visiting valid models too.
        const next = rand() < 0.08 ? originals.get(file)! : mutate(current, rand, words);
        texts.set(file, next);
        if (client.isOpen(uri)) await client.change(uri, next);
        else await client.open(uri, next);
        const asks = Math.floor(rand() * 3);
        for (let k = 0; k < asks; k++) {
            // Half the requests go to another file, one the edit did not touch, as a second editor pane's would.
            const target = rand() < 0.5 ? file : files[Math.floor(rand() * files.length)];
            const text = texts.get(target) ?? originals.get(target)!;
            const position = positionAt(text, Math.floor(rand() * (text.length + 1)));
            ask(probeNames[Math.floor(rand() * probeNames.length)], ws.uri(target), position);
        }
        // Mostly back to back, as typing is; sometimes a pause long enough for a build (and the notification after it).
        if (rand() < 0.1) await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 250)));
        if (rand() < 0.03) await compile(`the compiled model after edit ${i + 1}`);
        if ((i + 1) % 100 === 0) {
            await Promise.all(pending.splice(0));
            options.progress?.(i + 1);
        }
    }
    await Promise.all(pending.splice(0));
    await compile('the compiled model after the last edit');
    // Let the statistics notification that follows the last build arrive.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const compiled = (await compile(`the compiled model after the last edit`))?.elements.length;
    return {
        edits: options.edits,
        requests,
        failures,
        problems: client.problems(),
        finalStats: { announced: announced?.elements, compiled: compiled ?? -1 },
    };
}

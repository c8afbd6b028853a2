// The parser's own rule builder (grammar/parser-builder.ts), node construction (grammar/guarded-parser.ts) and syntax
// leaves (grammar/pom-cst-node-builder.ts) against langium's: on every example and on hundreds of mutants of them, both
// parsers give the same syntax tree (every node's offset, length, range, text, grammar element and AST node), the
// same AST and the same syntax errors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
    type AstNode,
    type CstNode,
    createParser,
    EmptyFileSystem,
    isAstNode,
    isCompositeCstNode,
    isReference,
    LangiumParser,
} from 'langium';
import { describe, expect, test } from 'vitest';
import { exampleFiles, mutantAt, ROOT } from '../../../test/fuzz/fuzz-run.js';
import { INPUT_TOO_LARGE, MAX_RECOVERED_ERRORS, PomLangiumParser } from '../src/grammar/guarded-parser.js';
import { createPomParser } from '../src/grammar/parser-builder.js';
import { createPomServices } from '../src/pom-module.js';
import { classify } from '../src/workspace/foreign-files.js';

const services = createPomServices(EmptyFileSystem).Pom;
const tokens = services.parser.Lexer.definition;
const ours = createPomParser(services.Grammar, new PomLangiumParser(services), tokens);
ours.finalize();
const upstream = createParser(services.Grammar, new LangiumParser(services), tokens);
upstream.finalize();

/** Everything a parse yields that the rest of the language reads, as plain data. */
function dump(parser: LangiumParser, text: string) {
    const result = parser.parse(text);
    return {
        ast: astOf(result.value),
        cst: cstOf(result.value.$cstNode),
        lexerErrors: result.lexerErrors.map((e) => `${e.offset}:${e.message}`),
        parserErrors: result.parserErrors.map((e) => `${e.token.startOffset}:${e.name}:${e.message}`),
    };
}

/** An AST node's own properties, its children's and its references' written text; no containers, no CST. */
function astOf(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(astOf);
    if (isReference(value)) return { $refText: value.$refText };
    if (!isAstNode(value)) return value;
    const own: Record<string, unknown> = { $type: value.$type };
    for (const [name, item] of Object.entries(value)) if (!name.startsWith('$')) own[name] = astOf(item);
    return own;
}

function cstOf(node: CstNode | undefined): unknown {
    if (!node) return null;
    const { start, end } = node.range;
    const own = [node.offset, node.length, node.hidden, node.grammarSource?.$type, grammarText(node), start, end, node.text];
    if (!isCompositeCstNode(node)) return own;
    const astNode = (node as unknown as { _astNode?: AstNode })._astNode;
    return [...own, astNode?.$type ?? null, node.content.map(cstOf)];
}

/** Which grammar element a node came from: its keyword, or the rule or feature it was assigned to. */
function grammarText(node: CstNode): string | undefined {
    const source = node.grammarSource as unknown as { value?: string; feature?: string; rule?: { $refText: string } } | undefined;
    return source?.value ?? source?.feature ?? source?.rule?.$refText;
}

function expectSameParse(text: string): void {
    // Text that is not POM, or beyond the input bounds (nesting past 64, say), never reaches the parser: the guard
    // refuses it. Past MAX_RECOVERED_ERRORS the guarded parser stops recovering, where langium's recursive recovery
    // can overflow the stack (guarded-parser.ts). Everything else both must parse alike.
    const guarded = services.parser.LangiumParser.parse(text).parserErrors;
    if (classify(text) || guarded.some((e) => e.name === INPUT_TOO_LARGE) || guarded.length >= MAX_RECOVERED_ERRORS) return;
    const upstreamParse = dump(upstream, text);
    expect(dump(ours, text)).toEqual(upstreamParse);
}

describe('the parser built here parses as langium’s does', () => {
    test.each(exampleFiles())('%s', (file) => {
        const text = readFileSync(path.join(ROOT, file), 'utf8');
        const parsed = dump(ours, text);
        expect(parsed.cst).not.toBeNull();
        expectSameParse(text);
    });

    test('300 mutants, with syntax errors and recovery', () => {
        let withErrors = 0;
        for (let index = 0; index < 300; index++) {
            const { text } = mutantAt(20261203, index);
            if (services.parser.LangiumParser.parse(text).parserErrors.length > 0) withErrors++;
            expectSameParse(text);
        }
        // The mutants exercise recovery, not only clean parses.
        expect(withErrors).toBeGreaterThan(50);
    });
});

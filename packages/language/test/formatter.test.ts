// Formatting: messy fixtures become the one canonical layout, that layout is stable, and no token or comment is
// lost, on the fixtures, on every Acme file and the prelude, and on those files with their whitespace scrambled.
import { readdirSync, readFileSync } from 'node:fs';
import { CstUtils, EmptyFileSystem, isLeafCstNode, type LangiumDocument, TextDocument, URI } from 'langium';
import { expectFormatting } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { seededRandom } from '../../../test/seeded-random.js';
import { isElement, isKindDecl, isViewDecl } from '../src/generated/ast.js';
import { PomFormatter } from '../src/lsp/pom-formatter.js';
import { createPomServices } from '../src/pom-module.js';

const services = createPomServices(EmptyFileSystem);
const formatter = services.Pom.lsp.Formatter!;
const lexer = services.Pom.parser.Lexer;
const ACME = new URL('../../../examples/acme/', import.meta.url);
const PRELUDE = new URL('../src/prelude/prelude.pom', import.meta.url);
const FIXTURES = ['elements', 'kinds', 'comments', 'evidence', 'views'];
const EDITOR: FormattingOptions = { tabSize: 4, insertSpaces: true };

let documents = 0;
function parse(text: string): LangiumDocument {
    const uri = URI.parse(`file:///format/${documents++}.pom`);
    return services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
}

async function edits(text: string, options = EDITOR, range?: Range): Promise<{ document: LangiumDocument; edits: TextEdit[] }> {
    const document = parse(text);
    const textDocument = { uri: document.uri.toString() };
    const result = range
        ? await formatter.formatDocumentRange(document, { options, textDocument, range })
        : await formatter.formatDocument(document, { options, textDocument });
    return { document, edits: result };
}

async function format(text: string, options = EDITOR, range?: Range): Promise<string> {
    const result = await edits(text, options, range);
    return TextDocument.applyEdits(result.document.textDocument, result.edits);
}

function fixture(name: string): string {
    return readFileSync(new URL(`./fixtures/format/${name}`, import.meta.url), 'utf8');
}

/** Every token and comment, in order; a block comment's lines are compared without their indentation. */
function tokens(text: string, without: ReadonlySet<number> = new Set()): string[] {
    const lexed = lexer.tokenize(text);
    expect(lexed.errors).toEqual([]);
    return [...lexed.tokens, ...lexed.hidden]
        .filter((t) => !without.has(t.startOffset))
        .sort((a, b) => a.startOffset - b.startOffset)
        .map((t) => (t.image.startsWith('/*') ? t.image.replace(/\n[ \t]*/g, '\n') : t.image));
}

/** Offsets of the `,` / `;` separators between body items, the only tokens the formatter drops. */
function bodySeparators(text: string): Set<number> {
    const root = parse(text).parseResult.value.$cstNode!;
    const separators = CstUtils.streamCst(root).filter(
        (n) =>
            isLeafCstNode(n) &&
            (n.text === ',' || n.text === ';') &&
            (isElement(n.astNode) || isKindDecl(n.astNode) || isViewDecl(n.astNode)),
    );
    return new Set(separators.map((n) => n.offset));
}

function expectCanonicalShape(text: string): void {
    expect(text).not.toMatch(/[ \t]+$/m); // no trailing whitespace
    expect(text).not.toMatch(/^ *\t/m); // no tab indentation
    expect(text).not.toMatch(/\n\n\n/); // never two blank lines
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
}

test('the formatter is the one registered for POM', () => {
    expect(formatter).toBeInstanceOf(PomFormatter);
});

describe.each(FIXTURES)('fixture %s', (name) => {
    const before = fixture(`${name}.in.pom`);
    const after = fixture(`${name}.out.pom`);

    test('messy input becomes the canonical layout', async () => {
        await expectFormatting(services.Pom)({ before, after, disposeAfterCheck: true });
    });

    test('the canonical layout is stable and well-formed', async () => {
        expect(await format(after)).toBe(after);
        expectCanonicalShape(after);
    });

    test('only the separators between body items are dropped; every other token and comment is kept', async () => {
        expect(tokens(await format(before))).toEqual(tokens(before, bodySeparators(before)));
    });
});

describe('the Acme model and the prelude', () => {
    const acme = readdirSync(ACME).filter((f) => f.endsWith('.pom'));
    const files = [...acme.map((f) => `acme/${f}`), 'prelude.pom'];
    const read = (file: string) => readFileSync(file === 'prelude.pom' ? PRELUDE : new URL(file.slice('acme/'.length), ACME), 'utf8');

    test('the example has files to format', () => {
        expect(acme.length).toBeGreaterThan(5);
    });

    test.each(files)('%s: formatting keeps every token and comment, and formatting again changes nothing', async (file) => {
        const text = read(file);
        expect(parse(text).parseResult.parserErrors).toEqual([]);
        const once = await format(text);
        expect(tokens(once)).toEqual(tokens(text));
        expect(await format(once)).toBe(once);
        expectCanonicalShape(once);
    });

    test.each(files)('%s: scrambled spaces and indentation format to the same text', async (file) => {
        const text = read(file);
        expect(await format(scramble(text, file, false))).toBe(await format(text));
    });

    test.each(files)('%s: scrambled line breaks format to a stable text with the same tokens', async (file) => {
        const text = read(file);
        const scrambled = scramble(text, file, true);
        expect(scrambled).not.toBe(text);
        const once = await format(scrambled);
        expect(tokens(once)).toEqual(tokens(text));
        expect(await format(once)).toBe(once);
    });
});

describe('layout rules', () => {
    test('body separators go, each item gets its own line, and a lone entry written on one line stays there', async () => {
        const text = 'bet B { hypothesis: "h"; appetite: 2 weeks, }\noption O { addresses: X; }\nscope S {   }\n';
        const expected = 'bet B {\n  hypothesis: "h"\n  appetite: 2 weeks\n}\n\noption O { addresses: X }\n\nscope S {}\n';
        expect(await format(text)).toBe(expected);
    });

    test('the editor settings do not change the layout', async () => {
        const text = fixture('elements.in.pom');
        expect(await format(text, { tabSize: 8, insertSpaces: false })).toBe(fixture('elements.out.pom'));
    });

    test('a file with CRLF line breaks keeps them', async () => {
        expect(await format('namespace a\r\nscope  S {\r\n relatesTo: T }\r\n')).toBe(
            'namespace a\r\n\r\nscope S {\r\n  relatesTo: T\r\n}\r\n',
        );
    });

    test('range formatting touches only the lines in the range', async () => {
        const text = 'scope  A {relatesTo:B}\nscope  B {relatesTo:A}\n';
        const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 22 } };
        expect(await format(text, EDITOR, range)).toBe('scope  A {relatesTo:B}\n\nscope B { relatesTo: A }\n');
    });

    test('a file that does not parse is left alone', async () => {
        expect((await edits('bet  B {\n  hypothesis: \n')).edits).toEqual([]);
    });

    test('a Maven pom.xml is left alone', async () => {
        const xml = '<?xml version="1.0"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n</project>\n';
        expect((await edits(xml)).edits).toEqual([]);
    });
});

/**
 * The text with the whitespace between tokens replaced at random (seeded by the name, so failures reproduce):
 * other spaces and indentation, and with `lineBreaks` other numbers of line breaks where there were any. The
 * indentation before a multi-line block comment is kept, since its inner lines are aligned to it.
 */
function scramble(text: string, seed: string, lineBreaks: boolean): string {
    const random = generator(seed);
    const pick = <T>(choices: T[]): T => choices[Math.floor(random() * choices.length)];
    const lexed = lexer.tokenize(text);
    const all = [...lexed.tokens, ...lexed.hidden].sort((a, b) => a.startOffset - b.startOffset);
    let result = '';
    let last = 0;
    let afterLineComment = false;
    for (const token of all) {
        const gap = text.slice(last, token.startOffset);
        const breaks = gap.split('\n').length - 1;
        if (token.image.startsWith('/*') && token.image.includes('\n')) {
            result += gap;
        } else if (breaks === 0) {
            result += gap === '' ? pick(['', ' ', '\t']) : pick([' ', '   ', '\t']); // never join two names
        } else {
            const count = lineBreaks ? 1 + Math.floor(random() * 3) : breaks;
            // Trailing spaces, except where they would become part of a `//` comment.
            for (let i = 0; i < count; i++) result += `${i === 0 && afterLineComment ? '' : pick(['', ' ', '\t'])}\n`;
            result += pick(['', '  ', '       ', '\t', '\t\t ']);
        }
        result += token.image;
        last = token.startOffset + token.image.length;
        afterLineComment = token.image.startsWith('//');
    }
    return result + text.slice(last);
}

/** The shared seeded generator, seeded by a string. */
function generator(seed: string): () => number {
    return seededRandom([...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761), 1));
}

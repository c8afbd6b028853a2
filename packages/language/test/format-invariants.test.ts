// Format invariants over every `.pom` file in the repository (for `pom format --write`): formatting keeps
// the token sequence (bar the optional body separators) and every comment, parses, and a second run changes nothing.
// Files that are not POM or do not parse are left exactly as they are.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CstUtils, EmptyFileSystem, isLeafCstNode, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { FormatInvariantError, type FormatServices, formatText } from '../src/format/format-text.js';
import { isElement, isKindDecl, isViewDecl } from '../src/generated/ast.js';
import { createPomServices } from '../src/pom-module.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'out']);
const { Pom } = createPomServices(EmptyFileSystem);

function pomFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true })
        .flatMap((entry) => {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : pomFiles(full);
            return entry.isFile() && entry.name.endsWith('.pom') ? [full] : [];
        })
        .sort();
}

const FILES = pomFiles(ROOT).map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const uri = (file: string) => URI.file(path.join(ROOT, file));

/** Files that must be left alone: examples/problems holds a Maven XML `.pom` and one with deliberate syntax errors. */
const FOREIGN = ['examples/problems/maven.pom'];
const BROKEN = ['examples/problems/drafts.pom'];
/** Nested beyond the parser's bound: not parsed, so not formatted. */
const TOO_DEEP = ['examples/problems/rollout.pom'];

function lexed(text: string) {
    const result = Pom.parser.Lexer.tokenize(text);
    expect(result.errors).toEqual([]);
    return [...result.tokens, ...(result.hidden ?? [])].sort((a, b) => a.startOffset - b.startOffset);
}

/** Every token and comment, in order, without the given offsets; block comments without their inner indentation. */
function tokens(text: string, without: ReadonlySet<number> = new Set()): string[] {
    return lexed(text)
        .filter((t) => !without.has(t.startOffset))
        .map((t) => (t.image.startsWith('/*') ? t.image.replace(/\r?\n[ \t]*/g, '\n') : t.image));
}

function comments(text: string): string[] {
    return tokens(text).filter((t) => t.startsWith('//') || t.startsWith('/*'));
}

/** The `,` / `;` between body items and kind members, found on the parse tree, not by guessing from the text. */
function bodySeparators(text: string): Set<number> {
    const document = Pom.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('file:///separators.pom'));
    return new Set(
        CstUtils.streamCst(document.parseResult.value.$cstNode!)
            .filter(
                (n) =>
                    isLeafCstNode(n) &&
                    (n.text === ',' || n.text === ';') &&
                    (isElement(n.astNode) || isKindDecl(n.astNode) || isViewDecl(n.astNode)),
            )
            .map((n) => n.offset),
    );
}

describe('the repository’s .pom files', () => {
    test('are all found, the prelude and the problem files among them', () => {
        expect(FILES.length).toBeGreaterThan(30);
        expect(FILES).toContain('packages/language/src/prelude/prelude.pom');
        expect(FILES).toContain('examples/acme/growth.pom');
        for (const file of [...FOREIGN, ...BROKEN, ...TOO_DEEP]) expect(FILES).toContain(file);
    });
});

describe.each(FILES.filter((f) => !FOREIGN.includes(f) && !BROKEN.includes(f) && !TOO_DEEP.includes(f)))('%s', (file) => {
    test('keeps every token and comment, parses, and is stable', async () => {
        const original = read(file);
        const first = await formatText(Pom, uri(file), original);
        expect(first.parseErrors).toBe(false);
        expect(first.skipped).toBeUndefined();
        expect(first.changed).toBe(first.text !== original);
        expect(tokens(first.text)).toEqual(tokens(original, bodySeparators(original)));
        expect(comments(first.text)).toEqual(comments(original));
        const second = await formatText(Pom, uri(file), first.text);
        expect(second.changed).toBe(false);
        expect(second.text).toBe(first.text);
    });

    test('with CRLF line endings gives the same layout with CRLF', async () => {
        const original = read(file).replace(/\r?\n/g, '\r\n');
        const lf = await formatText(Pom, uri(file), read(file).replace(/\r\n/g, '\n'));
        const crlf = await formatText(Pom, uri(file), original);
        expect(crlf.text).toBe(lf.text.replace(/\n/g, '\r\n'));
    });
});

describe('files that cannot be formatted are left exactly as they are', () => {
    test.each(FOREIGN)('%s is skipped as XML', async (file) => {
        const text = read(file);
        expect(await formatText(Pom, uri(file), text)).toEqual({
            text,
            changed: false,
            parseErrors: false,
            syntaxErrors: [],
            skipped: 'xml',
        });
    });

    test.each(BROKEN)('%s has syntax errors, reported with their positions', async (file) => {
        const text = read(file);
        const result = await formatText(Pom, uri(file), text);
        expect(result).toMatchObject({ text, changed: false, parseErrors: true });
        expect(result.syntaxErrors[0]).toEqual({ line: 6, column: 21, message: 'Unexpected character `§`.' });
    });

    test.each(TOO_DEEP)('%s is nested too deep to parse, and the refusal says where', async (file) => {
        const text = read(file);
        const result = await formatText(Pom, uri(file), text);
        expect(result).toMatchObject({ text, changed: false, parseErrors: true });
        expect(result.syntaxErrors[0]).toMatchObject({ line: 67 });
        expect(result.syntaxErrors[0].message).toMatch(/nest 65 levels deep, more than the limit of 64/);
    });

    test.each([
        ['empty', '', 'empty'],
        ['blank', '  \n\n', 'empty'],
        ['binary', 'bet A\u0000\u0001\u0002 {', 'binary'],
    ] as const)('an %s file is skipped', async (_, text, reason) => {
        expect(await formatText(Pom, URI.parse('file:///x.pom'), text)).toMatchObject({ text, changed: false, skipped: reason });
    });

    test('a truncated file is not formatted', async () => {
        const text = read('examples/acme/growth.pom').slice(0, 900);
        const result = await formatText(Pom, URI.parse('file:///cut.pom'), text);
        expect(result.parseErrors).toBe(true);
        expect(result.text).toBe(text);
    });
});

describe('the safety net', () => {
    test('a formatter that would drop a comment is refused, not trusted', async () => {
        const text = 'insight A "A" // why we believe it\n';
        const dropComment = {
            formatDocument: async () => [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 34 } }, newText: '' }],
        };
        const broken: FormatServices = { shared: Pom.shared, parser: Pom.parser, lsp: { Formatter: dropComment } };
        await expect(formatText(broken, URI.parse('file:///a.pom'), text)).rejects.toThrow(FormatInvariantError);
        await expect(formatText(broken, URI.parse('file:///a.pom'), text)).rejects.toThrow('became ""');
        // The real formatter on the same text changes nothing it must keep.
        expect((await formatText(Pom, URI.parse('file:///a.pom'), text)).text).toBe(text);
    });
});

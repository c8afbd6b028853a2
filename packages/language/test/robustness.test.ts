// Robustness of the parser side: every input bound gives one `input-too-large` diagnostic at the place the bound is
// crossed, the nesting guard reads the text as the lexer does, error recovery cannot exhaust the stack (so the same
// text always gives the same result), and the paths that were quadratic (long value lists, many comments, many
// declarations of one name) stay linear. Time bounds are generous, to hold on a loaded machine; each is far below
// what the quadratic version took.
import { CstUtils, EmptyFileSystem, isLeafCstNode, type URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Element, Entry, Model } from '../src/generated/ast.js';
import { MAX_FILE_SIZE, MAX_LINE_LENGTH, MAX_NESTING, MAX_TOKENS } from '../src/grammar/input-bounds.js';
import { createPomServices } from '../src/pom-module.js';
import { diagnostics, found, type Loaded, load, loadOne, problems } from './helpers.js';

const ERROR = 1;
const relativePath = (uri: URI) => uri.path.slice(1);

/** Runs `work` and fails if it took longer than `seconds`. */
async function within<T>(seconds: number, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await work();
    const elapsed = (performance.now() - start) / 1000;
    expect(elapsed, `took ${elapsed.toFixed(2)} s`).toBeLessThan(seconds);
    return result;
}

/** What a user sees of a build: every diagnostic (code, range, message) and the compiled model, as text. */
function outcome(loaded: Loaded): string {
    const diagnosed = loaded.documents.map((d) =>
        diagnostics(d).map((x) => [x.code, x.range.start.line, x.range.start.character, x.message]),
    );
    const model = loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath });
    return JSON.stringify({ diagnosed, model });
}

const INTERNAL = /Cannot read|undefined|gave up|call stack|TypeError|RangeError/;

describe('nesting', () => {
    // `" bet A { bet A { …`: the leading quote starts no string (a string ends on its line), so the lexer reports
    // it and reads the brackets; the guard must count them too.
    const quoted = `" ${'bet A { '.repeat(400)}`;
    const level = (n: number) => 2 + 8 * (n - 1) + 6; // the column of the n-th `{`

    test('a leading unterminated `"` does not hide the brackets: one input-too-large at the 65th `{`', async () => {
        const loaded = await within(10, () => load({ 'a.pom': quoted, 'b.pom': quoted, 'c.pom': quoted }));
        for (const document of loaded.documents) {
            expect(found(document, 'input-too-large')).toEqual([
                { code: 'input-too-large', severity: ERROR, range: [0, level(MAX_NESTING + 1), 0, level(MAX_NESTING + 1) + 1] },
            ]);
            expect(diagnostics(document, 'input-too-large')[0].message).toBe(
                'Braces nest 400 levels deep, more than the limit of 64; this file is not parsed.',
            );
            expect(diagnostics(document, 'parsing-error')).toEqual([]);
        }
    });

    test('a leading unterminated `/*` does not hide the brackets either', async () => {
        const text = `/* ${'bet A { '.repeat(400)}`;
        const document = await loadOne(text);
        const at = 3 + 8 * MAX_NESTING + 6;
        expect(found(document, 'input-too-large')).toEqual([{ code: 'input-too-large', severity: ERROR, range: [0, at, 0, at + 1] }]);
    });

    test('brackets inside strings and comments are not counted, as the lexer reads them as one token', async () => {
        const deep = '{'.repeat(MAX_NESTING + 10);
        const text = [
            `insight I "${deep}" { source: data }`,
            `insight J '${deep}'`,
            `/* ${deep} */ insight K`,
            `// ${deep}`,
            `insight L "escaped \\" ${deep}"`,
        ].join('\n');
        const document = await loadOne(text);
        expect(diagnostics(document, 'input-too-large')).toEqual([]);
        expect(problems(document).filter((d) => d.code === 'lexing-error' || d.code === 'parsing-error')).toEqual([]);
    });

    test('64 levels parse; 65 do not', async () => {
        const nested = (n: number) => `${'bet A {\n'.repeat(n)}${'}\n'.repeat(n)}`;
        expect(diagnostics(await loadOne(nested(MAX_NESTING)), 'input-too-large')).toEqual([]);
        expect(found(await loadOne(nested(MAX_NESTING + 1)), 'input-too-large')).toEqual([
            { code: 'input-too-large', severity: ERROR, range: [MAX_NESTING, 6, MAX_NESTING, 7] },
        ]);
    });

    test('a stray `]` does not cancel a `{`; stray `[` (metadata, which does not nest) are not counted', async () => {
        const text = 'bet A { x: B ] '.repeat(MAX_NESTING + 1);
        const at = 15 * MAX_NESTING + 6;
        expect(found(await loadOne(text), 'input-too-large')).toEqual([
            { code: 'input-too-large', severity: ERROR, range: [0, at, 0, at + 1] },
        ]);
        const brackets = await loadOne('bet A { x: B [ }\n'.repeat(MAX_NESTING * 4));
        expect(diagnostics(brackets, 'input-too-large')).toEqual([]);
        expect(diagnostics(brackets, 'parsing-error').length).toBeGreaterThan(0);
    });
});

describe('error recovery', () => {
    // Thousands of syntax errors inside the deepest nesting allowed: the parser's in-repetition recovery used to
    // recurse once per error, overflow the stack at a depth that varied between runs, and leave half-built nodes
    // (`Cannot read properties of undefined (reading 'members')`).
    const files = {
        'deep.pom': `${'bet A {\n'.repeat(MAX_NESTING)}${'bet B ? x: , ; @\n'.repeat(3000)}`,
        'flat.pom': 'bet ? bet A ] : kind } field [\n'.repeat(3000),
        'quoted.pom': `" ${'bet A { '.repeat(60)}${'@ ? ] bet ,\n'.repeat(2000)}`,
    };

    test('many errors at the deepest nesting: a bounded number of syntax errors, no internal error text', async () => {
        const loaded = await within(20, () => load(files));
        for (const document of loaded.documents) {
            const syntax = diagnostics(document).filter((d) => d.code === 'parsing-error' || d.code === 'lexing-error');
            expect(syntax.length).toBeGreaterThan(0);
            expect(syntax.length).toBeLessThanOrEqual(101); // 100 and a line that counts the rest
            for (const d of diagnostics(document)) expect(d.message).not.toMatch(INTERNAL);
        }
    });

    test('the same files give the same diagnostics and the same compiled model, every time', async () => {
        const first = outcome(await load(files));
        for (let run = 0; run < 3; run++) expect(outcome(await load(files))).toBe(first);
        const nested = { 'a.pom': `" ${'bet A { '.repeat(400)}`, 'b.pom': `" ${'bet A { '.repeat(400)}` };
        const once = outcome(await load(nested));
        for (let run = 0; run < 3; run++) expect(outcome(await load(nested))).toBe(once);
    });
});

describe('declarations a syntax error cut short', () => {
    test('an element nested in one without a name has no id; a kind without a name declares nothing', async () => {
        const loaded = await load({ 'a.pom': 'bet {\n  experiment E\n}\nkind {\n  field : string\n  field : string\n}\n' });
        const [document] = loaded.documents;
        expect(diagnostics(document, 'parsing-error').length).toBeGreaterThan(0);
        for (const d of diagnostics(document)) expect(d.message).not.toContain('undefined');
        const model = loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath });
        expect(model.elements).toEqual([]);
        expect(model.kinds).toEqual([]);
    });

    test('a view whose `layout:` a syntax error cut before its value gets the syntax error alone', async () => {
        const loaded = await load({ 'a.pom': 'view Whole "All" {\n  layout: ' });
        const [document] = loaded.documents;
        expect(diagnostics(document, 'parsing-error').length).toBeGreaterThan(0);
        for (const d of diagnostics(document)) expect(d.message).not.toContain('An error occurred');
        expect(diagnostics(document).map((d) => d.code)).not.toContain('value-type');
    });

    test('hover on a link whose metadata a syntax error cut after its key shows the key with no value', async () => {
        const text = 'insight I\nopportunity O {\n  informedBy: I [confidence: ]\n}\n';
        const loaded = await load({ 'a.pom': text });
        const [document] = loaded.documents;
        expect(diagnostics(document, 'parsing-error').length).toBeGreaterThan(0);
        const hover = (needle: string) =>
            loaded.pom.lsp.HoverProvider?.getHoverContent(document, {
                textDocument: { uri: document.uri.toString() },
                position: document.textDocument.positionAt(text.indexOf(needle)),
            });
        const onLink = (await hover('I ['))?.contents as { value: string } | undefined;
        expect(onLink?.value).toContain('confidence: (no value)');
        const onTarget = (await hover('I\nopp'))?.contents as { value: string } | undefined;
        expect(onTarget?.value).toContain('**Backlinks** 1 link points here');
        expect(onTarget?.value).toContain('(confidence: (no value))');
    });
});

describe('input bounds', () => {
    test('a file over the size limit: not lexed; the diagnostic sits where the limit is crossed', async () => {
        // 50 MB of text garbage used to run for minutes in gigabytes.
        const line = `${'garbage { ] " /* '.repeat(50)}\n`;
        const text = line.repeat(Math.ceil(50_000_000 / line.length));
        const document = await within(10, () => loadOne(text));
        const at = MAX_FILE_SIZE % line.length;
        const row = Math.floor(MAX_FILE_SIZE / line.length);
        expect(found(document, 'input-too-large')).toEqual([{ code: 'input-too-large', severity: ERROR, range: [row, at, row, at + 1] }]);
        expect(diagnostics(document, 'input-too-large')[0].message).toBe(
            `This file has ${text.length.toLocaleString('en-US')} characters, more than the limit of 2,000,000; it is not parsed. Split it into several files.`,
        );
        expect(diagnostics(document)).toHaveLength(1);
    });

    test('a line over the length limit, counted with `\\r` line ends too', async () => {
        const long = `insight I "${'x'.repeat(MAX_LINE_LENGTH)}"`;
        const document = await loadOne(`insight A\r\ninsight B\r${long}\n`);
        expect(found(document, 'input-too-large')).toEqual([
            { code: 'input-too-large', severity: ERROR, range: [2, MAX_LINE_LENGTH, 2, MAX_LINE_LENGTH + 1] },
        ]);
        expect(diagnostics(document, 'input-too-large')[0].message).toBe(
            `Line 3 has ${(MAX_LINE_LENGTH + 12).toLocaleString('en-US')} characters, more than the limit of 10,000; this file is not parsed. Break the line.`,
        );
        const atLimit = `insight I "${'x'.repeat(MAX_LINE_LENGTH - 12)}"`;
        expect(atLimit).toHaveLength(MAX_LINE_LENGTH);
        expect(diagnostics(await loadOne(atLimit), 'input-too-large')).toEqual([]);
    });

    test('the reproductions on one line: 20,000 copies of `bet A ` and 200,000 values', async () => {
        const copies = await within(10, () => loadOne('bet A '.repeat(20_000)));
        expect(found(copies, 'input-too-large')).toEqual([
            { code: 'input-too-large', severity: ERROR, range: [0, MAX_LINE_LENGTH, 0, MAX_LINE_LENGTH + 1] },
        ]);
        const values = await within(10, () => loadOne(`bet A { tags: ${Array(200_000).fill('"s"').join(', ')} }`));
        expect(found(values, 'input-too-large')).toEqual([
            { code: 'input-too-large', severity: ERROR, range: [0, MAX_LINE_LENGTH, 0, MAX_LINE_LENGTH + 1] },
        ]);
    });

    test('a file over the token limit: the diagnostic is on the first token past it', async () => {
        const line = `${';'.repeat(999)}\n`; // 999 tokens a line, well inside the size limit
        const text = `// ${MAX_TOKENS}\n${line.repeat(Math.ceil(MAX_TOKENS / 999) + 1)}`;
        const document = await within(10, () => loadOne(text));
        // the comment is token 1; token MAX_TOKENS + 1 is `;` number MAX_TOKENS in the lines below it
        const row = 1 + Math.floor((MAX_TOKENS - 1) / 999);
        const at = (MAX_TOKENS - 1) % 999;
        expect(found(document, 'input-too-large')).toEqual([{ code: 'input-too-large', severity: ERROR, range: [row, at, row, at + 1] }]);
        const total = 1 + 999 * (Math.ceil(MAX_TOKENS / 999) + 1);
        expect(diagnostics(document, 'input-too-large')[0].message).toBe(
            `This file has ${total.toLocaleString('en-US')} tokens, more than the limit of 300,000; it is not parsed. Split it into several files.`,
        );
    });
});

describe('linear paths', () => {
    // Parsing alone is timed: the quadratic versions took 27 s (values) and 38 s (commented values) here.
    const parse = (text: string) => {
        const { Pom } = createPomServices(EmptyFileSystem);
        const start = performance.now();
        const result = Pom.parser.LangiumParser.parse<Model>(text);
        const elapsed = (performance.now() - start) / 1000;
        expect(elapsed, `took ${elapsed.toFixed(2)} s`).toBeLessThan(8);
        expect(result.parserErrors).toEqual([]);
        return result.value;
    };

    test('a list of 140,000 values, one a line, parses in linear time', () => {
        const model = parse(`bet A {\n  tags: ${Array(140_000).fill('"s"').join(',\n')}\n}\n`);
        expect(((model.members[0] as Element).body[0] as Entry).values).toHaveLength(140_000);
    });

    test('90,000 values each with a comment keep every comment in the syntax tree, in linear time', () => {
        const model = parse(`bet A {\n  tags: ${Array.from({ length: 90_000 }, (_, i) => `"s" /* ${i} */`).join(',\n')}\n} // end\n`);
        const comments = (model.$cstNode ? [...CstUtils.streamCst(model.$cstNode)] : []).filter((n) => n.hidden).map((n) => n.text);
        expect(comments).toHaveLength(90_001);
        expect(comments.slice(0, 2)).toEqual(['/* 0 */', '/* 1 */']);
        expect(comments.at(-1)).toBe('// end');
        // each comment sits right before the comma or brace that follows it
        const leaves = [...CstUtils.streamCst(model.$cstNode!)].filter(isLeafCstNode);
        const first = leaves.findIndex((n) => n.text === '/* 0 */');
        expect(leaves.slice(first - 1, first + 2).map((n) => n.text)).toEqual(['"s"', '/* 0 */', ',']);
    });

    test('10,000 declarations of one name: one duplicate-name each, citing five places and counting the rest', async () => {
        const document = await within(30, () => loadOne('bet A\n'.repeat(10_000)));
        const duplicates = diagnostics(document, 'duplicate-name');
        expect(duplicates).toHaveLength(10_000);
        expect(duplicates[0].range).toEqual({ start: { line: 0, character: 4 }, end: { line: 0, character: 5 } });
        expect(duplicates[0].message).toBe(
            '`A` is declared more than once; also at a.pom:2, a.pom:3, a.pom:4, a.pom:5, a.pom:6 and 9994 more places.',
        );
        expect(duplicates[9_999].message).toBe(
            '`A` is declared more than once; also at a.pom:1, a.pom:2, a.pom:3, a.pom:4, a.pom:5 and 9994 more places.',
        );
        for (const d of duplicates) expect(d.relatedInformation).toHaveLength(5);
    });
});

// Multi-line strings (`"""…"""`): the layout rule (first line break, closing line, common indentation, blank lines,
// escapes), every place a string goes, the diagnostics around them, the compiled text, the formatter leaving them
// alone, the parser guard skipping them, and hover rendering them as safe Markdown.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { AstUtils, EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CompiledModel } from '../src/compile/compiled-model.js';
import { formatText } from '../src/format/format-text.js';
import { type Element, isElement, isViewDecl, type ViewDecl } from '../src/generated/ast.js';
import { multiLineText } from '../src/grammar/pom-value-converter.js';
import { safeMarkdown } from '../src/lsp/markdown.js';
import { createPomServices } from '../src/pom-module.js';
import { found, load, loadOne, problems, rangeOf } from './helpers.js';

const Q = '"""';

function element(document: LangiumDocument, name: string): Element {
    const found = AstUtils.streamAllContents(document.parseResult.value).find((n) => isElement(n) && n.name === name);
    if (!found) throw new Error(`no element ${name}`);
    return found as Element;
}

function syntaxErrors(document: LangiumDocument): string[] {
    return [...document.parseResult.lexerErrors, ...document.parseResult.parserErrors].map((e) => e.message);
}

describe('the layout rule', () => {
    test('the line break after the opening quotes and the closing line go; common indentation goes', () => {
        expect(multiLineText(`${Q}\n    If teams get a guided setup,\n      completion rises.\n    ${Q}`)).toBe(
            'If teams get a guided setup,\n  completion rises.',
        );
    });

    test("the closing line's indentation is not part of the text, whatever it is", () => {
        const lines = '\n    one\n    two\n';
        expect(multiLineText(`${Q}${lines}${Q}`)).toBe('one\ntwo');
        expect(multiLineText(`${Q}${lines}        ${Q}`)).toBe('one\ntwo');
    });

    test('text after the opening quotes stays as it is and does not count for indentation', () => {
        expect(multiLineText(`${Q}First line\n    second\n      third${Q}`)).toBe('First line\nsecond\n  third');
        expect(multiLineText(`${Q}  one line  ${Q}`)).toBe('  one line  ');
        expect(multiLineText(`${Q}${Q}`)).toBe('');
    });

    test('blank lines are kept empty and do not count for indentation; CRLF reads as LF', () => {
        expect(multiLineText(`${Q}\r\n    one\r\n  \r\n\r\n    two\r\n    ${Q}`)).toBe('one\n\n\ntwo');
    });

    test('indentation is removed only as far as it is the same characters', () => {
        expect(multiLineText(`${Q}\n\t  one\n\t two\n${Q}`)).toBe(' one\ntwo');
        expect(multiLineText(`${Q}\n  one\n\ttwo\n${Q}`)).toBe('  one\n\ttwo');
    });

    test('escapes are read after the layout, so an escaped tab or line break is text', () => {
        expect(multiLineText(`${Q}\n    \\tone\\n  two \\"""\n    three \\\\\n    ${Q}`)).toBe('\tone\n  two """\nthree \\');
    });
});

describe('parsing', () => {
    test('a multi-line string works for every string field, titles of elements, kinds and views, and metadata', async () => {
        const text = [
            `kind spike extends experiment ${Q}A spike${Q} {`,
            '  field notes: string*',
            '}',
            `bet B ${Q}`,
            '    A guided setup',
            '    lifts completion',
            `    ${Q} {`,
            `  hypothesis: ${Q}`,
            '    If new teams get a guided setup,',
            '    completion rises.',
            `  ${Q}`,
            `  targets: I [expected: ${Q}`,
            '    +10pts',
            `  ${Q}]`,
            '}',
            `spike S { for: B, notes: ${Q}one${Q}, ${Q}`,
            '    two',
            `  ${Q} }`,
            'input I',
            `view V ${Q}`,
            '  A view',
            `${Q} { include: 'kind:bet' }`,
        ].join('\n');
        const document = await loadOne(text);
        expect(syntaxErrors(document)).toEqual([]);
        expect(
            problems(document)
                .filter((d) => d.severity === 1)
                .map((d) => d.message),
        ).toEqual([]);
        const bet = element(document, 'B');
        expect(bet.title).toBe('A guided setup\nlifts completion');
        const [hypothesis, targets] = bet.body as Array<{
            values: Array<{ value?: string; metadata?: Array<{ value: { value: string } }> }>;
        }>;
        expect(hypothesis.values[0].value).toBe('If new teams get a guided setup,\ncompletion rises.');
        expect(targets.values[0].metadata?.[0].value.value).toBe('+10pts');
        const spike = element(document, 'S');
        expect((spike.body[1] as unknown as { values: Array<{ value: string }> }).values.map((v) => v.value)).toEqual(['one', 'two']);
        const view = AstUtils.streamAllContents(document.parseResult.value).find(isViewDecl) as ViewDecl;
        expect(view.title).toBe('A view');
    });

    test('positions after a multi-line string stay right', async () => {
        const text = `bet B {\n  hypothesis: ${Q}\n    one\n    two\n  ${Q}\n  chooses: Missing\n}`;
        const document = await loadOne(text);
        expect(found(document, 'unresolved-reference').map((d) => d.range)).toEqual([rangeOf(text, 'Missing')]);
    });

    test('a quote right before the closing quotes is text; an escaped quote never closes', async () => {
        const document = await loadOne(`bet B { hypothesis: ${Q}She said "yes"${Q}\n}\nbet C { hypothesis: ${Q}a \\""" b${Q} }`);
        expect(syntaxErrors(document)).toEqual([]);
        expect((element(document, 'B').body[0] as unknown as { values: Array<{ value: string }> }).values[0].value).toBe('She said "yes"');
        expect((element(document, 'C').body[0] as unknown as { values: Array<{ value: string }> }).values[0].value).toBe('a """ b');
    });

    test('an unclosed multi-line string is one lexing error at its opening quotes', async () => {
        const text = `bet B {\n  hypothesis: ${Q}\n    never closed\n}\n`;
        const document = await loadOne(text);
        const [first] = document.parseResult.lexerErrors;
        expect(first.message).toBe('Unterminated multi-line string: text opened with `"""` ends with `"""`.');
        expect([first.line, first.column]).toEqual([2, 15]);
        expect(found(document, 'lexing-error')[0].range.slice(0, 2)).toEqual([1, 14]);
    });

    test('a multi-line string where a number belongs is a value-type error over the whole string', async () => {
        const text = `metric M { unit: percent, baseline: ${Q}\n  42%\n${Q} }`;
        const document = await loadOne(text);
        const [start] = rangeOf(text, Q);
        expect(found(document, 'value-type')).toEqual([{ code: 'value-type', severity: 1, range: [start, rangeOf(text, Q)[1], 2, 3] }]);
    });
});

describe('the input bounds', () => {
    test('brackets inside multi-line text are text, not nesting', async () => {
        const document = await loadOne(`bet B { hypothesis: ${Q}\n${'{'.repeat(70)}\n"quoted" ${Q}"${Q} }`);
        expect(syntaxErrors(document)).toEqual([]);
        expect(found(document, 'input-too-large')).toEqual([]);
        // Seven quotes at the end: the last three close, the first four are text.
        expect((element(document, 'B').body[0] as unknown as { values: Array<{ value: string }> }).values[0].value).toBe(
            `${'{'.repeat(70)}\n"quoted" ${Q}"`,
        );
    });
});

describe('the compiled model', () => {
    const schema = JSON.parse(readFileSync(new URL('../schema/pom-model.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

    test('carries the trimmed text of fields, titles and link metadata, and validates against the schema', async () => {
        const loaded = await load({
            'a.pom': [
                `bet B ${Q}`,
                '    Guided setup',
                `    ${Q} {`,
                `  hypothesis: ${Q}`,
                '    If new teams get a guided setup,',
                '      onboarding completion rises',
                '',
                '    from 42% to 55%.',
                `    ${Q}`,
                `  targets: I [expected: ${Q}+10pts${Q}]`,
                '}',
                'input I',
            ].join('\n'),
        });
        const model: CompiledModel = loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath: (u: URI) => u.path.slice(1) });
        expect(validate(model), JSON.stringify(validate.errors)).toBe(true);
        const bet = model.elements.find((e) => e.id === 'B')!;
        expect(bet.title).toBe('Guided setup');
        expect(bet.fields.hypothesis).toEqual({
            type: 'string',
            value: 'If new teams get a guided setup,\n  onboarding completion rises\n\nfrom 42% to 55%.',
        });
        expect(model.links.find((l) => l.relation === 'targets')?.metadata).toEqual({ expected: { type: 'string', value: '+10pts' } });
    });
});

describe('the formatter', () => {
    const services = createPomServices(EmptyFileSystem).Pom;
    const format = (text: string) => formatText(services, URI.parse('file:///ws/f.pom'), text);

    test('re-indents around a multi-line string but never inside it', async () => {
        const inner = ['      If teams get a guided setup,', '        completion rises.', '', '   ', '      '].join('\n');
        const text = `bet B {\n      hypothesis:   ${Q}\n${inner}${Q}\n      chooses: O\n}\noption O\n`;
        const result = await format(text);
        expect(result.parseErrors).toBe(false);
        expect(result.text).toBe(`bet B {\n  hypothesis: ${Q}\n${inner}${Q}\n  chooses: O\n}\n\noption O\n`);
        const before = await loadOne(text);
        const after = await loadOne(result.text);
        const value = (d: LangiumDocument) => (element(d, 'B').body[0] as unknown as { values: Array<{ value: string }> }).values[0].value;
        expect(value(after)).toBe(value(before));
        expect((await format(result.text)).changed).toBe(false);
    });

    test('keeps a multi-line title and CRLF text inside the string as written', async () => {
        const text = `bet   B ${Q}\r\n  Title\r\n    more\r\n${Q} {\r\n  hypothesis: "h"\r\n}\r\n`;
        const result = await format(text);
        expect(result.text).toBe(`bet B ${Q}\r\n  Title\r\n    more\r\n${Q} {\r\n  hypothesis: "h"\r\n}\r\n`);
    });
});

describe('safe Markdown', () => {
    test('keeps code spans and code blocks as code, with their < > & as written', () => {
        expect(safeMarkdown('Use `a < b && c` or <b>bold</b>')).toBe('Use `a < b && c` or &lt;b&gt;bold&lt;/b&gt;');
        expect(safeMarkdown('```ts\nif (a < b) {}\n```\n<i>')).toBe('```ts\nif (a < b) {}\n```\n&lt;i&gt;');
        expect(safeMarkdown('a `` x ` y `` b <')).toBe('a `` x ` y `` b &lt;');
        expect(safeMarkdown('an odd ` backtick <')).toBe('an odd ` backtick &lt;');
    });

    test('keeps http(s) links, neutralises images and other links, closes an open fence', () => {
        expect(safeMarkdown('[docs](https://example.com)')).toBe('[docs](https://example.com)');
        expect(safeMarkdown('[run](command:workbench.action.quit)')).toBe('[run]\\(command:workbench.action.quit)');
        expect(safeMarkdown('[x]( javascript:alert(1))')).toBe('[x]\\( javascript:alert(1))');
        expect(safeMarkdown('![pixel](https://tracker.example/p.png)')).toBe('!\\[pixel](https://tracker.example/p.png)');
        expect(safeMarkdown('[ref]: file:///etc/passwd')).toBe('\\[ref]: file:///etc/passwd');
        expect(safeMarkdown('<command:x>')).toBe('&lt;command:x&gt;');
        expect(safeMarkdown('```\nunclosed')).toBe('```\nunclosed\n```');
        expect(safeMarkdown('bidi \u202e and \u0007 bell')).toBe('bidi   and   bell');
    });
});

describe('hover', () => {
    async function hover(text: string, needle: string, delta = 0): Promise<string> {
        const { documents, pom } = await load({ 'a.pom': text });
        const document = documents[0];
        const offset = text.indexOf(needle) + delta;
        const result = await pom.lsp.HoverProvider?.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() },
            position: document.textDocument.positionAt(offset),
        });
        return (result?.contents as { value: string } | undefined)?.value ?? '';
    }

    const text = [
        '/** Doc with `a<b>` as code and <script>x</script>. */',
        `bet WizardBet ${Q}`,
        '    A guided setup',
        `    ${Q} {`,
        `  hypothesis: ${Q}`,
        '    If teams get **a guided setup**:',
        '    - completion rises',
        '    - see [run](command:evil) and `x < y`',
        `    ${Q}`,
        '  horizon: quarters',
        '}',
    ].join('\n');

    test('an element shows its doc comment and its multi-line texts as safe Markdown, its title on one line', async () => {
        const value = await hover(text, 'WizardBet', 1);
        expect(value).toContain('**bet** `WizardBet` — A guided setup\n');
        expect(value).toContain('Doc with `a<b>` as code and &lt;script&gt;x&lt;/script&gt;.');
        expect(value).toContain(
            '**hypothesis**\n\nIf teams get **a guided setup**:\n- completion rises\n- see [run]\\(command:evil) and `x < y`',
        );
    });

    test('inside a multi-line string, the hover is its text', async () => {
        const value = await hover(text, 'completion rises');
        expect(value).toBe(
            '**hypothesis**\n\nIf teams get **a guided setup**:\n- completion rises\n- see [run]\\(command:evil) and `x < y`',
        );
    });

    test('a one-line string has no hover of its own', async () => {
        expect(await hover('bet B { hypothesis: "plain text" }', 'plain')).toBe('');
    });
});

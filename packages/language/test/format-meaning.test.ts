// Formatting never changes what a file means: a separator that keeps a doc comment off the next item stays, comments
// lose only their trailing blanks and the indentation of their inner lines, any line break (LF, CRLF, lone CR) ends a
// line comment, and the guard refuses a result that would change the model.
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CompiledModel } from '../src/compile/compiled-model.js';
import { leavesOf, meaningOf } from '../src/format/format-rules.js';
import { checkFormatting, FormatInvariantError, type FormatServices, formatText } from '../src/format/format-text.js';
import { createPomServices } from '../src/pom-module.js';
import { load } from './helpers.js';

const { Pom } = createPomServices(EmptyFileSystem);
const URI_A = URI.parse('file:///a.pom');

async function format(text: string): Promise<string> {
    const result = await formatText(Pom, URI_A, text);
    expect(result.parseErrors).toBe(false);
    return result.text;
}

async function compiled(text: string): Promise<CompiledModel> {
    const loaded = await load({ 'a.pom': text });
    return loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath: () => 'a.pom' });
}

/** Each element's documentation, by name. */
async function docs(text: string): Promise<Record<string, string | null>> {
    return Object.fromEntries((await compiled(text)).elements.map((e) => [e.name, e.doc]));
}

describe('a separator after a doc comment', () => {
    const text = 'bet B "B" {\n  owner: X\n  /** Doc of E */ ;\n  experiment E "E" {}\n}\n\nteam X "X"\n';

    test('is kept, so the comment still documents nothing', async () => {
        expect(await docs(text)).toEqual({ B: null, E: null, X: null });
        const formatted = await format(text);
        expect(formatted).toBe(text);
        expect(await docs(formatted)).toEqual({ B: null, E: null, X: null });
    });

    test('is kept after a doc comment on the line of the item before, with `,` as with `;`', async () => {
        const messy = 'bet B {\n    owner: X   /** not D */ ;\n experiment D {}  /** not E */,experiment E {}; experiment F {} }\nteam X\n';
        const formatted = await format(messy);
        expect(formatted).toBe(
            'bet B {\n  owner: X /** not D */ ;\n  experiment D {} /** not E */ ,\n  experiment E {}\n  experiment F {}\n}\n\nteam X\n',
        );
        expect(await docs(formatted)).toEqual({ B: null, D: null, E: null, F: null, X: null });
        expect(await docs(formatted)).toEqual(await docs(messy));
        expect(await format(formatted)).toBe(formatted);
    });

    test('after an ordinary block comment goes, since only `/**` comments document', async () => {
        const formatted = await format('bet B {\n  owner: X\n  /* note */ ;\n  experiment E {}\n}\n\nteam X\n');
        expect(formatted).toBe('bet B {\n  owner: X\n  /* note */\n  experiment E {}\n}\n\nteam X\n');
        expect((await docs(formatted)).E).toBeNull();
    });

    test('a doc comment directly before an item still documents it after formatting', async () => {
        const messy = 'bet B { owner: X;\n /** Doc of E */\n      experiment E {} }\nteam X\n';
        expect((await docs(messy)).E).toBe('Doc of E');
        expect((await docs(await format(messy))).E).toBe('Doc of E');
    });
});

describe('comments', () => {
    test('lose their trailing blanks, line comments and block comments alike', async () => {
        const text = 'team X "X"   // trailing  \t\n\n/* a  \n   b\t\n*/\nteam Y\n';
        expect(await format(text)).toBe('team X "X" // trailing\n\n/* a\n   b\n*/\nteam Y\n');
    });

    test('the ` * ` lines of a doc comment move with it, one column in from its `/`', async () => {
        const text = 'bet B {\n        /**\n           * Doc of E\n     *\n           */\n  experiment E {}\n}\n';
        expect(await format(text)).toBe('bet B {\n  /**\n   * Doc of E\n   *\n   */\n  experiment E {}\n}\n');
    });

    test('a doc comment that stays in its column gets its ` * ` lines aligned', async () => {
        const text = '/**\n      * Doc of T\n  */\nteam T\n';
        expect(await format(text)).toBe('/**\n * Doc of T\n */\nteam T\n');
        expect((await docs(await format(text))).T).toBe('Doc of T');
    });

    test('other inner lines keep their shape, moved as far as the first line moved', async () => {
        const text = 'bet B {\n      /* first\n         second\n       */\n  experiment E {}\n}\n';
        expect(await format(text)).toBe('bet B {\n  /* first\n     second\n   */\n  experiment E {}\n}\n');
    });

    test('a block comment after code on its line keeps its inner lines, less trailing blanks', async () => {
        const text = 'team X "X" /* a   \n      b */\nteam Y\n';
        expect(await format(text)).toBe('team X "X" /* a\n      b */\n\nteam Y\n');
    });

    test('line comments ended by lone CRs stay separate lines, and CRs stay the line ending', async () => {
        const text = 'namespace t\r// first\r// second\rteam X "x" {\r    owner: Y   // who\r}\rteam Y\r';
        const formatted = await format(text);
        expect(formatted).toBe('namespace t\r\r// first\r// second\rteam X "x" {\r  owner: Y // who\r}\r\rteam Y\r');
        expect(await format(formatted)).toBe(formatted);
    });
});

describe('doc comments compile to the same doc however they are indented', () => {
    test('free-text lines keep their indentation relative to each other, even when one has too little to move', async () => {
        const text = 'bet B {\n        /** Doc\n          - a\n              - nested\n     last */\n  experiment E {}\n}\n';
        const formatted = await format(text);
        expect(formatted).toBe('bet B {\n  /** Doc\n     - a\n         - nested\nlast */\n  experiment E {}\n}\n');
        expect((await docs(text)).E).toBe('Doc\n     - a\n         - nested\nlast');
        expect((await docs(formatted)).E).toBe('Doc\n     - a\n         - nested\nlast');
        expect(await format(formatted)).toBe(formatted);
    });

    test('a lone CR ends a line of a doc comment as LF and CRLF do', async () => {
        const lf = '/**\n * Doc line\n *\n * more\n */\nteam T\n';
        expect((await docs(lf)).T).toBe('Doc line\n\nmore');
        for (const eol of ['\r', '\r\n']) expect((await docs(lf.replace(/\n/g, eol))).T).toBe('Doc line\n\nmore');
        // Found by the fuzzer: a badly indented doc comment in a file of mixed line endings.
        const mixed = 'team X\r\n       /**\r          * Doc line  \n   *\r\n      */\nteam T\r';
        const formatted = await format(mixed);
        expect((await docs(formatted)).T).toBe((await docs(mixed)).T);
        expect((await docs(mixed)).T).toBe('Doc line');
    });
});

describe('the guard', () => {
    const withFormatter = (edit: (text: string) => { start: number; end: number; newText: string }): FormatServices => ({
        ...Pom,
        lsp: {
            Formatter: {
                formatDocument: async (document) => {
                    const text = document.textDocument.getText();
                    const { start, end, newText } = edit(text);
                    const at = (offset: number) => document.textDocument.positionAt(offset);
                    return [{ range: { start: at(start), end: at(end) }, newText }];
                },
            },
        },
    });

    test('refuses a result that drops the separator after a doc comment (a doc would attach)', async () => {
        const text = 'bet B {\n  owner: X\n  /** Doc of E */ ;\n  experiment E {}\n}\n';
        const dropping = withFormatter((t) => ({ start: t.indexOf(' ;'), end: t.indexOf(' ;') + 2, newText: '' }));
        await expect(formatText(dropping, URI_A, text)).rejects.toThrow(FormatInvariantError);
        await expect(formatText(dropping, URI_A, text)).rejects.toThrow('token');
    });

    test('refuses a result that changes a comment beyond its blanks', async () => {
        const text = 'team X // who owns it\n';
        const editing = withFormatter((t) => ({ start: t.indexOf('owns'), end: t.indexOf('owns') + 4, newText: 'OWNS' }));
        await expect(formatText(editing, URI_A, text)).rejects.toThrow('"// who owns it" became "// who OWNS it"');
    });

    test('refuses a result that moves a doc comment onto another element', () => {
        const before = 'team X\n/** Doc */ // note\nteam Y\n';
        const after = 'team X\n// note\n/** Doc */\nteam Y\n';
        expect(() => checkFormatting(Pom, URI_A, before, after)).toThrow('token 3');
        const kept = 'bet B {\n  owner: X\n  /** Doc */ ;\n  experiment E {}\n}\n';
        expect(() => checkFormatting(Pom, URI_A, kept, kept.replace(' ;', ''))).toThrow(FormatInvariantError);
        expect(() => checkFormatting(Pom, URI_A, kept, kept.replace('  /**', '    /**'))).not.toThrow();
    });

    test('compares meaning: the syntax tree with each node’s doc comment', () => {
        const meaning = (text: string) => {
            const document = Pom.shared.workspace.LangiumDocumentFactory.fromString(text, URI_A);
            const root = document.parseResult.value;
            return meaningOf(root, leavesOf(root.$cstNode!));
        };
        const kept = 'bet B {\n  owner: X\n  /** Doc */ ;\n  experiment E {}\n}\n';
        expect(meaning(kept)).not.toEqual(meaning(kept.replace(' ;', '')));
        expect(meaning(kept)).toEqual(meaning(kept.replace(/\n */g, ' ')));
        expect(meaning('/** a\n * b */ team T')).toEqual(meaning('/** a  \n     * b */\nteam T'));
        expect(meaning('/** a */ team T')).not.toEqual(meaning('/** b */ team T'));
        expect(meaning('team T { owner: X }')).not.toEqual(meaning('team T { owner: Y }'));
    });

    test('refuses a result that does not parse', () => {
        expect(() => checkFormatting(Pom, URI_A, 'team X {}\n', 'team X {\n')).toThrow('would not parse');
    });
});

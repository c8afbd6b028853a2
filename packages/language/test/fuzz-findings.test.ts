// What the mutation fuzzer (test/fuzz/) found, each kept as a regression test: the smallest text that showed it.
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { formatText } from '../src/format/format-text.js';
import { createPomServices } from '../src/pom-module.js';
import { load } from './helpers.js';

const { Pom } = createPomServices(EmptyFileSystem);

describe('found by the fuzzer', () => {
    test('a link metadata entry a syntax error cut short compiles without it, instead of crashing the compiler', async () => {
        const text = 'namespace t\noutcome R\noutcome A\nnorthstar N { leads: R [confidence: ], A [confidence: high] }\n';
        const loaded = await load({ 'a.pom': text });
        expect(loaded.documents[0].diagnostics?.some((d) => d.code === 'parsing-error')).toBe(true);
        const model = loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath: () => 'a.pom' });
        expect(model.links.filter((l) => l.relation === 'leads').map((l) => [l.to, l.metadata])).toEqual([
            ['t.A', { confidence: { type: 'symbol', value: 'high' } }],
            ['t.R', {}],
        ]);
    });

    test('a comment line of blanks between a CR and an LF stays a line of its own', async () => {
        const text = 'namespace t\r\n\r\n/**\r \n\t* Doc\r\n */\r\nteam T\r\n';
        const result = await formatText(Pom, URI.parse('file:///a.pom'), text);
        expect(result.text).toBe('namespace t\r\n\r\n/**\r\n\r\n * Doc\r\n */\r\nteam T\r\n');
        expect((await formatText(Pom, URI.parse('file:///a.pom'), result.text)).changed).toBe(false);
    });

    test('a comment right after a value, with blanks at its end, gets its space and loses the blanks', async () => {
        // The space before the comment and the comment's own rewrite start at one offset; listed the other way round
        // they overlapped, and `pom format` failed with an internal error.
        const text = 'bet W "t" {\n hypothesis: "h"// a \t\n}\n';
        const result = await formatText(Pom, URI.parse('file:///a.pom'), text);
        expect(result.text).toBe('bet W "t" {\n  hypothesis: "h" // a\n}\n');
        expect((await formatText(Pom, URI.parse('file:///a.pom'), result.text)).changed).toBe(false);
    });
});

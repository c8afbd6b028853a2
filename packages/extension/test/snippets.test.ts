// Every snippet, expanded with its default text, is valid POM: it parses, and its keys, values and enum literals
// are the prelude's. (References to elements the user has yet to write may stay unresolved.)
import { readFileSync } from 'node:fs';
import { EmptyFileSystem, URI } from 'langium';
import { buildWorkspace, createPomServices } from 'pom-language';
import { describe, expect, it } from 'vitest';

interface Snippet {
    prefix: string;
    description: string;
    body: string[];
}

const snippets: Record<string, Snippet> = JSON.parse(readFileSync(new URL('../snippets/pom.code-snippets', import.meta.url), 'utf8'));

/** The diagnostics a snippet must never produce; the others are about the rest of the user's model. */
const SNIPPET_FAULTS = new Set(['unknown-member', 'value-type', 'kind-redefines-member', 'kind-cycle', 'self-reference']);

/** The text VS Code inserts when every placeholder keeps its default and every choice its first option. */
function expand(body: string[]): string {
    let text = body
        .join('\n')
        .replace(/\$(?:\{CURRENT_YEAR\}|CURRENT_YEAR)/g, '2026')
        .replace(/\$(?:\{CURRENT_MONTH\}|CURRENT_MONTH)/g, '03')
        .replace(/\$(?:\{CURRENT_DATE\}|CURRENT_DATE)/g, '09')
        .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1');
    for (let previous = ''; previous !== text; ) {
        previous = text;
        text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
    }
    return text.replace(/\$\{\d+\}|\$\d+/g, '');
}

describe('snippets', () => {
    it('have unique prefixes and a description each', () => {
        const prefixes = Object.values(snippets).map((s) => s.prefix);
        expect(new Set(prefixes).size).toBe(prefixes.length);
        for (const [name, snippet] of Object.entries(snippets)) expect(snippet.description, name).not.toBe('');
    });

    it('cover the common kinds', () => {
        const prefixes = Object.values(snippets).map((s) => s.prefix);
        expect(prefixes).toEqual(expect.arrayContaining(['insight', 'opportunity', 'option', 'bet', 'experiment', 'release', 'impact']));
        expect(prefixes).toEqual(expect.arrayContaining(['input', 'driver', 'northstar', 'outcome', 'metric', 'team']));
    });

    it('leave out declarations legal in one place only: the server offers those where they are legal', () => {
        // Editor snippets show everywhere in a .pom file, element bodies included.
        const prefixes = Object.values(snippets).map((s) => s.prefix.split('-')[0]);
        for (const declaration of ['namespace', 'kind', 'field', 'relation', 'stage']) expect(prefixes).not.toContain(declaration);
    });

    it('expand placeholders, choices and variables to their defaults', () => {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: this is snippet syntax, not a template
        expect(expand(['a ${1:Name} ${2|x,y|} ${3:${4:in}ner} $CURRENT_YEAR-Q1 ${5:${CURRENT_MONTH}}', '}$0'])).toBe(
            'a Name x inner 2026-Q1 03\n}',
        );
    });

    it.each(Object.entries(snippets))('%s expands to valid POM', async (_name, snippet) => {
        const expanded = expand(snippet.body);
        const text = expanded;
        const { Pom } = createPomServices(EmptyFileSystem);
        const [document] = await buildWorkspace(Pom, [{ uri: URI.parse('file:///snippets/snippet.pom'), text }]);
        expect(
            document.parseResult.lexerErrors.map((e) => e.message),
            text,
        ).toEqual([]);
        expect(
            document.parseResult.parserErrors.map((e) => e.message),
            text,
        ).toEqual([]);
        const faults = (document.diagnostics ?? []).filter((d) => SNIPPET_FAULTS.has(String(d.code)));
        expect(
            faults.map((d) => `${d.code}: ${d.message}`),
            text,
        ).toEqual([]);
    });
});

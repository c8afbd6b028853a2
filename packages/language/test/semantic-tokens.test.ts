// Semantic tokens: kinds, names, keys, enum literals and references by the stage of what they point to, asserted
// by position, type and modifiers on a small model that uses built-in and user-defined kinds.
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { SemanticTokensDecoder } from 'langium/lsp';
import { beforeAll, describe, expect, test } from 'vitest';
import { PomSemanticTokenProvider } from '../src/lsp/pom-semantic-token-provider.js';
import { ALL_STAGES } from '../src/model/stages.js';
import { createPomServices } from '../src/pom-module.js';
import { PRELUDE_URI } from '../src/prelude/prelude.js';
import { buildWorkspace } from '../src/workspace/pom-workspace.js';

const MODEL = `namespace acme.demo
kind spike extends experiment "Spike" {
  field timebox: duration required
  relation blocks: bet | option* downstream
}
team Growth "Growth"
funding Fund { model: capacity }
insight Churn { source: data }
bet Wizard { owner: Growth, funding: Fund, relatesTo: Churn [confidence: high], Nowhere, confidence: low }
spike Db { for: Wizard, timebox: 2 weeks }
view Story "S" { include: '+Wizard+', layout: flow }
`;

interface Token {
    line: number;
    char: number;
    text: string;
    type: string;
    modifiers: string[];
}

const services = createPomServices(EmptyFileSystem);
const provider = services.Pom.lsp.SemanticTokenProvider!;

async function highlight(document: LangiumDocument, lines?: [number, number]): Promise<Token[]> {
    const textDocument = { uri: document.uri.toString() };
    const result = lines
        ? await provider.semanticHighlightRange(document, {
              textDocument,
              range: { start: { line: lines[0], character: 0 }, end: { line: lines[1], character: 0 } },
          })
        : await provider.semanticHighlight(document, { textDocument });
    const modifierNames = Object.entries(provider.tokenModifiers);
    return SemanticTokensDecoder.decode(result, provider.tokenTypes, document).map((t) => {
        const position = document.textDocument.positionAt(t.offset);
        const modifiers = modifierNames.filter(([, bit]) => (t.tokenModifiers & bit) !== 0).map(([name]) => name);
        return { line: position.line, char: position.character, text: t.text, type: t.tokenType, modifiers: modifiers.sort() };
    });
}

describe('a model with built-in and user-defined kinds', () => {
    let document: LangiumDocument;
    let tokens: Token[];

    /** The one token with this text on the (0-based) line; `occurrence` counts from 1 along the line. */
    function at(line: number, text: string, occurrence = 1): Omit<Token, 'line' | 'char' | 'text'> {
        const char = MODEL.split('\n')[line].split(text, occurrence).join(text).length;
        const found = tokens.filter((t) => t.line === line && t.char === char);
        expect(found.map((t) => t.text)).toEqual([text]);
        return { type: found[0].type, modifiers: found[0].modifiers };
    }

    const is = (type: string, ...modifiers: string[]) => ({ type, modifiers: modifiers.sort() });

    beforeAll(async () => {
        [document] = await buildWorkspace(services.Pom, [{ uri: URI.parse('file:///ws/demo.pom'), text: MODEL }]);
        tokens = await highlight(document);
    });

    test('the provider is the one registered for POM', () => {
        expect(provider).toBeInstanceOf(PomSemanticTokenProvider);
    });

    test('namespace, kind declarations and their members', () => {
        expect(at(0, 'acme.demo')).toEqual(is('namespace', 'declaration'));
        expect(at(1, 'spike')).toEqual(is('type', 'declaration', 'execution'));
        expect(at(1, 'experiment')).toEqual(is('type', 'defaultLibrary', 'execution'));
        expect(at(2, 'timebox')).toEqual(is('property', 'declaration'));
        expect(at(3, 'blocks')).toEqual(is('property', 'declaration'));
        expect(at(3, 'bet')).toEqual(is('type', 'defaultLibrary', 'bets'));
        expect(at(3, 'option')).toEqual(is('type', 'defaultLibrary', 'options'));
    });

    test('an element: its kind is a type, built in or not; its name is declared with the type of its stage', () => {
        expect(at(5, 'team')).toEqual(is('type', 'defaultLibrary', 'context'));
        expect(at(5, 'Growth')).toEqual(is('namespace', 'declaration', 'context'));
        expect(at(6, 'funding')).toEqual(is('type', 'defaultLibrary', 'investment'));
        expect(at(6, 'Fund')).toEqual(is('struct', 'declaration', 'investment'));
        expect(at(7, 'Churn')).toEqual(is('class', 'declaration', 'insights'));
        expect(at(9, 'spike')).toEqual(is('type', 'execution'));
        expect(at(9, 'Db')).toEqual(is('class', 'declaration', 'execution'));
    });

    test('entry keys are properties and enum literals are enum members', () => {
        expect(at(6, 'model')).toEqual(is('property'));
        expect(at(6, 'capacity')).toEqual(is('enumMember'));
        expect(at(7, 'source')).toEqual(is('property'));
        expect(at(7, 'data')).toEqual(is('enumMember'));
        expect(at(8, 'confidence', 2)).toEqual(is('property'));
        expect(at(8, 'low')).toEqual(is('enumMember'));
        expect(at(9, 'timebox')).toEqual(is('property'));
    });

    test('a view: its name is declared as an interface, its keys are properties, its selectors stay strings', () => {
        expect(at(10, 'Story')).toEqual(is('interface', 'declaration'));
        expect(at(10, 'include')).toEqual(is('property'));
        expect(at(10, 'layout')).toEqual(is('property'));
        expect(at(10, 'flow')).toEqual(is('enumMember'));
        expect(tokens.filter((t) => t.line === 10).map((t) => t.text)).toEqual(['Story', 'include', 'layout', 'flow']);
    });

    test('references to elements take the type and modifier of the stage of their kind', () => {
        expect(at(8, 'Growth')).toEqual(is('namespace', 'context'));
        expect(at(8, 'Fund')).toEqual(is('struct', 'investment'));
        expect(at(8, 'Churn')).toEqual(is('class', 'insights'));
        expect(at(9, 'Wizard')).toEqual(is('class', 'bets'));
    });

    test('metadata keys are parameters and their symbols enum members', () => {
        expect(at(8, 'confidence')).toEqual(is('parameter'));
        expect(at(8, 'high')).toEqual(is('enumMember'));
    });

    test('an unresolved reference, strings and durations are left to the TextMate grammar', () => {
        const texts = tokens.map((t) => t.text);
        expect(texts).not.toContain('Nowhere');
        expect(texts).not.toContain('"Spike"');
        expect(texts).not.toContain('2 weeks');
        expect(texts.filter((t) => t === 'relatesTo' || t === 'kind' || t === 'field')).toEqual(['relatesTo']);
    });

    test('a range request returns only the tokens in the range', async () => {
        const ranged = await highlight(document, [9, 10]);
        expect(ranged.map((t) => t.text)).toEqual(['spike', 'Db', 'for', 'Wizard', 'timebox']);
    });
});

describe('the legend', () => {
    test('every modifier, standard or stage, has the bit of its index in the legend', () => {
        const legend = provider.semanticTokensOptions.legend.tokenModifiers;
        expect(legend).toEqual(expect.arrayContaining(['declaration', 'defaultLibrary', ...ALL_STAGES]));
        expect(legend.length).toBeLessThanOrEqual(31);
        legend.forEach((modifier, index) => {
            expect(provider.tokenModifiers[modifier]).toBe(1 << index);
        });
    });

    test('the prelude declares its kinds as the default library', async () => {
        const prelude = services.shared.workspace.LangiumDocuments.getDocument(PRELUDE_URI)!;
        const declared = (await highlight(prelude)).find((t) => t.text === 'insight' && t.modifiers.includes('declaration'));
        expect(declared).toMatchObject({ type: 'type', modifiers: ['declaration', 'defaultLibrary', 'insights'] });
    });
});

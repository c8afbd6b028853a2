// The editor inside a view's selector strings: hover and go to definition on what a selector names, completion of
// element names, methods and method values, also while the closing quote is not typed yet.
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { CompletionItemKind, type LocationLink, type MarkupContent, type TextEdit } from 'vscode-languageserver-types';
import { fixture, load } from './helpers.js';

const MODEL = { 'growth.pom': fixture('lsp/growth.pom'), 'kinds.pom': fixture('lsp/kinds.pom') };
const CURSOR = '<|>';

async function at(textWithCursor: string) {
    const offset = textWithCursor.indexOf(CURSOR);
    const text = textWithCursor.replace(CURSOR, '');
    const { pom, documents } = await load({ ...MODEL, 'views.pom': text });
    const document = documents[2] as LangiumDocument;
    const params = { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) };
    return { pom, document, params, text };
}

async function hover(textWithCursor: string): Promise<string | undefined> {
    const { pom, document, params } = await at(textWithCursor);
    const result = await pom.lsp.HoverProvider?.getHoverContent(document, params);
    return (result?.contents as MarkupContent | undefined)?.value;
}

async function definition(textWithCursor: string): Promise<LocationLink[] | undefined> {
    const { pom, document, params } = await at(textWithCursor);
    return (await pom.lsp.DefinitionProvider?.getDefinition(document, params)) ?? undefined;
}

async function complete(textWithCursor: string) {
    const { pom, document, params, text } = await at(textWithCursor);
    const list = await pom.lsp.CompletionProvider?.getCompletion(document, params);
    const items = list?.items ?? [];
    const accept = (label: string) => {
        const edit = items.find((i) => i.label === label)?.textEdit as TextEdit;
        const doc = document.textDocument;
        return text.slice(0, doc.offsetAt(edit.range.start)) + edit.newText + text.slice(doc.offsetAt(edit.range.end));
    };
    return { items, labels: items.map((i) => i.label), accept };
}

describe('hover inside a selector', () => {
    test('on an element name: the element, with its kind, title and documentation', async () => {
        const text = await hover("view V { include: '+Wizard<|>Bet+' }");
        expect(text).toContain('**bet** `acme.growth.WizardBet` — A guided setup lifts completion');
    });

    test('on a nested element by its dotted suffix', async () => {
        expect(await hover("view V { include: 'WizardBet.Proto<|>type' }")).toContain('`acme.growth.WizardBet.Prototype`');
    });

    test('on `kind:x`: the kind; on `owner:x`: the team', async () => {
        expect(await hover("view V { include: 'kind:sp<|>ike' }")).toContain('spike');
        expect(await hover("view V { include: 'kind:sp<|>ike' }")).not.toContain('acme.growth');
        expect(await hover('view V { include: "owner:Growth<|>Team" }')).toContain('**team** `acme.growth.GrowthTeam`');
    });

    test('on a method with no declaration: what it picks', async () => {
        expect(await hover("view V { include: 'stage:be<|>ts' }")).toBe('Elements on stage `bets`: 1 in the model.');
    });

    test('on a name that matches nothing: no hover', async () => {
        expect(await hover("view V { include: 'Nob<|>ody' }")).toBeUndefined();
    });
});

describe('go to definition inside a selector', () => {
    test('an element name opens the element at its name', async () => {
        const links = await definition("view V { include: 'Team<|>Activation+' }");
        expect(links).toHaveLength(1);
        const link = links![0];
        expect(link.targetUri).toBe('file:///ws/growth.pom');
        expect(link.targetSelectionRange.start).toEqual({ line: 23, character: 12 });
        // the origin is the name in the selector, not the whole string
        expect(link.originSelectionRange).toEqual({ start: { line: 0, character: 19 }, end: { line: 0, character: 33 } });
    });

    test('`kind:spike` opens the kind declaration', async () => {
        const links = await definition("view V { include: 'kind:spi<|>ke' }");
        expect(links?.[0].targetUri).toBe('file:///ws/kinds.pom');
    });

    test('outside selectors, references resolve as before', async () => {
        const links = await definition('insight X { relatesTo: acme.growth.Wizard<|>Bet }');
        expect(links?.[0].targetUri).toBe('file:///ws/growth.pom');
    });
});

describe('completion inside a selector', () => {
    test('at the start: methods and element names, and nothing of the element grammar', async () => {
        const { items, labels } = await complete("view V { include: '<|>' }");
        expect(labels).toEqual(
            expect.arrayContaining(['kind:', 'stage:', 'horizon:', 'owner:', 'tag:', 'status:', 'WizardBet', 'Prototype']),
        );
        expect(items.find((i) => i.label === 'WizardBet')).toMatchObject({
            kind: CompletionItemKind.Reference,
            detail: 'bet — A guided setup lifts completion',
        });
        expect(labels).not.toContain('horizon');
        expect(labels).not.toContain('bet');
    });

    test('a partly typed name completes to the matching names and replaces what is typed', async () => {
        const { labels, accept } = await complete("view V { include: '+Wiz<|>' }");
        expect(labels).toEqual(['WizardBet']);
        expect(accept('WizardBet')).toBe("view V { include: '+WizardBet' }");
    });

    test('after `kind:` the kinds, built-in and declared; after `stage:` and `horizon:` their values', async () => {
        const kinds = await complete("view V { include: 'kind:<|>' }");
        expect(kinds.labels).toEqual(expect.arrayContaining(['bet', 'insight', 'spike', 'persona']));
        expect(kinds.labels).not.toContain('WizardBet');
        expect((await complete("view V { include: 'stage:<|>' }")).labels).toEqual(
            expect.arrayContaining(['bets', 'insights', 'outcomes']),
        );
        expect((await complete("view V { include: 'horizon:<|>' }")).labels.sort()).toEqual(['months', 'quarters', 'years']);
        expect((await complete("view V { include: 'owner:<|>' }")).labels).toEqual(['GrowthTeam']);
    });

    test('completing a method value replaces only the value', async () => {
        const { accept } = await complete("view V { include: 'kind:be<|>t,horizon:years' }");
        expect(accept('bet')).toBe("view V { include: 'kind:bet,horizon:years' }");
    });

    test('while the string is still open, in a second selector of the entry', async () => {
        const { labels } = await complete("view V {\n  include: '+WizardBet+', 'kind:in<|>\n}");
        expect(labels).toEqual(expect.arrayContaining(['insight', 'input']));
        expect(labels).not.toContain('bet');
    });

    test('not in a string of an element, even one with a key called include', async () => {
        const { labels } = await complete("insight X { evidence: 'kind:<|>' }");
        expect(labels).toEqual([]);
    });
});

describe('hover on a view', () => {
    test('its title, documentation and how much of the model it draws', async () => {
        const text = await hover('/** The bet and its lineage. */\nview St<|>ory "The story" { include: \'+WizardBet+\' }');
        expect(text).toContain('**view** `Story` — The story');
        expect(text).toContain('The bet and its lineage.');
        expect(text).toContain('Draws 7 of 11 elements and the 7 links among them.');
    });
});

// Completion offers only what is valid at the cursor: the keys of the element's kind, elements of the kinds a
// relation takes, enum literals, concrete kinds and snippets where an element may start, keywords where they are
// keywords. Each test names items that must be there and items that must not.
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { type CompletionItem, CompletionItemKind, InsertTextFormat, type TextEdit } from 'vscode-languageserver-types';
import { DECLARATION_SNIPPETS } from '../src/lsp/declaration-snippets.js';
import { PomCompletionProvider } from '../src/lsp/pom-completion-provider.js';
import { fixture, load } from './helpers.js';

const MODEL = { 'growth.pom': fixture('lsp/growth.pom'), 'kinds.pom': fixture('lsp/kinds.pom') };
const CURSOR = '<|>';

interface Completed {
    items: CompletionItem[];
    labels: string[];
    document: LangiumDocument;
    text: string;
}

/** Completion at `<|>` in `b.pom`, loaded next to the growth model and its user-defined kind. */
async function complete(textWithCursor: string): Promise<Completed> {
    const offset = textWithCursor.indexOf(CURSOR);
    if (offset < 0) throw new Error('no cursor');
    const text = textWithCursor.replace(CURSOR, '');
    const { pom, documents } = await load({ ...MODEL, 'b.pom': text });
    const document = documents[2];
    const provider = pom.lsp.CompletionProvider;
    expect(provider).toBeInstanceOf(PomCompletionProvider);
    const list = await provider?.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset),
    });
    const items = list?.items ?? [];
    return { items, labels: items.map((i) => i.label), document, text };
}

function ofKind(items: CompletionItem[], kind: CompletionItemKind): string[] {
    return items.filter((i) => i.kind === kind).map((i) => i.label);
}

function item(items: CompletionItem[], label: string, kind?: CompletionItemKind): CompletionItem {
    const found = items.find((i) => i.label === label && (kind === undefined || i.kind === kind));
    if (!found) throw new Error(`no completion ${label}`);
    return found;
}

/** The text after accepting the item. */
function accept(completed: Completed, label: string): string {
    const edit = item(completed.items, label).textEdit as TextEdit;
    const doc = completed.document.textDocument;
    return completed.text.slice(0, doc.offsetAt(edit.range.start)) + edit.newText + completed.text.slice(doc.offsetAt(edit.range.end));
}

const BET_KEYS = [
    'starts',
    'ends',
    'when',
    'chooses',
    'targets',
    'toward',
    'hypothesis',
    'type',
    'appetite',
    'confidence',
    'horizon',
    'owner',
    'funding',
    'status',
    'tags',
    'relatesTo',
];

describe('keys', () => {
    test('in a bet body: exactly the keys of bet and its ancestors, no elements, values or kinds of other stages', async () => {
        const { items } = await complete('namespace acme.growth\n\nbet NewBet "New" {\n  <|>\n}\n');
        const keys = items
            .filter((i) => i.kind === CompletionItemKind.Field || i.kind === CompletionItemKind.Reference)
            .map((i) => i.label);
        expect(keys.sort()).toEqual([...BET_KEYS].sort());
        const labels = items.map((i) => i.label);
        for (const absent of ['addresses', 'informedBy', 'source', 'for', 'WizardBet', 'InviteEarly', 'quarters', 'months', 'element']) {
            expect(labels).not.toContain(absent);
        }
    });

    test('a key inserts `key: `, says what it takes, and required keys sort first', async () => {
        const { items } = await complete('namespace acme.growth\n\nbet NewBet "New" {\n  <|>\n}\n');
        const hypothesis = item(items, 'hypothesis');
        expect(hypothesis.textEdit?.newText).toBe('hypothesis: ');
        expect(hypothesis.detail).toBe('a string · required');
        expect(hypothesis.documentation).toEqual({
            kind: 'markdown',
            value: 'What the bet expects to happen, stated so that it can be proven wrong.',
        });
        expect(item(items, 'chooses').detail).toBe('a relation to an option · required');
        const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
        expect(sorted.slice(0, 2).sort()).toEqual(['chooses', 'hypothesis']);
    });

    test('single-valued keys already stated are left out; many-valued ones stay', async () => {
        const { labels } = await complete(
            'namespace acme.growth\n\nbet NewBet "New" {\n  horizon: quarters\n  chooses: TeamActivation.Templates\n  <|>\n}\n',
        );
        expect(labels).not.toContain('horizon');
        expect(labels).toContain('chooses');
        expect(labels).toContain('tags');
        expect(labels).toContain('hypothesis');
    });

    test('a user-defined kind offers its own keys and the inherited ones', async () => {
        const { labels } = await complete('namespace acme.kinds\n\nspike Probe "Probe" {\n  <|>\n}\n');
        for (const key of ['timebox', 'question', 'risk', 'for', 'starts', 'ends', 'horizon', 'owner']) expect(labels).toContain(key);
        for (const absent of ['chooses', 'hypothesis', 'addresses']) expect(labels).not.toContain(absent);
    });

    test('a partly typed key completes to the matching key only', async () => {
        const { labels } = await complete('namespace acme.growth\n\nbet NewBet "New" {\n  horizon: quarters\n  hyp<|>\n}\n');
        expect(labels).toEqual(['hypothesis']);
    });

    test('completing a key that already has its colon does not add a second one', async () => {
        const completed = await complete('namespace acme.growth\n\nbet NewBet "New" {\n  hori<|>: quarters\n}\n');
        expect(completed.labels).toEqual(['horizon']);
        expect(accept(completed, 'horizon')).toContain('  horizon: quarters\n');
    });

    test("after a nested element the keys are the parent's again", async () => {
        const { labels } = await complete(
            'namespace acme.growth\n\nbet NewBet "New" {\n  horizon: quarters\n  experiment Probe { horizon: months }\n  <|>\n}\n',
        );
        expect(labels).toContain('hypothesis');
        expect(labels).toContain('starts');
        expect(labels).not.toContain('for');
        expect(labels).not.toContain('horizon');
    });

    test('after a single value and a comma, the next key, not a second value', async () => {
        const { labels } = await complete('namespace acme.growth\n\nbet NewBet "New" { horizon: quarters, <|> }\n');
        expect(labels).toContain('hypothesis');
        expect(labels).not.toContain('months');
        expect(labels).not.toContain('horizon');
    });
});

describe('values', () => {
    test('a relation offers exactly the elements of its kinds, with kind and title', async () => {
        const { items } = await complete('namespace acme.growth\n\nbet NewBet "New" {\n  chooses: <|>\n}\n');
        // Each is the only one of its name in the project: offered by its short name.
        expect(items.map((i) => i.label).sort()).toEqual(['GuidedSetup', 'Templates']);
        const guided = item(items, 'GuidedSetup');
        expect(guided.detail).toBe('option — A guided setup wizard');
        expect(guided.documentation).toEqual({ kind: 'markdown', value: 'A wizard that walks a new team through its first project.' });
    });

    test('each relation its own kinds: an input for targets, a driver for toward', async () => {
        expect((await complete('namespace acme.growth\nbet NewBet {\n  targets: <|>\n}\n')).labels).toEqual(['OnboardingCompletion']);
        expect((await complete('namespace acme.growth\nbet NewBet {\n  toward: <|>\n}\n')).labels).toEqual(['Activation']);
        expect((await complete('namespace acme.growth\ninput NewInput {\n  metric: <|>\n}\n')).labels).toEqual(['CompletionRate']);
    });

    test('from another namespace a unique name comes short, a shared one qualified, and each accepted name resolves', async () => {
        const completed = await complete(
            'option Templates "Another" { addresses: TeamActivation }\nbet NewBet "New" {\n  hypothesis: "h"\n  chooses: <|>\n}\n',
        );
        expect(completed.labels.sort()).toEqual(['GuidedSetup', 'Templates', 'acme.growth.TeamActivation.Templates']);
        for (const label of completed.labels) {
            const { documents } = await load({ ...MODEL, 'b.pom': accept(completed, label) });
            expect(documents[2].diagnostics?.filter((d) => (d.severity ?? 1) <= 2)).toEqual([]);
        }
    });

    test('after a comma a many-valued relation offers the targets not yet listed', async () => {
        const { labels } = await complete('namespace acme.growth\nbet NewBet {\n  chooses: TeamActivation.GuidedSetup, <|>\n}\n');
        expect(labels).toEqual(['Templates']);
    });

    test('an element is never offered as its own target', async () => {
        const { labels } = await complete('namespace acme.growth\nbet NewBet {\n  relatesTo: <|>\n}\n');
        expect(labels).toContain('WizardBet');
        expect(labels).toContain('InviteEarly');
        expect(labels).not.toContain('NewBet');
        expect(labels).not.toContain('hypothesis');
    });

    test('an enum field offers its literals only', async () => {
        const { items } = await complete('namespace acme.growth\nbet NewBet {\n  horizon: <|>\n}\n');
        expect(items.map((i) => i.label)).toEqual(['months', 'quarters', 'years']);
        expect(items.every((i) => i.kind === CompletionItemKind.EnumMember)).toBe(true);
        expect((await complete('namespace acme.growth\nbet NewBet {\n  confidence: <|>\n}\n')).labels).toEqual(['low', 'medium', 'high']);
        expect((await complete('namespace acme.growth\nbet NewBet {\n  horizon: mo<|>\n}\n')).labels).toEqual(['months']);
    });

    test('right after the colon the value comes with a space', async () => {
        const completed = await complete('namespace acme.growth\nbet NewBet {\n  horizon:<|>\n}\n');
        expect(accept(completed, 'quarters')).toBe('namespace acme.growth\nbet NewBet {\n  horizon: quarters\n}\n');
    });

    test("a field's default offers the field's own literals", async () => {
        const { labels } = await complete('kind probe extends experiment {\n  field level: enum { shallow, deep } default <|>\n}\n');
        expect(labels).toEqual(['shallow', 'deep']);
    });
});

describe('element starts', () => {
    test('concrete kinds, built-in and user-defined, but no abstract kinds', async () => {
        const { items } = await complete('namespace acme.kinds\n\n<|>\n');
        const kinds = ofKind(items, CompletionItemKind.Class);
        for (const kind of ['insight', 'opportunity', 'option', 'bet', 'experiment', 'project', 'northstar', 'team', 'ritual', 'spike']) {
            expect(kinds).toContain(kind);
        }
        expect(kinds).not.toContain('element');
        expect(kinds).not.toContain('execution');
        expect(item(items, 'bet', CompletionItemKind.Class).detail).toBe('kind — Bet');
        expect(item(items, 'spike', CompletionItemKind.Class).documentation).toEqual({
            kind: 'markdown',
            value: 'A short, time-boxed technical investigation.',
        });
    });

    test('a kind from another namespace is offered under the name that reaches it', async () => {
        const { items } = await complete('<|>\n');
        expect(ofKind(items, CompletionItemKind.Class)).toContain('acme.kinds.spike');
    });

    test('a snippet per kind stubs the horizon and the required members', async () => {
        const { items } = await complete('namespace acme.kinds\n\n<|>\n');
        const bet = item(items, 'bet', CompletionItemKind.Snippet);
        expect(bet.insertTextFormat).toBe(InsertTextFormat.Snippet);
        expect(bet.textEdit?.newText).toBe(
            // biome-ignore lint/suspicious/noTemplateCurlyInString: LSP snippet syntax, not a template
            'bet ${1:Name} "${2:Title}" {\n\thorizon: ${3|months,quarters,years|}\n\tchooses: $4\n\thypothesis: "$5"\n}',
        );
        expect(bet.detail).toBe('New Bet');
        expect(bet.documentation).toEqual({
            kind: 'markdown',
            value: 'A choice to invest in options, carrying a hypothesis that execution will test.',
        });
        expect(item(items, 'spike', CompletionItemKind.Snippet).textEdit?.newText).toBe(
            // biome-ignore lint/suspicious/noTemplateCurlyInString: LSP snippet syntax, not a template
            'spike ${1:Name} "${2:Title}" {\n\thorizon: ${3|months,quarters,years|}\n\ttimebox: ${4:1 week}\n\tquestion: "$5"\n}',
        );
        expect(item(items, 'ritual', CompletionItemKind.Snippet).textEdit?.newText).toContain(
            // biome-ignore lint/suspicious/noTemplateCurlyInString: LSP snippet syntax, not a template
            '\tcadence: ${4|daily,weekly,fortnightly,monthly,quarterly,yearly|}\n',
        );
        expect(ofKind(items, CompletionItemKind.Snippet)).not.toContain('execution');
    });

    test('inside a body: the keys and nested elements', async () => {
        const { items } = await complete('namespace acme.growth\nbet NewBet {\n  <|>\n}\n');
        expect(ofKind(items, CompletionItemKind.Class)).toContain('experiment');
        expect(ofKind(items, CompletionItemKind.Snippet)).toContain('experiment');
        expect(items.map((i) => i.label)).toContain('hypothesis');
        expect(items.map((i) => i.label)).not.toContain('kind');
    });

    test('not after an element header on the same line, nor at a name', async () => {
        expect((await complete('namespace acme.growth\nbet NewBet <|>\n')).labels).toEqual([]);
        expect((await complete('namespace acme.growth\nbet NewBet "New" <|>\n')).labels).toEqual([]);
        expect((await complete('namespace acme.growth\nbet <|>\n')).labels).toEqual([]);
    });
});

describe('keywords', () => {
    test('at the start of a file: namespace, kind, abstract and view, and no soft keyword', async () => {
        const { items } = await complete('<|>');
        expect(ofKind(items, CompletionItemKind.Keyword).sort()).toEqual(['abstract', 'kind', 'namespace', 'view']);
    });

    test('after the namespace there is no second namespace', async () => {
        const { items } = await complete('namespace acme.growth\n\n<|>\n');
        expect(ofKind(items, CompletionItemKind.Keyword).sort()).toEqual(['abstract', 'kind', 'view']);
    });

    test('in a kind body: stage, field and relation only, with the field and relation snippets', async () => {
        const { items } = await complete('kind probe extends experiment {\n  <|>\n}\n');
        expect(ofKind(items, CompletionItemKind.Keyword).sort()).toEqual(['field', 'relation', 'stage']);
        expect(ofKind(items, CompletionItemKind.Snippet).sort()).toEqual(['field', 'field enum', 'relation']);
        expect(items).toHaveLength(6);
    });

    test('at the start of a file: the namespace and kind snippets beside their keywords', async () => {
        const { items } = await complete('<|>');
        expect(ofKind(items, CompletionItemKind.Snippet)).toEqual(expect.arrayContaining(['namespace', 'kind']));
        expect(ofKind(items, CompletionItemKind.Snippet)).not.toContain('field');
        expect(item(items, 'namespace', CompletionItemKind.Snippet).insertTextFormat).toBe(InsertTextFormat.Snippet);
    });

    test('in an element body: no declaration keyword or snippet, which cannot appear there', async () => {
        for (const body of [
            'bet NewBet {\n  <|>\n}\n',
            'bet NewBet {\n  horizon: quarters\n  <|>\n}\n',
            'bet NewBet { horizon: quarters, <|> }\n',
        ]) {
            const { items } = await complete(`namespace acme.growth\n${body}`);
            const offered = items.map((i) => i.label);
            for (const declaration of ['namespace', 'kind', 'abstract', 'field', 'field enum', 'relation', 'stage']) {
                expect(offered, `${declaration} in ${JSON.stringify(body)}`).not.toContain(declaration);
            }
            // What is legal there is offered: the bet's keys (and nested elements at an item start).
            expect(offered).toContain('hypothesis');
        }
    });

    test('each declaration snippet, expanded with its defaults, is valid POM', async () => {
        const expand = (body: string) =>
            body
                .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
                .replace(/\$\{\d+:([^}]*)\}/g, '$1')
                .replace(/\$\d+/g, '');
        const kindBody = DECLARATION_SNIPPETS.field.concat(DECLARATION_SNIPPETS.relation).map((s) => `  ${expand(s.body)}`);
        const text = [
            expand(DECLARATION_SNIPPETS.namespace[0].body),
            expand(DECLARATION_SNIPPETS.kind[0].body),
            'kind holder {',
            ...kindBody,
            '}',
            '',
        ].join('\n');
        const { documents } = await load({ 'd.pom': text });
        expect(
            documents[0].parseResult.parserErrors.map((e) => e.message),
            text,
        ).toEqual([]);
        expect(
            documents[0].diagnostics?.filter((d) => d.severity === 1).map((d) => d.message),
            text,
        ).toEqual([]);
    });

    test('a field type: the primitive types and enum', async () => {
        const { labels } = await complete('kind probe extends experiment {\n  field depth: <|>\n}\n');
        expect(labels.sort()).toEqual(['date', 'duration', 'enum', 'number', 'percent', 'quantity', 'quarter', 'string']);
    });

    test('after `inherits`: the context keys, the ones already listed left out; after a flow: `inherits`', async () => {
        expect((await complete('kind probe {\n  relation serves: bet* upstream inherits <|>\n}\n')).labels.sort()).toEqual([
            'funding',
            'horizon',
            'owner',
        ]);
        expect((await complete('kind probe {\n  relation serves: bet* upstream inherits horizon, <|>\n}\n')).labels.sort()).toEqual([
            'funding',
            'owner',
        ]);
        expect((await complete('kind probe {\n  relation serves: bet* upstream <|>\n}\n')).labels).toContain('inherits');
    });

    test('after extends and in a relation: every kind, abstract ones included, but not the kind itself', async () => {
        const extendsKinds = (await complete('kind probe extends <|>')).labels;
        expect(extendsKinds).toContain('execution');
        expect(extendsKinds).toContain('experiment');
        expect(extendsKinds).not.toContain('probe');
        const targets = (await complete('kind probe {\n  relation about: <|>\n}\n')).labels;
        expect(targets).toContain('element');
        expect(targets).toContain('probe');
        expect(targets).toContain('acme.kinds.spike');
    });
});

test('nothing inside a comment or a string', async () => {
    expect((await complete('namespace acme.growth\nbet NewBet {\n  // hyp<|>\n}\n')).labels).toEqual([]);
    expect((await complete('namespace acme.growth\nbet NewBet {\n  hypothesis: "If we<|> ship"\n}\n')).labels).toEqual([]);
});

test('the model the completion tests run against validates clean', async () => {
    const { documents } = await load(MODEL);
    for (const document of documents) expect(document.diagnostics?.filter((d) => (d.severity ?? 1) <= 2)).toEqual([]);
});

describe('inside strings', () => {
    test('nothing is offered inside a one-line or a multi-line string', async () => {
        expect((await complete('namespace acme.growth\nbet B { hypothesis: "If te<|>ams" }')).labels).toEqual([]);
        expect((await complete('namespace acme.growth\nbet B {\n  hypothesis: """\n    If teams\n    ch<|>\n    """\n}')).labels).toEqual(
            [],
        );
        expect((await complete('namespace acme.growth\nbet B {\n  hypothesis: """\n    <|>\n    """\n}')).labels).toEqual([]);
    });
});

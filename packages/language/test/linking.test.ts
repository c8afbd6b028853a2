// Linking: names resolve across files and namespaces, kinds and keys resolve to their declarations (built-in or
// user-defined), relation scopes hold only elements of the kinds the relation takes, and unresolved names suggest.
import { AstUtils, type LangiumDocument, type Reference, URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import {
    type Element,
    type Entry,
    type EnumLiteral,
    isElement,
    isEntry,
    type KindDecl,
    type MemberDecl,
    type Model,
    type RefValue,
} from '../src/generated/ast.js';
import { PRELUDE_URI } from '../src/prelude/prelude.js';
import { fixture, found, type Loaded, load, loadOne, rangeOf } from './helpers.js';

// `builtin:///prelude.pom`; vscode-uri prints an empty authority as `builtin:/prelude.pom`.
const PRELUDE = PRELUDE_URI.toString();
const FILES = ['kinds.pom', 'context.pom', 'growth.pom', 'product.pom'];

function element(document: LangiumDocument, name: string): Element {
    const result = AstUtils.streamAllContents(document.parseResult.value).find((n): n is Element => isElement(n) && n.name === name);
    if (!result) throw new Error(`no element ${name} in ${document.uri.path}`);
    return result;
}

function entry(e: Element, key: string): Entry {
    const result = e.body.find((item): item is Entry => isEntry(item) && item.key.$refText === key);
    if (!result) throw new Error(`${e.name} has no ${key}`);
    return result;
}

function ref(e: Element, key: string, index = 0): Reference {
    return (entry(e, key).values[index] as RefValue).target;
}

function uriOf(node: { $container?: unknown } | undefined): string | undefined {
    return node ? AstUtils.getDocument(node as Element).uri.toString() : undefined;
}

describe('the Acme model across four files and three namespaces', () => {
    let loaded: Loaded;
    let doc: Record<string, LangiumDocument>;

    beforeAll(async () => {
        loaded = await load(Object.fromEntries(FILES.map((f) => [f, fixture(`acme/${f}`)])));
        doc = Object.fromEntries(FILES.map((f, i) => [f, loaded.documents[i]]));
    });

    test('every reference resolves: no diagnostics at all', () => {
        for (const document of loaded.documents) {
            expect(document.references.filter((r) => r.error).map((r) => r.$refText)).toEqual([]);
            expect(document.diagnostics?.map((d) => `${document.uri.path}:${d.range.start.line + 1} ${d.code}`)).toEqual([]);
        }
    });

    test('a fully qualified name reaches a nested element in another file', () => {
        const target = ref(element(doc['product.pom'], 'WizardGo'), 'relatesTo').ref;
        expect(target).toBe(element(doc['growth.pom'], 'Build'));
    });

    test('a name relative to a parent of the namespace resolves', () => {
        // `growth.WizardBet` from acme.product and from acme: tried as `acme.growth.WizardBet`.
        const bet = element(doc['growth.pom'], 'WizardBet');
        expect(ref(element(doc['product.pom'], 'WizardGo'), 'about', 0).ref).toBe(bet);
        expect(ref(element(doc['context.pom'], 'QuarterlyReview'), 'reviews', 0).ref).toBe(bet);
        expect(ref(element(doc['context.pom'], 'QuarterlyReview'), 'reviews', 1).ref).toBe(
            element(doc['product.pom'], 'WeeklyActiveTeams'),
        );
        // `Growth` from acme.growth is `acme.Growth`, declared in context.pom.
        expect(ref(element(doc['growth.pom'], 'WizardBet'), 'owner').ref).toBe(element(doc['context.pom'], 'Growth'));
    });

    test('a nested sibling resolves by its simple name; a dotted name from outside', () => {
        const launch = element(doc['growth.pom'], 'Launch');
        expect(ref(launch, 'ships', 0).ref).toBe(element(doc['growth.pom'], 'Build'));
        expect(ref(launch, 'ships', 1).ref).toBe(element(doc['growth.pom'], 'Prototype'));
        expect(ref(element(doc['growth.pom'], 'DbSpike'), 'for').ref).toBe(element(doc['growth.pom'], 'WizardBet'));
        expect(ref(element(doc['growth.pom'], 'CompletionUp'), 'from').ref).toBe(launch);
    });

    test('built-in kind names resolve into the prelude document', () => {
        const bet = element(doc['growth.pom'], 'WizardBet');
        expect(bet.kind.ref?.name).toBe('bet');
        expect(PRELUDE).toBe(URI.parse('builtin:///prelude.pom').toString());
        expect(uriOf(bet.kind.ref)).toBe(PRELUDE);
        expect(bet.kind.$nodeDescription?.documentUri.toString()).toBe(PRELUDE);
    });

    test('a user-defined kind resolves to its declaration in another file, and its superkind to the prelude', () => {
        const spike = element(doc['growth.pom'], 'DbSpike').kind.ref as KindDecl;
        expect(spike.name).toBe('spike');
        expect(uriOf(spike)).toBe('file:///ws/kinds.pom');
        expect(spike.superKind?.ref?.name).toBe('experiment');
        expect(uriOf(spike.superKind?.ref)).toBe(PRELUDE);
    });

    test('entry keys resolve to the member that declares them, inherited ones included', () => {
        const bet = element(doc['growth.pom'], 'WizardBet');
        const declaringKind = (key: string) => (entry(bet, key).key.ref as MemberDecl).$container.name;
        expect(declaringKind('horizon')).toBe('element');
        expect(declaringKind('owner')).toBe('element');
        expect(declaringKind('funding')).toBe('element');
        expect(declaringKind('hypothesis')).toBe('bet');
        expect(entry(bet, 'horizon').key.ref?.$type).toBe('FieldDecl');
        expect(entry(bet, 'owner').key.ref?.$type).toBe('RelationDecl');
        expect(uriOf(entry(bet, 'owner').key.ref)).toBe(PRELUDE);

        const spike = element(doc['growth.pom'], 'DbSpike');
        expect((entry(spike, 'timebox').key.ref as MemberDecl).$container.name).toBe('spike');
        expect(uriOf(entry(spike, 'timebox').key.ref)).toBe('file:///ws/kinds.pom');
        expect((entry(spike, 'for').key.ref as MemberDecl).$container.name).toBe('execution');
    });

    test('enum literals resolve to the literal of the key’s field', () => {
        const horizon = ref(element(doc['growth.pom'], 'WizardBet'), 'horizon').ref as EnumLiteral;
        expect(horizon.$type).toBe('EnumLiteral');
        expect(horizon.name).toBe('quarters');
        expect((horizon.$container.$container as MemberDecl).name).toBe('horizon');
        const source = ref(element(doc['growth.pom'], 'ChurnInterviews'), 'source').ref as EnumLiteral;
        expect([source.name, (source.$container.$container as MemberDecl).name]).toEqual(['research', 'source']);
        const teamType = ref(element(doc['context.pom'], 'Growth'), 'type').ref as EnumLiteral;
        expect(teamType.name).toBe('stream-aligned');
    });

    test('a relation’s scope holds only elements of the kinds it takes', () => {
        const scopes = loaded.pom.references.ScopeProvider;
        const scopeNames = (e: Element, key: string) => {
            const value = entry(e, key).values[0] as RefValue;
            return scopes
                .getScope({ reference: value.target, container: value, property: 'target' })
                .getAllElements()
                .map((d) => d.name)
                .toArray()
                .sort();
        };
        const bet = element(doc['growth.pom'], 'WizardBet');
        expect(scopeNames(bet, 'owner')).toEqual(['Growth', 'Platform']);
        expect(scopeNames(bet, 'chooses')).toEqual(['GuidedSetup']);
        expect(scopeNames(bet, 'funding')).toEqual(['GrowthFund']);
        expect(scopeNames(element(doc['growth.pom'], 'GuidedSetup'), 'addresses')).toEqual(['SlowSetup']);
        // `about` takes bets or options: the user kind's relation, seen from acme.product, by short names (unique).
        expect(scopeNames(element(doc['product.pom'], 'WizardGo'), 'about')).toEqual(['GuidedSetup', 'WizardBet']);
        // `ships` takes execution (any subkind, the user's spike too) or bets.
        expect(scopeNames(element(doc['growth.pom'], 'Launch'), 'ships')).toEqual(['Build', 'DbSpike', 'Prototype', 'WizardBet']);
        // An enum field's scope is its literals.
        expect(scopeNames(bet, 'horizon')).toEqual(['months', 'quarters', 'years']);
    });
});

describe('unresolved names', () => {
    test('an unknown target gets "did you mean" from the names in scope', async () => {
        const text = 'option GuidedSetup { addresses: Slow }\nopportunity SlowSetup\nbet B { chooses: GuidedSetp; hypothesis: "h" }';
        const document = await loadOne(text);
        expect(found(document, 'unresolved-reference')).toEqual([
            { code: 'unresolved-reference', severity: 1, range: rangeOf(text, 'Slow', 1) },
            { code: 'unresolved-reference', severity: 1, range: rangeOf(text, 'GuidedSetp') },
        ]);
        const messages = document.diagnostics?.filter((d) => d.code === 'unresolved-reference').map((d) => d.message);
        expect(messages?.[1]).toContain('did you mean `GuidedSetup`?');
        expect(messages?.[1]).toContain('GuidedSetp');
    });

    test('an unknown kind gets "did you mean" among the kinds', async () => {
        const text = 'oportunity SlowSetup';
        const document = await loadOne(text);
        const diagnostics = document.diagnostics?.filter((d) => d.code === 'unresolved-reference') ?? [];
        expect(diagnostics.map((d) => d.range)).toEqual([{ start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }]);
        expect(diagnostics[0].message).toBe('Unknown kind `oportunity`; did you mean `opportunity`?');
    });

    test('a name with no near match says what the relation takes and suggests nothing', async () => {
        const document = await loadOne('team Growth\nbet B { owner: Zzzzzz; hypothesis: "h" }');
        const [diagnostic] = document.diagnostics?.filter((d) => d.code === 'unresolved-reference') ?? [];
        expect(diagnostic.message).toContain('a team');
        expect(diagnostic.message).not.toContain('did you mean');
    });

    test('names of another file resolve only once it is loaded', async () => {
        const text = 'namespace acme.growth\noption GuidedSetup { addresses: acme.research.SlowSetup }';
        const alone = await loadOne(text);
        expect(found(alone, 'unresolved-reference')).toHaveLength(1);
        const both = await load({ 'a.pom': text, 'b.pom': 'namespace acme.research\nopportunity SlowSetup' });
        expect(found(both.documents[0], 'unresolved-reference')).toEqual([]);
        const value = (both.documents[0].parseResult.value as Model).members[0] as Element;
        expect(uriOf(ref(value, 'addresses').ref)).toBe('file:///ws/b.pom');
    });
});

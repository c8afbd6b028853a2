// Inheritance: context (horizon, owner, funding, the implied `for`) flows down the nesting, and kinds
// inherit the stage, fields, relations and required members of every kind they extend.
import type { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledElement, CompiledModel } from '../src/compile/compiled-model.js';
import type { KindDecl } from '../src/generated/ast.js';
import { diagnostics, fixture, found, type Loaded, load, rangeOf } from './helpers.js';

const relativePath = (uri: URI) => uri.path.slice(1);

function compile(loaded: Loaded): CompiledModel {
    return loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath });
}

function byId(model: CompiledModel, id: string): CompiledElement {
    const element = model.elements.find((e) => e.id === id);
    if (!element) throw new Error(`no element ${id}; have ${model.elements.map((e) => e.id).join(', ')}`);
    return element;
}

describe('context inheritance in the compiled model', () => {
    const ns = 'acme.growth';
    const opportunity = `${ns}.SlowSetup`;
    const option = `${opportunity}.GuidedSetup`;
    const bet = `${option}.WizardBet`;
    let loaded: Loaded;
    let model: CompiledModel;

    beforeAll(async () => {
        loaded = await load({ 'nested-context.pom': fixture('nested-context.pom') });
        model = compile(loaded);
    });

    test('the fixture validates without errors or warnings', () => {
        expect(diagnostics(loaded.documents[0]).filter((d) => (d.severity ?? 1) <= 2)).toEqual([]);
    });

    test('values stated on the element itself are declared and effective, from nowhere', () => {
        const stated = { inheritedFrom: null, via: null };
        expect(byId(model, opportunity).horizon).toEqual({ declared: 'years', effective: 'years', ...stated, length: null, months: null });
        expect(byId(model, opportunity).owners).toEqual({ declared: [`${ns}.Growth`], effective: [`${ns}.Growth`], ...stated });
        expect(byId(model, opportunity).funding).toEqual({ declared: null, effective: null, ...stated });
        expect(byId(model, bet).horizon).toEqual({ declared: 'quarters', effective: 'quarters', ...stated, length: null, months: null });
    });

    test('a nested element inherits each key from its nearest ancestor that states it', () => {
        expect(byId(model, option)).toMatchObject({
            parent: opportunity,
            horizon: { declared: null, effective: 'years', inheritedFrom: opportunity, via: 'nesting' },
            owners: { declared: [], effective: [`${ns}.Growth`], inheritedFrom: opportunity, via: 'nesting' },
            funding: { declared: `${ns}.GrowthFund`, effective: `${ns}.GrowthFund`, inheritedFrom: null, via: null },
        });
        expect(byId(model, bet)).toMatchObject({
            owners: { declared: [], effective: [`${ns}.Growth`], inheritedFrom: opportunity, via: 'nesting' },
            funding: { declared: null, effective: `${ns}.GrowthFund`, inheritedFrom: option, via: 'nesting' },
        });
        expect(byId(model, `${bet}.Prototype`)).toMatchObject({
            horizon: { declared: 'months', effective: 'months', inheritedFrom: null, via: null },
            owners: { declared: [], effective: [`${ns}.Growth`], inheritedFrom: opportunity, via: 'nesting' },
            funding: { declared: null, effective: `${ns}.GrowthFund`, inheritedFrom: option, via: 'nesting' },
        });
    });

    test('an element that states a key stops inheritance for everything inside it', () => {
        expect(byId(model, `${bet}.Build`)).toMatchObject({
            horizon: { declared: null, effective: 'quarters', inheritedFrom: bet, via: 'nesting' },
            owners: { declared: [`${ns}.Platform`], effective: [`${ns}.Platform`], inheritedFrom: null, via: null },
            funding: { declared: `${ns}.PlatformFund`, effective: `${ns}.PlatformFund`, inheritedFrom: null, via: null },
        });
        expect(byId(model, `${bet}.Build.Polish`)).toMatchObject({
            parent: `${bet}.Build`,
            horizon: { declared: null, effective: 'quarters', inheritedFrom: bet, via: 'nesting' },
            owners: { declared: [], effective: [`${ns}.Platform`], inheritedFrom: `${bet}.Build`, via: 'nesting' },
            funding: { declared: null, effective: `${ns}.PlatformFund`, inheritedFrom: `${bet}.Build`, via: 'nesting' },
        });
    });

    test('execution nested in a bet has an implied `for` link to the nearest bet', () => {
        const implied = model.links
            .filter((l) => l.implied)
            .map((l) => ({ from: l.from, to: l.to, relation: l.relation, implied: l.implied }));
        expect(implied).toEqual([
            { from: `${bet}.Build`, to: bet, relation: 'for', implied: true },
            { from: `${bet}.Build.Polish`, to: bet, relation: 'for', implied: true },
            { from: `${bet}.Prototype`, to: bet, relation: 'for', implied: true },
        ]);
        // Written links are not implied.
        expect(model.links.find((l) => l.relation === 'chooses')).toMatchObject({ from: bet, to: option, implied: false });
    });

    test('an explicit `for` replaces the implied one; nesting outside a bet implies nothing', async () => {
        const text = [
            'bet WizardBet { hypothesis: "h"',
            '  experiment Prototype { for: OtherBet }',
            '}',
            'bet OtherBet { hypothesis: "h" }',
            'option Guided {',
            '  experiment Loose',
            '}',
        ].join('\n');
        const m = compile(await load({ 'a.pom': text }));
        expect(m.links.filter((l) => l.relation === 'for').map((l) => [l.from, l.to, l.implied])).toEqual([
            ['WizardBet.Prototype', 'OtherBet', false],
        ]);
    });

    test('context flows through elements nested in a user kind, not only built-in ones', async () => {
        const text =
            'kind squad extends team\nsquad Core { type: platform }\nkind theme extends opportunity\ntheme Speed { owner: Core; horizon: years\n  opportunity Setup\n}';
        const m = compile(await load({ 'a.pom': text }));
        expect(byId(m, 'Speed.Setup')).toMatchObject({
            owners: { declared: [], effective: ['Core'], inheritedFrom: 'Speed', via: 'nesting' },
            horizon: { declared: null, effective: 'years', inheritedFrom: 'Speed', via: 'nesting' },
        });
    });
});

describe('kind inheritance', () => {
    const kinds = [
        'namespace acme',
        'kind spike extends experiment "Spike" {',
        '  field timebox: duration required',
        '}',
        'kind deepSpike extends spike',
        'kind strictBet extends bet { field reviewer: string }',
    ].join('\n');

    test('the kind chain runs from the kind to `element`, in the model and the kind system', async () => {
        const loaded = await load({ 'kinds.pom': kinds, 'a.pom': 'namespace acme\ndeepSpike S { timebox: 1 week }' });
        const m = compile(loaded);
        expect(byId(m, 'acme.S')).toMatchObject({
            kind: 'acme.deepSpike',
            kindChain: ['acme.deepSpike', 'acme.spike', 'experiment', 'execution', 'element'],
            stage: 'execution',
        });
        const deep = loaded.pom.pom.NameIndex.kinds().get('acme.deepSpike')?.[0].node as KindDecl;
        expect(loaded.pom.pom.KindSystem.chain(deep).map((k) => k.name)).toEqual([
            'deepSpike',
            'spike',
            'experiment',
            'execution',
            'element',
        ]);
        expect([...loaded.pom.pom.KindSystem.members(deep).keys()].sort()).toEqual(
            ['ends', 'for', 'funding', 'horizon', 'owner', 'relatesTo', 'starts', 'status', 'tags', 'timebox', 'when'].sort(),
        );
    });

    test('fields and relations of every ancestor apply to instances', async () => {
        const text = [
            'namespace acme',
            'bet WizardBet { hypothesis: "h" }',
            'deepSpike S {',
            '  timebox: 1 week',
            '  starts: 2026-10-01',
            '  for: WizardBet',
            '  horizon: months',
            '  tags: "db"',
            '}',
        ].join('\n');
        const loaded = await load({ 'kinds.pom': kinds, 'a.pom': text });
        const document = loaded.documents[1];
        expect(found(document, 'unknown-member')).toEqual([]);
        expect(found(document, 'unresolved-reference')).toEqual([]);
        const m = compile(loaded);
        expect(byId(m, 'acme.S').fields).toEqual({
            horizon: { type: 'enum', value: 'months' },
            starts: { type: 'date', value: '2026-10-01' },
            tags: [{ type: 'string', value: 'db' }],
            timebox: { type: 'duration', value: '1 week', amount: 1, unit: 'week', days: 7 },
        });
        expect(m.links.filter((l) => l.from === 'acme.S').map((l) => [l.relation, l.to])).toEqual([['for', 'acme.WizardBet']]);
    });

    test('an inherited relation keeps its target kinds', async () => {
        const text = 'namespace acme\noption Guided\ndeepSpike S { timebox: 1 week; for: Guided }';
        const loaded = await load({ 'kinds.pom': kinds, 'a.pom': text });
        expect(found(loaded.documents[1], 'wrong-target-kind')).toEqual([
            { code: 'wrong-target-kind', severity: 1, range: rangeOf(text, 'Guided', 2) },
        ]);
    });

    test('required members of every ancestor apply', async () => {
        const text = 'namespace acme\ndeepSpike S\nstrictBet B { reviewer: "Ana" }';
        const loaded = await load({ 'kinds.pom': kinds, 'a.pom': text });
        const required = diagnostics(loaded.documents[1], 'missing-required');
        expect(required.map((d) => [d.range.start.line, d.message])).toEqual([
            [1, 'deepSpike `S` needs `timebox` (a duration, required by spike).'],
            [2, 'strictBet `B` needs `chooses` (a relation to an option, required by bet).'],
            [2, 'strictBet `B` needs `hypothesis` (a string, required by bet).'],
        ]);
    });

    test('defaults of ancestor fields appear in the compiled fields', async () => {
        const loaded = await load({ 'kinds.pom': kinds, 'a.pom': 'namespace acme\nstrictBet B { hypothesis: "h" }' });
        expect(byId(compile(loaded), 'acme.B').fields).toEqual({
            hypothesis: { type: 'string', value: 'h' },
            type: { type: 'enum', value: 'delivery' },
        });
    });

    test('a kind with its own stage overrides the inherited one', async () => {
        const loaded = await load({ 'a.pom': 'kind note extends insight { stage context }\nnote N' });
        expect(byId(compile(loaded), 'N').stage).toBe('context');
        expect(byId(compile(loaded), 'N').kindChain).toEqual(['note', 'insight', 'element']);
    });
});

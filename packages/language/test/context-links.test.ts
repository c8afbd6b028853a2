// Context along links: several owners, relations that pass horizon, owners and funding (`inherits`), an owning
// team's funding reaching its work, conflicts between inherited sources, and counted horizons (`2 quarters`).
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import type { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CompiledElement, CompiledModel } from '../src/compile/compiled-model.js';
import { ModelGraph } from '../src/compile/model-graph.js';
import { isElement, isRelationDecl, type Model } from '../src/generated/ast.js';
import { selectElements } from '../src/index.js';
import { parseSelector } from '../src/query/selectors.js';
import { diagnostics, found, type Loaded, load, loadOne, rangeOf } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../schema/pom-model.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const relativePath = (uri: URI) => uri.path.slice(1);

function compile(loaded: Loaded): CompiledModel {
    const model = loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath });
    expect(validate(model) ? [] : validate.errors).toEqual([]);
    return model;
}

function byId(model: CompiledModel, id: string): CompiledElement {
    const element = model.elements.find((e) => e.id === id);
    if (!element) throw new Error(`no element ${id}; have ${model.elements.map((e) => e.id).join(', ')}`);
    return element;
}

const ORG = [
    'team Growth { funding: GrowthFund }',
    'team Data',
    'team Platform { funding: PlatformFund }',
    'funding GrowthFund { model: persistent }',
    'funding PlatformFund { model: capacity }',
    'funding BetFund { model: venture }',
].join('\n');

describe('parsing', () => {
    test('`inherits` on a relation, several owners and a counted horizon parse without errors', async () => {
        const text = [
            'kind initiative { stage bets; relation serves: bet* upstream inherits horizon, owner }',
            'team A',
            'team B',
            'bet Big { hypothesis: "h"; horizon: 2 quarters; owner: A, B }',
        ].join('\n');
        const document = await loadOne(text);
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(document.parseResult.lexerErrors).toEqual([]);
        const model = document.parseResult.value as Model;
        const kind = model.members[0];
        const relation = 'members' in kind ? kind.members.find(isRelationDecl) : undefined;
        expect(relation?.inherits).toEqual(['horizon', 'owner']);
        expect(relation?.flow).toBe('upstream');
        const bet = model.members.find((m) => isElement(m) && m.name === 'Big');
        expect(bet && isElement(bet) ? bet.body.map((b) => b.$type) : []).toEqual(['Entry', 'Entry', 'Entry']);
        expect(diagnostics(document).filter((d) => (d.severity ?? 1) === 1)).toEqual([]);
    });

    test('the member after an `inherits` list starts a new member', async () => {
        const text = 'kind k { stage bets, relation r: bet inherits horizon, field f: string }\nk X { f: "x" }';
        const document = await loadOne(text);
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(found(document, 'unknown-member')).toEqual([]);
    });
});

describe('validation', () => {
    test('two owners are allowed; `owner` no longer takes one value only', async () => {
        const document = await loadOne('team A\nteam B\ninsight I { owner: A, B }');
        expect(found(document, 'value-type')).toEqual([]);
    });

    test('an unknown or repeated `inherits` key is reported on it, with a suggestion', async () => {
        const text = 'kind k { relation r: bet inherits horizon, fundng, horizon }';
        const document = await loadOne(text);
        const [unknown] = diagnostics(document, 'value-type');
        expect(unknown.message).toBe(
            'A relation inherits only `horizon`, `owner` or `funding`; `fundng` is none of them; did you mean `funding`?',
        );
        expect(found(document, 'value-type')).toEqual([{ code: 'value-type', severity: 1, range: rangeOf(text, 'fundng') }]);
        expect(found(document, 'duplicate-name')).toEqual([{ code: 'duplicate-name', severity: 1, range: rangeOf(text, 'horizon', 2) }]);
    });

    test('a counted horizon takes a duration; a bad unit is a value-type error with a suggestion', async () => {
        const text = 'insight A { horizon: 2 quartrs }\ninsight B { horizon: 18 months }\ninsight C { horizon: "soon" }';
        const document = await loadOne(text);
        const problems = diagnostics(document, 'value-type');
        expect(problems.map((d) => [d.range.start.line, d.message])).toEqual([
            [
                0,
                '`quartrs` is not a unit of time; durations use `day`, `week`, `sprint`, `month`, `quarter` or `year` (singular or plural); did you mean `2 quarters`?',
            ],
            [2, '`horizon` takes one of `months`, `quarters` or `years` or a duration such as `6 weeks`; got a string.'],
        ]);
    });

    test('the fractal rule compares lengths: a nested `2 quarters` under `4 months` is longer', async () => {
        const text = [
            'opportunity O { horizon: 4 months',
            '  option P { horizon: 2 quarters }',
            '  option Q { horizon: 3 months }',
            '  option R { horizon: quarters }',
            '}',
            'opportunity Y { horizon: years',
            '  option S { horizon: 18 months }',
            '}',
        ].join('\n');
        const document = await loadOne(text);
        expect(found(document, 'horizon-exceeds-parent')).toEqual([
            { code: 'horizon-exceeds-parent', severity: 2, range: rangeOf(text, '2 quarters') },
        ]);
        expect(diagnostics(document, 'horizon-exceeds-parent')[0].message).toBe(
            '`P` looks 2 quarters ahead but sits in `O`, which looks 4 months ahead; the fractal runs downward.',
        );
    });

    test('along `contributesTo` a longer counted horizon flowing into a shorter one is inverted', async () => {
        const text = [
            'driver D { horizon: 4 months }',
            'input Long { horizon: 2 quarters; contributesTo: D }',
            'input Short { horizon: 3 months; contributesTo: D }',
        ].join('\n');
        const document = await loadOne(text);
        expect(found(document, 'horizon-inverted-link')).toEqual([
            { code: 'horizon-inverted-link', severity: 2, range: rangeOf(text, 'D', 2) },
        ]);
        expect(diagnostics(document, 'horizon-inverted-link')[0].message).toBe(
            "`Long` looks 2 quarters ahead but `contributesTo` `D`, which looks only 4 months ahead. What an element feeds should look at least as far ahead as it does: shorten `Long`'s horizon or lengthen `D`'s.",
        );
    });

    test('two `for` bets with different horizons are a context-conflict on the work, citing both bets', async () => {
        const text = [
            'bet A { hypothesis: "h"; horizon: quarters }',
            'bet B { hypothesis: "h"; horizon: years }',
            'bet C { hypothesis: "h"; horizon: quarters }',
            'workstream Both { for: A, B }',
            'workstream Same { for: A, C }',
            'workstream Stated { for: A, B; horizon: months }',
        ].join('\n');
        const document = await loadOne(text);
        expect(found(document, 'context-conflict')).toEqual([{ code: 'context-conflict', severity: 2, range: rangeOf(text, 'Both') }]);
        const [conflict] = diagnostics(document, 'context-conflict');
        expect(conflict.message).toBe(
            '`Both` inherits horizon along `for` from sources that disagree: quarters from `A`, years from `B`. The first, from `A`, applies; state `horizon` on `Both` to choose.',
        );
        expect(conflict.relatedInformation?.map((r) => [r.location.range.start.line, r.message])).toEqual([
            [0, '`A` states horizon quarters.'],
            [1, '`B` states horizon years.'],
        ]);
    });

    test('two owners funded differently are a context-conflict on `funding` along `owner`', async () => {
        const text = `${ORG}\ninsight Shared { owner: Growth, Platform }\ninsight Single { owner: Growth, Data }`;
        const document = await loadOne(text);
        expect(found(document, 'context-conflict')).toEqual([{ code: 'context-conflict', severity: 2, range: rangeOf(text, 'Shared') }]);
        expect(diagnostics(document, 'context-conflict')[0].message).toContain(
            '`Shared` inherits funding along `owner` from sources that disagree: GrowthFund from `Growth`, PlatformFund from `Platform`.',
        );
    });

    test('owners funded differently are reported once, where they are stated, not on what inherits them', async () => {
        const text = `${ORG}\nbet Joint { hypothesis: "h"; owner: Growth, Platform\n  experiment Inside\n}\nworkstream Linked { for: Joint }`;
        const loaded = await load({ 'a.pom': text });
        expect(found(loaded.documents[0], 'context-conflict')).toEqual([
            { code: 'context-conflict', severity: 2, range: rangeOf(text, 'Joint') },
        ]);
        const model = compile(loaded);
        for (const id of ['Joint', 'Joint.Inside', 'Linked']) {
            expect(byId(model, id).funding).toMatchObject({ effective: 'GrowthFund', inheritedFrom: 'Growth', via: 'owner' });
        }
    });

    test('a cycle along inheriting relations ends without a diagnostic storm or a hang', async () => {
        const text = [
            'kind step { stage execution; relation after: step* upstream inherits horizon, owner, funding }',
            'step A { after: B }',
            'step B { after: C }',
            'step C { after: A; horizon: months }',
            'team T1 { owner: T2 }',
            'team T2 { owner: T1 }',
            'insight X { owner: T1 }',
        ].join('\n');
        const loaded = await load({ 'a.pom': text });
        const model = compile(loaded);
        expect(byId(model, 'A').horizon).toMatchObject({ effective: 'months', inheritedFrom: 'C', via: 'after' });
        expect(byId(model, 'X').funding).toEqual({ declared: null, effective: null, inheritedFrom: null, via: null });
        expect(found(loaded.documents[0], 'context-conflict')).toEqual([]);
    });
});

describe('the compiled model', () => {
    test('owners are a set: stated, inherited through nesting, and along `for`', async () => {
        const text = [
            'team Growth',
            'team Data',
            'bet B { hypothesis: "h"; owner: Growth, Data; horizon: 2 quarters',
            '  experiment E',
            '}',
            'workstream W { for: B }',
        ].join('\n');
        const model = compile(await load({ 'a.pom': text }));
        expect(byId(model, 'B').owners).toEqual({
            declared: ['Growth', 'Data'],
            effective: ['Growth', 'Data'],
            inheritedFrom: null,
            via: null,
        });
        expect(byId(model, 'B.E').owners).toEqual({ declared: [], effective: ['Growth', 'Data'], inheritedFrom: 'B', via: 'nesting' });
        expect(byId(model, 'W').owners).toEqual({ declared: [], effective: ['Growth', 'Data'], inheritedFrom: 'B', via: 'for' });
        expect(byId(model, 'W').horizon).toEqual({
            declared: null,
            effective: 'quarters',
            inheritedFrom: 'B',
            via: 'for',
            length: '2 quarters',
            months: 6,
        });
        expect(byId(model, 'B').horizon).toMatchObject({ declared: '2 quarters', effective: 'quarters', length: '2 quarters', months: 6 });
        expect(byId(model, 'B').fields.horizon).toEqual({ type: 'duration', value: '2 quarters', amount: 2, unit: 'quarter', days: 182 });
    });

    test('bands of counted horizons: up to 3 months is months, under 12 quarters, else years', async () => {
        const text = ['1 week', '3 months', '1 quarter', '4 months', '11 months', '4 quarters', '18 months', '2 years']
            .map((h, i) => `insight I${i} { horizon: ${h} }`)
            .join('\n');
        const model = compile(await load({ 'a.pom': text }));
        expect(model.elements.map((e) => [e.horizon.declared, e.horizon.effective, e.horizon.months])).toEqual([
            ['1 week', 'months', 0.23],
            ['3 months', 'months', 3],
            ['1 quarter', 'months', 3],
            ['4 months', 'quarters', 4],
            ['11 months', 'quarters', 11],
            ['4 quarters', 'years', 12],
            ['18 months', 'years', 18],
            ['2 years', 'years', 24],
        ]);
    });

    test('precedence: stated > nesting > relation > the owning team’s funding, each with its path', async () => {
        const text = [
            ORG,
            'bet Funded { hypothesis: "h"; funding: BetFund; owner: Growth }',
            'bet Unfunded { hypothesis: "h"; owner: Platform }',
            'project OwnedOnly { owner: Growth }',
            'project Linked { for: Funded; owner: Platform }',
            'project LinkedToOwned { for: Unfunded }',
            'project LinkedOwnOwner { for: Unfunded; owner: Growth }',
            'project Stated { for: Funded; funding: PlatformFund }',
            'bet Parent { hypothesis: "h"; funding: PlatformFund',
            '  project Nested { for: Funded; owner: Growth }',
            '}',
        ].join('\n');
        const model = compile(await load({ 'a.pom': text }));
        const funding = (id: string) => byId(model, id).funding;
        expect(funding('OwnedOnly')).toEqual({ declared: null, effective: 'GrowthFund', inheritedFrom: 'Growth', via: 'owner' });
        expect(funding('Linked')).toEqual({ declared: null, effective: 'BetFund', inheritedFrom: 'Funded', via: 'for' });
        // The bet's own funding comes from its owner, so work linked to it asks its own owners (the bet's, inherited).
        expect(funding('LinkedToOwned')).toEqual({ declared: null, effective: 'PlatformFund', inheritedFrom: 'Platform', via: 'owner' });
        expect(funding('LinkedOwnOwner')).toEqual({ declared: null, effective: 'GrowthFund', inheritedFrom: 'Growth', via: 'owner' });
        expect(funding('Stated')).toEqual({ declared: 'PlatformFund', effective: 'PlatformFund', inheritedFrom: null, via: null });
        expect(funding('Parent.Nested')).toEqual({ declared: null, effective: 'PlatformFund', inheritedFrom: 'Parent', via: 'nesting' });
        expect(byId(model, 'LinkedToOwned').owners).toMatchObject({ effective: ['Platform'], inheritedFrom: 'Unfunded', via: 'for' });
    });

    test('the kind table carries `inherits` and the horizon field’s `orDuration`', async () => {
        const text =
            'kind initiative { stage bets; relation serves: bet* upstream inherits horizon, owner; field span: enum { short, long } | duration }';
        const model = compile(await load({ 'a.pom': text }));
        expect(model.kinds[0].relations).toEqual([
            { name: 'serves', targets: ['bet'], cardinality: '*', required: false, flow: 'upstream', inherits: ['horizon', 'owner'] },
        ]);
        expect(model.kinds[0].fields).toEqual([
            { name: 'span', type: 'enum', many: false, required: false, values: ['short', 'long'], orDuration: true },
        ]);
    });

    test('a user relation that inherits passes context like `for`', async () => {
        const text = [
            'kind initiative { stage bets; relation serves: bet* upstream inherits horizon }',
            'bet B { hypothesis: "h"; horizon: years }',
            'initiative I { serves: B }',
        ].join('\n');
        const model = compile(await load({ 'a.pom': text }));
        expect(byId(model, 'I').horizon).toMatchObject({ effective: 'years', inheritedFrom: 'B', via: 'serves' });
        expect(byId(model, 'I').owners.effective).toEqual([]);
    });
});

describe('selectors', () => {
    test('`owner:` matches an element owned by any of its teams', async () => {
        const text = 'team Growth\nteam Data\ninsight Both { owner: Growth, Data }\ninsight One { owner: Data }\ninsight None';
        const model = compile(await load({ 'a.pom': text }));
        const graph = new ModelGraph(model);
        const select = (s: string) => [...selectElements(graph, parseSelector(s))].sort();
        expect(select('owner:Growth')).toEqual(['Both']);
        expect(select('owner:Data')).toEqual(['Both', 'One']);
    });
});

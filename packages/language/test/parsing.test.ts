// The grammar: every construct of the language parses without lexer or parser errors and yields the AST
// the rest of the language relies on.
import { AstUtils, EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import {
    type DurationValue,
    type Element,
    type Entry,
    type FieldDecl,
    isElement,
    isEntry,
    isKindDecl,
    type KindDecl,
    type Model,
    type RefValue,
    type RelationDecl,
} from '../src/generated/ast.js';
import { createPomServices } from '../src/pom-module.js';
import { ensurePrelude } from '../src/prelude/prelude.js';
import { fixture, load, problems } from './helpers.js';

const services = createPomServices(EmptyFileSystem);
const parse = parseHelper<Model>(services.Pom);

beforeAll(async () => {
    // Built once so that snippets that use built-in kinds link against it.
    await services.shared.workspace.DocumentBuilder.build([ensurePrelude(services.shared)]);
});

function syntaxErrors(document: LangiumDocument): string[] {
    return [
        ...document.parseResult.lexerErrors.map((e) => `lexer: ${e.message}`),
        ...document.parseResult.parserErrors.map((e) => `parser: ${e.message}`),
    ];
}

async function parseClean(text: string): Promise<Model> {
    const document = await parse(text);
    expect(syntaxErrors(document)).toEqual([]);
    return document.parseResult.value;
}

function element(model: Model, name: string): Element {
    const found = AstUtils.streamAllContents(model).find((n): n is Element => isElement(n) && n.name === name);
    if (!found) throw new Error(`no element ${name}`);
    return found;
}

function kind(model: Model, name: string): KindDecl {
    const found = model.members.find((m): m is KindDecl => isKindDecl(m) && m.name === name);
    if (!found) throw new Error(`no kind ${name}`);
    return found;
}

function entries(e: Element): Entry[] {
    return e.body.filter(isEntry);
}

function entry(e: Element, key: string): Entry {
    const found = entries(e).find((x) => x.key.$refText === key);
    if (!found) throw new Error(`${e.name} has no ${key}`);
    return found;
}

describe('the fixture with every construct', () => {
    let document: LangiumDocument<Model>;
    let model: Model;

    beforeAll(async () => {
        const loaded = await load({ 'every-construct.pom': fixture('every-construct.pom') });
        document = loaded.documents[0] as LangiumDocument<Model>;
        model = document.parseResult.value;
    });

    test('parses without lexer or parser errors', () => {
        expect(syntaxErrors(document)).toEqual([]);
    });

    test('validates without errors or warnings', () => {
        expect(problems(document).map((d) => `${d.code} ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    });

    test('has its namespace and every top-level member', () => {
        expect(model.namespace?.name).toBe('acme.growth');
        expect(model.members.filter(isKindDecl).map((k) => k.name)).toEqual(['spike', 'initiative', 'quick', 'theme']);
        expect(model.members.filter(isElement).map((e) => e.name)).toEqual([
            'Growth',
            'upstream',
            'Platform',
            'default',
            'GrowthFund',
            'ActivationRate',
            'ChurnInterviews',
            'SlowSetup',
            'GuidedSetup',
            'WizardBet',
            'DbSpike',
            'DbSpike2',
            'Durations',
            'WizardGA',
            'CompletionUp',
            'OnboardingCompletion',
            'TeamInvites',
            'Activation',
            'WeeklyActiveTeams',
            'Revenue',
        ]);
    });

    test('elements with and without title and body', () => {
        expect(element(model, 'Revenue').title).toBeUndefined();
        expect(element(model, 'Revenue').body).toEqual([]);
        expect(element(model, 'Platform')).toMatchObject({ title: 'Platform team', body: [] });
        expect(element(model, 'SlowSetup').title).toBeUndefined();
        expect(entries(element(model, 'SlowSetup')).map((e) => e.key.$refText)).toEqual(['informedBy', 'toward']);
        expect(element(model, 'WizardBet').title).toBe('A guided setup lifts completion');
    });

    test('nested elements are body items of their parent', () => {
        const bet = element(model, 'WizardBet');
        expect(bet.body.filter(isElement).map((e) => e.name)).toEqual(['Prototype', 'Build']);
        const build = element(model, 'Build');
        expect(build.body.filter(isElement).map((e) => e.name)).toEqual(['Polish']);
        expect(build.$container).toBe(bet);
    });

    test('entries separated by newlines, `,` and `;` are separate entries', () => {
        expect(entries(element(model, 'GrowthFund')).map((e) => e.key.$refText)).toEqual(['model', 'capacity', 'period']);
        expect(entries(element(model, 'DbSpike2')).map((e) => e.key.$refText)).toEqual([
            'for',
            'timebox',
            'sparkedBy',
            'pairedWith',
            'date',
        ]);
        expect(entries(element(model, 'WizardBet')).map((e) => e.key.$refText)).toEqual([
            'horizon',
            'owner',
            'chooses',
            'targets',
            'toward',
            'hypothesis',
            'funding',
            'appetite',
            'confidence',
        ]);
    });

    test('`targets: A, B [meta]` is one entry with two values, metadata on the second', () => {
        const targets = entry(element(model, 'WizardBet'), 'targets');
        const values = targets.values as RefValue[];
        expect(values.map((v) => v.target.$refText)).toEqual(['OnboardingCompletion', 'TeamInvites']);
        expect(values[0].metadata).toEqual([]);
        expect(values[1].metadata.map((m) => m.key)).toEqual(['confidence']);
    });

    test('link metadata takes every literal and symbols', () => {
        const chooses = entry(element(model, 'WizardBet'), 'chooses').values[0] as RefValue;
        expect(chooses.metadata.map((m) => [m.key, m.value.$type])).toEqual([
            ['confidence', 'SymbolValue'],
            ['expected', 'StringValue'],
            ['weight', 'NumberValue'],
            ['share', 'PercentValue'],
            ['due', 'DateValue'],
            ['review', 'QuarterValue'],
            ['for', 'DurationValue'],
        ]);
        const relates = entry(element(model, 'ActivationRate'), 'relatesTo').values[0] as RefValue;
        expect(relates.metadata.map((m) => [m.key, m.value.$type, (m.value as { value?: unknown }).value])).toEqual([
            ['drift', 'PercentValue', '-2%'],
            ['floor', 'NumberValue', -1],
        ]);
    });

    test('every value type', () => {
        const metric = element(model, 'ActivationRate');
        expect(entry(metric, 'unit').values[0]).toMatchObject({ $type: 'RefValue', target: { $refText: 'count' } });
        expect(entry(metric, 'source').values[0]).toMatchObject({ $type: 'StringValue' });
        expect(entry(metric, 'baseline').values[0]).toMatchObject({ $type: 'NumberValue', value: -3.5 });
        expect(entry(metric, 'target').values[0]).toMatchObject({ $type: 'NumberValue', value: 55 });
        expect(entry(metric, 'source').values[0]).toMatchObject({ value: 'Product analytics\tweekly\nexport' });
        const insight = element(model, 'ChurnInterviews');
        expect(entry(insight, 'evidence').values[0]).toMatchObject({ value: '"We gave up on setup" \\ interview #4' });
        expect(entry(insight, 'observed').values[0]).toMatchObject({ $type: 'DateValue', value: '2026-3-9' });
        const spike = element(model, 'Durations');
        expect(entry(spike, 'share').values[0]).toMatchObject({ $type: 'PercentValue', value: '12.5%' });
        expect(entry(spike, 'budget').values[0]).toMatchObject({ $type: 'NumberValue', value: 1.5 });
        expect(entry(spike, 'review').values[0]).toMatchObject({ $type: 'QuarterValue', value: '2027-Q1' });
        expect(entry(spike, 'risk').values[0]).toMatchObject({ $type: 'RefValue' });
        expect(entry(element(model, 'WizardBet'), 'appetite').values[0]).toMatchObject({ $type: 'DurationValue', value: '6 weeks' });
    });

    test('a duration with each unit, singular and plural', () => {
        const values = entry(element(model, 'Durations'), 'estimates').values as DurationValue[];
        expect(values.map((v) => [v.$type, v.value])).toEqual(
            [
                '1 day',
                '2 days',
                '1 week',
                '3 weeks',
                '1 sprint',
                '2 sprints',
                '1 month',
                '2 months',
                '1 quarter',
                '2 quarters',
                '1 year',
                '1.5 years',
            ].map((v) => ['DurationValue', v]),
        );
    });

    test('simple, dotted and fully qualified references', () => {
        expect((entry(element(model, 'WizardGA'), 'ships').values as RefValue[]).map((v) => v.target.$refText)).toEqual([
            'WizardBet.Build',
            'WizardBet',
        ]);
        expect((entry(element(model, 'GuidedSetup'), 'addresses').values[0] as RefValue).target.$refText).toBe('acme.growth.SlowSetup');
    });

    test('a kind declaration with title, extends, fields and relations', () => {
        const spike = kind(model, 'spike');
        expect(spike).toMatchObject({ abstract: false, title: 'Spike', stage: 'execution' });
        expect(spike.superKind?.$refText).toBe('experiment');
        const fields = spike.members.filter((m): m is FieldDecl => m.$type === 'FieldDecl');
        expect(fields.map((f) => [f.name, f.required, f.many])).toEqual([
            ['timebox', true, false],
            ['risk', false, false],
            ['labels', false, true],
            ['estimates', false, true],
            ['date', false, false],
            ['budget', false, false],
            ['share', false, false],
            ['review', false, false],
        ]);
        expect(fields.map((f) => ('primitive' in f.type ? f.type.primitive : 'enum'))).toEqual([
            'duration',
            'enum',
            'string',
            'duration',
            'date',
            'number',
            'percent',
            'quarter',
        ]);
        const risk = fields[1];
        expect(risk.type.$type).toBe('EnumType');
        expect('literals' in risk.type && risk.type.literals.map((l) => l.name)).toEqual(['low', 'medium', 'high']);
        expect(risk.default).toMatchObject({ $type: 'RefValue' });
        expect((risk.default as RefValue).target.$refText).toBe('medium');
        const relations = spike.members.filter((m): m is RelationDecl => m.$type === 'RelationDecl');
        expect(relations.map((r) => [r.name, r.targets.map((t) => t.$refText), r.cardinality, r.required, r.flow])).toEqual([
            ['unblocks', ['bet', 'option'], '*', false, 'downstream'],
            ['sparkedBy', ['insight'], '+', false, 'upstream'],
            ['lessons', ['insight'], '?', false, 'feedback'],
            ['pairedWith', ['spike'], undefined, true, undefined],
        ]);
    });

    test('abstract kinds, stages, and kinds without a body', () => {
        expect(kind(model, 'initiative')).toMatchObject({ abstract: true, stage: 'bets', title: 'Initiative' });
        expect(kind(model, 'quick')).toMatchObject({ abstract: false, members: [] });
        expect(kind(model, 'quick').superKind).toBeUndefined();
        expect(kind(model, 'theme').superKind?.$refText).toBe('opportunity');
    });

    test('doc comments attach to the declaration that follows; other comments are hidden', () => {
        const comments = services.Pom.documentation.CommentProvider;
        expect(comments.getComment(kind(model, 'spike'))).toBe('/** A time-boxed technical investigation. */');
        expect(comments.getComment(element(model, 'WizardBet'))).toBe('/** A bet with every value type. */');
        expect(comments.getComment(element(model, 'Growth'))).toBeUndefined();
    });

    test('soft keywords as names: a field named `date`, elements named `upstream` and `default`', () => {
        expect(kind(model, 'spike').members.map((m) => m.name)).toContain('date');
        expect(entry(element(model, 'DbSpike2'), 'date').values[0]).toMatchObject({ $type: 'DateValue', value: '2026-11-02' });
        expect(element(model, 'upstream').kind.$refText).toBe('team');
        expect(element(model, 'default').kind.$refText).toBe('persona');
        expect((entry(element(model, 'Durations'), 'relatesTo').values[0] as RefValue).target.ref).toBe(element(model, 'upstream'));
    });
});

describe('snippets', () => {
    test('`{ for: WizardBet, timebox: 2 weeks }`: `timebox` starts a new entry', async () => {
        const model = await parseClean(
            'bet WizardBet\nkind spike extends experiment { field timebox: duration required }\nspike DbSpike "Can the database take it?" { for: WizardBet, timebox: 2 weeks }',
        );
        const spike = element(model, 'DbSpike');
        expect(entries(spike).map((e) => [e.key.$refText, e.values.map((v) => v.$type)])).toEqual([
            ['for', ['RefValue']],
            ['timebox', ['DurationValue']],
        ]);
    });

    test('a key may be followed by spaces before its colon', async () => {
        const model = await parseClean('bet B {\n  hypothesis  : "x"\n  appetite\t: 2 sprints\n}');
        expect(entries(element(model, 'B')).map((e) => e.key.$refText)).toEqual(['hypothesis', 'appetite']);
    });

    test('`//` and `/* */` comments anywhere between tokens', async () => {
        const model = await parseClean(
            '// leading\nbet /* inline */ B /* before the title */ "T" { // after the brace\n  horizon: /* a value follows */ months // end\n}\n/* trailing */',
        );
        expect(element(model, 'B')).toMatchObject({ title: 'T' });
        expect(entries(element(model, 'B')).map((e) => e.key.$refText)).toEqual(['horizon']);
    });

    test('a namespace without `;`, with a file of kinds only', async () => {
        const model = await parseClean(
            'namespace acme.platform.tools\nabstract kind base\nkind leaf extends base "Leaf" { stage context; field n: number* }',
        );
        expect(model.namespace?.name).toBe('acme.platform.tools');
        expect(kind(model, 'leaf').stage).toBe('context');
        expect(kind(model, 'leaf').members[0]).toMatchObject({ name: 'n', many: true });
    });

    test('soft keywords usable as names everywhere a name goes', async () => {
        const words = [
            'abstract',
            'extends',
            'stage',
            'field',
            'relation',
            'required',
            'enum',
            'feedback',
            'downstream',
            'string',
            'number',
        ];
        const model = await parseClean(words.map((w) => `scope ${w}`).join('\n'));
        expect(model.members.map((m) => m.name)).toEqual(words);
    });

    test('a trailing separator and empty metadata brackets', async () => {
        const model = await parseClean('insight I\nopportunity O { informedBy: I [], }');
        expect((entry(element(model, 'O'), 'informedBy').values[0] as RefValue).metadata).toEqual([]);
    });
});

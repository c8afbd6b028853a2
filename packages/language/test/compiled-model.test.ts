// The compiled model: valid against its JSON Schema, the same bytes whatever order the files are
// read in, sorted, and free of absolute paths.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import type { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledElement, CompiledModel } from '../src/compile/compiled-model.js';
import { fixture, type Loaded, load } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../schema/pom-model.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

// Paths as a CLI run from `/` would write them: relative, `/`-separated.
const relativePath = (uri: URI) => uri.path.slice(1);

function compile(loaded: Loaded): CompiledModel {
    return loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath });
}

function schemaErrors(model: unknown): string[] {
    return validate(model) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function byId(model: CompiledModel, id: string): CompiledElement {
    const element = model.elements.find((e) => e.id === id);
    if (!element) throw new Error(`no element ${id}`);
    return element;
}

const ACME = ['kinds.pom', 'context.pom', 'growth.pom', 'product.pom'];

function acmeFiles(order: string[]): Record<string, string> {
    return Object.fromEntries(order.map((f) => [`acme/${f}`, fixture(`acme/${f}`)]));
}

/** Whether the list is in ascending order of `key`, compared field by field as plain strings. */
function isSorted<T>(list: T[], key: (item: T) => string[]): boolean {
    return list.every((_, i) => i === 0 || compareKeys(key(list[i - 1]), key(list[i])) <= 0);
}

function compareKeys(a: string[], b: string[]): number {
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

describe('the model of the fixture with every construct', () => {
    let model: CompiledModel;

    beforeAll(async () => {
        model = compile(await load({ 'every-construct.pom': fixture('every-construct.pom') }));
    });

    test('validates against the JSON Schema', () => {
        expect(schemaErrors(model)).toEqual([]);
    });

    test('the schema is strict enough to reject a broken model', () => {
        const broken = structuredClone(model) as unknown as { elements: Array<Record<string, unknown>> };
        broken.elements[0].source = { path: '/abs/every-construct.pom', line: 0, column: 1 };
        delete broken.elements[1].kindChain;
        expect(schemaErrors(broken).length).toBeGreaterThanOrEqual(3);
    });

    test('every value type is typed in fields', () => {
        expect(byId(model, 'acme.growth.ActivationRate').fields).toEqual({
            baseline: { type: 'number', value: -3.5 },
            direction: { type: 'enum', value: 'up' },
            source: { type: 'string', value: 'Product analytics\tweekly\nexport' },
            target: { type: 'number', value: 55 },
            unit: { type: 'enum', value: 'count' },
        });
        const spike = byId(model, 'acme.growth.Durations').fields;
        expect(spike.share).toEqual({ type: 'percent', value: 12.5 });
        expect(spike.review).toEqual({ type: 'quarter', value: '2027-Q1' });
        expect(spike.labels).toEqual([
            { type: 'string', value: 'a' },
            { type: 'string', value: 'b' },
        ]);
        expect(spike.risk).toEqual({ type: 'enum', value: 'low' });
        expect(spike.timebox).toEqual({ type: 'duration', value: '3 days', amount: 3, unit: 'day', days: 3 });
        expect((spike.estimates as Array<{ unit: string; days: number }>).map((d) => [d.unit, d.days])).toEqual([
            ['day', 1],
            ['day', 2],
            ['week', 7],
            ['week', 21],
            ['sprint', 14],
            ['sprint', 28],
            ['month', 30],
            ['month', 60],
            ['quarter', 91],
            ['quarter', 182],
            ['year', 365],
            ['year', 547.5],
        ]);
        // A date with one-digit month and day is normalised.
        expect(byId(model, 'acme.growth.ChurnInterviews').fields.observed).toEqual({ type: 'date', value: '2026-03-09' });
        // The default of a field the element does not state.
        expect(byId(model, 'acme.growth.DbSpike').fields.risk).toEqual({ type: 'enum', value: 'medium' });
        // Relations are links, not fields.
        expect(byId(model, 'acme.growth.WizardBet').fields).not.toHaveProperty('chooses');
    });

    test('link metadata is typed and kept on its one link', () => {
        const chooses = model.links.find((l) => l.relation === 'chooses');
        expect(chooses?.metadata).toEqual({
            confidence: { type: 'symbol', value: 'medium' },
            due: { type: 'date', value: '2026-12-01' },
            expected: { type: 'string', value: '+10pts' },
            for: { type: 'duration', value: '3 sprints', amount: 3, unit: 'sprint', days: 42 },
            review: { type: 'quarter', value: '2026-Q4' },
            share: { type: 'percent', value: 40 },
            weight: { type: 'number', value: 2 },
        });
        const targets = model.links.filter((l) => l.relation === 'targets').map((l) => [l.to, l.metadata]);
        expect(targets).toEqual([
            ['acme.growth.OnboardingCompletion', {}],
            ['acme.growth.TeamInvites', { confidence: { type: 'symbol', value: 'low' } }],
        ]);
    });

    test('elements carry kind, title, doc, namespace, parent and a 1-based source', () => {
        expect(byId(model, 'acme.growth.WizardBet')).toMatchObject({
            kind: 'bet',
            kindChain: ['bet', 'element'],
            stage: 'bets',
            name: 'WizardBet',
            title: 'A guided setup lifts completion',
            doc: 'A bet with every value type.',
            namespace: 'acme.growth',
            parent: null,
            source: { path: 'ws/every-construct.pom', line: 60, column: 1 },
        });
        expect(byId(model, 'acme.growth.WizardBet.Build.Polish')).toMatchObject({
            parent: 'acme.growth.WizardBet.Build',
            title: null,
            doc: null,
            source: { path: 'ws/every-construct.pom', line: 74, column: 5 },
        });
        expect(byId(model, 'acme.growth.DbSpike')).toMatchObject({
            kind: 'acme.growth.spike',
            kindChain: ['acme.growth.spike', 'experiment', 'execution', 'element'],
            stage: 'execution',
        });
    });

    test('user kinds are compiled; the prelude’s are not', () => {
        expect(model.kinds.map((k) => k.name)).toEqual([
            'acme.growth.initiative',
            'acme.growth.quick',
            'acme.growth.spike',
            'acme.growth.theme',
        ]);
        const spike = model.kinds.find((k) => k.name === 'acme.growth.spike');
        expect(spike).toMatchObject({
            title: 'Spike',
            doc: 'A time-boxed technical investigation.',
            extends: 'experiment',
            abstract: false,
        });
        expect(spike?.fields[0]).toEqual({ name: 'timebox', type: 'duration', many: false, required: true });
        expect(spike?.fields[1]).toEqual({ name: 'risk', type: 'enum', many: false, required: false, values: ['low', 'medium', 'high'] });
        expect(spike?.relations.map((r) => [r.name, r.targets, r.cardinality, r.required, r.flow])).toEqual([
            ['unblocks', ['bet', 'option'], '*', false, 'downstream'],
            ['sparkedBy', ['insight'], '+', true, 'upstream'],
            ['lessons', ['insight'], '?', false, 'feedback'],
            ['pairedWith', ['acme.growth.spike'], '?', true, 'none'],
        ]);
        expect(model.kinds.find((k) => k.name === 'acme.growth.initiative')).toMatchObject({
            abstract: true,
            stage: 'bets',
            extends: null,
        });
    });

    test('no element of the prelude leaks into the model', () => {
        expect(model.elements.every((e) => e.source.path === 'ws/every-construct.pom')).toBe(true);
    });
});

describe('determinism', () => {
    let forward: CompiledModel;
    let backward: CompiledModel;

    beforeAll(async () => {
        forward = compile(await load(acmeFiles(ACME)));
        backward = compile(await load(acmeFiles([...ACME].reverse())));
    });

    test('the four-file Acme model validates against the schema', () => {
        expect(schemaErrors(forward)).toEqual([]);
        expect(forward.elements.length).toBeGreaterThan(15);
        expect(forward.links.length).toBeGreaterThan(15);
    });

    test('the same files read in another order give byte-identical JSON', () => {
        expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    });

    test('no absolute path or URI anywhere in the output', () => {
        const json = JSON.stringify(forward);
        expect(json).not.toMatch(/file:|builtin:|"\/ws\//);
        const paths = new Set(
            [...forward.elements, ...forward.links, ...forward.kinds]
                .map((item) => item.source.path)
                .concat(forward.diagnostics.map((d) => d.source.path)),
        );
        expect([...paths].sort()).toEqual(['ws/acme/context.pom', 'ws/acme/growth.pom', 'ws/acme/kinds.pom', 'ws/acme/product.pom']);
    });

    test('elements, links and kinds are sorted', () => {
        expect(isSorted(forward.elements, (e) => [e.id])).toBe(true);
        expect(isSorted(forward.links, (l) => [l.from, l.relation, l.to])).toBe(true);
        expect(isSorted(forward.kinds, (k) => [k.name])).toBe(true);
        expect(forward.elements.map((e) => e.id).slice(0, 3)).toEqual(['acme.ActivationRate', 'acme.Growth', 'acme.GrowthFund']);
    });

    test('a model with duplicates and diagnostics is deterministic and valid too', async () => {
        const files = {
            'a.pom': 'team Growth\nbet WizardBet { owner: Growth; chooses: Nothing }',
            'b.pom': 'team Growth "Again"\ninsight I { observed: 2026-02-30 }',
        };
        const one = compile(await load(files));
        const two = compile(await load({ 'b.pom': files['b.pom'], 'a.pom': files['a.pom'] }));
        expect(JSON.stringify(two)).toBe(JSON.stringify(one));
        expect(schemaErrors(one)).toEqual([]);
        expect(one.elements.map((e) => [e.id, e.source.path])).toEqual([
            ['Growth', 'ws/a.pom'],
            ['Growth#2', 'ws/b.pom'],
            ['I', 'ws/b.pom'],
            ['WizardBet', 'ws/a.pom'],
        ]);
        expect(one.diagnostics.find((d) => d.code === 'value-type')).toEqual({
            code: 'value-type',
            severity: 'error',
            message: '`2026-02-30` is not a calendar date; write YYYY-MM-DD, such as `2026-12-01`.',
            source: { path: 'ws/b.pom', line: 2, column: 23, endLine: 2, endColumn: 33 },
        });
        expect(
            isSorted(one.diagnostics, (d) => [
                d.source.path,
                String(d.source.line).padStart(6, '0'),
                String(d.source.column).padStart(6, '0'),
            ]),
        ).toBe(true);
        expect(one.diagnostics.map((d) => d.code)).toEqual(
            expect.arrayContaining(['duplicate-name', 'unresolved-reference', 'missing-required']),
        );
    });
});

// The semantic diff of two compiled models: before/after fixture pairs under fixtures/diff for
// each kind of change, rename detection and its limits, diagnostics matched without line numbers, each lineage
// consequence in both directions, selection, determinism and the JSON Schema of the report.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import type { ModelDiff } from '../src/diff/diff-report.js';
import { diffModels } from '../src/diff/model-diff.js';
import { compileSide, compileTexts, diffCase } from './fixtures/diff/load-case.js';

const schema = JSON.parse(readFileSync(new URL('../schema/pom-diff.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const G = 'northwind.growth';
const OPP = `${G}.FirstWeekShipping`;
const S = 'northwind.strategy';

function schemaErrors(report: unknown): string[] {
    return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const ids = (items: Array<{ id: string }>) => items.map((e) => e.id);
const linkKeys = (items: Array<{ from: string; relation: string; to: string }>) => items.map((l) => `${l.from} ${l.relation} ${l.to}`);
const lineageOf = (diff: ModelDiff) => Object.fromEntries(diff.lineage.map((l) => [l.id, { lost: l.lost, gained: l.gained }]));

describe('elements', () => {
    test('added elements and the links they bring', async () => {
        const diff = await diffCase('added');
        expect(ids(diff.elements.added)).toEqual([`${G}.InviteBet`, `${G}.SetupTickets`]);
        expect(diff.elements.removed).toEqual([]);
        expect(diff.elements.renamed).toEqual([]);
        expect(diff.elements.changed).toEqual([]);
        expect(linkKeys(diff.links.added)).toEqual([
            `${OPP} informedBy ${G}.SetupTickets`,
            `${G}.InviteBet chooses ${OPP}.GuidedSetup`,
            `${G}.InviteBet funding northwind.org.GrowthFund`,
            `${G}.InviteBet targets ${S}.SetupCompletion`,
            `${G}.SetupTickets owner northwind.org.GrowthTeam`,
        ]);
        expect(diff.links.added[3].metadata).toEqual({ confidence: { type: 'symbol', value: 'low' } });
        expect(diff.summary.kinds).toEqual([
            { kind: 'insight', added: 1, removed: 0, renamed: 0, changed: 0 },
            { kind: 'bet', added: 1, removed: 0, renamed: 0, changed: 0 },
        ]);
        // Only elements on both sides have lineage consequences; the added ones are reported as added.
        expect(diff.lineage).toEqual([]);
    });

    test('a removed element and its links', async () => {
        const diff = await diffCase('removed');
        expect(ids(diff.elements.removed)).toEqual([`${G}.LeadsWantExamples`]);
        expect(diff.elements.removed[0]).toMatchObject({ kind: 'insight', stage: 'insights', title: 'Leads ask for an example plan' });
        expect(diff.elements.added).toEqual([]);
        expect(linkKeys(diff.links.removed)).toEqual([
            `${OPP} informedBy ${G}.LeadsWantExamples`,
            `${G}.LeadsWantExamples owner northwind.org.GrowthTeam`,
        ]);
        expect(diff.lineage).toEqual([]);
    });

    test('a rename is one rename, nested elements move with it, and links follow it', async () => {
        const diff = await diffCase('renamed');
        expect(diff.elements.renamed.map((r) => [r.from, r.to, r.cascaded])).toEqual([
            [`${OPP}.SetupBet`, `${OPP}.GuidedSetupBet`, false],
            [`${OPP}.SetupBet.SetupPrototype`, `${OPP}.GuidedSetupBet.SetupPrototype`, true],
            ['northwind.org.CoreTeam', 'northwind.org.PlanningTeam', false],
        ]);
        expect(diff.elements.added).toEqual([]);
        expect(diff.elements.removed).toEqual([]);
        // References to the renamed elements changed with them: nothing else is a change.
        expect(diff.elements.changed).toEqual([]);
        expect(diff.links).toEqual({ added: [], removed: [], changed: [] });
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect(diff.lineage).toEqual([]);
        expect(diff.summary.elements).toEqual({ added: 0, removed: 0, renamed: 3, changed: 0 });
    });

    test('a new id whose content differs too is a removal and an addition, not a rename', async () => {
        const diff = await diffCase('not-renamed');
        expect(ids(diff.elements.removed)).toEqual([`${OPP}.SetupBet`]);
        expect(ids(diff.elements.added)).toEqual([`${OPP}.GuidedSetupBet`]);
        expect(diff.elements.renamed.map((r) => r.from)).not.toContain(`${OPP}.SetupBet`);
        // Its unchanged child moved from the removed bet to the added one.
        expect(diff.elements.renamed.map((r) => [r.from, r.to, r.cascaded])).toEqual([
            [`${OPP}.SetupBet.SetupPrototype`, `${OPP}.GuidedSetupBet.SetupPrototype`, false],
        ]);
    });

    test('an element moved to another parent is a rename with a parent change', async () => {
        const diff = await diffCase('moved');
        const from = `${OPP}.TemplatesBet.TemplateLibrary`;
        const to = `${OPP}.SetupBet.TemplateLibrary`;
        expect(diff.elements.renamed.map((r) => [r.from, r.to, r.cascaded])).toEqual([[from, to, false]]);
        expect(diff.elements.changed).toEqual([
            expect.objectContaining({
                id: to,
                changes: [{ property: 'parent', before: `${OPP}.TemplatesBet`, after: `${OPP}.SetupBet` }],
            }),
        ]);
        expect(linkKeys(diff.links.removed)).toEqual([`${to} for ${OPP}.TemplatesBet`]);
        expect(linkKeys(diff.links.added)).toEqual([`${to} for ${OPP}.SetupBet`]);
        expect(diff.links.added[0].implied).toBe(true);
    });

    test('field changes: title, doc, horizon, owners (declared and inherited), fields and the kind', async () => {
        const diff = await diffCase('fields');
        const bet = diff.elements.changed.find((c) => c.id === `${OPP}.SetupBet`)!;
        expect(bet.changes.map((c) => c.property)).toEqual([
            'title',
            'doc',
            'horizon',
            'owners',
            'fields.appetite',
            'fields.hypothesis',
            'fields.status',
        ]);
        const change = (property: string) => bet.changes.find((c) => c.property === property);
        expect(change('title')).toEqual({
            property: 'title',
            before: 'A guided setup lifts completion',
            after: 'A guided setup lifts setup completion',
        });
        expect(change('doc')).toEqual({ property: 'doc', before: null, after: 'Placed in Q3 after the funnel analysis.' });
        expect(change('horizon')).toEqual({
            property: 'horizon',
            before: { declared: 'quarters', effective: 'quarters', inheritedFrom: null, via: null, length: null, months: null },
            after: { declared: 'years', effective: 'years', inheritedFrom: null, via: null, length: null, months: null },
        });
        expect(change('owners')).toEqual({
            property: 'owners',
            before: { declared: [], effective: ['northwind.org.GrowthTeam'], inheritedFrom: OPP, via: 'nesting' },
            after: { declared: ['northwind.org.CoreTeam'], effective: ['northwind.org.CoreTeam'], inheritedFrom: null, via: null },
        });
        expect(change('fields.status')).toEqual({
            property: 'fields.status',
            before: { type: 'enum', value: 'active' },
            after: { type: 'enum', value: 'done' },
        });
        expect(change('fields.appetite')?.after).toMatchObject({ type: 'duration', value: '8 weeks', days: 56 });
        // The nested experiment inherits the new owner: its effective owner changed though its text did not, so the
        // change is grouped under the bet it comes from rather than listed as the experiment's own.
        expect(diff.elements.inherited).toEqual([
            {
                property: 'owners',
                source: `${OPP}.SetupBet`,
                via: 'nesting',
                sourceChanged: true,
                before: { declared: [], effective: ['northwind.org.GrowthTeam'], inheritedFrom: OPP, via: 'nesting' },
                after: { declared: [], effective: ['northwind.org.CoreTeam'], inheritedFrom: `${OPP}.SetupBet`, via: 'nesting' },
                elements: [expect.objectContaining({ id: `${OPP}.SetupBet.SetupPrototype`, kind: 'experiment' })],
            },
        ]);
        const library = diff.elements.changed.find((c) => c.id === `${OPP}.TemplatesBet.TemplateLibrary`)!;
        expect(library.changes).toEqual([{ property: 'kind', before: 'project', after: 'workstream' }]);
        expect(ids(diff.elements.changed)).toEqual([`${OPP}.SetupBet`, `${OPP}.TemplatesBet.TemplateLibrary`]);
    });

    test('an unchanged model with moved lines and comments has no changes', async () => {
        const diff = await diffCase('unchanged');
        expect(diff.summary.changed).toBe(false);
        expect([...Object.values(diff.elements), ...Object.values(diff.links), diff.lineage].every((l) => l.length === 0)).toBe(true);
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect(diff.neighbourhood).toEqual({ elements: [], links: [], omitted: 0 });
    });
});

describe('rename rule', () => {
    const model = (text: string) => compileTexts([{ file: 'm.pom', text }]);

    test('an element with nothing to go on (no title, doc, field or link) is never taken for a rename', async () => {
        const diff = diffModels(await model('namespace n\nscope Alpha\n'), await model('namespace n\nscope Beta\n'));
        expect(ids(diff.elements.removed)).toEqual(['n.Alpha']);
        expect(ids(diff.elements.added)).toEqual(['n.Beta']);
        expect(diff.elements.renamed).toEqual([]);
    });

    test('two renames with the same content cannot be told apart and stay removals and additions', async () => {
        const before = await model('namespace n\nscope A "Same"\nscope B "Same"\nscope C "Other"\n');
        const after = await model('namespace n\nscope X "Same"\nscope Y "Same"\nscope Z "Other"\n');
        const diff = diffModels(before, after);
        expect(diff.elements.renamed.map((r) => [r.from, r.to])).toEqual([['n.C', 'n.Z']]);
        expect(ids(diff.elements.removed)).toEqual(['n.A', 'n.B']);
        expect(ids(diff.elements.added)).toEqual(['n.X', 'n.Y']);
    });

    test('a rename pairs through references to other renamed elements', async () => {
        const before = await model('namespace n\ninsight I1 "Seen" { source: data }\nopportunity O1 "Need" { informedBy: I1 }\n');
        const after = await model('namespace n\ninsight I2 "Seen" { source: data }\nopportunity O2 "Need" { informedBy: I2 }\n');
        const diff = diffModels(before, after);
        expect(diff.elements.renamed.map((r) => [r.from, r.to])).toEqual([
            ['n.I1', 'n.I2'],
            ['n.O1', 'n.O2'],
        ]);
        expect(diff.links).toEqual({ added: [], removed: [], changed: [] });
    });
});

describe('links', () => {
    test('links added, removed and with changed metadata', async () => {
        const diff = await diffCase('links');
        expect(linkKeys(diff.links.added)).toEqual([
            `${OPP} relatesTo ${G}.LeadsWantExamples`,
            `${OPP}.TemplatesBet toward ${S}.Retention`,
        ]);
        expect(linkKeys(diff.links.removed)).toEqual([`${OPP} informedBy ${G}.LeadsWantExamples`]);
        expect(diff.links.changed).toEqual([
            expect.objectContaining({
                from: `${OPP}.SetupBet`,
                relation: 'targets',
                to: `${S}.SetupCompletion`,
                before: { confidence: { type: 'symbol', value: 'medium' }, expected: { type: 'string', value: '+8pts' } },
                after: { confidence: { type: 'symbol', value: 'high' }, expected: { type: 'string', value: '+8pts' } },
            }),
        ]);
        expect(diff.summary.links).toEqual({ added: 2, removed: 1, changed: 1 });
        expect(diff.elements.changed).toEqual([]);
    });
});

describe('diagnostics', () => {
    test('introduced and fixed, matched by code, file and message: lines moving is no change', async () => {
        const diff = await diffCase('diagnostics');
        expect(diff.diagnostics.introduced.map((d) => [d.code, d.severity, d.source.line])).toEqual([
            ['no-upstream', 'info', 36],
            ['unresolved-reference', 'error', 38],
        ]);
        expect(diff.diagnostics.fixed.map((d) => [d.code, d.severity, d.source.line])).toEqual([['missing-required', 'warning', 50]]);
        // The orphan persona is reported on both sides, three lines further down in the head: not a change.
        const before = await compileSide('diagnostics', 'before');
        const after = await compileSide('diagnostics', 'after');
        const orphanLine = (m: typeof before) => m.diagnostics.find((d) => d.code === 'orphan')?.source.line;
        expect([orphanLine(before), orphanLine(after)]).toEqual([66, 70]);
        expect(diff.summary.diagnostics).toEqual({
            introduced: { error: 1, warning: 0, info: 1, hint: 0 },
            fixed: { error: 0, warning: 1, info: 0, hint: 0 },
        });
    });

    test('a renamed element keeps its diagnostics: messages are read modulo the rename', async () => {
        const before = await compileTexts([{ file: 'm.pom', text: 'namespace n\nbet Alpha "Placed" { hypothesis: "h" }\n' }]);
        const after = await compileTexts([{ file: 'm.pom', text: 'namespace n\n\nbet Beta "Placed" { hypothesis: "h" }\n' }]);
        expect(before.diagnostics.map((d) => d.code).sort()).toEqual(['missing-required', 'no-downstream', 'no-upstream', 'orphan']);
        const diff = diffModels(before, after);
        expect(diff.elements.renamed.map((r) => r.to)).toEqual(['n.Beta']);
        expect(diff.diagnostics).toEqual({ introduced: [], fixed: [] });
    });

    test('horizon violations introduced', async () => {
        const diff = await diffCase('horizon');
        expect(diff.horizonViolations.map((d) => [d.code, d.source.path])).toEqual([
            ['horizon-exceeds-parent', 'growth.pom'],
            ['horizon-inverted-link', 'strategy.pom'],
        ]);
        expect(diff.summary.horizonViolations).toBe(2);
        expect(diff.orphans).toEqual([]);
        expect(diff.elements.changed.map((c) => [c.id, c.changes.map((p) => p.property)])).toEqual([
            [`${OPP}.SetupBet.SetupPrototype`, ['horizon']],
            [`${S}.Retention`, ['horizon']],
        ]);
    });

    test('orphans introduced', async () => {
        const diff = await diffCase('orphan');
        expect(diff.orphans).toHaveLength(1);
        expect(diff.orphans[0].message).toContain('`Planning`');
        expect(diff.summary.orphans).toBe(1);
        expect(linkKeys(diff.links.removed)).toEqual(['northwind.org.CoreTeam owns northwind.org.Planning']);
        // Fixing it is a fixed diagnostic, not an orphan "introduced".
        const reversed = await diffCase('orphan', { reversed: true });
        expect(reversed.orphans).toEqual([]);
        expect(reversed.diagnostics.fixed.map((d) => d.code)).toEqual(['orphan']);
    });
});

describe('lineage consequences', () => {
    test('cut off from its insights: every element downstream of the opportunity loses its insight', async () => {
        const diff = await diffCase('lineage-insight');
        const lineage = lineageOf(diff);
        expect(lineage[OPP]).toEqual({ lost: ['insight'], gained: [] });
        expect(lineage[`${OPP}.SetupBet`]).toEqual({ lost: ['insight'], gained: [] });
        expect(lineage[`${OPP}.TemplatesBet.TemplateLibrary`]).toEqual({ lost: ['insight'], gained: [] });
        expect(lineage[`${S}.WeeklyShippingTeams`]).toEqual({ lost: ['insight'], gained: [] });
        // The insights themselves no longer reach anything downstream.
        expect(lineage[`${G}.EmptyBoardsStall`]).toEqual({ lost: ['input', 'driver', 'northstar', 'outcome'], gained: [] });
        // Sorted along the flow: insights first, outcomes last.
        expect(diff.lineage[0].stage).toBe('insights');
        expect(diff.lineage[diff.lineage.length - 1].id).toBe(`${S}.NetRetention`);
        const reversed = lineageOf(await diffCase('lineage-insight', { reversed: true }));
        expect(reversed[`${OPP}.SetupBet`]).toEqual({ lost: [], gained: ['insight'] });
    });

    test('a bet that stops targeting its only input loses its input, driver, north star and outcome', async () => {
        const diff = await diffCase('lineage-input');
        const lineage = lineageOf(diff);
        expect(Object.keys(lineage)).toEqual([`${OPP}.StarterPlans`, `${OPP}.TemplatesBet`, `${S}.PlanReuse`, `${S}.Retention`]);
        expect(lineage[`${OPP}.TemplatesBet`]).toEqual({ lost: ['input', 'driver', 'northstar', 'outcome'], gained: [] });
        expect(lineage[`${S}.PlanReuse`]).toEqual({ lost: ['insight'], gained: [] });
        expect(diff.summary.lineage).toEqual({ lost: 4, gained: 0 });
        const reversed = await diffCase('lineage-input', { reversed: true });
        expect(lineageOf(reversed)[`${OPP}.TemplatesBet`]).toEqual({ lost: [], gained: ['input', 'driver', 'northstar', 'outcome'] });
        expect(reversed.summary.lineage).toEqual({ lost: 0, gained: 4 });
    });

    test('a driver that stops feeding the north star takes its inputs and bets with it, but they keep their driver', async () => {
        const diff = await diffCase('lineage-northstar');
        const lineage = lineageOf(diff);
        for (const id of [`${OPP}.StarterPlans`, `${OPP}.TemplatesBet`, `${S}.PlanReuse`, `${S}.Retention`]) {
            expect(lineage[id], id).toEqual({ lost: ['northstar', 'outcome'], gained: [] });
        }
        expect(Object.keys(lineage)).toHaveLength(4);
        const reversed = lineageOf(await diffCase('lineage-northstar', { reversed: true }));
        expect(reversed[`${OPP}.TemplatesBet`]).toEqual({ lost: [], gained: ['northstar', 'outcome'] });
    });
});

describe('the report', () => {
    const CASES = [
        'added',
        'removed',
        'renamed',
        'not-renamed',
        'moved',
        'fields',
        'links',
        'diagnostics',
        'lineage-insight',
        'lineage-input',
        'lineage-northstar',
        'horizon',
        'orphan',
        'unchanged',
        'hostile',
    ];

    test.each(CASES)('%s validates against pom-diff.schema.json', async (name) => {
        expect(schemaErrors(await diffCase(name))).toEqual([]);
    });

    test('the schema is strict enough to reject a broken report', async () => {
        const diff = structuredClone(await diffCase('lineage-input'));
        expect(schemaErrors({ ...diff, version: 2 })).not.toEqual([]);
        (diff.lineage[0].lost as string[]).push('nowhere');
        expect(schemaErrors(diff)).not.toEqual([]);
        const extra = structuredClone(await diffCase('fields'));
        (extra.elements.changed[0] as unknown as Record<string, unknown>).surprise = true;
        expect(schemaErrors(extra)).not.toEqual([]);
    });

    test('the same models give the same bytes, whatever order the files were read in', async () => {
        const a = await diffCase('lineage-insight');
        const before = await compileSide('lineage-insight', 'before', (files) => [...files].reverse());
        const after = await compileSide('lineage-insight', 'after', (files) => [...files].reverse());
        const b = diffModels(before, after, { baseLabel: 'before', headLabel: 'after' });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    });

    test('the neighbourhood holds the changed elements, their neighbours and the links that touch a change', async () => {
        const diff = await diffCase('lineage-input');
        const status = Object.fromEntries(diff.neighbourhood.elements.map((e) => [e.id, e.status]));
        expect(status).toEqual({
            [`${OPP}.StarterPlans`]: 'affected',
            [`${OPP}.TemplatesBet`]: 'changed',
            [`${OPP}.TemplatesBet.TemplateLibrary`]: 'neighbour',
            'northwind.org.GrowthFund': 'neighbour',
            [`${S}.PlanReuse`]: 'affected',
        });
        expect(diff.neighbourhood.links.map((l) => `${l.relation}:${l.status}`)).toEqual([
            'chooses:unchanged',
            'funding:unchanged',
            'targets:removed',
            'for:unchanged',
        ]);
    });

    test('--select keeps the changes to the selected elements and the links that touch them', async () => {
        const before = await compileSide('links', 'before');
        const after = await compileSide('links', 'after');
        const only = new Set([`${OPP}.TemplatesBet`]);
        const diff = diffModels(before, after, { select: { base: only, head: only } });
        expect(linkKeys(diff.links.added)).toEqual([`${OPP}.TemplatesBet toward ${S}.Retention`]);
        expect(diff.links.removed).toEqual([]);
        expect(diff.links.changed).toEqual([]);
        expect(diff.lineage).toEqual([]);
        expect(diff.summary.links).toEqual({ added: 1, removed: 0, changed: 0 });
    });
});

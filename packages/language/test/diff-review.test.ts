// The diff as a reviewer reads it: inherited changes grouped under their source, Mermaid arrows along the value
// flow, file renames, user kinds, duplicate ids that do not depend on file names, and multi-line text escaped.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { diffToMarkdown } from '../src/diff/diff-markdown.js';
import { neighbourhoodMermaid } from '../src/diff/diff-mermaid.js';
import { diffToText } from '../src/diff/diff-text.js';
import { diffModels } from '../src/diff/model-diff.js';
import { compileTexts } from './fixtures/diff/load-case.js';

const schema = JSON.parse(readFileSync(new URL('../schema/pom-diff.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

type Files = Record<string, string>;

async function diff(before: Files, after: Files) {
    const side = (files: Files) => compileTexts(Object.entries(files).map(([file, text]) => ({ file, text })));
    const report = diffModels(await side(before), await side(after), { baseLabel: 'before', headLabel: 'after' });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    return report;
}

const ORG = 'team Dispatch\nteam Field\n';
const opportunity = (owner: string) =>
    [
        'opportunity ReliableArrivals "Technicians arrive when promised" {',
        `  owner: ${owner}`,
        '  option LiveEta { addresses: ReliableArrivals }',
        '  option SmsWindow { addresses: ReliableArrivals }',
        '  bet LiveEtaBet { chooses: LiveEta, hypothesis: "h"',
        '    experiment Pilot',
        '    project Build',
        '  }',
        '}',
    ].join('\n');

describe('inherited changes', () => {
    test('one owner change on a parent is one change, with the nested elements grouped under it', async () => {
        const report = await diff({ 'org.pom': ORG, 'a.pom': opportunity('Dispatch') }, { 'org.pom': ORG, 'a.pom': opportunity('Field') });
        expect(report.elements.changed.map((c) => [c.id, c.changes.map((p) => p.property)])).toEqual([['ReliableArrivals', ['owners']]]);
        expect(report.elements.inherited).toHaveLength(1);
        const [group] = report.elements.inherited;
        expect(group).toMatchObject({ property: 'owners', source: 'ReliableArrivals', via: 'nesting', sourceChanged: true });
        expect(group.elements.map((e) => e.id)).toEqual([
            'ReliableArrivals.LiveEta',
            'ReliableArrivals.LiveEtaBet',
            'ReliableArrivals.LiveEtaBet.Build',
            'ReliableArrivals.LiveEtaBet.Pilot',
            'ReliableArrivals.SmsWindow',
        ]);
        expect(group.after).toMatchObject({ effective: ['Field'], inheritedFrom: 'ReliableArrivals', via: 'nesting' });
        expect(report.summary.elements.changed).toBe(1);

        const markdown = diffToMarkdown(report);
        expect(markdown).toContain(
            '- `owner` of `ReliableArrivals` changed (`Dispatch` → `Field`); inherited by 5 nested elements\n' +
                '  <details><summary>5 elements</summary>\n\n  - `ReliableArrivals.LiveEta` (`option`)\n',
        );
        expect(markdown).toContain('**Elements: 1 changed, 5 inherited a change; links:');
        expect(diffToText(report)).toContain('owner of ReliableArrivals changed');
    });

    test('an element that moves under another owner: its new owner is grouped under its new source', async () => {
        const before = { 'a.pom': `${ORG}scope Web { owner: Dispatch\n  persona Tech "Technician" }\nscope App { owner: Field }` };
        const after = { 'a.pom': `${ORG}scope Web { owner: Dispatch }\nscope App { owner: Field\n  persona Tech "Technician" }` };
        const report = await diff(before, after);
        expect(report.elements.renamed.map((r) => [r.from, r.to])).toEqual([['Web.Tech', 'App.Tech']]);
        expect(report.elements.changed.map((c) => [c.id, c.changes.map((p) => p.property)])).toEqual([['App.Tech', ['parent']]]);
        expect(report.elements.inherited.map((g) => [g.property, g.source, g.sourceChanged, g.elements.map((e) => e.id)])).toEqual([
            ['owners', 'App', false, ['App.Tech']],
        ]);
        expect(diffToMarkdown(report)).toContain('- `owner` now comes from `App` (`Dispatch` → `Field`) for 1 nested element');
    });

    test('a change of its own stays with the element, the inherited part goes to the group', async () => {
        const after = opportunity('Field').replace('    project Build', '    project Build "Now with a title"');
        const report = await diff({ 'org.pom': ORG, 'a.pom': opportunity('Dispatch') }, { 'org.pom': ORG, 'a.pom': after });
        expect(report.elements.changed.map((c) => [c.id, c.changes.map((p) => p.property)])).toEqual([
            ['ReliableArrivals', ['owners']],
            ['ReliableArrivals.LiveEtaBet.Build', ['title']],
        ]);
        expect(report.elements.inherited[0].elements).toHaveLength(5);
    });
});

describe('the Mermaid picture', () => {
    test('arrows follow the value flow: insight → opportunity → option → bet, feedback from result to insight', async () => {
        const base =
            'insight Seen\nopportunity O "o" { informedBy: Seen }\noption P { addresses: O }\nbet B { chooses: P, hypothesis: "h" }';
        const head = `${base}\nimpact I { from: B.E }\ninsight Learned { learnedFrom: I }`.replace(
            'hypothesis: "h" }',
            'hypothesis: "h"\n  experiment E }',
        );
        const report = await diff({ 'a.pom': base }, { 'a.pom': head });
        const text = neighbourhoodMermaid(report.neighbourhood, 40).text;
        const node = (name: string) => new RegExp(`(n\\d+)\\["${name}<br/>`).exec(text)?.[1];
        const arrow = (from: string, relation: string, to: string) =>
            new RegExp(`${node(from)} [-=.]+>\\|"${relation}"\\| ${node(to)}\\b`).test(text);
        expect(arrow('B', 'for', 'E')).toBe(true); // the bet flows into its experiment (stated on the experiment)
        expect(arrow('E', 'from', 'I')).toBe(true); // the experiment flows into its impact
        expect(arrow('I', 'learnedFrom', 'Learned')).toBe(true); // feedback: the result teaches the insight
        expect(report.neighbourhood.links.find((l) => l.relation === 'from')).toMatchObject({ from: 'I', to: 'B.E', flow: 'upstream' });
    });
});

describe('file renames', () => {
    test('a renamed file is a rename: its diagnostics are neither fixed nor introduced', async () => {
        const text = 'bet B { chooses: Missing, hypothesis: "h" }\nteam T\nteam T';
        const report = await diff({ 'old.pom': text, 'keep.pom': 'team K' }, { 'new.pom': text, 'keep.pom': 'team K' });
        expect(report.files.renamed).toEqual([{ from: 'old.pom', to: 'new.pom' }]);
        expect(report.diagnostics).toEqual({ introduced: [], fixed: [] });
        expect(report.summary.changed).toBe(true);
        expect(diffToMarkdown(report)).toContain('### Files\n\n**Renamed (1)**\n\n- `old.pom` → `new.pom`');
        expect(diffToText(report)).toContain('~ old.pom → new.pom');
    });

    test('a renamed file whose content changed too is not taken for a rename', async () => {
        const report = await diff({ 'old.pom': 'team A\nteam B' }, { 'new.pom': 'team A' });
        expect(report.files.renamed).toEqual([]);
    });
});

describe('user kinds', () => {
    const kind = (body: string) => `kind spike extends experiment "Spike" {\n${body}\n}\nkind gone "Old"`;
    test('fields and relations added, removed or changed, properties changed, kinds added and removed', async () => {
        const before = kind('  field timebox: duration required\n  field risk: enum { low, high }\n  relation informs: bet* downstream');
        const after = kind(
            '  stage execution\n  field timebox: duration\n  field notes: string*\n  relation informs: bet | option+ downstream',
        ).replace('kind gone "Old"', 'abstract kind fresh');
        const report = await diff({ 'k.pom': before }, { 'k.pom': after });
        expect(report.kinds.added.map((k) => k.name)).toEqual(['fresh']);
        expect(report.kinds.removed.map((k) => k.name)).toEqual(['gone']);
        const [spike] = report.kinds.changed;
        expect(spike.name).toBe('spike');
        expect(spike.changes).toEqual([]);
        expect(spike.fields.added.map((f) => f.name)).toEqual(['notes']);
        expect(spike.fields.removed.map((f) => f.name)).toEqual(['risk']);
        expect(spike.fields.changed).toEqual([
            {
                name: 'timebox',
                before: { name: 'timebox', type: 'duration', many: false, required: true },
                after: { name: 'timebox', type: 'duration', many: false, required: false },
            },
        ]);
        expect(spike.relations.changed[0].after).toMatchObject({ targets: ['bet', 'option'], cardinality: '+' });
        const markdown = diffToMarkdown(report);
        expect(markdown).toContain('### Kinds');
        expect(markdown).toContain('  - field changed: `timebox: duration required` → `timebox: duration`');
        // A `|` cannot sit in a code span of a table-safe comment: it is escaped text instead.
        expect(markdown).toContain('  - relation changed: `informs: bet* downstream` → informs: bet \\| option+ downstream');
        expect(markdown).toContain('  - field removed: `risk: enum { low, high }`');
        expect(report.summary.changed).toBe(true);
    });

    test('a title, super kind or stage change is a property change; the stage follows the super kind', async () => {
        const report = await diff({ 'k.pom': 'kind x extends insight' }, { 'k.pom': 'kind x extends option "X"' });
        expect(report.kinds.changed[0].changes).toEqual([
            { property: 'title', before: null, after: 'X' },
            { property: 'extends', before: 'insight', after: 'option' },
            { property: 'stage', before: 'insights', after: 'options' },
        ]);
        expect(diffToText(report)).toContain('      extends: insight → option');
    });
});

describe('duplicate ids', () => {
    test('do not depend on file names: renaming the files keeps every id', async () => {
        const original = 'team Growth "The growth team"';
        const duplicate = 'team Growth "Again"';
        const one = await compileTexts([
            { file: 'a.pom', text: original },
            { file: 'b.pom', text: duplicate },
        ]);
        const two = await compileTexts([
            { file: 'z.pom', text: original },
            { file: 'b.pom', text: duplicate },
        ]);
        const ids = (m: typeof one) => m.elements.map((e) => [e.id, e.title]);
        expect(ids(one)).toEqual([
            ['Growth', 'Again'],
            ['Growth#2', 'The growth team'],
        ]);
        expect(ids(two)).toEqual(ids(one));
    });

    test('a duplicate added in a file that sorts earlier is the one reported as added; the original is unchanged', async () => {
        const original = 'team Growth "The growth team"\nbet B { owner: Growth, hypothesis: "h" }';
        const report = await diff({ 'z.pom': original }, { 'a.pom': 'team Growth "Again"', 'z.pom': original });
        expect(report.elements.added.map((e) => [e.id, e.title])).toEqual([['Growth#2', 'Again']]);
        expect(report.elements.removed).toEqual([]);
        // The one real consequence: `owner: Growth` now resolves to the newcomer, and the review says so.
        expect(
            report.elements.changed.map((c) => [c.id, c.changes.map((p) => [p.property, (p.after as { declared: string[] }).declared])]),
        ).toEqual([['B', [['owners', ['Growth#2']]]]]);
        expect(report.links.removed.map((l) => `${l.from} ${l.relation} ${l.to}`)).toEqual(['B owner Growth']);
        expect(report.links.added.map((l) => `${l.from} ${l.relation} ${l.to}`)).toEqual(['B owner Growth#2']);
        expect(report.diagnostics.introduced.map((d) => [d.code, d.source.path])).toEqual([
            ['duplicate-name', 'a.pom'],
            ['duplicate-name', 'z.pom'],
            ['orphan', 'z.pom'], // the original lost its only link to the newcomer
        ]);
        expect(report.diagnostics.fixed).toEqual([]);
    });

    test('--select names head ids as compiled; they are read through the same alignment', async () => {
        const original = 'team Growth "The growth team"';
        const report = await diff({ 'z.pom': original }, { 'a.pom': 'team Growth "Again"', 'z.pom': original });
        const side = (files: Files) => compileTexts(Object.entries(files).map(([file, text]) => ({ file, text })));
        const selected = diffModels(await side({ 'z.pom': original }), await side({ 'a.pom': 'team Growth "Again"', 'z.pom': original }), {
            select: { base: new Set(), head: new Set(['Growth']) },
        });
        expect(report.elements.added.map((e) => e.id)).toEqual(['Growth#2']);
        expect(selected.elements.added.map((e) => e.id)).toEqual(['Growth#2']);
    });
});

describe('multi-line text in a review', () => {
    test('is escaped in Markdown and kept on one line in lists', async () => {
        const hypothesis = (text: string) => `bet B { hypothesis: """\n    ${text}\n    </details> @team #12\n    """ }`;
        const report = await diff({ 'a.pom': hypothesis('Old **text**') }, { 'a.pom': hypothesis('New\t`code`') });
        const markdown = diffToMarkdown(report);
        const line = markdown.split('\n').find((l) => l.includes('`hypothesis`'))!;
        expect(line).toBe(
            '  - `hypothesis`: “Old \\*\\*text\\*\\* &lt;/details&gt; @\u200bteam #\u200b12” → “New \\`code\\` &lt;/details&gt; @\u200bteam #\u200b12”',
        );
        expect(diffToText(report)).toContain('hypothesis: “Old **text** </details> @team #12” → “New `code` </details> @team #12”');
    });
});

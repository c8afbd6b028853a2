// `view` declarations: parsing (single and double quotes), the view checks by code and range, the compiled views
// against the JSON Schema, and the elements of each view against what its selectors pick on their own.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import type { CompiledModel } from '../src/compile/compiled-model.js';
import { ModelGraph } from '../src/compile/model-graph.js';
import { isViewDecl, type Model } from '../src/generated/ast.js';
import { selectElements } from '../src/query/selectors.js';
import { findView, modelOfView, UnknownViewError } from '../src/views/compiled-views.js';
import { fixture, found, load } from './helpers.js';

const MODEL = { 'growth.pom': fixture('lsp/growth.pom'), 'kinds.pom': fixture('lsp/kinds.pom') };
const schema = JSON.parse(readFileSync(new URL('../schema/pom-model.schema.json', import.meta.url), 'utf8'));

async function compiled(files: Record<string, string>): Promise<CompiledModel> {
    const { pom, documents } = await load(files);
    return pom.pom.ModelCompiler.compile(documents, { relativePath: (uri) => uri.path.replace(/^\/ws\//, '') });
}

describe('parsing', () => {
    test('a view with single- and double-quoted selectors, an escaped quote and a layout', async () => {
        const { documents } = await load({ ...MODEL, 'views.pom': fixture('views/views.pom') });
        const views = (documents[2].parseResult.value as Model).members.filter(isViewDecl);
        expect(documents[2].parseResult.lexerErrors).toEqual([]);
        expect(documents[2].parseResult.parserErrors).toEqual([]);
        expect(views.map((v) => [v.name, v.title])).toEqual([
            ['Story', 'How the wizard bet reaches activation'],
            ['TeamWork', "The growth team's work"],
            ['Everything', 'Every element'],
        ]);
        expect(views[0].entries.map((e) => e.key)).toEqual(['include', 'exclude', 'layout']);
        expect(documents[2].diagnostics).toEqual([]);
    });

    test('single-quoted strings work wherever strings do', async () => {
        const { documents } = await load({ 'a.pom': "insight I 'It\\'s quoted' { evidence: 'a \"b\" c' }" });
        const model = await compiled({ 'a.pom': "insight I 'It\\'s quoted' { evidence: 'a \"b\" c' }" });
        expect(documents[0].parseResult.parserErrors).toEqual([]);
        expect(model.elements[0].title).toBe("It's quoted");
        expect(model.elements[0].fields.evidence).toEqual({ type: 'string', value: 'a "b" c' });
    });

    test('a view is not an element: no lineage, not in elements, not a name for references', async () => {
        const model = await compiled({ ...MODEL, 'views.pom': fixture('views/views.pom') });
        expect(model.elements.map((e) => e.id)).not.toContain('acme.views.Story');
        const { documents } = await load({
            ...MODEL,
            'views.pom': fixture('views/views.pom'),
            'c.pom': 'insight X { relatesTo: acme.views.Story }',
        });
        expect(found(documents[3], 'unresolved-reference')).toHaveLength(1);
    });

    test('a view may not nest inside an element', async () => {
        const { documents } = await load({ 'a.pom': 'bet B { view V {} }' });
        expect(documents[0].parseResult.parserErrors.length).toBeGreaterThan(0);
    });
});

describe('checks', () => {
    test('each problem has its code, severity and the range of the offending part', async () => {
        const { documents } = await load({ ...MODEL, 'problems.pom': fixture('views/problems.pom') });
        const problems = documents[2];
        const codes = [
            'selector-syntax',
            'selector-matches-nothing',
            'empty-view',
            'unknown-member',
            'value-type',
            'duplicate-entry',
            'duplicate-name',
        ];
        const byCode = Object.fromEntries(codes.map((c) => [c, found(problems, c)]));
        expect(byCode).toEqual({
            // `kind:bet,,x`: the second comma, where a term should start
            'selector-syntax': [{ code: 'selector-syntax', severity: 1, range: [3, 36, 3, 37] }],
            'selector-matches-nothing': [
                { code: 'selector-matches-nothing', severity: 2, range: [4, 27, 4, 37] }, // WizzardBet
                { code: 'selector-matches-nothing', severity: 2, range: [4, 41, 4, 50] }, // kind:bett
                { code: 'selector-matches-nothing', severity: 2, range: [5, 25, 5, 41] }, // owner:\'Nobody\': escapes take two characters of text
            ],
            'empty-view': [{ code: 'empty-view', severity: 2, range: [6, 5, 6, 10] }],
            'unknown-member': [{ code: 'unknown-member', severity: 1, range: [8, 2, 8, 8] }],
            'value-type': [
                { code: 'value-type', severity: 1, range: [9, 10, 9, 14] },
                { code: 'value-type', severity: 1, range: [11, 11, 11, 20] },
            ],
            'duplicate-entry': [{ code: 'duplicate-entry', severity: 1, range: [10, 2, 10, 8] }],
            'duplicate-name': [
                { code: 'duplicate-name', severity: 1, range: [13, 5, 13, 10] },
                { code: 'duplicate-name', severity: 1, range: [14, 5, 14, 10] },
            ],
        });
    });

    test('messages say what is wrong in the user language, with did you mean', async () => {
        const { documents } = await load({ ...MODEL, 'problems.pom': fixture('views/problems.pom') });
        const messages = (documents[2].diagnostics ?? []).map((d) => String(d.message));
        expect(messages).toContain('No element matches `WizzardBet`; did you mean `WizardBet`?');
        expect(messages).toContain('No kind `bett` in the model; did you mean `bet`?');
        expect(messages).toContain('Expected an element name or `method:value`.');
        expect(messages).toContain('A view has no key `colour`. Its keys are `include`, `exclude` and `layout`.');
        expect(messages).toContain("`include` takes selectors in quotes: `'WizardBet'`.");
        expect(messages).toContain('`layout` takes `flow` or `force`; got `grid`.');
        expect(messages.some((m) => m.startsWith('View `acme.problems.Twice` is declared more than once; also at problems.pom:15'))).toBe(
            true,
        );
    });

    test('a selector names something once the element exists in another file, and the warning goes', async () => {
        const view = "view V { include: 'Later' }";
        const before = await load({ 'a.pom': view });
        expect(found(before.documents[0], 'selector-matches-nothing')).toHaveLength(1);
        const after = await load({ 'a.pom': view, 'b.pom': 'insight Later' });
        expect(after.documents[0].diagnostics).toEqual([]);
    });

    test('a built-in kind that no element uses yet is known: the view is empty, not mistaken', async () => {
        const { documents } = await load({ 'a.pom': "insight I\nview V { include: 'kind:persona' }" });
        expect(found(documents[0], 'selector-matches-nothing')).toEqual([]);
        expect(found(documents[0], 'empty-view')).toHaveLength(1);
    });
});

describe('compiled views', () => {
    test('match the JSON Schema and C5 shape, sorted by id', async () => {
        const model = await compiled({ ...MODEL, 'views.pom': fixture('views/views.pom') });
        const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
        expect(validate(model), JSON.stringify(validate.errors)).toBe(true);
        expect(model.views?.map((v) => v.id)).toEqual(['acme.views.Everything', 'acme.views.Story', 'acme.views.TeamWork']);
        const story = findView(model, 'Story');
        expect(story).toEqual({
            id: 'acme.views.Story',
            name: 'Story',
            title: 'How the wizard bet reaches activation',
            doc: 'From the bet back to the insight and on to the driver.',
            include: ['+WizardBet+', 'kind:driver'],
            exclude: ['kind:metric'],
            layout: 'flow',
            elements: [
                'acme.growth.Activation',
                'acme.growth.InviteEarly',
                'acme.growth.OnboardingCompletion',
                'acme.growth.TeamActivation',
                'acme.growth.TeamActivation.GuidedSetup',
                'acme.growth.WizardBet',
                'acme.growth.WizardBet.Prototype',
            ],
            source: { path: 'views.pom', line: 5, column: 1 },
        });
        expect(findView(model, 'TeamWork').layout).toBe('force');
        expect(findView(model, 'Everything').elements).toEqual(model.elements.map((e) => e.id).sort());
    });

    test('each view picks exactly what its selectors pick: union of includes less union of excludes', async () => {
        const model = await compiled({ ...MODEL, 'views.pom': fixture('views/views.pom') });
        const graph = new ModelGraph(model);
        for (const view of model.views ?? []) {
            const union = (selectors: string[]) => new Set(selectors.flatMap((s) => [...selectElements(graph, s)]));
            const included = view.include.length === 0 ? new Set(model.elements.map((e) => e.id)) : union(view.include);
            const excluded = union(view.exclude);
            const expected = [...included].filter((id) => !excluded.has(id)).sort();
            expect(view.elements, view.id).toEqual(expected);
            expect(view.elements.length, view.id).toBeGreaterThan(0);
        }
    });

    test('the model of a view holds its elements and only the links among them', async () => {
        const model = await compiled({ ...MODEL, 'views.pom': fixture('views/views.pom') });
        const view = findView(model, 'acme.views.TeamWork');
        const drawn = modelOfView(model, view);
        expect(drawn.elements.map((e) => e.id).sort()).toEqual(view.elements);
        expect(drawn.links.length).toBeGreaterThan(0);
        for (const link of drawn.links) expect(view.elements).toContain(link.from);
        for (const link of drawn.links) expect(view.elements).toContain(link.to);
        const all = model.links.filter((l) => view.elements.includes(l.from) && view.elements.includes(l.to));
        expect(drawn.links).toEqual(all);
        // Backlinks too are only the drawn links: each drawn link once, at its target.
        const backlinks = drawn.elements.flatMap((e) =>
            Object.entries(e.incoming).flatMap(([relation, list]) => list.map((l) => `${l.from} ${relation} ${e.id}`)),
        );
        expect(backlinks.sort()).toEqual(all.map((l) => `${l.from} ${l.relation} ${l.to}`).sort());
        expect(model.elements.flatMap((e) => Object.values(e.incoming).flat()).length).toBeGreaterThan(backlinks.length);
        expect(drawn.views).toEqual([view]);
    });

    test('an unknown view name says which views exist, or what was meant', async () => {
        const model = await compiled({ ...MODEL, 'views.pom': fixture('views/views.pom') });
        expect(() => findView(model, 'Storry')).toThrow(new UnknownViewError('no view `Storry` in the model; did you mean `Story`?'));
        expect(() => findView(model, 'Nothing')).toThrow(/the views are `Story`, `TeamWork` and `Everything`|the views are/);
    });
});

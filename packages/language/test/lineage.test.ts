// The lineage index: upstream and downstream along the flow insight → … → outcome, feedback only on request, and a
// graph that follows the workspace when a document changes.
import { type LangiumDocument, TextDocument } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Element } from '../src/generated/ast.js';
import { flowSource, type LineageGraph } from '../src/lineage/lineage-graph.js';
import { fixture, type Loaded, load, uri } from './helpers.js';

const CHAIN = [
    'ChurnInterviews',
    'SlowSetup',
    'GuidedSetup',
    'WizardBet',
    'Prototype',
    'WizardGA',
    'CompletionUp',
    'OnboardingCompletion',
    'Activation',
    'WeeklyActiveTeams',
    'Revenue',
];

function names(elements: Iterable<Element>): string[] {
    return [...elements].map((e) => e.name).sort();
}

function sorted(list: string[]): string[] {
    return [...list].sort();
}

describe('lineage along the whole flow', () => {
    let loaded: Loaded;
    let graph: LineageGraph;
    const get = (name: string): Element => {
        const [element] = graph.find(`acme.flow.${name}`);
        if (!element) throw new Error(`no element ${name}`);
        return element;
    };

    beforeAll(async () => {
        loaded = await load({ 'lineage-chain.pom': fixture('lineage-chain.pom') });
        graph = loaded.pom.pom.LineageIndex.graph();
    });

    test('the fixture has no errors or warnings', () => {
        expect(loaded.documents[0].diagnostics?.filter((d) => (d.severity ?? 1) <= 2)).toEqual([]);
    });

    test('every element of the chain has the stage of its kind', () => {
        expect(CHAIN.map((n) => graph.node(get(n))?.stage)).toEqual([
            'insights',
            'opportunities',
            'options',
            'bets',
            'execution',
            'releases',
            'impacts',
            'inputs',
            'drivers',
            'northstar',
            'outcomes',
        ]);
    });

    test('upstream of each element is everything before it in the chain; downstream everything after it', () => {
        const actual = Object.fromEntries(
            CHAIN.map((n) => [n, { up: names(graph.upstream(get(n))), down: names(graph.downstream(get(n))) }]),
        );
        const expected = Object.fromEntries(CHAIN.map((n, i) => [n, { up: sorted(CHAIN.slice(0, i)), down: sorted(CHAIN.slice(i + 1)) }]));
        expect(actual).toEqual(expected);
    });

    test('the experiment’s `for` carries the flow from its bet', () => {
        expect(graph.upstreamLinks(get('Prototype')).map((l) => [l.relation.name, l.flow, flowSource(l).name])).toEqual([
            ['for', 'upstream', 'WizardBet'],
        ]);
    });

    test('the stretches on either side of execution', () => {
        // Independent of how `for` flows: insight → opportunity → option → bet, and execution → … → outcome.
        const bet = CHAIN.indexOf('WizardBet');
        for (const [i, n] of CHAIN.entries()) {
            if (i <= bet) expect(names(graph.upstream(get(n)))).toEqual(sorted(CHAIN.slice(0, i)));
            else expect(names(graph.downstream(get(n)))).toEqual(sorted(CHAIN.slice(i + 1)));
        }
    });

    test('a depth of one gives the direct neighbours', () => {
        expect(names(graph.upstream(get('WizardGA'), { depth: 1 }))).toEqual(['Prototype']);
        expect(names(graph.downstream(get('GuidedSetup'), { depth: 1 }))).toEqual(['WizardBet']);
        expect(names(graph.downstream(get('ChurnInterviews'), { depth: 2 }))).toEqual(['GuidedSetup', 'SlowSetup']);
    });

    test('feedback links are left out by default and followed with { feedback: true }', () => {
        const insight = get('ChurnInterviews');
        const impact = get('CompletionUp');
        expect(names(graph.upstream(insight))).toEqual([]);
        expect(names(graph.upstream(insight, { feedback: true }))).toEqual(
            expect.arrayContaining(['CompletionUp', 'Prototype', 'WizardGA']),
        );
        expect(names(graph.downstream(impact))).toEqual(['Activation', 'OnboardingCompletion', 'Revenue', 'WeeklyActiveTeams']);
        expect(names(graph.downstream(impact, { feedback: true }))).toEqual(
            expect.arrayContaining(['ChurnInterviews', 'GuidedSetup', 'OnboardingCompletion', 'SlowSetup', 'WizardBet']),
        );
        expect(names(graph.downstream(impact, { feedback: true }))).not.toContain('CompletionUp');
        expect(graph.upstreamLinks(insight)).toEqual([]);
        expect(graph.upstreamLinks(insight, { feedback: true }).map((l) => [l.relation.name, l.flow])).toEqual([
            ['learnedFrom', 'feedback'],
        ]);
    });

    test('context links are links but carry no flow', () => {
        const scope = graph.find('acme.flow.Onboarding')[0];
        expect(graph.isLinked(scope)).toBe(true);
        expect(names(graph.upstream(scope))).toEqual([]);
        expect(names(graph.downstream(scope))).toEqual([]);
        expect(names(graph.upstream(get('WizardBet')))).not.toContain('Onboarding');
        expect(graph.outgoing.get(scope)?.map((l) => [l.relation.name, l.flow])).toEqual([['relatesTo', 'none']]);
    });

    test('the graph is built once per workspace build', () => {
        expect(loaded.pom.pom.LineageIndex.graph()).toBe(graph);
    });
});

describe('the graph follows the workspace', () => {
    const research = 'insight Interviews\ninsight Survey';
    const growth = 'opportunity Setup { informedBy: Interviews }\noption Guided { addresses: Setup }';

    async function change(loaded: Loaded, name: string, text: string, version: number): Promise<LangiumDocument> {
        const shared = loaded.services.shared;
        shared.workspace.TextDocuments.set(TextDocument.create(uri(name).toString(), 'pom', version, text));
        await shared.workspace.DocumentBuilder.update([uri(name)], []);
        return shared.workspace.LangiumDocuments.getDocument(uri(name)) as LangiumDocument;
    }

    const upstreamOf = (loaded: Loaded, id: string) => {
        const graph = loaded.pom.pom.LineageIndex.graph();
        return names(graph.upstream(graph.find(id)[0]));
    };

    test('an edit that changes a link changes upstream and downstream', async () => {
        const loaded = await load({ 'research.pom': research, 'growth.pom': growth });
        const before = loaded.pom.pom.LineageIndex.graph();
        expect(upstreamOf(loaded, 'Guided')).toEqual(['Interviews', 'Setup']);

        await change(loaded, 'growth.pom', growth.replace('informedBy: Interviews', 'informedBy: Survey'), 2);
        const after = loaded.pom.pom.LineageIndex.graph();
        expect(after).not.toBe(before);
        expect(upstreamOf(loaded, 'Guided')).toEqual(['Setup', 'Survey']);
        expect(names(after.downstream(after.find('Interviews')[0]))).toEqual([]);
    });

    test('a deleted document leaves the graph, and its elements stop resolving', async () => {
        const loaded = await load({ 'research.pom': research, 'growth.pom': growth });
        await loaded.services.shared.workspace.DocumentBuilder.update([], [uri('research.pom')]);
        const graph = loaded.pom.pom.LineageIndex.graph();
        expect(graph.find('Interviews')).toEqual([]);
        expect(upstreamOf(loaded, 'Guided')).toEqual(['Setup']);
        const growthDocument = loaded.services.shared.workspace.LangiumDocuments.getDocument(uri('growth.pom'));
        expect(growthDocument?.diagnostics?.map((d) => d.code)).toContain('unresolved-reference');
    });

    test('an edit in one file re-links the files that point into it', async () => {
        const loaded = await load({ 'research.pom': 'insight Interviewz', 'growth.pom': growth });
        expect(upstreamOf(loaded, 'Guided')).toEqual(['Setup']);
        await change(loaded, 'research.pom', research, 2);
        expect(upstreamOf(loaded, 'Guided')).toEqual(['Interviews', 'Setup']);
        const growthDocument = loaded.services.shared.workspace.LangiumDocuments.getDocument(uri('growth.pom'));
        expect(growthDocument?.diagnostics?.map((d) => d.code)).not.toContain('unresolved-reference');
    });
});

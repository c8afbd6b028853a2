// The lineage graph walks the flow over numbered nodes (reachingStages, flowCycles); the generic flow graph walks
// it through maps and sets (FlowGraph.reaching, FlowGraph.cycles), as the compiled model's graph does. On random
// graphs with every kind of link (upstream, downstream, feedback, context, self-loops, links to elements that are no
// node), both give the same elements and the same cycles in the same order.
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../../test/seeded-random.js';
import type { Element, RelationDecl } from '../src/generated/ast.js';
import { LineageGraph } from '../src/lineage/lineage-graph.js';
import type { Stage } from '../src/model/stages.js';
import type { Flow } from '../src/util/flow-graph.js';

const STAGES: Stage[] = ['insights', 'opportunities', 'bets', 'inputs', 'drivers'];
const FLOWS: Flow[] = ['upstream', 'upstream', 'downstream', 'downstream', 'feedback', 'none'];

function randomGraph(seed: number, size: number, links: number) {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const graph = new LineageGraph();
    const elements = Array.from({ length: size }, (_, i) => ({ $type: 'Element', name: `E${i}` }) as unknown as Element);
    // A few link ends that are not nodes of the graph.
    const strangers = Array.from({ length: 5 }, (_, i) => ({ $type: 'Element', name: `S${i}` }) as unknown as Element);
    for (const element of elements) {
        const stage = random() < 0.8 ? pick(STAGES) : undefined;
        graph.addNode({ element, id: element.name, stage, document: undefined as never });
    }
    const relation = {} as RelationDecl;
    for (let i = 0; i < links; i++) {
        const source = pick(elements);
        const target = random() < 0.03 ? pick(strangers) : random() < 0.05 ? source : pick(elements);
        graph.addLink({ source, target, relation, flow: pick(FLOWS), implied: false });
    }
    return { graph, elements: [...elements, ...strangers] };
}

describe('the lineage graph’s numbered walks agree with the flow graph’s', () => {
    test.each([1, 2, 3, 4, 5, 6, 7, 8])('random graph %i', (seed) => {
        const { graph, elements } = randomGraph(seed, 150 + seed * 40, 200 + seed * 90);
        const cycles = graph.flowCycles();
        expect(cycles).toEqual(graph.cycles([...graph.nodes.keys()]));
        expect(cycles.length).toBeGreaterThan(0);
        for (const stages of [['insights'], ['inputs', 'drivers'], ['bets']] as Stage[][]) {
            for (const direction of ['up', 'down'] as const) {
                const seeds = [...graph.nodes.values()].filter((n) => n.stage && stages.includes(n.stage)).map((n) => n.element);
                const expected = graph.reaching(seeds, direction);
                const reached = graph.reachingStages(stages, direction);
                expect(elements.filter((e) => reached.has(e))).toEqual(elements.filter((e) => expected.has(e)));
                expect(expected.size).toBeGreaterThan(0);
            }
        }
    });
});

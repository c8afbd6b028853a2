// Which elements' lineage reaches an insight (upstream) or an input, driver, north star or outcome (downstream):
// one breadth-first walk per target stage from every element on that stage, against the flow, over a ModelGraph.
// Feedback links are not followed, as in lineage everywhere else: results becoming insights do not make a bet
// "grounded in an insight".
import { linkFlowSource, linkFlowTarget, type ModelGraph } from '../compile/model-graph.js';
import { reachableFrom } from '../util/graph-walk.js';
import type { Reach } from './diff-report.js';

const TARGETS: Record<Reach, { stage: string; direction: 'upstream' | 'downstream' }> = {
    insight: { stage: 'insights', direction: 'upstream' },
    input: { stage: 'inputs', direction: 'downstream' },
    driver: { stage: 'drivers', direction: 'downstream' },
    northstar: { stage: 'northstar', direction: 'downstream' },
    outcome: { stage: 'outcomes', direction: 'downstream' },
};

/** For each reach, the ids of the elements whose lineage has a path to an element of that stage. */
export function lineageReach(graph: ModelGraph): Map<Reach, Set<string>> {
    const result = new Map<Reach, Set<string>>();
    for (const [reach, target] of Object.entries(TARGETS) as Array<[Reach, (typeof TARGETS)[Reach]]>) {
        const starts = [...graph.elements.values()].filter((e) => e.stage === target.stage).map((e) => e.id);
        // To find who reaches a downstream stage, walk upstream from it; to find who reaches an insight, downstream.
        const next =
            target.direction === 'downstream'
                ? (id: string) => graph.upstreamLinks(id).map(linkFlowSource)
                : (id: string) => graph.downstreamLinks(id).map(linkFlowTarget);
        result.set(reach, reachableFrom(starts, next));
    }
    return result;
}

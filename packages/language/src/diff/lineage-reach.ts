// Which elements' lineage reaches an insight (upstream) or an input, driver, north star or outcome (downstream).
// Feedback links are not followed, as in lineage everywhere else: results becoming insights do not make a bet
// "grounded in an insight".
import type { ModelGraph } from '../compile/model-graph.js';
import type { Reach } from './diff-report.js';

const TARGETS: Record<Reach, { stage: string; direction: 'up' | 'down' }> = {
    insight: { stage: 'insights', direction: 'up' },
    input: { stage: 'inputs', direction: 'down' },
    driver: { stage: 'drivers', direction: 'down' },
    northstar: { stage: 'northstar', direction: 'down' },
    outcome: { stage: 'outcomes', direction: 'down' },
};

/** For each reach, the ids of the elements whose lineage has a path to an element of that stage. */
export function lineageReach(graph: ModelGraph): Map<Reach, Set<string>> {
    const reaches = Object.keys(TARGETS) as Reach[];
    return new Map(reaches.map((reach) => [reach, graph.reachingStage(TARGETS[reach].stage, TARGETS[reach].direction)]));
}

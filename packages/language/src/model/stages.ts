// The stages of the value flow, in order, and the groups outside it. Stages are the fixed axis of the ontology
// (the graph's columns); kinds, which are data, each sit on one.
export const FLOW_STAGES = [
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
] as const;

export const CONTEXT_STAGES = ['context', 'collaboration', 'investment'] as const;

export type FlowStage = (typeof FLOW_STAGES)[number];
export type Stage = FlowStage | (typeof CONTEXT_STAGES)[number];

export const ALL_STAGES: readonly string[] = [...FLOW_STAGES, ...CONTEXT_STAGES];

export function isStage(name: string): name is Stage {
    return ALL_STAGES.includes(name);
}

export function isFlowStage(name: string | undefined): name is FlowStage {
    return name !== undefined && (FLOW_STAGES as readonly string[]).includes(name);
}

/** Horizons from shortest to longest: the fractal runs downward, so a child is never longer than its parent. */
export const HORIZONS = ['months', 'quarters', 'years'] as const;
export type Horizon = (typeof HORIZONS)[number];

export function horizonRank(horizon: string | undefined): number {
    return horizon === undefined ? -1 : (HORIZONS as readonly string[]).indexOf(horizon);
}

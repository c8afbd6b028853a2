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

/** Months per unit of a counted horizon (`2 quarters`, `18 months`, `6 weeks`). */
const MONTHS_PER_UNIT: Record<string, number> = {
    day: 12 / 365,
    week: (7 * 12) / 365,
    sprint: (14 * 12) / 365,
    month: 1,
    quarter: 3,
    year: 12,
};

/** A horizon as written: a band (`quarters`) or a counted length (`2 quarters`), which falls in a band. */
export interface HorizonValue {
    /** As written: `quarters` or `2 quarters`. */
    text: string;
    band: Horizon;
    /** The length in months, for a counted horizon; rounded to two decimals. */
    months?: number;
    /** The length in days, for a counted horizon. */
    days?: number;
}

/** The band a length falls in: up to 3 months is `months`, under 12 months `quarters`, 12 months or more `years`. */
export function bandOf(months: number): Horizon {
    return months <= 3 ? 'months' : months < 12 ? 'quarters' : 'years';
}

/** A band name or a duration text (`2 quarters`) as a horizon; undefined when it is neither. */
export function parseHorizon(text: string): HorizonValue | undefined {
    if ((HORIZONS as readonly string[]).includes(text)) return { text, band: text as Horizon };
    const match = /^(\d+(?:\.\d+)?)\s*(day|week|sprint|month|quarter|year)s?$/.exec(text.trim());
    if (!match) return undefined;
    const amount = Number(match[1]);
    if (!(amount > 0)) return undefined;
    const exact = amount * MONTHS_PER_UNIT[match[2]];
    const days = Math.round((exact * 365) / 12);
    return { text, band: bandOf(exact), months: Math.round(exact * 100) / 100, days };
}

/**
 * Whether horizon `a` looks further ahead than `b`. Two counted lengths compare as lengths (`2 quarters` is longer
 * than `4 months`); otherwise the bands compare (`18 months` is longer than `quarters`, and no longer than `years`).
 */
export function horizonLonger(a: HorizonValue, b: HorizonValue): boolean {
    if (a.months !== undefined && b.months !== undefined) return a.months > b.months;
    return horizonRank(a.band) > horizonRank(b.band);
}

/** Whether two horizons say the same: the same band and, when both are counted, the same length. */
export function sameHorizon(a: HorizonValue, b: HorizonValue): boolean {
    return a.band === b.band && a.months === b.months;
}

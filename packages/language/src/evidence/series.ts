// A metric's series (its observations without a segment, oldest first) and what is read off it: the value on a
// day, the latest value, progress from baseline to target, and a sparkline.
import type { Observation } from './snapshot.js';

export interface Point {
    readonly date: string;
    readonly value: number;
}

/** The overall series: observations without a segment (segmented ones are breakdowns), sorted by date. */
export function overallSeries(observations: readonly Observation[]): Point[] {
    return observations
        .filter((o) => o.segment === undefined)
        .map((o) => ({ date: o.date, value: o.value }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The last observation on or before the day. */
export function pointAt(series: readonly Point[], day: string): Point | undefined {
    let found: Point | undefined;
    for (const point of series) {
        if (point.date > day) break;
        found = point;
    }
    return found;
}

/** The last observation after `after` and on or before `until`. */
export function lastBetween(series: readonly Point[], after: string, until: string): Point | undefined {
    const point = pointAt(series, until);
    return point && point.date > after ? point : undefined;
}

/** How far the value has come from baseline toward target, 0 to 1; null when that cannot be said. */
export function progress(latest: number | null, baseline: number | null, target: number | null): number | null {
    if (latest === null || baseline === null || target === null || baseline === target) return null;
    const share = (latest - baseline) / (target - baseline);
    return Math.min(1, Math.max(0, Number(share.toFixed(4))));
}

/** Whether a value has reached the target, given which way is better. */
export function reached(value: number, target: number, direction: 'up' | 'down'): boolean {
    return direction === 'down' ? value <= target : value >= target;
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A sparkline of Unicode blocks, one per value, scaled between the smallest and the largest. */
export function sparkline(values: readonly number[]): string {
    if (values.length === 0) return '';
    const low = Math.min(...values);
    const high = Math.max(...values);
    return values.map((v) => BLOCKS[high === low ? 3 : Math.round(((v - low) / (high - low)) * (BLOCKS.length - 1))]).join('');
}

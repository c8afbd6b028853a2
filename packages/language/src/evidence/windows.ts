// Time windows: when a bet, execution or release runs (`starts`, `ends`, or a quarter `when: 2026-Q3`), inherited
// through nesting like horizon, owner and funding; and the day an impact or a release landed.
import { type Element, isDateValue, isQuarterValue } from '../generated/ast.js';
import { entriesFor } from '../model/element-context.js';
import { parentElement } from '../model/qualified-names.js';
import { parseDate, parseQuarter } from '../model/values.js';

export interface TimeWindow {
    starts?: string;
    ends?: string;
    /** The ancestor the window comes from; absent when the element states it. */
    inheritedFrom?: Element;
}

/** The longest window each horizon allows, in days: three months, three quarters, three years. */
export const HORIZON_DAYS: Record<string, number> = { months: 92, quarters: 276, years: 1096 };

/** First and last day of a quarter. */
export function quarterRange(text: string): { starts: string; ends: string } | undefined {
    const q = parseQuarter(text);
    if (!q) return undefined;
    const first = new Date(Date.UTC(q.year, (q.quarter - 1) * 3, 1));
    const last = new Date(Date.UTC(q.year, q.quarter * 3, 0));
    return { starts: isoDay(first), ends: isoDay(last) };
}

/** What the element itself states: `when` gives both ends, `starts` and `ends` override them. */
export function declaredWindow(element: Element): TimeWindow | undefined {
    const date = (key: string) => {
        const value = entriesFor(element, key)[0]?.values[0];
        return isDateValue(value) ? parseDate(value.value) : undefined;
    };
    const when = entriesFor(element, 'when')[0]?.values[0];
    const quarter = isQuarterValue(when) ? quarterRange(when.value) : undefined;
    const starts = date('starts') ?? quarter?.starts;
    const ends = date('ends') ?? quarter?.ends;
    return starts === undefined && ends === undefined ? undefined : { starts, ends };
}

/** The window that applies: the element's own, else its nearest ancestor's. */
export function effectiveWindow(element: Element): TimeWindow {
    const own = declaredWindow(element);
    if (own) return own;
    for (let ancestor = parentElement(element); ancestor; ancestor = parentElement(ancestor)) {
        const window = declaredWindow(ancestor);
        if (window) return { ...window, inheritedFrom: ancestor };
    }
    return {};
}

/** The day a release landed (its `date`), or an impact (its `landed`). */
export function statedLanding(element: Element): string | undefined {
    for (const key of ['landed', 'date']) {
        const value = entriesFor(element, key)[0]?.values[0];
        if (isDateValue(value)) return parseDate(value.value);
    }
    return undefined;
}

export function isoDay(date: Date): string {
    return date.toISOString().slice(0, 10);
}

export function dayNumber(day: string): number {
    return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

export function daysBetween(from: string, to: string): number {
    return dayNumber(to) - dayNumber(from);
}

export function addDays(day: string, days: number): string {
    return isoDay(new Date((dayNumber(day) + days) * 86_400_000));
}

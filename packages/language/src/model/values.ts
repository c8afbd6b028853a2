// Literal values: their type names, parsing of dates, quarters and durations, and checks of their ranges.
import type { Value } from '../generated/ast.js';

export type LiteralType = 'string' | 'number' | 'percent' | 'points' | 'date' | 'quarter' | 'duration';

/** Field types: the literal types, plus `quantity` (a number, a percent or percentage points, checked against a unit). */
export type PrimitiveType = Exclude<LiteralType, 'points'> | 'quantity';

const VALUE_TYPES: Record<string, LiteralType | 'reference'> = {
    StringValue: 'string',
    NumberValue: 'number',
    PercentValue: 'percent',
    PointsValue: 'points',
    DateValue: 'date',
    QuarterValue: 'quarter',
    DurationValue: 'duration',
    RefValue: 'reference',
};

export function valueType(value: Value): LiteralType | 'reference' {
    return VALUE_TYPES[value.$type];
}

export const EXAMPLES: Record<LiteralType | 'quantity', string> = {
    string: '"text"',
    number: '42',
    percent: '42%',
    points: '+10pts',
    quantity: '42%',
    date: '2026-12-01',
    quarter: '2026-Q4',
    duration: '6 weeks',
};

/** Today-independent placeholders, so a quick fix gives the same text on any day. */
export const PLACEHOLDERS: Record<string, string> = {
    string: '""',
    number: '0',
    percent: '0%',
    date: '2026-01-01',
    quarter: '2026-Q1',
    duration: '1 week',
};

/** `YYYY-MM-DD` normalised with two-digit month and day, or undefined when no such day exists. */
export function parseDate(text: string): string | undefined {
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseQuarter(text: string): { year: number; quarter: number } | undefined {
    const match = /^(\d{4})-Q([1-4])$/.exec(text);
    return match ? { year: Number(match[1]), quarter: Number(match[2]) } : undefined;
}

export const DURATION_UNITS = ['day', 'week', 'sprint', 'month', 'quarter', 'year'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** Calendar days per unit; a sprint is two weeks. Used to compare appetites with capacities. */
const DAYS: Record<DurationUnit, number> = { day: 1, week: 7, sprint: 14, month: 30, quarter: 91, year: 365 };

export interface Duration {
    amount: number;
    unit: DurationUnit;
    days: number;
}

export function parseDuration(text: string): Duration | undefined {
    const match = /^(\d+(?:\.\d+)?)\s*(day|week|sprint|month|quarter|year)s?$/.exec(text.trim());
    if (!match) return undefined;
    const amount = Number(match[1]);
    const unit = match[2] as DurationUnit;
    return { amount, unit, days: amount * DAYS[unit] };
}

export function parsePercent(text: string): number {
    return Number(text.slice(0, -1));
}

/** `+10pts`, `-2.5 pp` → the signed number of percentage points. */
export function parsePoints(text: string): number {
    return Number(/^[+-]?\d+(?:\.\d+)?/.exec(text)?.[0] ?? Number.NaN);
}

/** Whether a number literal was written with an explicit sign (`+0.9`, `-20%`): a claim's direction is then literal. */
export function isSigned(text: string): boolean {
    return text.startsWith('+') || text.startsWith('-');
}

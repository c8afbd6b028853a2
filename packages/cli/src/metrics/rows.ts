// A source's result rows → observations: a `date` (a date or timestamp, kept as YYYY-MM-DD), a numeric `value` and
// an optional text `segment`. The first row that does not fit stops the source with a message naming the row and
// what is wrong, so a malformed file never half-updates the snapshot.
import { escapeControl } from '../output.js';
import type { Observation } from './snapshot.js';

/** More rows than this from one source is a failure, not a silent cut: aggregate in the query instead. */
export const MAX_ROWS_PER_SOURCE = 200_000;
const MAX_SEGMENT_LENGTH = 200;

export interface SourceResult {
    columns: Array<{ name: string; type: string }>;
    /** Values by column name; numbers as numbers or numeric text, dates and timestamps as ISO text. */
    rows: Array<Record<string, unknown>>;
    /** True when the source had more than MAX_ROWS_PER_SOURCE rows (only that many were read). */
    truncated: boolean;
}

export class SourceError extends Error {}

export function toObservations(result: SourceResult): Observation[] {
    const column = (name: string) => result.columns.find((c) => c.name.toLowerCase() === name);
    const date = column('date');
    const value = column('value');
    const segment = column('segment');
    if (date === undefined || value === undefined) {
        const missing = [date ? undefined : '`date`', value ? undefined : '`value`'].filter(Boolean).join(' and ');
        const has = result.columns.map((c) => printable(c.name)).join(', ') || 'none';
        throw new SourceError(
            `the source has no ${missing} column (its columns: ${has}); name them in a query, e.g. \`select day as date, total as value from source\``,
        );
    }
    if (result.truncated) {
        throw new SourceError(
            `the source returned more than ${MAX_ROWS_PER_SOURCE.toLocaleString('en-US')} rows; aggregate them in the query (for example by week)`,
        );
    }
    if (result.rows.length === 0) throw new SourceError('the source returned no rows');
    return result.rows.map((row, index) => {
        const at = `row ${index + 1}`;
        const observation: Observation = { date: toDate(row[date.name], date.type, at), value: toValue(row[value.name], value.type, at) };
        const seg = segment === undefined ? undefined : toSegment(row[segment.name], segment.type, at);
        if (seg !== undefined) observation.segment = seg;
        return observation;
    });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[ T]\d{2}:\d{2})/;

function toDate(raw: unknown, type: string, at: string): string {
    if (raw === null || raw === undefined || raw === '') throw new SourceError(`${at}: the date is empty`);
    if (typeof raw !== 'string') throw new SourceError(`${at}: the date column has type ${type}; a date or a timestamp is expected`);
    const match = DATE.exec(raw.trim());
    if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
        throw new SourceError(`${at}: \`${printable(raw)}\` is not a date (YYYY-MM-DD)`);
    }
    return `${match[1]}-${match[2]}-${match[3]}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function toValue(raw: unknown, type: string, at: string): number {
    if (raw === null || raw === undefined || raw === '') throw new SourceError(`${at}: the value is empty`);
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER.test(raw.trim()) ? Number(raw.trim()) : undefined;
    if (number === undefined) {
        if (typeof raw === 'string') throw new SourceError(`${at}: the value \`${printable(raw)}\` is not a number`);
        throw new SourceError(`${at}: the value column has type ${type}; a number is expected`);
    }
    if (!Number.isFinite(number)) throw new SourceError(`${at}: the value is not a finite number`);
    // -0 and 0 must print the same, or two pulls of the same data could differ.
    return number === 0 ? 0 : number;
}

function toSegment(raw: unknown, type: string, at: string): string | undefined {
    if (raw === null || raw === undefined) return undefined;
    if (typeof raw !== 'string') throw new SourceError(`${at}: the segment column has type ${type}; text is expected`);
    const segment = raw.trim();
    if (segment === '') return undefined;
    if (segment.length > MAX_SEGMENT_LENGTH) throw new SourceError(`${at}: the segment is longer than ${MAX_SEGMENT_LENGTH} characters`);
    return segment;
}

/** Text from the data, safe to print on a terminal and short enough for one line. */
export function printable(text: string, max = 40): string {
    const short = text.length > max ? `${text.slice(0, max)}…` : text;
    return escapeControl(short, { lineBreaks: false });
}

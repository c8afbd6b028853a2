// The verdict on one claim: an impact says it moved an input's metric `by` a quantity; the series of that metric
// over the window from the day the change landed to the end of the bet's window says whether it did. The rules
// are documented in docs/language.md ("Evidence and verdicts"); keep the two in step.
import { formatLevel, type Quantity, signedNumber } from './quantity.js';
import { lastBetween, type Point, pointAt } from './series.js';

export type Verdict = 'confirmed' | 'contradicted' | 'unverified';

export interface ClaimFacts {
    /** The impact's name and the input's, for messages. */
    readonly impact: string;
    readonly input: string;
    readonly unit: string | undefined;
    readonly direction: 'up' | 'down';
    readonly by: Quantity;
    readonly tolerance?: Quantity;
    /** The day the change landed: the window starts here. */
    readonly landed?: string;
    /** The last day of the bet's window, if it has one. */
    readonly windowEnd?: string;
    readonly asOf: string;
    readonly series: readonly Point[];
}

export interface ClaimVerdict {
    readonly verdict: Verdict;
    /** The observed change, in the claim's form (points, percent or the unit); null when unverified. */
    readonly observed: number | null;
    readonly from: string | null;
    readonly to: string | null;
    readonly message: string;
}

/** The claimed change with its direction settled: a signed claim is literal, an unsigned one goes the better way. */
export function claimedChange(by: Quantity, direction: 'up' | 'down'): number {
    if (by.signed) return by.value;
    return direction === 'down' ? -Math.abs(by.value) : Math.abs(by.value);
}

export function judgeClaim(facts: ClaimFacts): ClaimVerdict {
    const claim = `\`${facts.impact}\` claims \`${facts.input}\` moved ${facts.by.text}`;
    const unverified = (why: string, from: string | null = null, to: string | null = null): ClaimVerdict => ({
        verdict: 'unverified',
        observed: null,
        from,
        to,
        message: `${claim}; unverified: ${why}.`,
    });
    if (facts.landed === undefined) {
        return unverified('no landed date to measure from (give its release a `date` or the impact `landed`)');
    }
    const start = facts.landed;
    const end = facts.windowEnd !== undefined && facts.windowEnd < facts.asOf ? facts.windowEnd : facts.asOf;
    if (end <= start) return unverified(`the window from ${start} has not begun by ${end}`, start, end);
    const before = pointAt(facts.series, start);
    if (!before) return unverified(`no observation on or before ${start}, when it landed`, start, end);
    const after = lastBetween(facts.series, start, end);
    if (!after) return unverified(`no observation after ${start} up to ${end}`, start, end);
    if (facts.by.form === 'percent' && before.value === 0) {
        return unverified(`a relative change cannot be measured from 0 on ${before.date}`, before.date, after.date);
    }
    // Rounded so that 40 → 46 is +15% exactly, not 15.000000000000002: the verdict must not hinge on binary noise.
    const observed = Number(change(facts.by, before.value, after.value).toFixed(9));
    const claimed = claimedChange(facts.by, facts.direction);
    const tolerance = facts.tolerance ? Math.abs(facts.tolerance.value) : 0;
    const suffix = facts.by.form === 'points' ? 'pts' : facts.by.form === 'percent' ? '%' : '';
    const moved = `${signedNumber(observed)}${suffix}, from ${formatLevel(before.value, facts.unit)} on ${before.date} to ${formatLevel(after.value, facts.unit)} on ${after.date}`;
    const ok =
        claimed > 0 ? observed >= claimed - tolerance : claimed < 0 ? observed <= claimed + tolerance : Math.abs(observed) <= tolerance;
    const result = { observed: Number(observed.toFixed(4)), from: before.date, to: after.date };
    const within = tolerance > 0 ? ` (tolerance ${facts.tolerance?.text})` : '';
    if (ok) return { ...result, verdict: 'confirmed', message: `${claim}; confirmed: it moved ${moved}${within}.` };
    const otherWay = claimed !== 0 && Math.sign(observed) !== Math.sign(claimed);
    const why = otherWay ? 'it moved the other way' : `it moved by less than claimed${within}`;
    return { ...result, verdict: 'contradicted', message: `${claim}; contradicted: ${why}, ${moved}.` };
}

/** The observed change in the claim's form: points and unit changes are differences, `%` is relative. */
function change(by: Quantity, before: number, after: number): number {
    return by.form === 'percent' ? ((after - before) / Math.abs(before)) * 100 : after - before;
}

/** The worst of several verdicts: contradicted, then unverified, then confirmed. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict | undefined {
    if (verdicts.length === 0) return undefined;
    if (verdicts.includes('contradicted')) return 'contradicted';
    return verdicts.includes('unverified') ? 'unverified' : 'confirmed';
}

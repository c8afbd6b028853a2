// Typed quantities: a metric's `baseline` and `target` (levels) and an impact's `by` and `tolerance` (changes), and
// whether each fits the metric's unit. `+10pts` is percentage points, `-20%` a relative change (as a level, `42%` is
// a percent), `+0.9` a change in the metric's own unit.
import type { MetaValue, Value } from '../generated/ast.js';
import { isSigned, parsePercent, parsePoints } from '../model/values.js';

export type QuantityForm = 'points' | 'percent' | 'absolute';

export interface Quantity {
    readonly form: QuantityForm;
    /** Signed as written; an unsigned change is positive here (see `signed`). */
    readonly value: number;
    /** Whether the literal carries `+` or `-`: a signed change is literal, an unsigned one follows `direction`. */
    readonly signed: boolean;
    /** As written, spaces removed: `+10pts`. */
    readonly text: string;
}

export type MetricUnit = 'percent' | 'count' | 'ratio' | 'currency' | 'duration' | 'score';

export function quantityOf(value: Value | MetaValue | undefined): Quantity | undefined {
    if (!value) return undefined;
    const text = (value.$cstNode?.text ?? '').replace(/\s+/g, '');
    switch (value.$type) {
        case 'NumberValue':
            return { form: 'absolute', value: value.value, signed: isSigned(text), text: text || String(value.value) };
        case 'PercentValue':
            return { form: 'percent', value: parsePercent(value.value), signed: isSigned(value.value), text: value.value };
        case 'PointsValue':
            return { form: 'points', value: parsePoints(value.value), signed: isSigned(value.value), text };
        default:
            return undefined;
    }
}

/** A number as a claim writes it: `+3.2`, `-1`, `0`. */
export function signedNumber(value: number, digits = 2): string {
    const text = formatNumber(value, digits);
    return value > 0 ? `+${text}` : text;
}

/** At most `digits` decimals, no trailing zeros: 42.1, 3, 0.25. */
export function formatNumber(value: number, digits = 2): string {
    return String(Number(value.toFixed(digits)));
}

/** A level in a metric's unit: `42.1%` for a percent, `1.08` otherwise. */
export function formatLevel(value: number, unit: string | undefined): string {
    return unit === 'percent' ? `${formatNumber(value, 1)}%` : formatNumber(value);
}

/** Why a level (`baseline`, `target`) does not fit the unit, with what to write instead; undefined when it fits. */
export function levelProblem(q: Quantity, unit: MetricUnit | undefined, key: string): string | undefined {
    if (unit === undefined) return undefined;
    const bare = q.text.replace(/^\+/, '').replace(/(pts|pt|pp|%)$/, '');
    if (q.form === 'points') {
        const instead = unit === 'percent' ? `${bare}%` : bare;
        return `\`${key}\` is a level, not a change: \`${q.text}\` is a change in percentage points; did you mean \`${instead}\`?`;
    }
    if (unit === 'percent' && q.form === 'absolute') {
        return `\`${key}\` of a percent metric is a percent; did you mean \`${bare}%\`?`;
    }
    if (unit === 'percent' && (q.value < 0 || q.value > 100)) {
        return `\`${key}\` of a percent metric lies between 0% and 100%; \`${q.text}\` does not (a ratio such as net revenue retention is \`unit: ratio\`, written \`${formatNumber(q.value / 100, 4)}\`).`;
    }
    if (unit !== 'percent' && q.form === 'percent') {
        const suggestion = unit === 'ratio' ? formatNumber(q.value / 100, 4) : bare;
        return `\`${key}\` of a ${unit} metric is a plain number in its unit; did you mean \`${suggestion}\`?`;
    }
    return undefined;
}

/** Why a change (`by`, `tolerance`) does not fit the unit, with what to write instead; undefined when it fits. */
export function changeProblem(q: Quantity, unit: MetricUnit | undefined, metric: string): string | undefined {
    if (unit === undefined) return undefined;
    const bare = q.text.replace(/(pts|pt|pp|%)$/, '');
    if (q.form === 'points' && unit !== 'percent') {
        return `\`${q.text}\` is in percentage points, but \`${metric}\` is a ${unit} metric; did you mean \`${bare}\` (in its unit) or \`${bare}%\` (relative)?`;
    }
    if (q.form === 'absolute' && unit === 'percent') {
        return `\`${q.text}\` has no unit, but \`${metric}\` is a percent metric; did you mean \`${bare}pts\` (percentage points) or \`${bare}%\` (relative)?`;
    }
    return undefined;
}

// How numbers read in messages and reports: a claim's signed change, a level in its metric's unit. Free of the AST,
// so the compiled-model consumers (the diff) can use them.

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

// "Did you mean …": the closest names by edit distance, for unresolved names, unknown keys and enum literals.

/**
 * Levenshtein distance (a change of case costs half), cut off once it exceeds `limit` so comparing against
 * thousands of names stays cheap: every unresolved name while typing is compared with every name in scope.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
    return distance(folded(a), folded(b), limit);
}

interface Folded {
    readonly text: string;
    /** The text lowered, when lowering it whole lowers each character alone (ASCII, as names are). */
    readonly lower: string | undefined;
}

function folded(text: string): Folded {
    return { text, lower: ASCII.test(text) ? text.toLowerCase() : undefined };
}

function distance(a: Folded, b: Folded, limit: number): number {
    const [x, y] = [a.text, b.text];
    if (Math.abs(x.length - y.length) > limit) return limit + 1;
    if (rows[0].length <= y.length) rows = [new Float64Array(y.length + 1), new Float64Array(y.length + 1)];
    let [previous, current] = rows;
    for (let j = 0; j <= y.length; j++) previous[j] = j;
    const ascii = a.lower !== undefined && b.lower !== undefined;
    const [lowerX, lowerY] = [a.lower ?? '', b.lower ?? ''];
    for (let i = 1; i <= x.length; i++) {
        current[0] = i;
        let rowMin = i;
        for (let j = 1; j <= y.length; j++) {
            const sameLetter = ascii
                ? lowerX.charCodeAt(i - 1) === lowerY.charCodeAt(j - 1)
                : x[i - 1].toLowerCase() === y[j - 1].toLowerCase();
            const cost = sameLetter ? (x.charCodeAt(i - 1) === y.charCodeAt(j - 1) ? 0 : 0.5) : 1;
            const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            current[j] = value;
            if (value < rowMin) rowMin = value;
        }
        if (rowMin > limit) return limit + 1;
        [previous, current] = [current, previous];
    }
    return previous[y.length];
}

const ASCII = /^[\x00-\x7f]*$/;
/** Two rows of the distance table, reused between calls (grown when a longer name comes). */
let rows = [new Float64Array(64), new Float64Array(64)];

/** Up to `max` candidates close enough to `name` to be a plausible typo, closest first. */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
    const limit = Math.max(1, Math.floor(name.length / 3));
    const wanted = folded(name);
    const scored: Array<[string, number]> = [];
    const seen = new Set<string>();
    for (const candidate of candidates) {
        if (seen.has(candidate) || candidate === name) continue;
        seen.add(candidate);
        const last = candidate.slice(candidate.lastIndexOf('.') + 1);
        const near = (text: string) => Math.abs(text.length - name.length) <= limit;
        if (!near(candidate) && !near(last)) continue;
        const whole = folded(candidate);
        const score = Math.min(distance(wanted, whole, limit), last === candidate ? limit + 1 : distance(wanted, folded(last), limit));
        if (score <= limit) scored.push([candidate, score]);
    }
    scored.sort((x, y) => x[1] - y[1] || x[0].length - y[0].length || (x[0] < y[0] ? -1 : 1));
    return scored.slice(0, max).map(([n]) => n);
}

export function didYouMean(names: string[]): string {
    if (names.length === 0) return '';
    return `; did you mean ${names.map((n) => `\`${n}\``).join(' or ')}?`;
}

/** `a`, `b` and `c` (or `a`, `b` or `c`): a short list for messages, cut with "and N more". */
export function listNames(names: string[], max = 12, conjunction: 'and' | 'or' = 'and'): string {
    const quoted = names.slice(0, max).map((n) => `\`${n}\``);
    if (names.length > max) return `${quoted.join(', ')} and ${names.length - max} more`;
    if (quoted.length <= 1) return quoted.join('');
    return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

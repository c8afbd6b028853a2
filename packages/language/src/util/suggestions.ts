// "Did you mean …": the closest names by edit distance, for unresolved names, unknown keys and enum literals.

/** Levenshtein distance, cut off once it exceeds `limit` so comparing against thousands of names stays cheap. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? (a[i - 1] === b[j - 1] ? 0 : 0.5) : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            rowMin = Math.min(rowMin, current[j]);
        }
        if (rowMin > limit) return limit + 1;
        previous = current;
    }
    return previous[b.length];
}

/** Up to `max` candidates close enough to `name` to be a plausible typo, closest first. */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
    const limit = Math.max(1, Math.floor(name.length / 3));
    const scored: Array<[string, number]> = [];
    const seen = new Set<string>();
    for (const candidate of candidates) {
        if (seen.has(candidate) || candidate === name) continue;
        seen.add(candidate);
        const last = candidate.slice(candidate.lastIndexOf('.') + 1);
        const distance = Math.min(editDistance(name, candidate, limit), editDistance(name, last, limit));
        if (distance <= limit) scored.push([candidate, distance]);
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

// Locale-independent ordering, so sorted output is the same bytes on every machine.
export function compareStrings(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

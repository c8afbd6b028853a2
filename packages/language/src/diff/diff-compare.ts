// Orderings and equality shared by the diff's parts, so every list sorts the same way on every machine.
import type { SourceLocation } from '../compile/compiled-model.js';
import { ALL_STAGES } from '../model/stages.js';
import { compareStrings } from '../util/compare.js';

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
    return compareStrings(a.path, b.path) || a.line - b.line || a.column - b.column;
}

/** Flow stages in order, then the context groups, then elements of no known stage. */
export function stageRank(stage: string | null): number {
    const index = stage === null ? -1 : ALL_STAGES.indexOf(stage);
    return index < 0 ? ALL_STAGES.length : index;
}

/** JSON with object keys sorted, so that equal values compare equal whatever order a hand-written model has. */
export function canonical(value: unknown): string {
    return JSON.stringify(value, (_, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compareStrings(a, b)))
            : v,
    );
}

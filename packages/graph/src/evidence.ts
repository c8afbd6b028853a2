// The evidence a compiled element may carry once the model has observations: the state of its metric, and for an
// impact the verdict on its claims. Read defensively: a model compiled without observations has neither.
import type { CompiledElement } from 'pom-language/model';

/** The evidence a compiled element may carry once the model has observations. */
export interface ElementEvidence {
    metric: string;
    unit: string;
    latest: number | null;
    at: string | null;
    baseline: number | null;
    target: number | null;
    progress: number | null;
    count: number;
    stale: boolean;
    series: number[];
}

export type Verdict = 'confirmed' | 'contradicted' | 'unverified';

export function evidenceOf(element: CompiledElement): ElementEvidence | undefined {
    const value = (element as CompiledElement & { evidence?: ElementEvidence }).evidence;
    return value && typeof value === 'object' ? value : undefined;
}

export function verdictOf(element: CompiledElement): Verdict | undefined {
    const value = (element as CompiledElement & { verdict?: unknown }).verdict;
    return value === 'confirmed' || value === 'contradicted' || value === 'unverified' ? value : undefined;
}

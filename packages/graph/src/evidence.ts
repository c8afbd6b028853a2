// The evidence a compiled element may carry once the model has observations: the state of its metric, and for an
// impact the verdict on its claims. Read defensively: a model compiled without observations has neither.
import type { CompiledElement, CompiledEvidence, Verdict } from 'pom-language/model';

/** The evidence a compiled element may carry once the model has observations. */
export type ElementEvidence = CompiledEvidence;
export type { Verdict };

export function evidenceOf(element: CompiledElement): ElementEvidence | undefined {
    const value = (element as CompiledElement & { evidence?: ElementEvidence }).evidence;
    return value && typeof value === 'object' ? value : undefined;
}

export function verdictOf(element: CompiledElement): Verdict | undefined {
    const value = (element as CompiledElement & { verdict?: unknown }).verdict;
    return value === 'confirmed' || value === 'contradicted' || value === 'unverified' ? value : undefined;
}

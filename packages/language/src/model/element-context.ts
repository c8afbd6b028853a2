// Context inheritance: a nested element inherits `horizon`, `owner` and `funding` from its nearest
// ancestor that states them. Each effective value remembers where it came from.
import { type Element, type Entry, isElement, isEntry, isEnumLiteral, isRefValue } from '../generated/ast.js';
import { parentElement } from './qualified-names.js';

export const CONTEXT_KEYS = ['horizon', 'owner', 'funding'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** A context value: an enum literal name for `horizon`, an element for `owner` and `funding`. */
export type ContextTarget = string | Element;

export interface ContextValue {
    /** What the element itself states, if anything. */
    declared?: ContextTarget;
    /** What applies to it: its own value or the nearest ancestor's. */
    effective?: ContextTarget;
    /** The ancestor the effective value comes from; absent when declared here or not set anywhere. */
    inheritedFrom?: Element;
}

export function entriesOf(element: Element): Entry[] {
    return element.body.filter(isEntry);
}

export function entriesFor(element: Element, key: string): Entry[] {
    return entriesOf(element).filter((e) => e.key.$refText === key);
}

/** The value an element states for a context key, read from its first entry of that key. */
export function declaredContext(element: Element, key: ContextKey): ContextTarget | undefined {
    const value = entriesFor(element, key)[0]?.values[0];
    if (!isRefValue(value)) return undefined;
    const target = value.target.ref;
    if (key === 'horizon') return isEnumLiteral(target) ? target.name : undefined;
    return isElement(target) ? target : undefined;
}

export function contextValue(element: Element, key: ContextKey): ContextValue {
    const declared = declaredContext(element, key);
    if (declared !== undefined) return { declared, effective: declared };
    for (let ancestor = parentElement(element); ancestor; ancestor = parentElement(ancestor)) {
        const value = declaredContext(ancestor, key);
        if (value !== undefined) return { effective: value, inheritedFrom: ancestor };
    }
    return {};
}

export function effectiveHorizon(element: Element): string | undefined {
    const value = contextValue(element, 'horizon').effective;
    return typeof value === 'string' ? value : undefined;
}

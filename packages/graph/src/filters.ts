// What the filters keep. An element is shown when it passes every filter that is set:
//   kind     its kind or a kind it extends (so `experiment` keeps spikes)
//   horizon  its effective horizon; `none` for elements without one
//   owner    one of its effective owners' ids; `none` for elements without any
//   text     a case-insensitive substring of its id or title
//   side     off hides the context, collaboration and investment elements (and those of unknown kind)
// An edge is shown when both its ends are.
import { isSideElement } from 'pom-language/export';
import type { CompiledElement } from 'pom-language/model';

export const NONE = 'none';

export interface Filters {
    kind: string;
    horizon: string;
    owner: string;
    text: string;
    side: boolean;
}

export const NO_FILTERS: Filters = { kind: '', horizon: '', owner: '', text: '', side: true };

export function isFiltering(filters: Filters): boolean {
    return filters.kind !== '' || filters.horizon !== '' || filters.owner !== '' || filters.text.trim() !== '' || !filters.side;
}

export function passes(element: CompiledElement, filters: Filters): boolean {
    if (filters.kind && !element.kindChain.includes(filters.kind)) return false;
    if (filters.horizon && (element.horizon.effective ?? NONE) !== filters.horizon) return false;
    if (
        filters.owner &&
        !(filters.owner === NONE ? element.owners.effective.length === 0 : element.owners.effective.includes(filters.owner))
    )
        return false;
    const text = filters.text.trim().toLowerCase();
    if (text && !element.id.toLowerCase().includes(text) && !(element.title ?? '').toLowerCase().includes(text)) return false;
    if (!filters.side && isSideElement(element)) return false;
    return true;
}

/** The kinds worth offering: every kind in a chain, but the root `element`, sorted. */
export function kindChoices(elements: readonly CompiledElement[]): string[] {
    const kinds = new Set<string>();
    for (const e of elements) for (const k of e.kindChain) if (k !== 'element') kinds.add(k);
    return [...kinds].sort();
}

/** Owners as id and what to call them: the team's title when the team is in the model. */
export function ownerChoices(elements: readonly CompiledElement[]): Array<{ id: string; label: string }> {
    const byId = new Map(elements.map((e) => [e.id, e]));
    const owners = new Set<string>();
    for (const e of elements) for (const id of e.owners.effective) owners.add(id);
    return [...owners].sort().map((id) => ({ id, label: byId.get(id)?.title ?? id }));
}

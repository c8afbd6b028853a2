// Working with the views of a compiled model: finding one by the name a user typed, and cutting the model down to
// what a view draws. Pure data, shared by `pom graph --view` and anything else that shows one view; safe in a browser.
import type { CompiledElement, CompiledModel, CompiledView } from '../compile/compiled-model.js';
import { closestNames, didYouMean, listNames } from '../util/suggestions.js';

export class UnknownViewError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'UnknownViewError';
    }
}

/** The view called `name`: its id, or a suffix of its id at a dot (`GrowthStory` for `acme.views.GrowthStory`). */
export function findView(model: CompiledModel, name: string): CompiledView {
    const views = model.views ?? [];
    const exact = views.find((v) => v.id === name);
    if (exact) return exact;
    const found = views.filter((v) => v.id.endsWith(`.${name}`));
    if (found.length === 1) return found[0];
    if (found.length > 1) {
        throw new UnknownViewError(
            `view \`${name}\` is ambiguous: it could be ${listNames(
                found.map((v) => v.id),
                5,
                'or',
            )}`,
        );
    }
    if (views.length === 0) throw new UnknownViewError(`no view \`${name}\`: the model declares no view`);
    const names = views.map((v) => v.name);
    const hint = didYouMean(closestNames(name, names)) || `; the views are ${listNames(names, 20, 'and')}`;
    throw new UnknownViewError(`no view \`${name}\` in the model${hint}`);
}

/**
 * The model as the view draws it: exactly its elements and the links among them, and the view itself as the one
 * view. Diagnostics stay whole, as the exit code of a command does.
 */
export function modelOfView(model: CompiledModel, view: CompiledView): CompiledModel {
    const chosen = new Set(view.elements);
    return {
        ...model,
        // Backlinks, like links, only among the view's elements; where lineage leads stays a fact of the whole model.
        elements: model.elements.filter((e) => chosen.has(e.id)).map((e) => ({ ...e, incoming: incomingAmong(e.incoming, chosen) })),
        links: model.links.filter((l) => chosen.has(l.from) && chosen.has(l.to)),
        views: [view],
    };
}

function incomingAmong(incoming: CompiledElement['incoming'], chosen: Set<string>): CompiledElement['incoming'] {
    const kept = Object.entries(incoming ?? {})
        .map(([relation, list]) => [relation, list.filter((l) => chosen.has(l.from))] as const)
        .filter(([, list]) => list.length > 0);
    return Object.fromEntries(kept);
}

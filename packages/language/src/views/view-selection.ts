// Which elements a view draws: the union of its include selectors (every element when it has none) less the union
// of its exclude selectors, in id order. Pure data over a ModelGraph, shared by the compiler, the view checks and
// the CLI; safe in a browser.
import type { ModelGraph } from '../compile/model-graph.js';
import { parseSelector, SelectorError, selectElements } from '../query/selectors.js';
import { compareStrings } from '../util/compare.js';

/** The keys a view takes, and the layouts it may ask for (the first is the default). */
export const VIEW_KEYS = ['include', 'exclude', 'layout'] as const;
export const VIEW_LAYOUTS = ['flow', 'force'] as const;
export type ViewLayout = (typeof VIEW_LAYOUTS)[number];

export interface ViewSelectors {
    readonly include: readonly string[];
    readonly exclude: readonly string[];
}

/**
 * The ids a view picks, sorted. A selector that does not parse, or that names something the model lacks, picks
 * nothing here: the view checks report it, and the rest of the view still draws.
 */
export function viewElements(graph: ModelGraph, view: ViewSelectors): string[] {
    const pick = (selectors: readonly string[]) => {
        const ids = new Set<string>();
        for (const selector of selectors) for (const id of trySelect(graph, selector)) ids.add(id);
        return ids;
    };
    const included = view.include.length === 0 ? new Set(graph.elements.keys()) : pick(view.include);
    const excluded = pick(view.exclude);
    return [...included].filter((id) => !excluded.has(id)).sort(compareStrings);
}

function trySelect(graph: ModelGraph, selector: string): Set<string> {
    try {
        return selectElements(graph, parseSelector(selector), { strict: false });
    } catch (error) {
        if (error instanceof SelectorError) return new Set();
        throw error;
    }
}

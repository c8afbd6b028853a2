// What the view remembers across reloads: the picture chosen, zoom and pan, filters, the context switch and the
// selection. The webview keeps it with `acquireVsCodeApi().setState`; the standalone page in its own history entry
// (`history.replaceState`), which lives as long as the tab and is written nowhere else.
import { type Filters, NO_FILTERS } from './filters.js';

export interface ViewState {
    view: string;
    layout: 'flow' | 'force';
    filters: Filters;
    context: boolean;
    selected: string | null;
    /** Zoom and pan; null: fit. */
    zoom: { x: number; y: number; k: number } | null;
}

export interface StateStore {
    load(): unknown;
    save(state: ViewState): void;
}

export const DEFAULT_STATE: ViewState = {
    view: '',
    layout: 'flow',
    filters: { ...NO_FILTERS },
    context: false,
    selected: null,
    zoom: null,
};

/** A state read back, with every field checked: anything else (an older shape, a hand-edited one) is dropped. */
export function parseState(value: unknown): ViewState {
    const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    const f = (v.filters && typeof v.filters === 'object' ? v.filters : {}) as Record<string, unknown>;
    const text = (x: unknown) => (typeof x === 'string' && x.length < 1000 ? x : '');
    const z = v.zoom as Record<string, unknown> | null | undefined;
    const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
    return {
        view: text(v.view),
        layout: v.layout === 'force' ? 'force' : 'flow',
        filters: {
            kind: text(f.kind),
            horizon: text(f.horizon),
            owner: text(f.owner),
            text: text(f.text),
            side: f.side !== false,
        },
        context: v.context === true,
        selected: typeof v.selected === 'string' && v.selected.length < 1000 ? v.selected : null,
        zoom:
            z && finite(z.x) && finite(z.y) && finite(z.k) && (z.k as number) > 0
                ? { x: z.x as number, y: z.y as number, k: z.k as number }
                : null,
    };
}

/** The standalone page's store: the state of its own history entry, so a reload of the tab restores it. */
export function historyStore(): StateStore {
    return {
        load: () => (history.state as { pomGraph?: unknown } | null)?.pomGraph,
        save: (state) => {
            try {
                history.replaceState({ ...(history.state ?? {}), pomGraph: state }, '');
            } catch {
                // A page that may not touch its history (a sandboxed frame) just does not remember.
            }
        },
    };
}

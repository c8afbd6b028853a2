// What a layout takes and gives. The input is the part of a compiled model that decides where cards go (ids, stage
// columns, horizon bands, nesting, links), never its titles: the same structure lays out the same way, so an edit
// that changes one title moves nothing. Plain data, so it crosses to the layout worker by structured clone.
import {
    BAND_LABELS,
    type EdgeKind,
    edgeEnds,
    edgeKind,
    elementBand,
    elementColumn,
    FLOW_COLUMNS,
    isSideElement,
} from 'pom-language/export';
import type { CompiledModel } from 'pom-language/model';

export interface LayoutNode {
    id: string;
    /** The stage column (see graph-style.ts of the language package). */
    column: string;
    /** The horizon band, or `side` for context, collaboration and investment elements. */
    band: string;
    /** The element this one is drawn inside (an experiment inside its bet), or null. */
    nestedIn: string | null;
}

export interface LayoutEdge {
    source: string;
    target: string;
    kind: EdgeKind;
}

export interface LayoutInput {
    nodes: LayoutNode[];
    edges: LayoutEdge[];
}

export interface CardBox {
    /** Centre of the card. */
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface LayoutColumn {
    key: string;
    x: number;
    width: number;
    side: boolean;
}

export interface LayoutBand {
    key: string;
    label: string;
    y: number;
    height: number;
}

/** A parent card and the cards nested in it, framed together. */
export interface LayoutGroup {
    id: string;
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface StageLayout {
    cards: Map<string, CardBox>;
    columns: LayoutColumn[];
    bands: LayoutBand[];
    groups: LayoutGroup[];
    /** The area below the bands for the elements out of the flow, if any. */
    side: { y: number; height: number } | null;
    /** The box every card, band and group lies in (layout units; y from the top of the first band). */
    width: number;
    height: number;
    /** Which engine ordered the columns: `sweep` (the fast barycentric sweeps) or `elk` (the layered refinement). */
    engine: 'sweep' | 'elk';
}

export const SIDE_BAND = 'side';

/** An execution element (an experiment, a spike) is drawn inside its parent when the parent is a bet. */
const NESTED_COLUMN = 'execution';
const NESTING_COLUMN = 'bets';

export function layoutInput(model: Pick<CompiledModel, 'elements' | 'links'>): LayoutInput {
    const byId = new Map(model.elements.map((e) => [e.id, e]));
    const nestedIn = (id: string): string | null => {
        let current = byId.get(id);
        if (!current || elementColumn(current) !== NESTED_COLUMN) return null;
        // Walk up through nested execution elements to the bet that holds them all.
        for (let depth = 0; current?.parent && depth < 64; depth++) {
            const parent = byId.get(current.parent);
            if (!parent) return null;
            const column = elementColumn(parent);
            if (column === NESTING_COLUMN) return parent.id;
            if (column !== NESTED_COLUMN) return null;
            current = parent;
        }
        return null;
    };
    const nodes = model.elements.map((e) => {
        const column = elementColumn(e);
        return { id: e.id, column, band: isSideElement(e) ? SIDE_BAND : elementBand(e), nestedIn: nestedIn(e.id) };
    });
    const edges: LayoutEdge[] = [];
    for (const link of model.links) {
        if (!byId.has(link.from) || !byId.has(link.to)) continue;
        const { source, target } = edgeEnds(link);
        edges.push({ source, target, kind: edgeKind(link) });
    }
    return { nodes, edges };
}

/** A key that is equal for two inputs exactly when they lay out the same. */
export function layoutKey(input: LayoutInput): string {
    const parts: string[] = [];
    for (const n of input.nodes) parts.push(`${n.id}\u0001${n.column}\u0001${n.band}\u0001${n.nestedIn ?? ''}`);
    parts.push('\u0002');
    for (const e of input.edges) parts.push(`${e.source}\u0001${e.target}\u0001${e.kind}`);
    return hash(parts.join('\u0000'));
}

/** FNV-1a, 2 × 32 bits: a cache key, not a security boundary. */
function hash(text: string): string {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ text.length;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
    }
    return `${(a >>> 0).toString(36)}-${(b >>> 0).toString(36)}-${text.length.toString(36)}`;
}

export function bandLabel(key: string): string {
    return BAND_LABELS[key] ?? 'Out of the flow';
}

export function isFlowColumn(column: string): boolean {
    return FLOW_COLUMNS.includes(column);
}

// How a compiled model is drawn, shared by every picture of it: the graph view, `pom graph --format svg|dot|mermaid`
// and the diff's Mermaid. Stage colours and shapes, the order of columns and bands, and the style of each link.
import type { CompiledElement, CompiledLink, TypedValue } from '../compile/compiled-model.js';
import { drawnEnds } from '../compile/model-graph.js';
import { CONTEXT_STAGES, FLOW_STAGES, HORIZONS } from '../model/stages.js';

export type ShapeName = 'circle' | 'square' | 'diamond' | 'triangle' | 'triangleDown' | 'pentagon' | 'hexagon' | 'octagon' | 'star';

export interface StageStyle {
    readonly label: string;
    readonly color: string;
    readonly shape: ShapeName;
}

/** Elements whose kind has no stage (an unresolved kind) sit with the context, in a column of their own. */
export const OTHER_STAGE = 'other';

/** The columns of the graph: the value flow from insights to outcomes, then the side area. */
export const FLOW_COLUMNS: readonly string[] = FLOW_STAGES;
export const SIDE_COLUMNS: readonly string[] = [...CONTEXT_STAGES, OTHER_STAGE];

export const STAGE_STYLES: Readonly<Record<string, StageStyle>> = {
    insights: { label: 'Insights', color: '#7e5bd6', shape: 'circle' },
    opportunities: { label: 'Opportunities', color: '#b04fb8', shape: 'hexagon' },
    options: { label: 'Options', color: '#d2557f', shape: 'diamond' },
    bets: { label: 'Bets', color: '#dc5a35', shape: 'triangle' },
    execution: { label: 'Execution', color: '#d9881c', shape: 'square' },
    releases: { label: 'Releases', color: '#a99a16', shape: 'pentagon' },
    impacts: { label: 'Impacts', color: '#5c9e2e', shape: 'triangleDown' },
    inputs: { label: 'Inputs', color: '#1f9a72', shape: 'octagon' },
    drivers: { label: 'Drivers', color: '#1a8fae', shape: 'hexagon' },
    northstar: { label: 'North star', color: '#2b63c9', shape: 'star' },
    outcomes: { label: 'Outcomes', color: '#4a4fb0', shape: 'circle' },
    context: { label: 'Context', color: '#7d8590', shape: 'square' },
    collaboration: { label: 'Collaboration', color: '#9a7b55', shape: 'circle' },
    investment: { label: 'Investment', color: '#a8862c', shape: 'diamond' },
    other: { label: 'Other', color: '#9e9e9e', shape: 'circle' },
};

/** The column an element is drawn in: its stage, or `other`. */
export function elementColumn(element: Pick<CompiledElement, 'stage'>): string {
    return element.stage !== null && element.stage in STAGE_STYLES ? element.stage : OTHER_STAGE;
}

export function stageStyle(element: Pick<CompiledElement, 'stage'>): StageStyle {
    return STAGE_STYLES[elementColumn(element)];
}

export function isSideElement(element: Pick<CompiledElement, 'stage'>): boolean {
    return !FLOW_COLUMNS.includes(elementColumn(element));
}

/** Horizon bands top to bottom: the fractal runs downward. Elements without a horizon get the last band. */
export const NO_HORIZON = 'none';
export const BANDS: readonly string[] = [...[...HORIZONS].reverse(), NO_HORIZON];
export const BAND_LABELS: Readonly<Record<string, string>> = {
    years: 'Years',
    quarters: 'Quarters',
    months: 'Months',
    none: 'No horizon',
};

export function elementBand(element: Pick<CompiledElement, 'horizon'>): string {
    const horizon = element.horizon.effective;
    return horizon !== null && BANDS.includes(horizon) ? horizon : NO_HORIZON;
}

/** What a reader sees first: the title, or the name when there is none. */
export function elementLabel(element: Pick<CompiledElement, 'title' | 'name'>): string {
    return element.title ?? element.name;
}

/** `flow` carries value along the lineage; `feedback` closes a learning loop; `context` is everything else. */
export type EdgeKind = 'flow' | 'feedback' | 'context';

export function edgeKind(link: Pick<CompiledLink, 'flow'>): EdgeKind {
    return link.flow === 'none' ? 'context' : link.flow === 'feedback' ? 'feedback' : 'flow';
}

/** The ends of a link as drawn (`drawnEnds`): along the value flow, context links from the element stating them. */
export const edgeEnds: (link: CompiledLink) => { source: string; target: string } = drawnEnds;

/** A typed value as a reader would write it. */
export function valueText(value: TypedValue | TypedValue[]): string {
    if (Array.isArray(value)) return value.map(valueText).join(', ');
    switch (value.type) {
        case 'string':
            return JSON.stringify(value.value);
        case 'percent':
            return `${value.value}%`;
        default:
            return String(value.value);
    }
}

/** An SVG path of the shape, centred on the origin, `r` from centre to corner. */
export function shapePath(shape: ShapeName, r: number): string {
    const n = (v: number) => Math.round(v * 100) / 100;
    const polygon = (sides: number, rotation: number, radius = r) =>
        `M${Array.from({ length: sides }, (_, i) => {
            const a = rotation + (i * 2 * Math.PI) / sides;
            return `${n(radius * Math.cos(a))},${n(radius * Math.sin(a))}`;
        }).join('L')}Z`;
    switch (shape) {
        case 'circle':
            return `M${n(r)},0A${n(r)},${n(r)} 0 1,1 ${n(-r)},0A${n(r)},${n(r)} 0 1,1 ${n(r)},0Z`;
        case 'square':
            return polygon(4, Math.PI / 4, r * 1.05);
        case 'diamond':
            return polygon(4, 0, r * 1.15);
        case 'triangle':
            return polygon(3, -Math.PI / 2, r * 1.2);
        case 'triangleDown':
            return polygon(3, Math.PI / 2, r * 1.2);
        case 'pentagon':
            return polygon(5, -Math.PI / 2, r * 1.05);
        case 'hexagon':
            return polygon(6, 0, r * 1.05);
        case 'octagon':
            return polygon(8, Math.PI / 8, r);
        case 'star':
            return `M${Array.from({ length: 10 }, (_, i) => {
                const a = -Math.PI / 2 + (i * Math.PI) / 5;
                const radius = i % 2 === 0 ? r * 1.3 : r * 0.55;
                return `${n(radius * Math.cos(a))},${n(radius * Math.sin(a))}`;
            }).join('L')}Z`;
    }
}

/** The radius of a node's shape, in layout units. */
export const NODE_RADIUS = 7;

/**
 * The path of an edge between two centres: a horizontal S-curve in the flow layout (links read left to right and
 * arrive level), a straight line otherwise.
 */
export function edgePath(s: { x: number; y: number }, t: { x: number; y: number }, curved = true): string {
    const n = (v: number) => Math.round(v * 10) / 10;
    if (!curved) return `M${n(s.x)},${n(s.y)}L${n(t.x)},${n(t.y)}`;
    const c = Math.max(40, Math.abs(t.x - s.x) / 2);
    return `M${n(s.x)},${n(s.y)}C${n(s.x + c)},${n(s.y)} ${n(t.x - c)},${n(t.y)} ${n(t.x)},${n(t.y)}`;
}

/** The longest label drawn beside a shape; the full title is in the hover card. */
export const LABEL_CHARS = 30;

export function shortLabel(text: string, max = LABEL_CHARS): string {
    const chars = [...text.replace(/\s+/g, ' ')];
    return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

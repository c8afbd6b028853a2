// The "flow × horizon" layout: columns are the stages of the value flow in order; bands are years, quarters, months
// and no horizon, top to bottom. Context, collaboration and investment elements sit out of the flow, in a side area
// below the bands. Within a cell,
// elements are ordered so that each sits near its parent and its neighbours (a few barycentric sweeps), and wrap
// into sub-columns when a cell is taller than the model is wide. Pure and deterministic: the renderer and
// `pom graph --format svg` draw the same picture.
import type { CompiledElement, CompiledModel } from '../compile/compiled-model.js';
import { BAND_LABELS, BANDS, edgeKind, elementBand, elementColumn, FLOW_COLUMNS, SIDE_COLUMNS, STAGE_STYLES } from './graph-style.js';

export interface Point {
    x: number;
    y: number;
}

export interface LayoutColumn {
    key: string;
    label: string;
    /** Left edge; the shapes of sub-column k are centred at `x + inset + k * cell`. */
    x: number;
    width: number;
    /** Where the column's header sits: above the bands, or above the side area. */
    labelY: number;
    side: boolean;
}

export interface LayoutBand {
    key: string;
    label: string;
    y: number;
    height: number;
}

export interface FlowLayout {
    /** The centre of every element's shape. */
    positions: Map<string, Point>;
    columns: LayoutColumn[];
    bands: LayoutBand[];
    /** The area below the bands that holds the context, collaboration and investment elements, if any. */
    side: { y: number; height: number } | null;
    width: number;
    height: number;
}

/** Sizes in layout units (pixels at zoom 1). */
export const FLOW_METRICS = {
    /** Vertical distance between two elements of a cell. */
    row: 26,
    /** Width of one sub-column: the shape and its label. */
    cell: 200,
    /** Width of a flow column with no element. */
    emptyColumn: 90,
    columnGap: 28,
    bandGap: 30,
    /** Between the bands and the side area. */
    sideGap: 70,
    /** Room above the first band for the column headers, and left of the first column for band labels. */
    top: 56,
    left: 110,
    /** Distance from the left of a sub-column to the centre of its shapes. */
    inset: 14,
} as const;

const SWEEPS = 4;
const PARENT_WEIGHT = 4;
const CONTEXT_WEIGHT = 0.25;
/** The side area is one band of its own. */
const SIDE_BAND = 'side';

export function flowLayout(model: CompiledModel): FlowLayout {
    const m = FLOW_METRICS;
    const cells = new Map<string, CompiledElement[]>();
    for (const element of model.elements) {
        const column = elementColumn(element);
        const key = `${column}\u0000${FLOW_COLUMNS.includes(column) ? elementBand(element) : SIDE_BAND}`;
        const cell = cells.get(key);
        if (cell) cell.push(element);
        else cells.set(key, [element]);
    }
    // A cell holds at most `rows` elements a sub-column, so a big model grows about as wide as it is tall.
    const rows = Math.max(10, Math.ceil(Math.sqrt(model.elements.length) * 1.1));
    const rowsIn = (count: number) => Math.min(count, rows);
    const subColumnsIn = (count: number) => Math.ceil(count / rows);
    const count = (column: string, band: string) => cells.get(`${column}\u0000${band}`)?.length ?? 0;

    const bandKeys = BANDS.filter((band) => FLOW_COLUMNS.some((column) => count(column, band) > 0));
    const bands: LayoutBand[] = [];
    let y = m.top;
    for (const key of bandKeys) {
        const tallest = Math.max(...FLOW_COLUMNS.map((column) => rowsIn(count(column, key))));
        const height = tallest * m.row + m.row / 2;
        bands.push({ key, label: BAND_LABELS[key], y, height });
        y += height + m.bandGap;
    }
    const columns: LayoutColumn[] = [];
    let x = m.left;
    for (const key of FLOW_COLUMNS) {
        const widest = Math.max(0, ...bandKeys.map((band) => subColumnsIn(count(key, band))));
        const width = widest === 0 ? m.emptyColumn : widest * m.cell;
        columns.push({ key, label: STAGE_STYLES[key].label, x, width, labelY: m.top - 26, side: false });
        x += width + m.columnGap;
    }
    let right = x - m.columnGap;
    const usedSide = SIDE_COLUMNS.filter((column) => count(column, SIDE_BAND) > 0);
    let side: FlowLayout['side'] = null;
    if (usedSide.length > 0) {
        const top = (bands.length > 0 ? y - m.bandGap : m.top) + m.sideGap;
        const height = Math.max(...usedSide.map((column) => rowsIn(count(column, SIDE_BAND)))) * m.row + m.row / 2;
        side = { y: top, height };
        x = m.left;
        for (const key of usedSide) {
            const width = subColumnsIn(count(key, SIDE_BAND)) * m.cell;
            columns.push({ key, label: STAGE_STYLES[key].label, x, width, labelY: top - 12, side: true });
            x += width + m.columnGap;
        }
        right = Math.max(right, x - m.columnGap);
        y = top + height;
    } else {
        y -= m.bandGap;
    }
    const columnX = new Map(columns.map((c) => [c.key, c.x]));
    const bandY = new Map(bands.map((b) => [b.key, b.y]));
    if (side) bandY.set(SIDE_BAND, side.y);

    const positions = new Map<string, Point>();
    const place = () => {
        for (const [key, cell] of cells) {
            const [column, band] = key.split('\u0000');
            const left = columnX.get(column)! + m.inset;
            const top = bandY.get(band)! + m.row / 2 + m.row / 4;
            cell.forEach((element, i) => {
                positions.set(element.id, { x: left + Math.floor(i / rows) * m.cell, y: top + (i % rows) * m.row });
            });
        }
    };
    place();

    // Neighbours with weights: the parent pulls hardest, flow links next, context links a little.
    const neighbours = new Map<string, Array<{ id: string; weight: number }>>();
    const add = (a: string, b: string, weight: number) => {
        if (a === b || !positions.has(a) || !positions.has(b)) return;
        const list = neighbours.get(a);
        if (list) list.push({ id: b, weight });
        else neighbours.set(a, [{ id: b, weight }]);
    };
    for (const element of model.elements) {
        if (element.parent) {
            add(element.id, element.parent, PARENT_WEIGHT);
            add(element.parent, element.id, 1);
        }
    }
    for (const link of model.links) {
        const weight = edgeKind(link) === 'context' ? CONTEXT_WEIGHT : 1;
        add(link.from, link.to, weight);
        add(link.to, link.from, weight);
    }
    for (let sweep = 0; sweep < SWEEPS; sweep++) {
        const keys = new Map<string, number>();
        for (const element of model.elements) {
            const own = positions.get(element.id)!;
            let sum = 0;
            let total = 0;
            for (const n of neighbours.get(element.id) ?? []) {
                sum += positions.get(n.id)!.y * n.weight;
                total += n.weight;
            }
            // A little of its own place keeps the order from swinging between sweeps.
            keys.set(element.id, total > 0 ? (sum + own.y * 0.5) / (total + 0.5) : own.y);
        }
        for (const cell of cells.values()) {
            const index = new Map(cell.map((e, i) => [e.id, i]));
            cell.sort((a, b) => keys.get(a.id)! - keys.get(b.id)! || index.get(a.id)! - index.get(b.id)!);
        }
        place();
    }
    return { positions, columns, bands, side, width: right + m.left / 2, height: y + m.row };
}

// The stage × horizon layout: a layered layout whose layers are the stages of the value flow (insights → outcomes,
// left to right) and whose rows are grouped in horizon bands (years, quarters, months, none, top to bottom), with
// the elements out of the flow in an area below. Cards never overlap by construction: each sits in a slot of its
// cell (column × band), and a cell too tall for the picture wraps into sub-columns, chosen so the whole picture has
// the shape of a wide screen. Within a cell, units (a card, or a bet with its experiments inside) are ordered by
// barycentric sweeps to cut edge crossings. Pure and deterministic; fast enough for 10,000 elements.
import { BANDS, FLOW_COLUMNS, SIDE_COLUMNS } from 'pom-language/export';
import { type Packing, packCell } from './cell-packing.js';
import {
    bandLabel,
    type CardBox,
    type LayoutBand,
    type LayoutColumn,
    type LayoutGroup,
    type LayoutInput,
    SIDE_BAND,
    type StageLayout,
} from './layout-types.js';

/** Sizes in layout units (pixels at zoom 1). */
export const CARD = {
    width: 200,
    height: 62,
    /** A nested card is this much narrower, and sits this much to the right, inside its parent's frame. */
    indent: 14,
    /** Between two sub-columns of a cell, and between two slots. */
    gapX: 18,
    gapY: 14,
    /** Between two stage columns: room for the edges. */
    columnGap: 64,
    /** Above the cards of a band: its label. */
    bandPad: 28,
    bandBottom: 12,
    bandGap: 14,
    sideGap: 40,
} as const;

/** The picture is shaped for a screen about this wide and tall. */
const TARGET = { width: 1600, height: 900 };
const SWEEPS = 8;
const WEIGHT = { flow: 1, feedback: 0.3, context: 0.03, nested: 4, own: 0.3 } as const;
const SIDE_WEIGHT = { flow: 0, feedback: 0, context: 1, nested: 4, own: 0.3 } as const;

export const SLOT = CARD.height + CARD.gapY;
const PITCH = CARD.width + CARD.gapX;

/** A card, or a parent with the cards nested in it: placed as one. */
export interface Unit {
    members: string[];
    /** The members' indices in the layout input. */
    at: number[];
    key: number;
}

interface Cell {
    column: string;
    band: string;
    units: Unit[];
    slots: number;
}

export function stageLayout(input: LayoutInput, order?: (cells: Map<string, Unit[]>) => void): StageLayout {
    const indexOf = new Map(input.nodes.map((n, i) => [n.id, i]));
    const cells = buildCells(input, indexOf);
    const flowColumns = FLOW_COLUMNS.filter((c) => [...cells.values()].some((cell) => cell.column === c));
    const flowBands = BANDS.filter((b) => [...cells.values()].some((cell) => cell.band === b));
    const sideColumns = SIDE_COLUMNS.filter((c) => cells.has(cellKey(c, SIDE_BAND)));
    const { rows, sideRows } = chooseRows(cells, flowColumns, flowBands, sideColumns);
    const rowsOf = (cell: Cell) => (cell.band === SIDE_BAND ? sideRows : rows);

    // Orders the units of every cell, then packs them into slots; y of each element in slots for the sweeps.
    const y = new Float64Array(input.nodes.length);
    const packings = new Map<string, Packing>();
    const bandTop = new Map<string, number>();
    const repack = (cell: Cell) => {
        const packing = packCell(cell.units, rowsOf(cell));
        packings.set(cellKey(cell.column, cell.band), packing);
        const top = bandTop.get(cell.band) ?? 0;
        cell.units.forEach((unit, i) => {
            unit.at.forEach((index, j) => {
                y[index] = top + packing.slot[i] + j;
            });
        });
    };
    let top = 0;
    for (const band of [...flowBands, SIDE_BAND]) {
        bandTop.set(band, top);
        top += Math.max(0, ...[...cells.values()].filter((c) => c.band === band).map((c) => packCell(c.units, rowsOf(c)).height)) + 1;
    }
    for (const cell of cells.values()) repack(cell);

    if (order) {
        order(new Map([...cells].map(([key, cell]) => [key, cell.units])));
        for (const cell of cells.values()) repack(cell);
    } else {
        sweep(input, indexOf, cells, [...flowColumns, ...sideColumns], y, repack);
    }
    return place(cells, packings, flowColumns, flowBands, sideColumns);
}

function cellKey(column: string, band: string): string {
    return `${column}\u0000${band}`;
}

function buildCells(input: LayoutInput, indexOf: Map<string, number>): Map<string, Cell> {
    const cells = new Map<string, Cell>();
    const byId = new Map(input.nodes.map((n) => [n.id, n]));
    const units = new Map<string, Unit>();
    for (const node of input.nodes) {
        const parent = node.nestedIn ? byId.get(node.nestedIn) : undefined;
        if (parent) continue;
        const unit: Unit = { members: [node.id], at: [indexOf.get(node.id)!], key: 0 };
        units.set(node.id, unit);
        const key = cellKey(node.column, node.band);
        let cell = cells.get(key);
        if (!cell) {
            cell = { column: node.column, band: node.band, units: [], slots: 0 };
            cells.set(key, cell);
        }
        cell.units.push(unit);
    }
    for (const node of input.nodes) {
        const unit = node.nestedIn ? units.get(node.nestedIn) : undefined;
        if (unit) {
            unit.members.push(node.id);
            unit.at.push(indexOf.get(node.id)!);
        }
    }
    for (const cell of cells.values()) cell.slots = cell.units.reduce((sum, u) => sum + u.members.length, 0);
    return cells;
}

/** Rows a sub-column holds, in the flow and in the side area, so the picture is as large as possible on a screen. */
function chooseRows(
    cells: Map<string, Cell>,
    flowColumns: readonly string[],
    flowBands: readonly string[],
    sideColumns: readonly string[],
): { rows: number; sideRows: number } {
    const list = [...cells.values()];
    const tallest = (band: string | null) =>
        Math.max(1, ...list.filter((c) => (band === null ? c.band !== SIDE_BAND : c.band === band)).map((c) => c.slots));
    const biggest = new Map(list.map((c) => [c, Math.max(...c.units.map((u) => u.members.length))]));
    const size = (cell: Cell, rows: number) => {
        const big = biggest.get(cell)!;
        const across = Math.ceil(cell.slots / Math.max(rows, big));
        return { across, down: Math.max(big, Math.ceil(cell.slots / across)) };
    };
    const dimensions = (rows: number, sideRows: number) => {
        let width = 0;
        for (const column of flowColumns) {
            const across = Math.max(
                1,
                ...flowBands.map((b) => (cells.has(cellKey(column, b)) ? size(cells.get(cellKey(column, b))!, rows).across : 0)),
            );
            width += across * PITCH - CARD.gapX + CARD.columnGap;
        }
        let height = 0;
        for (const band of flowBands) {
            const down = Math.max(
                0,
                ...flowColumns.map((c) => (cells.has(cellKey(c, band)) ? size(cells.get(cellKey(c, band))!, rows).down : 0)),
            );
            height += CARD.bandPad + down * SLOT + CARD.bandBottom + CARD.bandGap;
        }
        let sideWidth = 0;
        let sideDown = 0;
        for (const column of sideColumns) {
            const s = size(cells.get(cellKey(column, SIDE_BAND))!, sideRows);
            sideWidth += s.across * PITCH - CARD.gapX + CARD.columnGap;
            sideDown = Math.max(sideDown, s.down);
        }
        if (sideColumns.length > 0) height += CARD.sideGap + CARD.bandPad + sideDown * SLOT;
        return { width: Math.max(width, sideWidth), height };
    };
    const candidates = (max: number) => {
        const out: number[] = [];
        for (let r = 1; r <= max; r = r < 24 ? r + 1 : Math.ceil(r * 1.15)) out.push(r);
        out.push(max);
        return out;
    };
    let best = { rows: 1, sideRows: 1, scale: -1 };
    const flowMax = tallest(null);
    const sideMax = sideColumns.length > 0 ? tallest(SIDE_BAND) : 1;
    for (const rows of candidates(flowMax)) {
        for (const sideRows of candidates(sideMax)) {
            const d = dimensions(rows, sideRows);
            const scale = Math.min(TARGET.width / d.width, TARGET.height / d.height);
            if (scale > best.scale + 1e-9) best = { rows, sideRows, scale };
        }
    }
    return best;
}

/** Barycentric sweeps, alternately left to right and right to left: each unit goes to the mean row of its links. */
function sweep(
    input: LayoutInput,
    indexOf: Map<string, number>,
    cells: Map<string, Cell>,
    columns: string[],
    y: Float64Array,
    repack: (cell: Cell) => void,
) {
    // Neighbours by index, each link both ways, with its weight in the flow and in the side area.
    const near: number[][] = input.nodes.map(() => []);
    const flowWeight: number[][] = input.nodes.map(() => []);
    const sideWeight: number[][] = input.nodes.map(() => []);
    const add = (a: number, b: number, kind: 'flow' | 'feedback' | 'context') => {
        if (a === b) return;
        near[a].push(b);
        flowWeight[a].push(WEIGHT[kind]);
        sideWeight[a].push(SIDE_WEIGHT[kind]);
    };
    for (const e of input.edges) {
        const s = indexOf.get(e.source);
        const t = indexOf.get(e.target);
        if (s === undefined || t === undefined) continue;
        add(s, t, e.kind);
        add(t, s, e.kind);
    }
    const byColumn = new Map<string, Cell[]>();
    for (const cell of cells.values()) {
        const list = byColumn.get(cell.column);
        if (list) list.push(cell);
        else byColumn.set(cell.column, [cell]);
    }
    for (let s = 0; s < SWEEPS; s++) {
        const pass = s % 2 === 0 ? columns : [...columns].reverse();
        for (const column of pass) {
            for (const cell of byColumn.get(column) ?? []) {
                const side = cell.band === SIDE_BAND;
                const weights = side ? sideWeight : flowWeight;
                const ownWeight = side ? SIDE_WEIGHT.own : WEIGHT.own;
                const order = new Map(cell.units.map((u, i) => [u, i]));
                for (const unit of cell.units) {
                    let sum = 0;
                    let total = 0;
                    for (const member of unit.at) {
                        const list = near[member];
                        const w = weights[member];
                        for (let k = 0; k < list.length; k++) {
                            if (w[k] === 0) continue;
                            sum += y[list[k]] * w[k];
                            total += w[k];
                        }
                    }
                    const own = y[unit.at[0]];
                    unit.key = total > 0 ? (sum + own * ownWeight) / (total + ownWeight) : own;
                }
                cell.units.sort((a, b) => a.key - b.key || order.get(a)! - order.get(b)!);
                repack(cell);
            }
        }
    }
}

function place(
    cells: Map<string, Cell>,
    packings: Map<string, Packing>,
    flowColumns: readonly string[],
    flowBands: readonly string[],
    sideColumns: readonly string[],
): StageLayout {
    const columns: LayoutColumn[] = [];
    const across = (column: string, bands: readonly string[]) =>
        Math.max(1, ...bands.map((b) => packings.get(cellKey(column, b))?.across ?? 0));
    let x = 0;
    for (const key of flowColumns) {
        const width = across(key, flowBands) * PITCH - CARD.gapX;
        columns.push({ key, x, width, side: false });
        x += width + CARD.columnGap;
    }
    let width = x - CARD.columnGap;
    const bands: LayoutBand[] = [];
    let y = 0;
    for (const key of flowBands) {
        const down = Math.max(0, ...flowColumns.map((c) => packings.get(cellKey(c, key))?.height ?? 0));
        const height = CARD.bandPad + down * SLOT - CARD.gapY + CARD.bandBottom;
        bands.push({ key, label: bandLabel(key), y, height });
        y += height + CARD.bandGap;
    }
    let side: StageLayout['side'] = null;
    if (sideColumns.length > 0) {
        const top = bands.length > 0 ? y - CARD.bandGap + CARD.sideGap : 0;
        const down = Math.max(0, ...sideColumns.map((c) => packings.get(cellKey(c, SIDE_BAND))?.height ?? 0));
        side = { y: top, height: CARD.bandPad + down * SLOT - CARD.gapY + CARD.bandBottom };
        bands.push({ key: SIDE_BAND, label: bandLabel(SIDE_BAND), y: top, height: side.height });
        let sx = 0;
        for (const key of sideColumns) {
            const w = across(key, [SIDE_BAND]) * PITCH - CARD.gapX;
            columns.push({ key, x: sx, width: w, side: true });
            sx += w + CARD.columnGap;
        }
        width = Math.max(width, sx - CARD.columnGap);
        y = top + side.height;
    } else {
        y -= CARD.bandGap;
    }

    const columnX = new Map(columns.map((c) => [`${c.side}\u0000${c.key}`, c.x]));
    const bandY = new Map(bands.map((b) => [b.key, b.y]));
    const cards = new Map<string, CardBox>();
    const groups: LayoutGroup[] = [];
    for (const [key, cell] of cells) {
        const packing = packings.get(key)!;
        const left = columnX.get(`${cell.band === SIDE_BAND}\u0000${cell.column}`)!;
        const top = bandY.get(cell.band)! + CARD.bandPad;
        cell.units.forEach((unit, i) => {
            const cx = left + packing.column[i] * PITCH;
            const cy = top + packing.slot[i] * SLOT;
            unit.members.forEach((id, j) => {
                const inset = j === 0 ? 0 : CARD.indent;
                cards.set(id, {
                    x: cx + inset + (CARD.width - inset) / 2,
                    y: cy + j * SLOT + CARD.height / 2,
                    width: CARD.width - inset,
                    height: CARD.height,
                });
            });
            if (unit.members.length > 1) {
                const pad = CARD.gapY / 2 - 2;
                groups.push({
                    id: unit.members[0],
                    x: cx - pad,
                    y: cy - pad,
                    width: CARD.width + 2 * pad,
                    height: unit.members.length * SLOT - CARD.gapY + 2 * pad,
                });
            }
        });
    }
    return { cards, columns, bands, groups, side, width: Math.max(width, CARD.width), height: Math.max(y, CARD.height), engine: 'sweep' };
}

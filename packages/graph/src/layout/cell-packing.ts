// Packing the units of one cell (column × band) into slots: each unit in order goes to the sub-column that is least
// full, so single cards fill row by row (their order reads top to bottom) and a bet with its experiments stays whole.

export interface Packing {
    /** Per unit: its sub-column and its first slot. */
    column: number[];
    slot: number[];
    /** Sub-columns used and slots in the fullest. */
    across: number;
    height: number;
}

export function packCell(units: ReadonlyArray<{ members: readonly string[] }>, rows: number): Packing {
    const biggest = Math.max(1, ...units.map((u) => u.members.length));
    const total = units.reduce((sum, u) => sum + u.members.length, 0);
    const across = Math.max(1, Math.ceil(total / Math.max(rows, biggest)));
    const fill = new Array<number>(across).fill(0);
    const column: number[] = [];
    const slot: number[] = [];
    for (const unit of units) {
        let best = 0;
        for (let c = 1; c < across; c++) if (fill[c] < fill[best]) best = c;
        column.push(best);
        slot.push(fill[best]);
        fill[best] += unit.members.length;
    }
    return { column, slot, across, height: Math.max(0, ...fill) };
}

// Where elements go when a new version of the model arrives: every surviving element stays where it was (so an edit
// never reshuffles the picture), and a new one goes next to its parent or a linked element, at the offset a fresh
// layout would give it, moved down to the first free slot.
import type { FlowLayout } from 'pom-language/export';
import type { GraphData } from './graph-data.js';

/** Grid step when looking for a free place for a new element. */
const SLOT = 26;

/** Positions `next`'s nodes from `previous`'s; `fresh` is a flow layout of the new model. */
export function keepPositions(next: GraphData, previous: GraphData, fresh: FlowLayout): void {
    const taken = new Set<string>();
    const slot = (x: number, y: number) => `${Math.round(x / SLOT)},${Math.round(y / SLOT)}`;
    const placed = new Set<string>();
    for (const node of next.nodes) {
        const old = previous.byId.get(node.id);
        if (!old) continue;
        node.x = old.x;
        node.y = old.y;
        taken.add(slot(node.x, node.y));
        placed.add(node.id);
    }
    for (const node of next.nodes) {
        if (placed.has(node.id)) continue;
        const own = fresh.positions.get(node.id)!;
        const parent = node.element.parent;
        const neighbours = [...next.edgesIn(node.id).map((e) => e.source.id), ...next.edgesOut(node.id).map((e) => e.target.id)];
        const ref = [parent, ...neighbours].find((id): id is string => id !== null && placed.has(id));
        let x = own.x;
        let y = own.y;
        if (ref) {
            const r = next.byId.get(ref)!;
            const f = fresh.positions.get(ref)!;
            x = r.x + (own.x - f.x);
            y = r.y + (own.y - f.y);
        }
        for (let tries = 0; taken.has(slot(x, y)) && tries < 200; tries++) y += SLOT;
        node.x = x;
        node.y = y;
        taken.add(slot(x, y));
        placed.add(node.id);
    }
}

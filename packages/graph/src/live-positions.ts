// Where elements go when a new version of the model arrives: every surviving element stays where it was (so an edit
// never reshuffles the picture), and a new one goes next to its parent or a linked element, at the offset a fresh
// layout gives it, moved down (then right) to the first place where its card overlaps no other.
import type { GraphData, GraphNode } from './graph-data.js';
import type { StageLayout } from './layout/layout-types.js';
import { CARD, SLOT } from './layout/stage-layout.js';

/** Positions `next`'s nodes from `previous`'s; `fresh` is a layout of the new model. */
export function keepPositions(next: GraphData, previous: GraphData, fresh: StageLayout): void {
    const placed: GraphNode[] = [];
    const done = new Set<string>();
    for (const node of next.nodes) {
        const old = previous.byId.get(node.id);
        if (!old) continue;
        Object.assign(node, { x: old.x, y: old.y, width: old.width, height: old.height });
        placed.push(node);
        done.add(node.id);
    }
    const overlaps = (node: GraphNode) =>
        placed.some(
            (o) =>
                Math.abs(o.x - node.x) * 2 < o.width + node.width + CARD.gapX &&
                Math.abs(o.y - node.y) * 2 < o.height + node.height + CARD.gapY,
        );
    for (const node of next.nodes) {
        if (done.has(node.id)) continue;
        const own = fresh.cards.get(node.id);
        if (!own) continue;
        const parent = node.element.parent;
        const neighbours = [...next.edgesIn(node.id).map((e) => e.source.id), ...next.edgesOut(node.id).map((e) => e.target.id)];
        const ref = [parent, ...neighbours].find((id): id is string => id !== null && done.has(id) && fresh.cards.has(id));
        Object.assign(node, { x: own.x, y: own.y, width: own.width, height: own.height });
        if (ref) {
            const r = next.byId.get(ref)!;
            const f = fresh.cards.get(ref)!;
            node.x = r.x + (own.x - f.x);
            node.y = r.y + (own.y - f.y);
        }
        const startY = node.y;
        for (let tries = 0; overlaps(node) && tries < 400; tries++) {
            node.y += SLOT;
            // Twenty slots down without room: try the next sub-column.
            if (tries % 20 === 19) {
                node.y = startY;
                node.x += CARD.width + CARD.gapX;
            }
        }
        placed.push(node);
        done.add(node.id);
    }
}

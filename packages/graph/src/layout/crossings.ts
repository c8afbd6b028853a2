// Counting edge crossings of a laid-out picture, for choosing between orderings and for the benchmark. Each edge is
// taken as the straight segment from the right side of its source card to the left side of its target (the curves
// drawn have the same ends and cross where the segments do, give or take a few near-parallel pairs).
import type { CardBox, LayoutEdge } from './layout-types.js';

interface Segment {
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    a: string;
    b: string;
}

export function edgeSegment(s: CardBox, t: CardBox): { x0: number; y0: number; x1: number; y1: number } {
    const forward = t.x >= s.x;
    return forward
        ? { x0: s.x + s.width / 2, y0: s.y, x1: t.x - t.width / 2, y1: t.y }
        : { x0: s.x - s.width / 2, y0: s.y, x1: t.x + t.width / 2, y1: t.y };
}

/** Crossings among the given edges (those with both ends placed); pairs that share an end never count. */
export function countCrossings(cards: Map<string, CardBox>, edges: readonly LayoutEdge[]): number {
    const segments: Segment[] = [];
    for (const e of edges) {
        const s = cards.get(e.source);
        const t = cards.get(e.target);
        if (!s || !t || e.source === e.target) continue;
        const g = edgeSegment(s, t);
        segments.push(
            g.x0 <= g.x1 ? { ...g, a: e.source, b: e.target } : { x0: g.x1, y0: g.y1, x1: g.x0, y1: g.y0, a: e.source, b: e.target },
        );
    }
    // Sweep along x: only segments whose x ranges overlap can cross.
    segments.sort((p, q) => p.x0 - q.x0);
    let count = 0;
    const active: Segment[] = [];
    for (const seg of segments) {
        let w = 0;
        for (const other of active) {
            if (other.x1 < seg.x0) continue;
            active[w++] = other;
            if (other.a === seg.a || other.a === seg.b || other.b === seg.a || other.b === seg.b) continue;
            if (intersects(seg, other)) count++;
        }
        active.length = w;
        active.push(seg);
    }
    return count;
}

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
    const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    return v > 1e-9 ? 1 : v < -1e-9 ? -1 : 0;
}

function intersects(p: Segment, q: Segment): boolean {
    const o1 = orientation(p.x0, p.y0, p.x1, p.y1, q.x0, q.y0);
    const o2 = orientation(p.x0, p.y0, p.x1, p.y1, q.x1, q.y1);
    const o3 = orientation(q.x0, q.y0, q.x1, q.y1, p.x0, p.y0);
    const o4 = orientation(q.x0, q.y0, q.x1, q.y1, p.x1, p.y1);
    return o1 * o2 < 0 && o3 * o4 < 0;
}

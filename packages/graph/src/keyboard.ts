// Keyboard travel along the edges: right goes downstream (along the edges leaving the element), left upstream,
// up and down step through the siblings — the other ends of the edges just travelled, or else the elements of the
// same column, top to bottom. Flow edges come first; feedback, then context edges, when there are no others.
import type { GraphData, GraphEdge, GraphNode } from './graph-data.js';

export type Direction = 'right' | 'left' | 'up' | 'down';

/** Where the last right or left step came from, so up and down can cycle among its choices. */
export interface Travel {
    from: string;
    choices: string[];
}

export function travel(
    data: GraphData,
    current: GraphNode,
    direction: Direction,
    shown: (id: string) => boolean,
    last: Travel | null,
): { next: GraphNode; travel: Travel | null } | undefined {
    if (direction === 'right' || direction === 'left') {
        const edges = direction === 'right' ? data.edgesOut(current.id) : data.edgesIn(current.id);
        const far = (e: GraphEdge) => (direction === 'right' ? e.target : e.source);
        const candidates = preferred(edges.filter((e) => far(e).id !== current.id && shown(far(e).id)));
        const choices = [...new Set(candidates.map((e) => far(e)))].sort((a, b) => a.y - b.y || a.x - b.x);
        if (choices.length === 0) return undefined;
        const next = choices.reduce((best, n) => (Math.abs(n.y - current.y) < Math.abs(best.y - current.y) ? n : best));
        return { next, travel: { from: current.id, choices: choices.map((n) => n.id) } };
    }
    const step = direction === 'down' ? 1 : -1;
    if (last && last.choices.length > 1 && last.choices.includes(current.id)) {
        const choices = last.choices.filter(shown);
        const i = choices.indexOf(current.id);
        const next = data.byId.get(choices[(i + step + choices.length) % choices.length]);
        return next ? { next, travel: last } : undefined;
    }
    const column = data.nodes.filter((n) => n.column === current.column && shown(n.id)).sort((a, b) => a.y - b.y || a.x - b.x);
    const i = column.indexOf(current);
    if (column.length < 2) return undefined;
    return { next: column[(i + step + column.length) % column.length], travel: null };
}

function preferred(edges: GraphEdge[]): GraphEdge[] {
    for (const kind of ['flow', 'feedback', 'context'] as const) {
        const of = edges.filter((e) => e.kind === kind);
        if (of.length > 0) return of;
    }
    return [];
}

// The force layout: d3-force from the current positions, with a weak pull of each stage toward its column so the
// flow still reads left to right. It runs a fixed number of ticks in slices of a few milliseconds between frames,
// so even ten thousand elements never freeze the page, and reports progress so the view can redraw.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type Simulation } from 'd3';
import type { GraphData, GraphEdge, GraphNode } from './graph-data.js';
import type { StageLayout } from './layout/layout-types.js';

/** Ticks to a settled layout; fewer past the large-model size, where each costs more and matters less. */
export const FORCE_TICKS = 300;
const LARGE_TICKS = 150;
/** Ticks run in slices this long, so input and painting get their turn between them. */
const SLICE_MS = 24;

export interface ForceRun {
    cancel(): void;
}

export interface ForceCallbacks {
    /** After each slice; `done` once the layout has settled. */
    progress(done: boolean): void;
}

/**
 * Lays the nodes out by force. `anchor` gives the point each node is pulled toward, weakly (the centre of its cell
 * in the flow layout), so the picture keeps its reading order without being a grid.
 */
export function runForce(data: GraphData, anchor: (node: GraphNode) => { x: number; y: number }, callbacks: ForceCallbacks): ForceRun {
    const n = data.nodes.length;
    const total = n > 3000 ? LARGE_TICKS : FORCE_TICKS;
    const links = data.edges.map((e) => ({ source: e.source, target: e.target, edge: e }));
    const simulation: Simulation<GraphNode, undefined> = forceSimulation<GraphNode>(data.nodes)
        .alphaDecay(1 - 0.001 ** (1 / total))
        .force(
            'link',
            forceLink<GraphNode, { source: GraphNode; target: GraphNode; edge: GraphEdge }>(links)
                .distance((l) => (l.edge.kind === 'context' ? 320 : 240))
                .strength((l) => (l.edge.kind === 'context' ? 0.05 : 0.4)),
        )
        .force(
            'charge',
            forceManyBody<GraphNode>()
                .strength(n > 3000 ? -25 : -60)
                .distanceMax(400)
                .theta(n > 3000 ? 1.2 : 0.9),
        )
        .force('x', forceX<GraphNode>((d) => anchor(d).x).strength(0.08))
        .force('y', forceY<GraphNode>((d) => anchor(d).y).strength(0.02))
        .stop();
    // Cards are wide: a generous collision radius keeps most of them apart.
    if (n <= 3000) simulation.force('collide', forceCollide<GraphNode>(70).iterations(1));

    let ticks = 0;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
        if (cancelled) return;
        const start = performance.now();
        while (ticks < total && performance.now() - start < SLICE_MS) {
            simulation.tick();
            ticks++;
        }
        const done = ticks >= total;
        callbacks.progress(done);
        if (!done) timer = setTimeout(slice, 0);
    };
    timer = setTimeout(slice, 0);
    return {
        cancel() {
            cancelled = true;
            if (timer !== undefined) clearTimeout(timer);
            simulation.stop();
        },
    };
}

/** Where each node is pulled to: its place in the stage layout. */
export function flowAnchors(layout: StageLayout): (node: GraphNode) => { x: number; y: number } {
    return (node) => layout.cards.get(node.id) ?? node;
}

// Measures the layered layout engines on one compiled model, in Node: the stage × horizon sweeps the graph view
// uses, elkjs (layered, stage columns as partitions), d3-dag (sugiyama: simplex layering ranked by stage, two-layer
// decrossing, greedy coordinates), and the picture before (points in the old flow layout). Crossings are counted
// on the flow edges, with the same card size for every engine. Bundled and run by layout-bench.js.
import { coordGreedy, decrossTwoLayer, graphStratify, layeringSimplex, sugiyama } from 'd3-dag';
import ELK from 'elkjs/lib/elk.bundled.js';
import { FLOW_COLUMNS, flowLayout } from 'pom-language/export';
import type { CompiledModel } from 'pom-language/model';
import { countCrossings } from '../../packages/graph/src/layout/crossings.js';
import { elkOrder } from '../../packages/graph/src/layout/elk-order.js';
import type { CardBox, LayoutEdge } from '../../packages/graph/src/layout/layout-types.js';
import { layoutInput } from '../../packages/graph/src/layout/layout-types.js';
import { CARD, stageLayout } from '../../packages/graph/src/layout/stage-layout.js';

export interface EngineFigure {
    engine: string;
    ms: number | null;
    crossings: number | null;
    note?: string;
}

const box = (x: number, y: number): CardBox => ({ x, y, width: CARD.width, height: CARD.height });

export async function measureEngines(model: CompiledModel, options: { elk: boolean; dag: boolean }): Promise<EngineFigure[]> {
    const input = layoutInput(model);
    const flowEdges = input.edges.filter((e) => e.kind === 'flow');
    const flowNodes = input.nodes.filter((n) => FLOW_COLUMNS.includes(n.column));
    const out: EngineFigure[] = [];

    let start = performance.now();
    const old = flowLayout(model);
    const oldMs = performance.now() - start;
    const points = new Map([...old.positions].map(([id, p]) => [id, { x: p.x, y: p.y, width: 0, height: 0 }]));
    out.push({ engine: 'old flow layout (points)', ms: oldMs, crossings: countCrossings(points, flowEdges) });

    start = performance.now();
    const fast = stageLayout(input);
    out.push({ engine: 'stage × horizon sweeps', ms: performance.now() - start, crossings: countCrossings(fast.cards, flowEdges) });

    if (options.elk) {
        start = performance.now();
        const elk = new ELK();
        const graph = await elk.layout({
            id: 'root',
            layoutOptions: {
                'elk.algorithm': 'layered',
                'elk.direction': 'RIGHT',
                'elk.partitioning.activate': 'true',
                'elk.layered.spacing.nodeNodeBetweenLayers': String(CARD.columnGap),
                'elk.spacing.nodeNode': String(CARD.gapY),
            },
            children: flowNodes.map((n) => ({
                id: n.id,
                width: CARD.width,
                height: CARD.height,
                layoutOptions: { 'elk.partitioning.partition': String(FLOW_COLUMNS.indexOf(n.column)) },
            })),
            edges: flowEdges
                .filter((e) => e.source !== e.target)
                .map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
        });
        const ms = performance.now() - start;
        const cards = new Map((graph.children ?? []).map((c) => [c.id, box((c.x ?? 0) + CARD.width / 2, (c.y ?? 0) + CARD.height / 2)]));
        out.push({ engine: 'elkjs layered, partitions', ms, crossings: countCrossings(cards, flowEdges) });

        start = performance.now();
        const refined = await elkOrder(input, elk);
        out.push({
            engine: 'stage × horizon, ordered by elkjs',
            ms: performance.now() - start,
            crossings: countCrossings(refined.cards, flowEdges),
        });
    }

    if (options.dag) {
        start = performance.now();
        try {
            const parents = new Map<string, string[]>(flowNodes.map((n) => [n.id, []]));
            for (const e of flowEdges) if (parents.has(e.source) && e.source !== e.target) parents.get(e.target)?.push(e.source);
            const stage = new Map(flowNodes.map((n) => [n.id, FLOW_COLUMNS.indexOf(n.column)]));
            const dag = graphStratify()(flowNodes.map((n) => ({ id: n.id, parentIds: [...new Set(parents.get(n.id))] })));
            sugiyama()
                .layering(layeringSimplex().rank((node: { data: { id: string } }) => stage.get(node.data.id)))
                .decross(decrossTwoLayer())
                .coord(coordGreedy())
                .nodeSize([CARD.height, CARD.width])
                .gap([CARD.gapY, CARD.columnGap])(dag);
            const cards = new Map<string, CardBox>();
            // d3-dag lays layers out top to bottom: its y is our x.
            for (const node of dag.nodes()) cards.set(node.data.id, box(node.y, node.x));
            out.push({ engine: 'd3-dag sugiyama', ms: performance.now() - start, crossings: countCrossings(cards, flowEdges) });
        } catch (error) {
            out.push({
                engine: 'd3-dag sugiyama',
                ms: null,
                crossings: null,
                note: error instanceof Error ? error.message : String(error),
            });
        }
    }
    return out;
}

export type { LayoutEdge };

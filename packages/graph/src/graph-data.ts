// What the view draws, derived once from a compiled model: a node per element and an edge per link, each edge
// pointing the way value goes, with the lookups that hovering, filtering and keyboard travel need.
import { type EdgeKind, edgeEnds, edgeKind, elementBand, elementColumn, elementLabel } from 'pom-language/export';
import { type CompiledElement, type CompiledLink, type CompiledModel, ModelGraph } from 'pom-language/model';
import { CARD } from './layout/stage-layout.js';

export interface GraphNode {
    id: string;
    element: CompiledElement;
    column: string;
    band: string;
    label: string;
    /** Centre of the card, and its size (layout units). */
    x: number;
    y: number;
    width: number;
    height: number;
    // Filled in by d3-force while it runs.
    vx?: number;
    vy?: number;
    fx?: number | null;
    fy?: number | null;
    index?: number;
}

export interface GraphEdge {
    /** The link's index in the model: its `data-link`. */
    index: number;
    link: CompiledLink;
    source: GraphNode;
    target: GraphNode;
    kind: EdgeKind;
}

export class GraphData {
    readonly nodes: GraphNode[];
    readonly byId = new Map<string, GraphNode>();
    readonly edges: GraphEdge[] = [];
    readonly lineage: ModelGraph;
    private readonly outgoing = new Map<string, GraphEdge[]>();
    private readonly incoming = new Map<string, GraphEdge[]>();

    constructor(readonly model: CompiledModel) {
        this.lineage = new ModelGraph(model);
        this.nodes = model.elements.map((element) => ({
            id: element.id,
            element,
            column: elementColumn(element),
            band: elementBand(element),
            label: elementLabel(element),
            x: 0,
            y: 0,
            width: CARD.width,
            height: CARD.height,
        }));
        for (const node of this.nodes) this.byId.set(node.id, node);
        model.links.forEach((link, index) => {
            const ends = edgeEnds(link);
            const source = this.byId.get(ends.source);
            const target = this.byId.get(ends.target);
            if (!source || !target) return;
            const edge: GraphEdge = { index, link, source, target, kind: edgeKind(link) };
            this.edges.push(edge);
            push(this.outgoing, source.id, edge);
            push(this.incoming, target.id, edge);
        });
    }

    /** Edges drawn out of the element (it is their source). */
    edgesOut(id: string): GraphEdge[] {
        return this.outgoing.get(id) ?? [];
    }

    edgesIn(id: string): GraphEdge[] {
        return this.incoming.get(id) ?? [];
    }

    /** The element's lineage as the language package computes it: itself, upstream and downstream, no feedback. */
    lineageOf(id: string): Set<string> {
        return this.lineage.lineage(id);
    }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

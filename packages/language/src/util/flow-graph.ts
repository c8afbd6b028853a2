// The one flow graph: links between nodes, oriented by how value flows along them (insight → … → outcome), and the
// questions lineage asks of it. Generic in what a node and a link are, so the lineage index wraps it over AST
// elements and the compiled model (diff, selectors, the graph view) over element ids; no copy of the walks exists.
import { distances, pushTo, reachable, reachableFrom, stronglyConnected } from './graph-walk.js';

/**
 * Where a relation's targets sit in the flow relative to the element stating it: `upstream` targets flow into it,
 * `downstream` targets receive its flow, `feedback` closes a learning loop, `none` is context, not lineage.
 */
export type Flow = 'upstream' | 'downstream' | 'feedback' | 'none';

export interface FlowLink {
    readonly flow: Flow;
}

export interface FlowQueryOptions {
    /** Follow `feedback` links (learning loops) too; off by default so lineage stays a forward flow. */
    feedback?: boolean;
    /** Stop after this many steps. */
    depth?: number;
}

/** How to read a link: the node that states it (`from`), the node it points at (`to`), and so its flow's two ends. */
export interface LinkEnds<N, L extends FlowLink> {
    readonly from: (link: L) => N;
    readonly to: (link: L) => N;
    /** Where the value flows from along the link: its upstream end. */
    readonly flowSource: (link: L) => N;
    /** Where the value flows to along the link: its downstream end. */
    readonly flowTarget: (link: L) => N;
}

export function linkEnds<N, L extends FlowLink>({ from, to }: Pick<LinkEnds<N, L>, 'from' | 'to'>): LinkEnds<N, L> {
    return {
        from,
        to,
        flowSource: (link) => (link.flow === 'downstream' ? from(link) : to(link)),
        flowTarget: (link) => (link.flow === 'downstream' ? to(link) : from(link)),
    };
}

export class FlowGraph<N, L extends FlowLink> {
    readonly links: L[] = [];
    /** Links by the node that states them. */
    readonly outgoing = new Map<N, L[]>();
    /** Links by the node they point at. */
    readonly incoming = new Map<N, L[]>();
    /** Links by either end, a link to itself once. */
    private readonly touching = new Map<N, L[]>();
    /** Flow links by their upstream end. */
    private readonly flowsOut = new Map<N, L[]>();
    /** Flow links by their downstream end. */
    private readonly flowsIn = new Map<N, L[]>();

    constructor(private readonly ends: LinkEnds<N, L>) {}

    addLink(link: L): void {
        const [from, to] = [this.ends.from(link), this.ends.to(link)];
        this.links.push(link);
        pushTo(this.outgoing, from, link);
        pushTo(this.incoming, to, link);
        pushTo(this.touching, from, link);
        if (to !== from) pushTo(this.touching, to, link);
        if (link.flow !== 'none') {
            pushTo(this.flowsOut, this.ends.flowSource(link), link);
            pushTo(this.flowsIn, this.ends.flowTarget(link), link);
        }
    }

    /** Every link that starts or ends at the node, flow or not. */
    linksOf(node: N): L[] {
        return this.touching.get(node) ?? [];
    }

    /** Whether any link, flow or not, starts or ends at the node. */
    isLinked(node: N): boolean {
        return this.linksOf(node).length > 0;
    }

    /** Flow links into the node (its direct upstream). */
    upstreamLinks(node: N, options: FlowQueryOptions = {}): L[] {
        return (this.flowsIn.get(node) ?? []).filter((l) => options.feedback || l.flow !== 'feedback');
    }

    /** Flow links out of the node (its direct downstream). */
    downstreamLinks(node: N, options: FlowQueryOptions = {}): L[] {
        return (this.flowsOut.get(node) ?? []).filter((l) => options.feedback || l.flow !== 'feedback');
    }

    /** Everything that flows into the node, transitively; the node itself is not included. */
    upstream(node: N, options: FlowQueryOptions = {}): Set<N> {
        return reachable(node, this.step('up', options), options.depth);
    }

    /** Everything the node flows into, transitively; the node itself is not included. */
    downstream(node: N, options: FlowQueryOptions = {}): Set<N> {
        return reachable(node, this.step('down', options), options.depth);
    }

    /** The node, its upstream and its downstream: what a selection highlights. */
    lineage(node: N, options: FlowQueryOptions = {}): Set<N> {
        return new Set([node, ...this.upstream(node, options), ...this.downstream(node, options)]);
    }

    /** Everything upstream (`up`) or downstream of the node with its distance in steps, nearest first. */
    distances(node: N, direction: 'up' | 'down', options: FlowQueryOptions = {}): Map<N, number> {
        return distances(node, this.step(direction, options), options.depth);
    }

    /**
     * The nodes that have one of `seeds` upstream (`direction: 'up'`) or downstream: one pass answers the question
     * for every node at once. A seed counts only when another seed reaches it.
     */
    reaching(seeds: readonly N[], direction: 'up' | 'down'): Set<N> {
        return reachableFrom(seeds, this.step(direction === 'up' ? 'down' : 'up', {}));
    }

    /** Strongly connected groups of two or more of `nodes` (or a self-loop) along flow links, feedback excluded. */
    cycles(nodes: N[]): N[][] {
        return stronglyConnected(nodes, this.step('down', {}));
    }

    /** One step up or down the flow from a node. */
    private step(direction: 'up' | 'down', options: FlowQueryOptions): (node: N) => N[] {
        return direction === 'up'
            ? (node) => this.upstreamLinks(node, options).map(this.ends.flowSource)
            : (node) => this.downstreamLinks(node, options).map(this.ends.flowTarget);
    }
}

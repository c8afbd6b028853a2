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
    // The indexes below are built from `links` when first asked for (a build of the workspace asks for some of them
    // only), and dropped when a link is added.
    private outgoingIndex: Map<N, L[]> | undefined;
    private incomingIndex: Map<N, L[]> | undefined;
    private touchingIndex: Map<N, L[]> | undefined;
    private flowsOutIndex: Map<N, L[]> | undefined;
    private flowsInIndex: Map<N, L[]> | undefined;
    private linkedIndex: Set<N> | undefined;

    constructor(private readonly ends: LinkEnds<N, L>) {}

    addLink(link: L): void {
        this.links.push(link);
        this.outgoingIndex = this.incomingIndex = this.touchingIndex = this.flowsOutIndex = this.flowsInIndex = undefined;
        this.linkedIndex = undefined;
    }

    /** Links by the node that states them. */
    get outgoing(): Map<N, L[]> {
        this.outgoingIndex ??= this.indexBy((link, add) => add(this.ends.from(link)));
        return this.outgoingIndex;
    }

    /** Links by the node they point at. */
    get incoming(): Map<N, L[]> {
        this.incomingIndex ??= this.indexBy((link, add) => add(this.ends.to(link)));
        return this.incomingIndex;
    }

    /** Every link that starts or ends at the node, flow or not. */
    linksOf(node: N): L[] {
        this.touchingIndex ??= this.indexBy((link, add) => {
            const [from, to] = [this.ends.from(link), this.ends.to(link)];
            add(from);
            if (to !== from) add(to);
        });
        return this.touchingIndex.get(node) ?? [];
    }

    /** Whether any link, flow or not, starts or ends at the node. */
    isLinked(node: N): boolean {
        if (!this.linkedIndex) {
            this.linkedIndex = new Set();
            for (const link of this.links) this.linkedIndex.add(this.ends.from(link)).add(this.ends.to(link));
        }
        return this.linkedIndex.has(node);
    }

    /** Flow links by their upstream end. */
    private get flowsOut(): Map<N, L[]> {
        this.flowsOutIndex ??= this.indexBy((link, add) => {
            if (link.flow !== 'none') add(this.ends.flowSource(link));
        });
        return this.flowsOutIndex;
    }

    /** Flow links by their downstream end. */
    private get flowsIn(): Map<N, L[]> {
        this.flowsInIndex ??= this.indexBy((link, add) => {
            if (link.flow !== 'none') add(this.ends.flowTarget(link));
        });
        return this.flowsInIndex;
    }

    /** The links by node, in the order they were added, under the nodes `keys` files each link under. */
    private indexBy(keys: (link: L, add: (node: N) => void) => void): Map<N, L[]> {
        const index = new Map<N, L[]>();
        let current: L;
        const add = (node: N) => pushTo(index, node, current);
        for (const link of this.links) {
            current = link;
            keys(link, add);
        }
        return index;
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

    /** One step up or down the flow from a node (one array a step: the walks take millions on large models). */
    private step(direction: 'up' | 'down', options: FlowQueryOptions): (node: N) => N[] {
        const [links, end] = direction === 'up' ? [this.flowsIn, this.ends.flowSource] : [this.flowsOut, this.ends.flowTarget];
        const feedback = options.feedback === true;
        return (node) => {
            const next: N[] = [];
            for (const link of links.get(node) ?? []) if (feedback || link.flow !== 'feedback') next.push(end(link));
            return next;
        };
    }
}

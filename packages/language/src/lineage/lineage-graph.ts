// The lineage graph of one workspace build: every element, every link (declared or implied), and the flow
// orientation insight → … → outcome. Built by the lineage index; read by validators, the compiler and the LSP.
import type { LangiumDocument } from 'langium';
import type { Element, Entry, RefValue, RelationDecl } from '../generated/ast.js';
import type { Flow } from '../model/kind-system.js';
import type { Stage } from '../model/stages.js';
import { pushTo, reachable, reachableFrom } from '../util/graph-walk.js';

export interface LineageNode {
    readonly element: Element;
    /** Qualified name. */
    readonly id: string;
    readonly stage: Stage | undefined;
    readonly document: LangiumDocument;
}

export interface LineageLink {
    /** The element that states the relation. */
    readonly source: Element;
    readonly target: Element;
    readonly relation: RelationDecl;
    readonly flow: Flow;
    /** True for `for` implied by nesting an execution element in a bet. */
    readonly implied: boolean;
    readonly entry?: Entry;
    readonly value?: RefValue;
}

export interface LineageQueryOptions {
    /** Follow `feedback` links (learning loops) too; off by default so lineage stays a forward flow. */
    feedback?: boolean;
    /** Stop after this many steps. */
    depth?: number;
}

/** Where the value flows from along a link: the upstream end. */
export function flowSource(link: LineageLink): Element {
    return link.flow === 'downstream' ? link.source : link.target;
}

/** Where the value flows to along a link: the downstream end. */
export function flowTarget(link: LineageLink): Element {
    return link.flow === 'downstream' ? link.target : link.source;
}

export class LineageGraph {
    readonly nodes = new Map<Element, LineageNode>();
    readonly links: LineageLink[] = [];
    /** Links by the element that states them. */
    readonly outgoing = new Map<Element, LineageLink[]>();
    /** Links by the element they point at. */
    readonly incoming = new Map<Element, LineageLink[]>();
    /** Flow links by their upstream end. */
    private readonly flowsOut = new Map<Element, LineageLink[]>();
    /** Flow links by their downstream end. */
    private readonly flowsIn = new Map<Element, LineageLink[]>();
    private readonly byId = new Map<string, Element[]>();
    private memo = new Map<string, unknown>();

    addNode(node: LineageNode): void {
        this.nodes.set(node.element, node);
        const list = this.byId.get(node.id);
        if (list) list.push(node.element);
        else this.byId.set(node.id, [node.element]);
    }

    addLink(link: LineageLink): void {
        this.links.push(link);
        pushTo(this.outgoing, link.source, link);
        pushTo(this.incoming, link.target, link);
        if (link.flow !== 'none') {
            pushTo(this.flowsOut, flowSource(link), link);
            pushTo(this.flowsIn, flowTarget(link), link);
        }
    }

    node(element: Element): LineageNode | undefined {
        return this.nodes.get(element);
    }

    find(id: string): Element[] {
        return this.byId.get(id) ?? [];
    }

    ids(): Map<string, Element[]> {
        return this.byId;
    }

    /** Flow links into the element (its direct upstream). */
    upstreamLinks(element: Element, options: LineageQueryOptions = {}): LineageLink[] {
        return (this.flowsIn.get(element) ?? []).filter((l) => options.feedback || l.flow !== 'feedback');
    }

    /** Flow links out of the element (its direct downstream). */
    downstreamLinks(element: Element, options: LineageQueryOptions = {}): LineageLink[] {
        return (this.flowsOut.get(element) ?? []).filter((l) => options.feedback || l.flow !== 'feedback');
    }

    /** Everything that flows into the element, transitively; the element itself is not included. */
    upstream(element: Element, options: LineageQueryOptions = {}): Set<Element> {
        return reachable(element, (e) => this.upstreamLinks(e, options).map(flowSource), options.depth);
    }

    /** Everything the element flows into, transitively; the element itself is not included. */
    downstream(element: Element, options: LineageQueryOptions = {}): Set<Element> {
        return reachable(element, (e) => this.downstreamLinks(e, options).map(flowTarget), options.depth);
    }

    /** Whether any link, flow or not, starts or ends at the element. */
    isLinked(element: Element): boolean {
        return (this.outgoing.get(element)?.length ?? 0) + (this.incoming.get(element)?.length ?? 0) > 0;
    }

    /**
     * The elements that have some element of the given stages upstream (`direction: 'up'`) or downstream.
     * One pass over the graph answers the question for every element at once.
     */
    reaching(stages: readonly Stage[], direction: 'up' | 'down'): Set<Element> {
        return this.memoize(`reach:${direction}:${stages.join(',')}`, () => {
            const seeds = [...this.nodes.values()].filter((n) => n.stage && stages.includes(n.stage)).map((n) => n.element);
            const next =
                direction === 'up'
                    ? (e: Element) => this.downstreamLinks(e).map(flowTarget)
                    : (e: Element) => this.upstreamLinks(e).map(flowSource);
            return reachableFrom(seeds, next);
        });
    }

    /** Strongly connected groups of two or more elements (or a self-loop) along flow links, feedback excluded. */
    cycles(): Element[][] {
        return this.memoize('cycles', () => stronglyConnected([...this.nodes.keys()], (e) => this.downstreamLinks(e).map(flowTarget)));
    }

    private memoize<T>(key: string, compute: () => T): T {
        if (!this.memo.has(key)) this.memo.set(key, compute());
        return this.memo.get(key) as T;
    }
}

/** Tarjan's algorithm, iterative so that a 100,000-element chain cannot overflow the stack. */
export function stronglyConnected<T>(nodes: T[], next: (node: T) => T[]): T[][] {
    const index = new Map<T, number>();
    const low = new Map<T, number>();
    const onStack = new Set<T>();
    const stack: T[] = [];
    const groups: T[][] = [];
    let counter = 0;
    for (const root of nodes) {
        if (index.has(root)) continue;
        const work: Array<{ node: T; successors: T[]; i: number }> = [];
        const enter = (node: T) => {
            index.set(node, counter);
            low.set(node, counter);
            counter++;
            stack.push(node);
            onStack.add(node);
            work.push({ node, successors: next(node), i: 0 });
        };
        enter(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            if (frame.i < frame.successors.length) {
                const successor = frame.successors[frame.i++];
                if (!index.has(successor)) enter(successor);
                else if (onStack.has(successor)) {
                    low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(successor) as number));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent) as number, low.get(frame.node) as number));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const group: T[] = [];
                let member: T;
                do {
                    member = stack.pop() as T;
                    onStack.delete(member);
                    group.push(member);
                } while (member !== frame.node);
                if (group.length > 1 || next(frame.node).includes(frame.node)) groups.push(group.reverse());
            }
        }
    }
    return groups;
}

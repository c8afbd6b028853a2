// The lineage graph of one workspace build: every element, every link (declared or implied), and the flow
// orientation insight → … → outcome. Built by the lineage index; read by validators, the compiler and the LSP.
import type { LangiumDocument } from 'langium';
import type { Element, Entry, RefValue, RelationDecl } from '../generated/ast.js';
import type { Stage } from '../model/stages.js';
import { type Flow, FlowGraph, linkEnds } from '../util/flow-graph.js';

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

/** A lineage link is stated at its `source` and points at its `target`. */
const ENDS = linkEnds({ from: (link: LineageLink) => link.source, to: (link: LineageLink) => link.target });

/** Where the value flows from along a link: the upstream end. */
export const flowSource = ENDS.flowSource;
/** Where the value flows to along a link: the downstream end. */
export const flowTarget = ENDS.flowTarget;

export class LineageGraph extends FlowGraph<Element, LineageLink> {
    readonly nodes = new Map<Element, LineageNode>();
    private readonly byId = new Map<string, Element[]>();
    private memo = new Map<string, unknown>();

    constructor() {
        super(ENDS);
    }

    addNode(node: LineageNode): void {
        this.nodes.set(node.element, node);
        const list = this.byId.get(node.id);
        if (list) list.push(node.element);
        else this.byId.set(node.id, [node.element]);
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

    /** The elements that have some element of the given stages upstream (`direction: 'up'`) or downstream. */
    reachingStages(stages: readonly Stage[], direction: 'up' | 'down'): Membership<Element> {
        return this.memoize(`reach:${direction}:${stages.join(',')}`, () => {
            const flow = this.denseFlow();
            const seeds: number[] = [];
            for (const node of this.nodes.values()) {
                if (node.stage && stages.includes(node.stage)) seeds.push(flow.number.get(node.element) as number);
            }
            // What has a seed upstream is what a seed reaches going down, and the other way round.
            const reached = reachableFromDense(seeds, direction === 'up' ? flow.down : flow.up, flow.elements.length);
            return { has: (element) => reached[flow.number.get(element) ?? -1] === 1 };
        });
    }

    /** Strongly connected groups of two or more elements (or a self-loop) along flow links, feedback excluded. */
    flowCycles(): Element[][] {
        return this.memoize('cycles', () => {
            const flow = this.denseFlow();
            return stronglyConnectedDense(flow.down, this.nodes.size).map((group) => group.map((n) => flow.elements[n]));
        });
    }

    /**
     * The flow links, feedback excluded, as numbered adjacency lists both ways: on a 100,000-element model the walks
     * above took a tenth of `pom validate` through maps and sets keyed by AST nodes; they give the same answers, in the
     * same order, as `FlowGraph.reaching` and `FlowGraph.cycles` (nodes in the order they were added, each node's
     * neighbours in the order of its links).
     */
    private denseFlow(): DenseFlow {
        return this.memoize('dense', () => {
            const number = new Map<Element, number>();
            const elements: Element[] = [];
            const numberOf = (element: Element): number => {
                let n = number.get(element);
                if (n === undefined) {
                    n = elements.push(element) - 1;
                    number.set(element, n);
                }
                return n;
            };
            for (const element of this.nodes.keys()) numberOf(element);
            const from: number[] = [];
            const to: number[] = [];
            for (const link of this.links) {
                if (link.flow === 'none' || link.flow === 'feedback') continue;
                from.push(numberOf(flowSource(link)));
                to.push(numberOf(flowTarget(link)));
            }
            return { number, elements, down: adjacency(from, to, elements.length), up: adjacency(to, from, elements.length) };
        });
    }

    private memoize<T>(key: string, compute: () => T): T {
        if (!this.memo.has(key)) this.memo.set(key, compute());
        return this.memo.get(key) as T;
    }
}

/** What a set answers, and all the flow walks need. */
export interface Membership<T> {
    has(item: T): boolean;
}

/** Each node's neighbours: `next[start[n]]` up to `next[start[n + 1]]`, in the order the pairs were given. */
interface Adjacency {
    readonly start: Int32Array;
    readonly next: Int32Array;
}

interface DenseFlow {
    readonly number: Map<Element, number>;
    readonly elements: Element[];
    /** Along the flow: from each node to where its value flows. */
    readonly down: Adjacency;
    /** Against it. */
    readonly up: Adjacency;
}

function adjacency(from: readonly number[], to: readonly number[], size: number): Adjacency {
    const start = new Int32Array(size + 1);
    for (const n of from) start[n + 1]++;
    for (let n = 0; n < size; n++) start[n + 1] += start[n];
    const fill = start.slice(0, size);
    const next = new Int32Array(from.length);
    for (let i = 0; i < from.length; i++) next[fill[from[i]]++] = to[i];
    return { start, next };
}

/** 1 for every node reachable from a seed; a seed itself only when another seed reaches it (as `reachableFrom`). */
function reachableFromDense(seeds: readonly number[], { start, next }: Adjacency, size: number): Uint8Array {
    const reached = new Uint8Array(size);
    const pending = new Int32Array(size + seeds.length);
    let top = 0;
    for (const seed of seeds) pending[top++] = seed;
    while (top > 0) {
        const node = pending[--top];
        for (let i = start[node]; i < start[node + 1]; i++) {
            const n = next[i];
            if (reached[n] === 0) {
                reached[n] = 1;
                pending[top++] = n;
            }
        }
    }
    return reached;
}

/**
 * `stronglyConnected` (util/graph-walk.ts) over numbered nodes `0 … roots - 1`, in that order: the same iterative
 * Tarjan, the same groups in the same order.
 */
function stronglyConnectedDense({ start, next }: Adjacency, roots: number): number[][] {
    const size = start.length - 1;
    const index = new Int32Array(size).fill(-1);
    const low = new Int32Array(size);
    const onStack = new Uint8Array(size);
    const stack = new Int32Array(size);
    const frameNode = new Int32Array(size);
    const frameAt = new Int32Array(size);
    const groups: number[][] = [];
    let stackTop = 0;
    let counter = 0;
    for (let root = 0; root < roots; root++) {
        if (index[root] >= 0) continue;
        let frames = 0;
        const enter = (node: number) => {
            index[node] = low[node] = counter++;
            stack[stackTop++] = node;
            onStack[node] = 1;
            frameNode[frames] = node;
            frameAt[frames++] = start[node];
        };
        enter(root);
        while (frames > 0) {
            const frame = frames - 1;
            const node = frameNode[frame];
            if (frameAt[frame] < start[node + 1]) {
                const successor = next[frameAt[frame]++];
                if (index[successor] < 0) enter(successor);
                else if (onStack[successor] === 1) low[node] = Math.min(low[node], index[successor]);
                continue;
            }
            frames--;
            if (frames > 0) {
                const parent = frameNode[frames - 1];
                low[parent] = Math.min(low[parent], low[node]);
            }
            if (low[node] === index[node]) {
                const group: number[] = [];
                let member: number;
                do {
                    member = stack[--stackTop];
                    onStack[member] = 0;
                    group.push(member);
                } while (member !== node);
                if (group.length > 1 || selfLoop(node, start, next)) groups.push(group.reverse());
            }
        }
    }
    return groups;
}

function selfLoop(node: number, start: Int32Array, next: Int32Array): boolean {
    for (let i = start[node]; i < start[node + 1]; i++) if (next[i] === node) return true;
    return false;
}

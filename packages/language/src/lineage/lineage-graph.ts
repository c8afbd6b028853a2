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
    reachingStages(stages: readonly Stage[], direction: 'up' | 'down'): Set<Element> {
        return this.memoize(`reach:${direction}:${stages.join(',')}`, () => {
            const seeds = [...this.nodes.values()].filter((n) => n.stage && stages.includes(n.stage)).map((n) => n.element);
            return this.reaching(seeds, direction);
        });
    }

    /** Strongly connected groups of two or more elements (or a self-loop) along flow links, feedback excluded. */
    flowCycles(): Element[][] {
        return this.memoize('cycles', () => this.cycles([...this.nodes.keys()]));
    }

    private memoize<T>(key: string, compute: () => T): T {
        if (!this.memo.has(key)) this.memo.set(key, compute());
        return this.memo.get(key) as T;
    }
}

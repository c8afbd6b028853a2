// An element's lineage as trees, upstream and downstream, for `pom lineage`: each element's own lineage once per
// tree, so a diamond or a cycle shows its shared part once and refers to it elsewhere. Pure data over a ModelGraph.
import type { CompiledElement, CompiledLink } from '../compile/compiled-model.js';
import { linkFlowSource, linkFlowTarget, type ModelGraph } from '../compile/model-graph.js';

export type LineageDirection = 'up' | 'down' | 'both';

export interface LineageTreeNode {
    id: string;
    kind: string;
    title: string | null;
    /** The relations that link this element to its parent in the tree, as written in the model. */
    relations: string[];
    /** Shown with its own lineage elsewhere in this tree (a diamond or a cycle): not repeated here. */
    seen: boolean;
    /** The depth limit cut the tree here although the element has more lineage. */
    truncated: boolean;
    children: LineageTreeNode[];
}

export interface LineageTree {
    id: string;
    kind: string;
    title: string | null;
    /** Absent when the direction leaves it out. */
    upstream?: LineageTreeNode[];
    downstream?: LineageTreeNode[];
}

export interface LineageTreeOptions {
    direction?: LineageDirection;
    /** Levels below the element; unlimited by default. */
    depth?: number;
}

export function lineageTree(graph: ModelGraph, id: string, options: LineageTreeOptions = {}): LineageTree {
    const element = graph.elements.get(id);
    if (!element) throw new Error(`no element \`${id}\` in the model`);
    const direction = options.direction ?? 'both';
    const depth = options.depth ?? Number.POSITIVE_INFINITY;
    const tree: LineageTree = { id, kind: element.kind, title: element.title };
    if (direction !== 'down') tree.upstream = new TreeWalk(graph, 'up', depth).children(id);
    if (direction !== 'up') tree.downstream = new TreeWalk(graph, 'down', depth).children(id);
    return tree;
}

class TreeWalk {
    constructor(
        private readonly graph: ModelGraph,
        private readonly direction: 'up' | 'down',
        private readonly depth: number,
    ) {}

    /**
     * Breadth first, so each element is expanded where it is nearest the root (a direct link shows in full at the
     * top, and a depth limit cuts nothing that is in reach); every other place it appears refers to that one.
     */
    children(root: string): LineageTreeNode[] {
        const placed = new Set([root]);
        const top = this.nodes(root);
        let frontier = top;
        for (let level = 1; frontier.length > 0; level++) {
            const next: LineageTreeNode[] = [];
            for (const node of frontier) {
                if (placed.has(node.id)) {
                    node.seen = this.neighbours(node.id).length > 0;
                    continue;
                }
                placed.add(node.id);
                if (level >= this.depth) {
                    node.truncated = this.neighbours(node.id).length > 0;
                    continue;
                }
                node.children = this.nodes(node.id);
                next.push(...node.children);
            }
            frontier = next;
        }
        return top;
    }

    private nodes(id: string): LineageTreeNode[] {
        return this.neighbours(id).map(([neighbour, relations]) => nodeOf(neighbour, this.graph.elements.get(neighbour), relations));
    }

    /** The next elements along flow links, each once, with the relations that lead there, in model order. */
    private neighbours(id: string): Array<[string, string[]]> {
        const links: CompiledLink[] = this.direction === 'up' ? this.graph.upstreamLinks(id) : this.graph.downstreamLinks(id);
        const byNeighbour = new Map<string, string[]>();
        for (const link of links) {
            const neighbour = this.direction === 'up' ? linkFlowSource(link) : linkFlowTarget(link);
            if (neighbour === id) continue;
            const relations = byNeighbour.get(neighbour) ?? [];
            if (!relations.includes(link.relation)) relations.push(link.relation);
            byNeighbour.set(neighbour, relations);
        }
        return [...byNeighbour];
    }
}

function nodeOf(id: string, element: CompiledElement | undefined, relations: string[]): LineageTreeNode {
    return {
        id,
        kind: element?.kind ?? 'unknown',
        title: element?.title ?? null,
        relations,
        seen: false,
        truncated: false,
        children: [],
    };
}

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
    /** Reached along a feedback link (a learning loop); only with the `feedback` option. */
    feedback?: true;
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
    /** Follow feedback links (learning loops) too, marking the elements reached along them. */
    feedback?: boolean;
}

export function lineageTree(graph: ModelGraph, id: string, options: LineageTreeOptions = {}): LineageTree {
    const element = graph.elements.get(id);
    if (!element) throw new Error(`no element \`${id}\` in the model`);
    const direction = options.direction ?? 'both';
    const depth = options.depth ?? Number.POSITIVE_INFINITY;
    const tree: LineageTree = { id, kind: element.kind, title: element.title };
    const feedback = options.feedback ?? false;
    if (direction !== 'down') tree.upstream = new TreeWalk(graph, 'up', depth, feedback).children(id);
    if (direction !== 'up') tree.downstream = new TreeWalk(graph, 'down', depth, feedback).children(id);
    return tree;
}

class TreeWalk {
    constructor(
        private readonly graph: ModelGraph,
        private readonly direction: 'up' | 'down',
        private readonly depth: number,
        private readonly feedback: boolean,
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
        return this.neighbours(id).map(([neighbour, relations, feedback]) => {
            const node = nodeOf(neighbour, this.graph.elements.get(neighbour), relations);
            if (feedback) node.feedback = true;
            return node;
        });
    }

    /** The next elements along flow links, each once, with the relations that lead there, in model order. */
    private neighbours(id: string): Array<[string, string[], boolean]> {
        const options = { feedback: this.feedback };
        const links: CompiledLink[] =
            this.direction === 'up' ? this.graph.upstreamLinks(id, options) : this.graph.downstreamLinks(id, options);
        const byNeighbour = new Map<string, { relations: string[]; feedback: boolean }>();
        for (const link of links) {
            const neighbour = this.direction === 'up' ? linkFlowSource(link) : linkFlowTarget(link);
            if (neighbour === id) continue;
            const entry = byNeighbour.get(neighbour) ?? { relations: [], feedback: true };
            if (!entry.relations.includes(link.relation)) entry.relations.push(link.relation);
            // Marked as feedback only when every link that leads there is one.
            entry.feedback &&= link.flow === 'feedback';
            byNeighbour.set(neighbour, entry);
        }
        return [...byNeighbour].map(([neighbour, entry]) => [neighbour, entry.relations, entry.feedback]);
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

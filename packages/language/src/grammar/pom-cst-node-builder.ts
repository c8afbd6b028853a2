// Langium's CST builder, with its two sibling searches made to run from the back.
//
// Upstream cause (langium 4.4, `CstNodeBuilder.addHiddenNodes` and `removeNode` in parser/cst-node-builder.js): the
// parser calls `addHiddenNodes` before every token it consumes, even when no comment precedes the token. When the
// token starts a new composite node, the builder looks for that node among its parent's children with `indexOf`,
// from the front. The node is almost always the last child, so a value list of n values (`tags: "a", "b", …`: one
// composite node per value, all children of one entry) costs n²/2 comparisons: 50,000 values took 4.5 s.
// `removeNode` (an empty composite node, after a syntax error) searches the same way. Here an empty batch of hidden
// tokens adds nothing, as upstream, and both searches start at the end, which finds the node at once.
import type { IToken } from 'chevrotain';
import { type CompositeCstNode, type CstNode, CstNodeBuilder } from 'langium';

export class PomCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length === 0) return;
        const current = this.current;
        // Inside a node that has content the hidden nodes are appended: no search.
        if (current.content.length > 0) {
            super.addHiddenNodes(tokens);
            return;
        }
        // A new, empty node: put the hidden nodes before the first ancestor (or itself) that is not its parent's
        // first child, so that a comment stays next to the token it precedes; at the very start, before everything.
        const nodes = tokens.map((token) => this.createLeafNode(token, true));
        let node: CstNode = current;
        while (node.container) {
            const index = node.container.content.lastIndexOf(node);
            if (index > 0) {
                this.insertChildren(node.container, index, nodes);
                return;
            }
            node = node.container;
        }
        this.insertChildren(node as CompositeCstNode, 0, nodes);
    }

    override removeNode(node: CstNode): void {
        const parent = node.container;
        const index = parent ? parent.content.lastIndexOf(node) : -1;
        if (parent && index >= 0) (parent.content as CstNode[]).splice(index, 1); // the array is mutable, as upstream
    }
}

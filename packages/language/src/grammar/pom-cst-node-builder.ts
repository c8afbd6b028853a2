// Langium's CST builder, with its two sibling searches made to run from the back.
//
// Upstream cause (langium 4.4, `CstNodeBuilder.addHiddenNodes` and `removeNode` in parser/cst-node-builder.js): the
// parser calls `addHiddenNodes` before every token it consumes, even when no comment precedes the token. When the
// token starts a new composite node, the builder looks for that node among its parent's children with `indexOf`,
// from the front. The node is almost always the last child, so a value list of n values (`tags: "a", "b", …`: one
// composite node per value, all children of one entry) costs n²/2 comparisons: 50,000 values took 4.5 s.
// `removeNode` (an empty composite node, after a syntax error) searches the same way. Here an empty batch of hidden
// tokens adds nothing, as upstream, and both searches start at the end, which finds the node at once.
//
// Its leaves are smaller too (`PomLeafCstNode` below).
import type { IToken, TokenType } from 'chevrotain';
import type { AstNode, CompositeCstNode, CstNode, GrammarAST, LeafCstNodeImpl, RootCstNode } from 'langium';
import { CstNodeBuilder } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { lineStarts, positionAt } from '../util/line-starts.js';

export class PomCstNodeBuilder extends CstNodeBuilder {
    protected override createLeafNode(token: IToken, hidden: boolean): LeafCstNodeImpl {
        return new PomLeafCstNode(token.startOffset, token.image.length, token.tokenType, hidden) as unknown as LeafCstNodeImpl;
    }

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

/**
 * A leaf of the syntax tree: a token or a comment. Upstream's (langium 4.4, `LeafCstNodeImpl`) keeps the token's
 * start and end line and column besides its offset and length, four fields in every leaf: on a 200,000-element model
 * about 80 MB of the workspace, which is a leaf for every token and comment. This one keeps the offset and length,
 * and computes the range when asked from where the document's lines start (kept once per document, on its root).
 * Langium tells leaves by their shape (`isLeafCstNode` reads `tokenType`), not their class.
 */
export class PomLeafCstNode {
    container: CompositeCstNode | undefined = undefined;
    grammarSource: GrammarAST.AbstractElement | undefined = undefined;

    constructor(
        readonly offset: number,
        readonly length: number,
        readonly tokenType: TokenType,
        readonly hidden: boolean,
    ) {}

    get end(): number {
        return this.offset + this.length;
    }

    get root(): RootCstNode {
        let node: CstNode = this as unknown as CstNode;
        while (node.container) node = node.container;
        return node as RootCstNode;
    }

    get text(): string {
        return this.root.fullText.substring(this.offset, this.end);
    }

    get astNode(): AstNode {
        if (!this.container) throw new Error('This node has no associated AST element');
        return this.container.astNode;
    }

    /** As the lexer counts lines (they end at `\n`, `\r\n` or a lone `\r`) and columns (UTF-16 units). */
    get range(): Range {
        const lines = lineStartsOf(this.root);
        return { start: positionAt(lines, this.offset), end: positionAt(lines, this.end) };
    }
}

const LINE_STARTS = Symbol('line starts');

/** Where the lines of a root's text start, computed once per root. */
function lineStartsOf(root: RootCstNode): Uint32Array {
    const holder = root as unknown as { [LINE_STARTS]?: Uint32Array };
    holder[LINE_STARTS] ??= lineStarts(root.fullText);
    return holder[LINE_STARTS];
}

// Descriptions of named nodes (every element and kind is exported under its qualified name) that compute their
// document segments and node path when first read. Langium's provider computes both for every description up front,
// which ranges every element's syntax node (and caches the range in it) and allocates a closure and five objects per
// element; a batch build reads none of them, and the editor only those of the names it shows or navigates to.
import {
    type AstNode,
    type AstNodeDescription,
    AstUtils,
    CstUtils,
    DefaultAstNodeDescriptionProvider,
    type DocumentSegment,
    type LangiumDocument,
    type URI,
} from 'langium';

export class PomAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const described = name ?? this.nameProvider.getName(node);
        if (!described) throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        return new LazyDescription(node, described, (document ?? AstUtils.getDocument(node)).uri, this);
    }

    /** The node's path in its document (see AstNodeLocator). */
    pathOf(node: AstNode): string {
        return this.astNodeLocator.getAstNodePath(node);
    }

    /** The syntax node of the node's name, else of the whole node. */
    nameNodeOf(node: AstNode) {
        return this.nameProvider.getNameNode(node) ?? node.$cstNode;
    }
}

class LazyDescription implements AstNodeDescription {
    readonly type: string;
    private nodePath: string | undefined;
    private nameSegmentValue: DocumentSegment | undefined;
    private selectionSegmentValue: DocumentSegment | undefined;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        private readonly provider: PomAstNodeDescriptionProvider,
    ) {
        this.type = node.$type;
    }

    get path(): string {
        this.nodePath ??= this.provider.pathOf(this.node);
        return this.nodePath;
    }

    get nameSegment(): DocumentSegment | undefined {
        this.nameSegmentValue ??= CstUtils.toDocumentSegment(this.provider.nameNodeOf(this.node));
        return this.nameSegmentValue;
    }

    get selectionSegment(): DocumentSegment | undefined {
        this.selectionSegmentValue ??= CstUtils.toDocumentSegment(this.node.$cstNode);
        return this.selectionSegmentValue;
    }
}

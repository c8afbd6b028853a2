// Langium's linker, walking the syntax tree with plain loops. Langium streams every node (a stream per node) and,
// for each, streams its references (another); a POM model has about six AST nodes an element (entries, values,
// metadata), so on large models those streams cost more than resolving the names. The order is Langium's (a node's
// references, then its children, depth first), so references resolve, and errors are recorded, in the same order.
import {
    type AstNode,
    Cancellation,
    DefaultLinker,
    interruptAndCheck,
    isAstNode,
    isMultiReference,
    isReference,
    type LangiumDocument,
} from 'langium';

export class PomLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const root = document.parseResult.value;
        await interruptAndCheck(cancelToken);
        // Cancellation is checked between top-level members (a kind, a view or an element with all it nests).
        for (const child of this.linkOwn(root, document)) {
            await interruptAndCheck(cancelToken);
            this.linkTree(child, document);
        }
    }

    private linkTree(node: AstNode, document: LangiumDocument): void {
        for (const child of this.linkOwn(node, document)) this.linkTree(child, document);
    }

    /**
     * Links the node's own references, in property order (Langium's `streamReferences`), and returns its children,
     * in property order (Langium's `streamContents`): one pass over its properties for both.
     */
    private linkOwn(node: AstNode, document: LangiumDocument): AstNode[] {
        const record = node as unknown as Record<string, unknown>;
        let children = NO_CHILDREN;
        // `for…in`, not `Object.keys`: no array per node (AST nodes are plain objects, nothing enumerable is inherited).
        for (const property in record) {
            if (property.charCodeAt(0) === 36) continue; // `$`
            const value = record[property];
            if (isReference(value) || isMultiReference(value)) {
                this.doLink({ reference: value, container: node, property }, document);
            } else if (isAstNode(value)) {
                if (children === NO_CHILDREN) children = [];
                children.push(value);
            } else if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const item = value[index];
                    if (isReference(item) || isMultiReference(item)) {
                        this.doLink({ reference: item, container: node, property, index }, document);
                    } else if (isAstNode(item)) {
                        if (children === NO_CHILDREN) children = [];
                        children.push(item);
                    }
                }
            }
        }
        return children;
    }
}

/** What a node without children returns: shared, never written to. */
const NO_CHILDREN: AstNode[] = [];

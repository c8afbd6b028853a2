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
        this.linkReferences(root, document);
        // Cancellation is checked between top-level members (a kind, a view or an element with all it nests).
        for (const child of contents(root)) {
            await interruptAndCheck(cancelToken);
            this.linkTree(child, document);
        }
    }

    private linkTree(node: AstNode, document: LangiumDocument): void {
        this.linkReferences(node, document);
        for (const child of contents(node)) this.linkTree(child, document);
    }

    /** The node's own references, in property order (Langium's `streamReferences`). */
    private linkReferences(node: AstNode, document: LangiumDocument): void {
        const record = node as unknown as Record<string, unknown>;
        for (const property of Object.keys(node)) {
            if (property.startsWith('$')) continue;
            const value = record[property];
            if (isReference(value) || isMultiReference(value)) {
                this.doLink({ reference: value, container: node, property }, document);
            } else if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const item = value[index];
                    if (isReference(item) || isMultiReference(item))
                        this.doLink({ reference: item, container: node, property, index }, document);
                }
            }
        }
    }
}

/** The node's children, in property order (Langium's `streamContents`). */
function contents(node: AstNode): AstNode[] {
    const record = node as unknown as Record<string, unknown>;
    const children: AstNode[] = [];
    for (const property of Object.keys(node)) {
        if (property.startsWith('$')) continue;
        const value = record[property];
        if (isAstNode(value)) children.push(value);
        else if (Array.isArray(value)) for (const item of value) if (isAstNode(item)) children.push(item);
    }
    return children;
}

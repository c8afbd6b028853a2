// Qualified names: `namespace.Outer.Inner` for elements, `namespace.kind` for kinds, and the lookup prefixes a
// reference tries from where it is written (innermost element first, then the namespace and its parents, then global).
import type { AstNode } from 'langium';
import { AstUtils } from 'langium';
import { type Element, isElement, isKindDecl, isModel, type KindDecl } from '../generated/ast.js';

export function namespaceOf(node: AstNode): string | undefined {
    const model = AstUtils.findRootNode(node);
    return isModel(model) ? model.namespace?.name : undefined;
}

export function join(prefix: string | undefined, name: string): string {
    return prefix ? `${prefix}.${name}` : name;
}

/** The chain of elements that contain `node`, outermost first, `node` itself included when it is an element. */
export function elementPath(node: AstNode): Element[] {
    const path: Element[] = [];
    for (let current: AstNode | undefined = node; current && !isModel(current); current = current.$container) {
        if (isElement(current)) path.unshift(current);
    }
    return path;
}

export function qualifiedName(node: Element | KindDecl): string {
    if (isKindDecl(node)) return join(namespaceOf(node), node.name);
    return join(
        namespaceOf(node),
        elementPath(node)
            .map((e) => e.name)
            .join('.'),
    );
}

/** The parent element of a nested element. */
export function parentElement(element: Element): Element | undefined {
    return isElement(element.$container) ? element.$container : undefined;
}

/**
 * Prefixes against which a name written at `node` is tried, most specific first: the enclosing elements (so
 * siblings and children resolve by simple name), the namespace and each of its parents, and finally the root.
 */
export function lookupPrefixes(node: AstNode, withElements = true): readonly string[] {
    const scope = withElements ? nearestElement(node) : undefined;
    if (!scope) {
        const root = AstUtils.findRootNode(node);
        let prefixes = rootPrefixes.get(root);
        if (!prefixes) {
            prefixes = computePrefixes(root, false);
            rootPrefixes.set(root, prefixes);
        }
        return prefixes;
    }
    if (lastElement !== scope) {
        lastElementPrefixes = computePrefixes(scope, true);
        lastElement = scope;
    }
    return lastElementPrefixes;
}

// The references of an element share its prefixes, and linking meets them one after the other: the last element's
// prefixes are kept (one entry, so that nothing grows with the model), and a document's namespace prefixes for as
// long as its root node lives. A changed name or namespace is a new parse, hence new nodes.
let lastElement: Element | undefined;
let lastElementPrefixes: readonly string[] = [];
const rootPrefixes = new WeakMap<AstNode, readonly string[]>();

function nearestElement(node: AstNode): Element | undefined {
    for (let current: AstNode | undefined = node; current && !isModel(current); current = current.$container) {
        if (isElement(current)) return current;
    }
    return undefined;
}

function computePrefixes(node: AstNode, withElements: boolean): readonly string[] {
    const namespace = namespaceOf(node);
    const prefixes: string[] = [];
    if (withElements) {
        const path = elementPath(node).map((e) => e.name);
        for (let i = path.length; i > 0; i--) prefixes.push(join(namespace, path.slice(0, i).join('.')));
    }
    if (namespace) {
        const parts = namespace.split('.');
        for (let i = parts.length; i > 0; i--) prefixes.push(parts.slice(0, i).join('.'));
    }
    prefixes.push('');
    return prefixes;
}

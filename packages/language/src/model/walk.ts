// Walking the elements and kinds of a model directly over `members` and `body`: several times faster than a
// generic AST stream on large workspaces, and these walks run on every build.
import { type Element, isElement, isKindDecl, type KindDecl, type Model } from '../generated/ast.js';

export function forEachElement(model: Model, visit: (element: Element) => void): void {
    const walk = (items: readonly unknown[]) => {
        for (const item of items) {
            if (isElement(item)) {
                visit(item);
                walk(item.body);
            }
        }
    };
    walk(model.members ?? []);
}

/**
 * Every element with its qualified name (what `qualifiedName` gives it) and whether it and every element it is nested
 * in have a name, the names built along the walk rather than by climbing from each element to the root.
 */
export function forEachQualifiedElement(model: Model, visit: (element: Element, qualifiedName: string, named: boolean) => void): void {
    const namespace = model.namespace?.name;
    const walk = (items: readonly unknown[], path: string | undefined, outerNamed: boolean) => {
        for (const item of items) {
            if (isElement(item)) {
                const own = path === undefined ? (item.name ?? '') : `${path}.${item.name ?? ''}`;
                const named = outerNamed && Boolean(item.name);
                visit(item, namespace ? `${namespace}.${own}` : own, named);
                walk(item.body, own, named);
            }
        }
    };
    walk(model.members ?? [], undefined, true);
}

export function kindsOf(model: Model): KindDecl[] {
    return (model.members ?? []).filter(isKindDecl);
}

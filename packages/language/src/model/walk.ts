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

export function kindsOf(model: Model): KindDecl[] {
    return (model.members ?? []).filter(isKindDecl);
}

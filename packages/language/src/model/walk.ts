// Walking the elements and kinds of a model directly over `members` and `body`: several times faster than a
// generic AST stream on large workspaces, and these walks run on every build.
import type { Element, KindDecl, Model } from '../generated/ast.js';

export function forEachElement(model: Model, visit: (element: Element) => void): void {
    const walk = (items: ReadonlyArray<{ $type: string }>) => {
        for (const item of items) {
            if (item.$type === 'Element') {
                visit(item as Element);
                walk((item as Element).body);
            }
        }
    };
    walk(model.members ?? []);
}

export function kindsOf(model: Model): KindDecl[] {
    return (model.members ?? []).filter((m): m is KindDecl => m.$type === 'KindDecl');
}

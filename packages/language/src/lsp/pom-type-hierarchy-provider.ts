// The type hierarchy of kinds: supertypes follow `extends` (up to the prelude's root kind), subtypes are every
// kind, built-in or user-defined, that extends this one.
import { AstUtils, GrammarUtils, type LangiumDocument, type References } from 'langium';
import type { TypeHierarchyProvider } from 'langium/lsp';
import {
    SymbolKind,
    type TypeHierarchyItem,
    type TypeHierarchyPrepareParams,
    type TypeHierarchySubtypesParams,
    type TypeHierarchySupertypesParams,
} from 'vscode-languageserver-protocol';
import { isElement, isKindDecl, type KindDecl } from '../generated/ast.js';
import type { KindSystem } from '../model/kind-system.js';
import { qualifiedName } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import type { NameIndex } from '../workspace/name-index.js';
import { declarationAt } from './element-at.js';

export class PomTypeHierarchyProvider implements TypeHierarchyProvider {
    private readonly references: References;
    private readonly kinds: KindSystem;
    private readonly names: NameIndex;

    constructor(services: PomServices) {
        this.references = services.references.References;
        this.kinds = services.pom.KindSystem;
        this.names = services.pom.NameIndex;
    }

    prepareTypeHierarchy(document: LangiumDocument, params: TypeHierarchyPrepareParams): TypeHierarchyItem[] | undefined {
        const node = declarationAt(document, params.position, this.references);
        const kind = isKindDecl(node) ? node : isElement(node) ? node.kind.ref : undefined;
        return kind ? [this.item(kind)] : undefined;
    }

    supertypes(params: TypeHierarchySupertypesParams): TypeHierarchyItem[] | undefined {
        const kind = this.find(params.item);
        const parent = kind ? this.kinds.chain(kind)[1] : undefined;
        return parent ? [this.item(parent)] : [];
    }

    subtypes(params: TypeHierarchySubtypesParams): TypeHierarchyItem[] | undefined {
        const kind = this.find(params.item);
        if (!kind) return undefined;
        const all = [...this.names.kinds().values()]
            .flat()
            .map((d) => d.node)
            .filter(isKindDecl);
        return all.filter((k) => k !== kind && this.kinds.chain(k)[1] === kind).map((k) => this.item(k));
    }

    private find(item: TypeHierarchyItem): KindDecl | undefined {
        const name = (item.data as { name?: string } | undefined)?.name ?? item.name;
        const found =
            this.names
                .kinds()
                .get(name)
                ?.find((d) => d.documentUri.toString() === item.uri) ?? this.names.kinds().get(name)?.[0];
        return isKindDecl(found?.node) ? found.node : undefined;
    }

    private item(kind: KindDecl): TypeHierarchyItem {
        const range = kind.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const name = qualifiedName(kind);
        return {
            name,
            kind: SymbolKind.Interface,
            detail: kind.title,
            uri: AstUtils.getDocument(kind).uri.toString(),
            range,
            selectionRange: GrammarUtils.findNodeForProperty(kind.$cstNode, 'name')?.range ?? range,
            data: { name },
        };
    }
}

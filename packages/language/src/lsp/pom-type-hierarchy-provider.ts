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
import { qualifiedName } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import { declarationAt } from './element-at.js';

export class PomTypeHierarchyProvider implements TypeHierarchyProvider {
    private readonly references: References;
    private readonly pom: PomServices['pom'];

    constructor(services: PomServices) {
        this.references = services.references.References;
        this.pom = services.pom;
    }

    prepareTypeHierarchy(document: LangiumDocument, params: TypeHierarchyPrepareParams): TypeHierarchyItem[] | undefined {
        const node = declarationAt(document, params.position, this.references);
        const kind = isKindDecl(node) ? node : isElement(node) ? node.kind.ref : undefined;
        return kind ? [this.item(kind)] : undefined;
    }

    supertypes(params: TypeHierarchySupertypesParams): TypeHierarchyItem[] | undefined {
        const kind = this.find(params.item);
        const parent = kind ? this.pom.KindSystem.chain(kind)[1] : undefined;
        return parent ? [this.item(parent)] : [];
    }

    subtypes(params: TypeHierarchySubtypesParams): TypeHierarchyItem[] | undefined {
        const kind = this.find(params.item);
        if (!kind) return undefined;
        const all = [...this.pom.NameIndex.kinds().values()]
            .flat()
            .map((d) => d.node)
            .filter(isKindDecl);
        return all.filter((k) => k !== kind && this.pom.KindSystem.chain(k)[1] === kind).map((k) => this.item(k));
    }

    private find(item: TypeHierarchyItem): KindDecl | undefined {
        const name = (item.data as { name?: string } | undefined)?.name ?? item.name;
        const declarations = this.pom.NameIndex.kinds().get(name);
        const found = declarations?.find((d) => d.documentUri.toString() === item.uri) ?? declarations?.[0];
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

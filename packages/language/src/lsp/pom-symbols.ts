// Symbols for the outline, workspace symbol search and completion icons: elements by where they sit (flow,
// context, collaboration, investment), kinds as interfaces, members as fields and properties, views as modules,
// with kind and title as the outline's detail.
import type { AstNode, AstNodeDescription, CstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider, type NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, type DocumentSymbol, SymbolKind } from 'vscode-languageserver-protocol';
import { isElement, isViewDecl } from '../generated/ast.js';

const SYMBOLS: Record<string, SymbolKind> = {
    KindDecl: SymbolKind.Interface,
    FieldDecl: SymbolKind.Field,
    RelationDecl: SymbolKind.Property,
    EnumLiteral: SymbolKind.EnumMember,
    Element: SymbolKind.Object,
    ViewDecl: SymbolKind.Module,
};

const COMPLETIONS: Record<string, CompletionItemKind> = {
    KindDecl: CompletionItemKind.Interface,
    FieldDecl: CompletionItemKind.Field,
    RelationDecl: CompletionItemKind.Property,
    EnumLiteral: CompletionItemKind.EnumMember,
    Element: CompletionItemKind.Reference,
    ViewDecl: CompletionItemKind.Module,
};

export class PomNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return SYMBOLS[typeOf(node)] ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETIONS[typeOf(node)] ?? CompletionItemKind.Reference;
    }
}

export class PomDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override createSymbol(
        document: LangiumDocument,
        node: AstNode,
        cst: CstNode,
        name: CstNode,
        computedName?: string,
    ): DocumentSymbol {
        const symbol = super.createSymbol(document, node, cst, name, computedName);
        if (isElement(node)) symbol.detail = node.title ? `${node.kind.$refText} · ${node.title}` : node.kind.$refText;
        if (isViewDecl(node)) symbol.detail = node.title ? `view · ${node.title}` : 'view';
        return symbol;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}

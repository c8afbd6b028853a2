// What the cursor is on: the declaration a name or reference under it stands for.
import { type AstNode, CstUtils, type LangiumDocument, type References } from 'langium';
import type { Position } from 'vscode-languageserver-types';
import { type Element, isElement } from '../generated/ast.js';

export function declarationAt(document: LangiumDocument, position: Position, references: References): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position));
    return leaf ? references.findDeclarations(leaf)[0] : undefined;
}

export function elementAt(document: LangiumDocument, position: Position, references: References): Element | undefined {
    const node = declarationAt(document, position, references);
    return isElement(node) ? node : undefined;
}

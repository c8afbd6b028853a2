// The second place a diagnostic cites (the other declaration of a duplicate, the parent whose horizon a child
// exceeds, the other links of a cycle), as LSP related information: editors show it as a link under the diagnostic.
import { type AstNode, AstUtils, GrammarUtils } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';

/** `node` (its name, when it has one) as a related location, with what it is to the diagnostic. */
export function relatedPlace(node: AstNode, message: string): DiagnosticRelatedInformation {
    const cst = GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode;
    const start = { line: 0, character: 0 };
    return { location: { uri: AstUtils.getDocument(node).uri.toString(), range: cst?.range ?? { start, end: start } }, message };
}

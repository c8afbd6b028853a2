// The language server's formatting keeps the promise `pom format` keeps: a document with syntax errors is left as it
// is, and edits whose result would lose or change a token or comment are refused, with a message saying why, instead
// of applied. (A file with CR-only line breaks was one: the layout saw `// first\r// second` as one line and joined the
// comments into one.) The check is the CLI's own (format/format-text.ts).
import { type LangiumDocument, TextDocument } from 'langium';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver-protocol';
import type { TextEdit } from 'vscode-languageserver-types';
import { formattingProblem } from '../format/format-text.js';
import type { PomServices } from '../pom-module.js';

export function guardFormatting(services: PomServices, document: LangiumDocument, edits: TextEdit[]): TextEdit[] {
    if (edits.length === 0) return edits;
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length > 0 || parserErrors.length > 0) return [];
    const problem = formattingProblem(services, document, TextDocument.applyEdits(document.textDocument, edits));
    if (problem === undefined) return edits;
    const file = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
    void services.shared.lsp.Connection?.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `${file} was not formatted: ${problem}.`,
    });
    return [];
}

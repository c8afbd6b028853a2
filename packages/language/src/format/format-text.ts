// Formatting a file's text outside an editor (`pom format`): the language's own formatter, plus the guarantees a tool
// that rewrites files owes its users. Text that is not POM or does not parse is left alone, and a result that would
// lose or change a token or comment is refused instead of returned.
import { CstUtils, isLeafCstNode, type LangiumDocument, type LangiumSharedCoreServices, type Lexer, TextDocument, type URI } from 'langium';
import type { Formatter } from 'langium/lsp';
import { isElement, isKindDecl, isViewDecl } from '../generated/ast.js';
import { classify, type ForeignReason } from '../workspace/foreign-files.js';

export interface SyntaxProblem {
    /** 1-based. */
    line: number;
    /** 1-based. */
    column: number;
    message: string;
}

export interface FormatResult {
    /** The formatted text; the input unchanged when the file is skipped or has syntax errors. */
    text: string;
    changed: boolean;
    /** The file does not parse, so it was not formatted. */
    parseErrors: boolean;
    /** The first syntax errors, in document order, when there are any. */
    syntaxErrors: SyntaxProblem[];
    /** Set when the text is not a POM model at all (a Maven XML `.pom`, a binary file, an empty file). */
    skipped?: ForeignReason;
}

/** Thrown when the formatter's output would not hold the input's tokens and comments: a formatter bug, never written. */
export class FormatInvariantError extends Error {}

const SYNTAX_ERRORS_KEPT = 5;

/** What formatting takes from the language services: POM's, or a copy with another formatter. */
export interface FormatServices {
    readonly shared: LangiumSharedCoreServices;
    readonly parser: { readonly Lexer: Lexer };
    readonly lsp: { readonly Formatter?: Pick<Formatter, 'formatDocument'> };
}

export async function formatText(services: FormatServices, uri: URI, text: string): Promise<FormatResult> {
    const skipped = classify(text);
    if (skipped) return { text, changed: false, parseErrors: false, syntaxErrors: [], skipped };
    const document = parse(services, uri, text);
    const syntaxErrors = syntaxErrorsOf(document);
    if (syntaxErrors.length > 0) return { text, changed: false, parseErrors: true, syntaxErrors };
    const formatter = services.lsp.Formatter;
    if (!formatter) throw new Error('the POM services have no formatter');
    const edits = await formatter.formatDocument(document, {
        textDocument: { uri: uri.toString() },
        options: { tabSize: 2, insertSpaces: true },
    });
    const formatted = TextDocument.applyEdits(document.textDocument, edits);
    checkInvariants(services, uri, text, formatted, bodySeparators(document));
    return { text: formatted, changed: formatted !== text, parseErrors: false, syntaxErrors: [] };
}

function parse(services: FormatServices, uri: URI, text: string): LangiumDocument {
    return services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
}

function syntaxErrorsOf(document: LangiumDocument): SyntaxProblem[] {
    const { lexerErrors, parserErrors } = document.parseResult;
    const problems: SyntaxProblem[] = [
        ...lexerErrors.map((e) => ({ line: e.line ?? 1, column: e.column ?? 1, message: e.message })),
        ...parserErrors.map((e) => ({ ...tokenPosition(document, e.token), message: e.message })),
    ];
    return problems.sort((a, b) => a.line - b.line || a.column - b.column).slice(0, SYNTAX_ERRORS_KEPT);
}

/** Where a parser error's token starts; one at the end of the text has no position, so it is placed there. */
function tokenPosition(document: LangiumDocument, token: { startLine?: number; startColumn?: number }): { line: number; column: number } {
    if (token.startLine !== undefined && !Number.isNaN(token.startLine)) {
        return { line: token.startLine, column: token.startColumn ?? 1 };
    }
    const end = document.textDocument.positionAt(document.textDocument.getText().length);
    return { line: end.line + 1, column: end.character + 1 };
}

/** Offsets of the `,` / `;` between body items, kind members and view entries: the only tokens the formatter may drop. */
function bodySeparators(document: LangiumDocument): Set<number> {
    const root = document.parseResult.value.$cstNode;
    if (!root) return new Set();
    return new Set(
        CstUtils.streamCst(root)
            .filter(
                (n) =>
                    isLeafCstNode(n) &&
                    (n.text === ',' || n.text === ';') &&
                    (isElement(n.astNode) || isKindDecl(n.astNode) || isViewDecl(n.astNode)),
            )
            .map((n) => n.offset),
    );
}

/**
 * The formatted text must parse, and hold the same tokens and comments in the same order as the input without its
 * body separators (a block comment's inner lines may move, so they are compared without their indentation).
 */
function checkInvariants(services: FormatServices, uri: URI, before: string, after: string, dropped: ReadonlySet<number>): void {
    if (before === after) return;
    if (syntaxErrorsOf(parse(services, uri, after)).length > 0) {
        throw new FormatInvariantError('the formatted text would not parse');
    }
    const expected = tokenImages(services, before, dropped);
    const actual = tokenImages(services, after, new Set());
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length; i++) {
        if (expected[i] !== actual[i]) {
            throw new FormatInvariantError(
                `the formatted text would change token ${i + 1} (${JSON.stringify(expected[i] ?? '')} became ${JSON.stringify(actual[i] ?? '')})`,
            );
        }
    }
}

function tokenImages(services: FormatServices, text: string, without: ReadonlySet<number>): string[] {
    const lexed = services.parser.Lexer.tokenize(text);
    return [...lexed.tokens, ...(lexed.hidden ?? [])]
        .filter((t) => !without.has(t.startOffset))
        .sort((a, b) => a.startOffset - b.startOffset)
        .map((t) => (t.image.startsWith('/*') ? t.image.replace(/\r?\n[ \t]*/g, '\n') : t.image));
}

/**
 * Why the text `formatted` may not replace `document`'s (it would not parse, or would change a token or comment), or
 * undefined when it may: the check `formatText` makes, for a caller that formats a document it already holds.
 */
export function formattingProblem(services: FormatServices, document: LangiumDocument, formatted: string): string | undefined {
    try {
        checkInvariants(services, document.uri, document.textDocument.getText(), formatted, bodySeparators(document));
        return undefined;
    } catch (error) {
        if (error instanceof FormatInvariantError) return error.message;
        throw error;
    }
}

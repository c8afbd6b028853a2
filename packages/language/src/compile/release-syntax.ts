// Letting go of the syntax trees of a built workspace before it is compiled, for a process that compiles once and
// exits (`pom compile`). About 40 % of a built workspace is syntax nodes (leaves for every token and comment, a
// composite node per rule call, their child arrays): on a 200,000-element model, half a gigabyte that compiling does
// not need once each node's place and doc comment are kept.
//
// What the compiler reads of the syntax tree, and what stands in for it here:
// - the doc comment of an element or a kind (`CommentProvider.getComment`): kept as the node's `$comment`, which
//   langium's comment provider returns when present;
// - a node's start (`$cstNode.range.start`, the `source` of elements, links, kinds and fields) and its text (the
//   declaration text that orders duplicate names, a quantity's text): each AST node's `$cstNode` becomes a
//   `ReleasedSyntax` that keeps its offsets and computes the range from the document's text as the syntax node did
//   (lines end at `\n`, `\r\n` or `\r`, as the lexer counts them; columns in UTF-16 units);
// - references keep what they resolved to; their syntax node (`$refNode`) goes.
// Views select through syntax positions of their declarations, so a workspace with views keeps its trees (see
// `canRelease`). Nothing else may use the workspace afterwards: no language feature works on released trees.
import { AstUtils, type CommentProvider, type CstNode, isReference, type LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { isElement, isKindDecl } from '../generated/ast.js';
import type { PomServices } from '../pom-module.js';
import { lineStarts, positionAt } from '../util/line-starts.js';

/** Whether the compiler can do without the documents' syntax trees: not when a view needs them. */
export function canRelease(services: PomServices, documents: readonly LangiumDocument[]): boolean {
    return !services.pom.ModelCompiler.declaresViews(documents);
}

/** Replaces every syntax tree of `documents` by what compiling them reads (see above). */
export function releaseSyntaxTrees(services: PomServices, documents: readonly LangiumDocument[]): void {
    const comments = services.documentation.CommentProvider;
    for (const document of documents) releaseDocument(document, comments);
}

function releaseDocument(document: LangiumDocument, comments: CommentProvider): void {
    const text = document.textDocument.getText();
    const lines = lineStarts(text);
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        const record = node as unknown as Record<string, unknown>;
        // The compiler reads the doc comments of elements and kinds (ModelCompiler.docOf).
        if (isElement(node) || isKindDecl(node)) {
            const comment = comments.getComment(node);
            if (comment !== undefined) record.$comment = comment;
        }
        const cst = node.$cstNode;
        if (cst) record.$cstNode = new ReleasedSyntax(text, lines, cst.offset, cst.end);
        for (const name in record) {
            if (name.charCodeAt(0) === 36) continue; // `$`
            const value = record[name];
            if (isReference(value)) releaseReference(value);
            else if (Array.isArray(value)) for (const item of value) if (isReference(item)) releaseReference(item);
        }
    }
}

function releaseReference(reference: object): void {
    (reference as { $refNode?: CstNode }).$refNode = undefined;
}

/** What stays of a syntax node: its offsets, its text and its range. */
class ReleasedSyntax {
    readonly hidden = false;

    constructor(
        private readonly documentText: string,
        private readonly lines: Uint32Array,
        readonly offset: number,
        readonly end: number,
    ) {}

    get length(): number {
        return this.end - this.offset;
    }

    get text(): string {
        return this.documentText.substring(this.offset, this.end);
    }

    get range(): Range {
        const start = positionAt(this.lines, this.offset);
        const end = positionAt(this.lines, this.end);
        return { start, end: end.line < start.line ? start : end };
    }
}

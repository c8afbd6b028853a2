// The one canonical layout of a `.pom` file, for "Format Document" and `pom format`. It ignores the editor's tab
// settings, never breaks a line, keeps the file's line ending (LF or CRLF) and only rewrites the whitespace between
// tokens (dropping body separators):
// - 2 spaces per nesting level. `namespace` starts the file (after any header comment), then one blank line.
//   Exactly one blank line between top-level members; inside a body at most one where the author left any,
//   none after `{` or before `}`. A `view` is laid out like an element.
// - Headers on one line with single spaces: `kind Name "Title" {`, `abstract kind x extends y "T" {`.
// - One entry, nested element, `stage`, `field` or `relation` per line. Exception: a body holding a single
//   entry written on one line stays there, `{ addresses: B }`. An empty body is `{}`; no body stays no body.
// - No space before `:` `,` `.` `]` `*` `?` `+` or after `[` `.`; one after `:` and `,`; spaces around `|`:
//   `key: a, b [k: v, k2: v2]`, `relation r: a | b* downstream`, `enum { a, b, c }` on one line.
// - Separators: the optional `,` / `;` after body items and kind members are dropped, since every item has its
//   own line, except one directly after a doc comment `/** … */` (it keeps that comment from documenting the next
//   item). Every other token is kept verbatim, including `namespace x;` and trailing commas in enums and metadata.
// - Line breaks inside an item are joined, except a break after a comma between values, which is kept with the
//   next value aligned under the first (long `informedBy:` lists stay readable).
// - Comments: one on the line of the token before it stays there, one space after it. One on its own line stays on
//   its own line, indented like what follows it (inside a body when it comes before `}`); the blank line before a
//   top-level member goes before its comments, so doc comments stay attached. A `//` comment always ends a line.
//   Trailing blanks in comments are dropped, and their line breaks become the file's. The inner lines of a block
//   comment on its own line move with its first line: ` * ` lines one column in from its `/`, other lines by as far
//   as the first line moved.
// - Line breaks: LF, CRLF or a lone CR all break a line; the output uses CRLF if the file has any, else CR if it
//   has CRs and no LF, else LF.
import { type AstNode, type CstNode, CstUtils, GrammarUtils, isLeafCstNode, type LangiumDocument } from 'langium';
import { AbstractFormatter } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { droppableSeparators, laidOutComment, leavesOf } from '../format/format-rules.js';
import {
    type Element,
    isElement,
    isEntry,
    isKindDecl,
    isMemberDecl,
    isNamespaceDecl,
    isViewDecl,
    isViewEntry,
    type KindDecl,
    type Model,
    type ViewDecl,
} from '../generated/ast.js';
import type { PomServices } from '../pom-module.js';
import { guardFormatting } from './formatting-guard.js';

const INDENT = 2;

/** Blank lines before a token that starts a line: exactly one, none, or one if the author left any. */
type Blank = 'one' | 'none' | 'keep';

/** Where a token goes relative to the token before it, and where comments on their own lines before it go. */
interface Place {
    /** `wrap`: a new line if the author broke the line here, else one space. */
    readonly gap: 'none' | 'space' | 'line' | 'wrap';
    readonly blank: Blank;
    /** The column of the token when it starts a line; by default one level deeper than the line it continues. */
    readonly indent?: number;
    readonly commentIndent?: number;
    readonly commentBlank: Blank;
}

function onLine(blank: Blank, indent: number, commentIndent = indent, commentBlank = blank): Place {
    return { gap: 'line', blank, indent, commentIndent, commentBlank };
}

function inLine(gap: 'none' | 'space' | 'wrap', indent?: number): Place {
    return { gap, blank: 'none', indent, commentIndent: indent, commentBlank: 'none' };
}

const NO_SPACE = inLine('none');
const SPACE = inLine('space');

const NO_SPACE_BEFORE = new Set([':', ',', '.', ']', ';', '*', '?', '+']);
const END_OF_FILE = onLine('keep', 0);

export class PomFormatter extends AbstractFormatter {
    /** In a language server, every result passes the same guard as `pom format`'s (formatting-guard.ts). */
    private readonly guard?: (document: LangiumDocument, edits: TextEdit[]) => TextEdit[];

    constructor(services?: PomServices) {
        super();
        if (services?.shared.lsp.Connection) this.guard = (document, edits) => guardFormatting(services, document, edits);
    }

    protected override format(): void {
        // Unused: Langium's per-node formatting regions only re-indent comments, while this layout also decides the
        // blank lines around them, so doDocumentFormat lays out the token stream itself.
    }

    protected override doDocumentFormat(document: LangiumDocument, _options: FormattingOptions, range?: Range): TextEdit[] {
        const root = document.parseResult.value as Model;
        if (!root.$cstNode) return [];
        const all = new Layout(document, root).edits();
        const edits = range ? all.filter((e) => e.range.end.line >= range.start.line && e.range.start.line <= range.end.line) : all;
        return this.guard ? this.guard(document, edits) : edits;
    }
}

class Layout {
    private readonly text: string;
    /** Line breaks follow the file: `\r\n` if it has any, `\r` if it has only those, else `\n`. */
    private readonly eol: string;
    /** Every token and comment that stays, in document order. */
    private readonly tokens: CstNode[];
    private readonly codeAt = new Map<number, CstNode>();
    /** Places and dropped separators by token offset. */
    private readonly places = new Map<number, Place>();
    private readonly dropped = new Set<number>();
    private readonly droppable: ReadonlySet<number>;

    constructor(
        private readonly document: LangiumDocument,
        root: Model,
    ) {
        this.text = document.textDocument.getText();
        this.eol = this.text.includes('\r\n') ? '\r\n' : this.text.includes('\r') && !this.text.includes('\n') ? '\r' : '\n';
        const leaves = leavesOf(root.$cstNode!);
        for (const leaf of leaves) if (!leaf.hidden) this.codeAt.set(leaf.offset, leaf);
        this.droppable = droppableSeparators(leaves);
        this.placeStatements(root);
        this.tokens = leaves.filter((leaf) => !this.dropped.has(leaf.offset));
        this.placeWithinLines();
    }

    edits(): TextEdit[] {
        const edits: TextEdit[] = [];
        let previous: CstNode | undefined;
        let previousCode: CstNode | undefined;
        let ownLineComment = false; // whether a comment of the current run of comments sits on its own line
        const next = this.nextCodeTokens();
        this.tokens.forEach((token, i) => {
            const following = next[i];
            const place = following ? this.placeOf(following) : END_OF_FILE;
            let gap: string;
            let commentColumn: number | undefined;
            if (token.hidden) {
                if (previous && !this.breaks(previous, token)) {
                    gap = ' ';
                } else {
                    const blank = previous ? this.newLines(ownLineComment ? 'keep' : place.commentBlank, previous, token) : '';
                    commentColumn = previous ? (place.commentIndent ?? this.continuation(following)) : 0;
                    gap = blank + ' '.repeat(commentColumn);
                    ownLineComment = true;
                }
            } else {
                gap = this.codeGap(token, place, previous, previousCode, ownLineComment);
                ownLineComment = false;
                previousCode = token;
            }
            // The gap before a comment goes first: an insertion right before the comment and the comment's own
            // rewrite start at the same offset, and edits are applied in the order they start (then as listed).
            this.replace(previous ? previous.end : 0, token.offset, gap, edits);
            if (token.hidden) this.layOutComment(token, commentColumn, edits);
            previous = token;
        });
        if (previous) this.replace(previous.end, this.text.length, this.eol, edits);
        return edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }

    private codeGap(token: CstNode, place: Place, previous?: CstNode, previousCode?: CstNode, ownLineComment = false): string {
        const indent = ' '.repeat(place.indent ?? this.continuation(token));
        if (!previous) return '';
        const afterBlockComment = previous.hidden && !previous.text.startsWith('//') && !this.breaks(previous, token);
        if (ownLineComment) {
            // Comments on their own lines lead up to this token; `/* … */ owner: X` stays on one line.
            if (afterBlockComment) return ' ';
            return place.gap === 'line'
                ? this.newLines(place.blank === 'none' ? 'none' : 'keep', previous, token) + indent
                : this.eol + indent;
        }
        if (previous.hidden && previousCode) {
            // Comments stand on the line of the code before this token.
            if (place.gap === 'line') return this.newLines(place.blank, previousCode, token) + indent;
            const wrapped = place.gap === 'wrap' && this.breaks(previousCode, token);
            return afterBlockComment && !wrapped ? ' ' : this.eol + indent;
        }
        switch (place.gap) {
            case 'none':
                return '';
            case 'space':
                return ' ';
            case 'wrap':
                return this.breaks(previous, token) ? this.eol + indent : ' ';
            case 'line':
                return this.newLines(place.blank, previous, token) + indent;
        }
    }

    // ---- where tokens go ----------------------------------------------------------------------------------------

    /** Lines for top-level members and body items, braces of bodies, and which separators to drop. */
    private placeStatements(root: Model): void {
        if (root.namespace) this.place(root.namespace, onLine('keep', 0));
        for (const member of root.members) this.place(member, onLine('one', 0));
        for (const member of root.members) {
            if (isKindDecl(member)) this.placeBody(member, 0, this.kindItems(member));
            else if (isViewDecl(member)) this.placeBody(member, 0, member.entries);
            else this.placeElement(member, 0);
        }
    }

    private placeElement(element: Element, depth: number): void {
        this.placeBody(element, depth, element.body);
        for (const item of element.body) if (isElement(item)) this.placeElement(item, depth + 1);
    }

    /** The stage clause (from its keyword) and the members of a kind declaration. */
    private kindItems(kind: KindDecl): Array<AstNode | CstNode> {
        const stage = GrammarUtils.findNodeForProperty(kind.$cstNode, 'stage');
        const keyword = stage && CstUtils.getPreviousNode(stage, false);
        return keyword ? [keyword, ...kind.members] : kind.members;
    }

    private placeBody(node: Element | KindDecl | ViewDecl, depth: number, items: Array<AstNode | CstNode>): void {
        const own = CstUtils.streamCst(node.$cstNode!)
            .filter((n): n is CstNode => isLeafCstNode(n) && !n.hidden && n.astNode === node)
            .toArray();
        const open = own.find((n) => n.text === '{');
        const close = own.find((n) => n.text === '}');
        for (const separator of own) if (this.droppable.has(separator.offset)) this.dropped.add(separator.offset);
        if (!open || !close) return;
        const inner = (depth + 1) * INDENT;
        const single =
            (isElement(node) && node.body.length === 1 && isEntry(node.body[0])) || (isViewDecl(node) && node.entries.length === 1);
        const oneLine = single && !/[\r\n]/.test(this.text.slice(open.offset, close.end)) && !this.hasComment(open, close);
        items.forEach((item, i) => {
            this.place(item, oneLine ? inLine('space', inner) : onLine(i === 0 ? 'none' : 'keep', inner));
        });
        const indent = depth * INDENT;
        if (items.length === 0) this.places.set(close.offset, { ...inLine('none', indent), commentIndent: inner });
        else this.places.set(close.offset, oneLine ? inLine('space', indent) : onLine('none', indent, inner, 'keep'));
    }

    /** Spacing inside a line, decided by the punctuation around each token. */
    private placeWithinLines(): void {
        let previous: CstNode | undefined;
        let previousText = '';
        for (const token of this.tokens) {
            if (token.hidden) continue;
            const text = token.text;
            if (!this.places.has(token.offset)) {
                if (NO_SPACE_BEFORE.has(text) || previousText === '.' || previousText === '[') {
                    this.places.set(token.offset, NO_SPACE);
                } else if (previousText === ',' && (isEntry(previous?.astNode) || isViewEntry(previous?.astNode))) {
                    const entry = previous.astNode;
                    const key = this.codeAt.get(entry.$cstNode!.offset)!;
                    this.places.set(token.offset, inLine('wrap', this.statementIndent(entry) + key.text.length + 2));
                } else {
                    this.places.set(token.offset, SPACE);
                }
            }
            previous = token;
            previousText = text;
        }
    }

    /** The column of a token that a comment pushed onto a line of its own. */
    private continuation(token: CstNode | undefined): number {
        return token ? this.statementIndent(token.astNode) + INDENT : 0;
    }

    /** The indentation of the line a node starts on. */
    private statementIndent(node: AstNode): number {
        for (let n: AstNode | undefined = node; n; n = n.$container) {
            if (isElement(n)) return depthOf(n) * INDENT;
            if (isEntry(n)) return (depthOf(n.$container) + 1) * INDENT;
            if (isMemberDecl(n) || isViewEntry(n)) return INDENT;
            if (isKindDecl(n) || isViewDecl(n) || isNamespaceDecl(n)) return 0;
        }
        return 0;
    }

    private place(item: AstNode | CstNode, place: Place): void {
        const cst = 'astNode' in item ? item : item.$cstNode;
        const first = cst && this.codeAt.get(cst.offset);
        if (first) this.places.set(first.offset, place);
    }

    private placeOf(token: CstNode): Place {
        return this.places.get(token.offset) ?? SPACE;
    }

    // ---- text ------------------------------------------------------------------------------------------------

    private nextCodeTokens(): Array<CstNode | undefined> {
        const next: Array<CstNode | undefined> = [];
        let following: CstNode | undefined;
        for (let i = this.tokens.length - 1; i >= 0; i--) {
            next[i] = this.tokens[i].hidden ? following : this.tokens[i];
            if (!this.tokens[i].hidden) following = this.tokens[i];
        }
        return next;
    }

    private hasComment(from: CstNode, to: CstNode): boolean {
        return CstUtils.streamCst(from.container!).some(
            (n) => isLeafCstNode(n) && n.hidden && n.offset > from.offset && n.offset < to.offset,
        );
    }

    private breaks(from: CstNode, to: CstNode): boolean {
        return /[\r\n]/.test(this.text.slice(from.end, to.offset));
    }

    private newLines(blank: Blank, from: CstNode, to: CstNode): string {
        const existing = this.text.slice(from.end, to.offset).match(/\r\n|\r|\n/g)?.length ?? 0;
        return blank === 'one' || (blank === 'keep' && existing >= 2) ? this.eol + this.eol : this.eol;
    }

    /** Drops a comment's trailing blanks and, when it starts a line at `column`, moves its inner lines along. */
    private layOutComment(comment: CstNode, column: number | undefined, edits: TextEdit[]): void {
        this.replace(comment.offset, comment.end, laidOutComment(comment.text, this.eol, comment.range.start.character, column), edits);
    }

    private replace(start: number, end: number, newText: string, edits: TextEdit[]): void {
        if (this.text.slice(start, end) === newText) return;
        const textDocument = this.document.textDocument;
        edits.push({ range: { start: textDocument.positionAt(start), end: textDocument.positionAt(end) }, newText });
    }
}

function depthOf(element: Element): number {
    let depth = 0;
    for (let c: AstNode | undefined = element.$container; isElement(c); c = c.$container) depth++;
    return depth;
}

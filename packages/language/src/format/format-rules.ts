// The rules of layout that the formatter applies and its guard checks: which separators may go, how a comment may
// change (trailing blanks dropped, inner lines of a block comment re-indented), and what a file means (its syntax
// tree with every documentation comment), which a layout must never change.
import { type AstNode, type CstNode, CstUtils, isAstNode, isLeafCstNode, isReference } from 'langium';
import { isElement, isKindDecl, isViewDecl } from '../generated/ast.js';

const LINE_BREAK = /\r\n|\r|\n/;
const TRAILING_BLANKS = /[ \t]+$/;
const LEADING_BLANKS = /^[ \t]*/;

/** Every token and comment of a parse tree, in document order. */
export function leavesOf(root: CstNode): CstNode[] {
    return CstUtils.streamCst(root)
        .filter(isLeafCstNode)
        .toArray()
        .sort((a, b) => a.offset - b.offset);
}

/** A `/** … *\/` comment: the documentation of the node right after it (hover, the compiled model's `doc`). */
function isDocComment(leaf: CstNode | undefined): boolean {
    return leaf?.hidden === true && leaf.text.startsWith('/**');
}

/**
 * Offsets of the separators the formatter drops: the optional `,` / `;` after body items, kind members and view
 * entries. One directly after a doc comment (`/** … *\/`) stays: it keeps that comment from documenting the next
 * item, and dropping it would make the comment the next item's documentation.
 */
export function droppableSeparators(leaves: readonly CstNode[]): Set<number> {
    const droppable = new Set<number>();
    leaves.forEach((leaf, i) => {
        if (leaf.hidden || (leaf.text !== ',' && leaf.text !== ';')) return;
        if (!(isElement(leaf.astNode) || isKindDecl(leaf.astNode) || isViewDecl(leaf.astNode))) return;
        if (!isDocComment(leaves[i - 1])) droppable.add(leaf.offset);
    });
    return droppable;
}

/**
 * A comment as the formatter writes it: no blanks at the end of any line. Given `to`, the column its first line now
 * starts at (`from` before), the inner lines of a block comment move with it: under its first `*`, one column in,
 * when every inner line starts with `*` (a `/** … *\/` doc comment), else by as far as the first line moved (less
 * if a line has not that much indentation to lose, so the lines keep their indentation relative to each other).
 * Its line breaks become the file's, `eol` (a CR, a blank and an LF would otherwise fuse into one CRLF).
 */
export function laidOutComment(text: string, eol: string, from: number, to?: number): string {
    const lines = text.split(LINE_BREAK);
    const inner = lines.slice(1).filter((line) => line.trim() !== '');
    const starred = inner.length > 0 && inner.every((line) => line.replace(LEADING_BLANKS, '').startsWith('*'));
    // Every inner line moves by the same amount, so their indentation relative to each other stays.
    const least = inner.reduce((min, line) => Math.min(min, LEADING_BLANKS.exec(line)![0].length), Number.POSITIVE_INFINITY);
    const shift = to === undefined ? 0 : Math.max(to - from, -least);
    return lines
        .map((part, i) => {
            const line = part.replace(TRAILING_BLANKS, '');
            if (i === 0 || to === undefined || line === '') return line;
            if (starred) return ' '.repeat(to + 1) + line.replace(LEADING_BLANKS, '');
            return shift >= 0 ? ' '.repeat(shift) + line : line.slice(-shift);
        })
        .join(eol);
}

/** A comment's text as layout must keep it: without trailing blanks, and a block comment's inner lines without indentation. */
export function commentContent(text: string): string {
    return text
        .split(/\r\n|\r|\n/)
        .map((line, i) => (i === 0 ? line.replace(TRAILING_BLANKS, '') : line.trim()))
        .join('\n');
}

/**
 * What a parsed file means, as plain data: its syntax tree (references by their text) with the doc comment right
 * before each node, its documentation. Two layouts of one file mean the same.
 */
export function meaningOf(root: AstNode, leaves: readonly CstNode[]): unknown {
    const codeIndex = new Map<number, number>();
    leaves.forEach((leaf, i) => {
        if (!leaf.hidden) codeIndex.set(leaf.offset, i);
    });
    const docOf = (node: AstNode): string | undefined => {
        const index = node.$cstNode ? codeIndex.get(node.$cstNode.offset) : undefined;
        const before = index === undefined ? undefined : leaves[index - 1];
        return before && isDocComment(before) ? commentContent(before.text) : undefined;
    };
    const plain = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(plain);
        if (isReference(value)) return { $refText: value.$refText };
        if (!isAstNode(value)) return value;
        const result: Record<string, unknown> = { $type: value.$type, $doc: docOf(value) };
        for (const [key, property] of Object.entries(value)) if (!key.startsWith('$')) result[key] = plain(property);
        return result;
    };
    return plain(root);
}

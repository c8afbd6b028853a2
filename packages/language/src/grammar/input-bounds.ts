// The bounds every input is held to before the recursive parser sees it. Past a bound the file is not parsed: it
// yields an empty model and one `input-too-large` diagnostic that names the limit and the measured value, placed
// where the limit is crossed. The CLI and the language server parse through the same guard (grammar/guarded-parser.ts).
//
// The limits sit far above real models and below what makes a build slow. A generated model of 100,000 elements
// spreads them over files of about 100 elements (8 KB, lines under 100 characters); in that style a file of 1,000
// elements has about 85 KB and 14,000 tokens, and the longest line in examples/ has 163 characters. The size and
// token limits are over 20× that (a file just under both holds about 21,000 elements and validates in about 5 s of
// CPU); the line limit is 60× the longest line.
import type { IToken } from 'chevrotain';
import type { LexerResult } from 'langium';

/** Characters (UTF-16 code units) in one file. */
export const MAX_FILE_SIZE = 2_000_000;
/** Characters in one line. */
export const MAX_LINE_LENGTH = 10_000;
/** Tokens in one file, counting comments and unreadable characters. */
export const MAX_TOKENS = 300_000;
/** Levels of `{`: deeper than any operating model needs, far shallower than what overflows the parser's stack. */
export const MAX_NESTING = 64;

/** An input bound that a text passes: where, and the sentence that says so. */
export interface BoundExceeded {
    offset: number;
    length: number;
    message: string;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The bounds that need no lexing: file size and line length. Lines end at `\n`, `\r\n` or `\r`, as in LSP. */
export function textBeyondBounds(text: string): BoundExceeded | undefined {
    if (text.length > MAX_FILE_SIZE) {
        return {
            offset: MAX_FILE_SIZE,
            length: 1,
            message: `This file has ${count(text.length)} characters, more than the limit of ${count(MAX_FILE_SIZE)}; it is not parsed. Split it into several files.`,
        };
    }
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i <= text.length; i++) {
        const c = i < text.length ? text.charCodeAt(i) : LF;
        if (c !== LF && c !== CR) continue;
        if (i - lineStart > MAX_LINE_LENGTH) {
            return {
                offset: lineStart + MAX_LINE_LENGTH,
                length: 1,
                message: `Line ${count(line)} has ${count(i - lineStart)} characters, more than the limit of ${count(MAX_LINE_LENGTH)}; this file is not parsed. Break the line.`,
            };
        }
        if (c === CR && text.charCodeAt(i + 1) === LF) i++;
        line++;
        lineStart = i + 1;
    }
    return undefined;
}

const LF = 10;
const CR = 13;

/** The bounds on the lexed text: the number of tokens, and the nesting of braces. */
export function tokensBeyondBounds(lexed: LexerResult): BoundExceeded | undefined {
    const total = lexed.tokens.length + lexed.hidden.length + lexed.errors.length;
    if (total > MAX_TOKENS) {
        const at = tokenAt(lexed, MAX_TOKENS);
        return {
            ...at,
            message: `This file has ${count(total)} tokens, more than the limit of ${count(MAX_TOKENS)}; it is not parsed. Split it into several files.`,
        };
    }
    return nestingBeyond(lexed.tokens, MAX_NESTING);
}

/**
 * The brace that opens level `limit + 1`, with the deepest level reached, or undefined. Only braces nest rules in the
 * grammar (an element's body holds elements); a `[` holds metadata, which does not nest, so brackets are not counted
 * and a stray `]` cannot cancel a `{`. A `}` always ends the innermost body for the parser too: inside a value or
 * metadata it is where recovery resumes. Strings and comments are already tokens of their own here, exactly as the
 * lexer read them.
 */
export function nestingBeyond(tokens: readonly IToken[], limit: number): BoundExceeded | undefined {
    let depth = 0;
    let first: IToken | undefined;
    let deepest = 0;
    for (const token of tokens) {
        const image = token.image;
        if (image === '{') {
            depth++;
            if (depth > deepest) deepest = depth;
            if (depth > limit && !first) first = token;
        } else if (image === '}' && depth > 0) {
            depth--;
        }
    }
    if (!first) return undefined;
    return {
        offset: first.startOffset,
        length: 1,
        message: `Braces nest ${count(deepest)} levels deep, more than the limit of ${count(limit)}; this file is not parsed.`,
    };
}

interface Piece {
    offset: number;
    length: number;
}

/** The place of the piece (token, comment or unreadable text) number `index` (0-based) in text order; index < total. */
function tokenAt(lexed: LexerResult, index: number): Piece {
    // Each of the three lists is in text order already: walk them together.
    const lists: Piece[][] = [
        lexed.tokens.map((t) => ({ offset: t.startOffset, length: t.image.length })),
        lexed.hidden.map((t) => ({ offset: t.startOffset, length: t.image.length })),
        lexed.errors.map((e) => ({ offset: e.offset, length: e.length })),
    ];
    const next = [0, 0, 0];
    const earliest = () => {
        let pick = -1;
        for (let l = 0; l < lists.length; l++) {
            const candidate = lists[l][next[l]];
            if (candidate && (pick < 0 || candidate.offset < lists[pick][next[pick]].offset)) pick = l;
        }
        return pick;
    };
    for (let n = 0; n < index; n++) next[earliest()]++;
    const pick = earliest();
    return lists[pick][next[pick]];
}

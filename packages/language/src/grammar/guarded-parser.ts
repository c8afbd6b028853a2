// The parser behind a guard, so that no text can crash or hang the server or the CLI. Text that is not
// POM at all (XML, binary, empty) and text nested deeper than any model needs are not handed to the recursive
// parser; they yield an empty model plus one diagnostic. Any exception from the parser itself is caught the same way.

import type { IRecognitionException, IToken } from 'chevrotain';
import { type AstNode, createLangiumParser, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import { classify } from '../workspace/foreign-files.js';

/** Deeper than any operating model needs, far shallower than what overflows the parser's stack. */
export const MAX_NESTING = 64;

export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    let parse = parser.parse.bind(parser);
    parser.parse = <T extends AstNode = AstNode>(text: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        if (classify(text)) return parse<T>(''); // reported once, as `not-a-pom-file`, by the document validator
        const tooDeep = nestingBeyond(text, MAX_NESTING);
        if (tooDeep !== undefined) {
            return failed(parse<T>(''), text, tooDeep, `Nesting deeper than ${MAX_NESTING} levels; this file is not parsed.`);
        }
        try {
            return parse<T>(text, options);
        } catch (error) {
            // A parser that threw may keep the state of the failed run; parse from now on with a fresh one.
            const fresh = createLangiumParser(services);
            parse = fresh.parse.bind(fresh);
            const reason = error instanceof RangeError ? 'too many errors to recover from' : (error as Error).message;
            return failed(parse<T>(''), text, 0, `The parser gave up on this file (${reason}); fix the first errors and try again.`);
        }
    };
    return parser;
}

function failed<T>(empty: ParseResult<T>, text: string, offset: number, message: string): ParseResult<T> {
    return { ...empty, parserErrors: [recognitionError(text, offset, message)] };
}

/** The offset of the first bracket that opens level `limit + 1`, skipping strings and comments; undefined if none. */
export function nestingBeyond(text: string, limit: number): number | undefined {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (text.startsWith('"""', i)) {
            // Multi-line text: up to the closing quotes (the last of a run, as the lexer reads it) or the end.
            for (i += 3; i < text.length && !(text.startsWith('"""', i) && text[i + 3] !== '"'); i++) if (text[i] === '\\') i++;
            i += 2;
        } else if (c === '"' || c === "'") {
            // A one-line string in either quotes (so a `"""` inside single quotes opens nothing).
            for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
        } else if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') i++;
        } else if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
        } else if (c === '{' || c === '[') {
            if (++depth > limit) return i;
        } else if ((c === '}' || c === ']') && depth > 0) {
            depth--;
        }
    }
    return undefined;
}

function recognitionError(text: string, offset: number, message: string): IRecognitionException {
    const line = text.slice(0, offset).split('\n').length;
    const column = offset - text.lastIndexOf('\n', offset - 1);
    const position = { startOffset: offset, endOffset: offset, startLine: line, startColumn: column, endLine: line, endColumn: column };
    const token = { image: '', tokenTypeIdx: 0, tokenType: { name: 'Guard' }, ...position } as unknown as IToken;
    return { name: 'NestingError', message, token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } };
}

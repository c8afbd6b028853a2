// The parser behind a guard, so that no text can crash or hang the server or the CLI. Text that is not POM at all
// (XML, binary, empty) and text beyond the input bounds (grammar/input-bounds.ts: size, line length, tokens,
// nesting) are not handed to the recursive parser; they yield an empty model plus one diagnostic. The parser itself
// is Langium's, with two changes that keep its work linear and its stack bounded (PomLangiumParser below).

import type { IRecognitionException, IToken } from 'chevrotain';
import {
    type AstNode,
    type AstReflection,
    DatatypeSymbol,
    isAstNode,
    type LangiumCoreServices,
    LangiumParser,
    type Lexer,
    type LexerResult,
    type ParseResult,
} from 'langium';
import { classify } from '../workspace/foreign-files.js';
import { type BoundExceeded, textBeyondBounds, tokensBeyondBounds } from './input-bounds.js';
import { createPomParser } from './parser-builder.js';
import { PomCstNodeBuilder } from './pom-cst-node-builder.js';
import type { PomLexer } from './pom-lexer.js';

/** The name of the parser error that stands for an input bound; the document validator reports it as `input-too-large`. */
export const INPUT_TOO_LARGE = 'InputTooLarge';

/**
 * Syntax errors after which the parser stops recovering inside repetitions; the rest of the file is then not read.
 * The document validator shows no more than 100 syntax errors either.
 *
 * Upstream cause (chevrotain 11, `tryInRepetitionRecovery` in parse/parser/traits/recoverable.js): after a syntax
 * error inside a repetition (the members of a file, the entries of a body), the parser skips to a point where the
 * repetition can go on and then calls the repetition again, recursively, "to support multiple re-syncs in the same
 * top level repetition". Every recovered error in one list adds frames to the stack, so a file with a few thousand
 * errors overflows it, at a depth that depends on the engine's state: the same file failed in some runs and not in
 * others, and left the parser's node stack half unwound (`Cannot read properties of undefined`).
 */
export const MAX_RECOVERED_ERRORS = 100;

interface RepetitionRecovery {
    readonly errors: readonly unknown[];
    attemptInRepetitionRecovery(...args: unknown[]): void;
}

/** The members of langium's `LangiumParser` that are private in its typings and replaced here. */
interface ParserInternals {
    nodeBuilder: PomCstNodeBuilder;
    lexer: Lexer;
    lexerResult?: LexerResult;
    wrapper: { input: IToken[]; errors: IRecognitionException[] };
    astReflection: AstReflection;
    stack: Record<string | symbol, unknown>[];
    isRecording(): boolean;
    construct(): unknown;
    mainRule: unknown;
    allRules: Map<string, unknown>;
    unorderedGroups: Map<string, unknown>;
    doParse(rule: unknown): AstNode;
    extractHiddenTokens(token: IToken): IToken[];
}

/**
 * Langium's parser, kept linear in long lists and bounded in its recovery. Three upstream paths are replaced (the
 * members are private in langium's typings and not injectable, hence the assignments in the constructor):
 * - the CST builder searches siblings from the back (pom-cst-node-builder.ts);
 * - the comments before a token are taken from a cursor. Upstream (langium 4.4, `LangiumParser.extractHiddenTokens`)
 *   removes them with `hidden.splice(0, i)`, which shifts every later comment: a file of n comments cost n²/2 moves
 *   (50,000 commented values took 8 s). The consumed ones are removed once, after parsing, for the trailing ones;
 * - in-repetition recovery stops after MAX_RECOVERED_ERRORS errors;
 * - a finished node gets its properties' default values (empty arrays, `false`) from a list made once per type.
 *   Upstream (langium 4.4, `assignMandatoryProperties` in utils/ast-utils.js) makes an array of every property's
 *   metadata (`Object.values`) for every node the parser builds.
 * `parse` is upstream's (langium 4.4, `LangiumParser.parse`) with a cheaper last step, `linkContainers` below.
 */
export class PomLangiumParser extends LangiumParser {
    override parse<T extends AstNode = AstNode>(input: string, options: { rule?: string } = {}): ParseResult<T> {
        const self = this as unknown as ParserInternals;
        self.nodeBuilder.buildRootNode(input);
        const lexerResult = self.lexer.tokenize(input);
        self.lexerResult = lexerResult;
        self.wrapper.input = lexerResult.tokens;
        const ruleMethod = options.rule ? self.allRules.get(options.rule) : self.mainRule;
        if (!ruleMethod) throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
        const result = self.doParse(ruleMethod);
        self.nodeBuilder.addHiddenNodes(lexerResult.hidden);
        self.unorderedGroups.clear();
        self.lexerResult = undefined;
        linkContainers(result);
        return {
            value: result as T,
            lexerErrors: lexerResult.errors,
            lexerReport: lexerResult.report,
            parserErrors: self.wrapper.errors,
        };
    }

    constructor(services: LangiumCoreServices) {
        super(services);
        const self = this as unknown as ParserInternals;
        self.nodeBuilder = new PomCstNodeBuilder();
        let cursor = 0;
        const doParse = self.doParse;
        self.doParse = function (this: ParserInternals, rule: unknown) {
            cursor = 0;
            const result = doParse.call(this, rule);
            this.lexerResult?.hidden.splice(0, cursor); // `parse` then adds the comments after the last token
            return result;
        };
        self.extractHiddenTokens = function (this: ParserInternals, token: IToken) {
            const hidden = this.lexerResult?.hidden ?? [];
            const start = cursor;
            while (cursor < hidden.length && hidden[cursor].startOffset <= token.startOffset) cursor++;
            return hidden.slice(start, cursor);
        };
        const construct = self.construct;
        const defaults = new Map<string, [string, unknown][]>();
        self.construct = function (this: ParserInternals) {
            const node = this.isRecording() ? undefined : this.stack[this.stack.length - 1];
            // Data type rules, infix rules and the recording phase: upstream's own.
            if (!node || node.$type === DatatypeSymbol || '$infixName' in node) return construct.call(this);
            this.stack.pop();
            this.nodeBuilder.construct(node as unknown as Parameters<PomCstNodeBuilder['construct']>[0]);
            const type = node.$type as string;
            let list = defaults.get(type);
            if (!list) {
                list = [];
                for (const property of Object.values(this.astReflection.getTypeMetaData(type).properties)) {
                    if (property.defaultValue !== undefined) list.push([property.name, property.defaultValue]);
                }
                defaults.set(type, list);
            }
            for (const [name, value] of list) {
                if (node[name] === undefined) node[name] = Array.isArray(value) ? copyDefault(value) : value;
            }
            return node;
        };
        const recovery = this.wrapper as unknown as RepetitionRecovery;
        const attempt = recovery.attemptInRepetitionRecovery;
        recovery.attemptInRepetitionRecovery = function (this: RepetitionRecovery, ...args: unknown[]) {
            if (this.errors.length < MAX_RECOVERED_ERRORS) attempt.apply(this, args);
        };
    }
}

export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
    const parser = createPomParser(services.Grammar, new PomLangiumParser(services), services.parser.Lexer.definition);
    parser.finalize();
    const lexer = services.parser.Lexer as PomLexer;
    const parse = parser.parse.bind(parser);
    parser.parse = <T extends AstNode = AstNode>(text: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        if (classify(text)) return parse<T>(''); // reported once, as `not-a-pom-file`, by the document validator
        const beyond = textBeyondBounds(text) ?? tokensBeyondBounds(lexer.prepare(text));
        if (beyond) return refused(parse<T>(''), text, beyond);
        return parse<T>(text, options); // takes the tokens prepared above
    };
    return parser;
}

/**
 * Sets `$container`, `$containerProperty` and `$containerIndex` of every node below `node`, as langium's
 * `linkContentToContainer(node, { deep: true })` does (the same properties, in the same order), without its
 * `Object.entries` pair array and `forEach` closure per node: on a large model those were about a tenth of parsing
 * and garbage for the collector. The depth is bounded by the input bounds' nesting limit.
 */
function linkContainers(node: AstNode): void {
    const record = node as unknown as Record<string, unknown>;
    // `for…in` reads the object's enumeration cache; `Object.keys` copies it into a new array for every node. AST nodes
    // are plain objects: no inherited enumerable property.
    for (const name in record) {
        if (name.charCodeAt(0) === 36) continue; // `$`
        const value = record[name];
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const item: unknown = value[index];
                if (!isAstNode(item)) continue;
                const child = item as Contained;
                child.$container = node;
                child.$containerProperty = name;
                child.$containerIndex = index;
                linkContainers(item);
            }
        } else if (isAstNode(value)) {
            const child = value as Contained;
            child.$container = node;
            child.$containerProperty = name;
            linkContainers(value);
        }
    }
}

/** A fresh copy of a default array value, as upstream's `copyDefaultValue`. */
function copyDefault(value: unknown): unknown {
    return Array.isArray(value) ? value.map(copyDefault) : value;
}

/** The container properties of an AST node, writable (langium's `AstNode` declares them read-only). */
interface Contained {
    $container: AstNode;
    $containerProperty: string;
    $containerIndex?: number;
}

function refused<T>(empty: ParseResult<T>, text: string, beyond: BoundExceeded): ParseResult<T> {
    return { ...empty, parserErrors: [boundError(text, beyond)] };
}

function boundError(text: string, { offset, length, message }: BoundExceeded): IRecognitionException {
    const start = position(text, offset);
    const end = position(text, Math.min(offset + length, text.length));
    const token = {
        image: text.slice(offset, offset + length),
        tokenTypeIdx: 0,
        tokenType: { name: INPUT_TOO_LARGE },
        startOffset: offset,
        endOffset: offset + length - 1,
        startLine: start.line,
        startColumn: start.column,
        endLine: end.line,
        endColumn: end.column - 1,
    } as unknown as IToken;
    return { name: INPUT_TOO_LARGE, message, token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } };
}

/** Chevrotain's 1-based line and column of an offset; lines end at `\n`, `\r\n` or `\r`, as the LSP counts them. */
function position(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: offset - lineStart + 1 };
}

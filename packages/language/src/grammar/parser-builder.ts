// Builds the parser's rules from the grammar, as langium's `createParser` does, without allocating at every choice.
//
// Upstream cause (langium 4.4, `buildAlternatives`, `buildGroup`, `buildRuleCall` and `wrap` in
// parser/parser-builder-base.js): every rule method is a closure over the rule's parameters (`args`), so each call of
// an alternative makes a fresh array of fresh `{ ALT }` objects with a fresh closure each, each group runs a `forEach`
// closure, each rule call makes a `{}` for its arguments and each `?`, `*` and `+` a `{ DEF }` object and closure.
// A POM value passes through about eight choice points: on a 100,000-element model those closures were about 7 % of
// `pom validate`'s time, plus the collector's work for them.
//
// POM's grammar has no rule parameters, guards, unordered groups, infix rules or `EOF`, so every one of those objects
// is the same at every call: here they are made once, when the rule is built. The occurrence indexes are counted in
// the same order as upstream. A grammar that uses any of those features is handed to langium's `createParser`.
import type { TokenTypeDictionary } from 'chevrotain';
import { createParser, GrammarAST, GrammarUtils, type LangiumParser } from 'langium';

type Method = () => void;
type RuleResult = Parameters<LangiumParser['subrule']>[1];
type Choice = Parameters<LangiumParser['alternatives']>[1][number];

interface Context {
    readonly parser: LangiumParser;
    readonly tokens: TokenTypeDictionary;
    consume: number;
    optional: number;
    subrule: number;
    many: number;
    or: number;
}

/** The arguments every rule is called with: POM's rules take none. */
const NO_ARGS = Object.freeze({});

/** Builds every reachable parser rule of `grammar` into `parser`, and returns it. */
export function createPomParser<T extends LangiumParser>(grammar: GrammarAST.Grammar, parser: T, tokens: TokenTypeDictionary): T {
    const rules = reachableParserRules(grammar);
    if (!rules?.every((rule) => isPlain(rule.definition))) return createParser(grammar, parser, tokens);
    for (const rule of rules) {
        const ctx: Context = { parser, tokens, consume: 1, optional: 1, subrule: 1, many: 1, or: 1 };
        parser.rule(rule, build(ctx, rule.definition));
    }
    return parser;
}

/** The reachable parser rules, or undefined when the grammar has a rule this builder leaves to langium. */
function reachableParserRules(grammar: GrammarAST.Grammar): GrammarAST.ParserRule[] | undefined {
    const reachable = GrammarUtils.getAllReachableRules(grammar, false);
    const rules: GrammarAST.ParserRule[] = [];
    for (const rule of grammar.rules) {
        if (!reachable.has(rule)) continue;
        if (GrammarAST.isInfixRule(rule)) return undefined;
        if (!GrammarAST.isParserRule(rule)) continue;
        if (rule.parameters.length > 0) return undefined;
        rules.push(rule);
    }
    return rules;
}

/** Whether an element (and everything in it) needs no rule arguments: no guards, arguments or unordered groups. */
function isPlain(element: GrammarAST.AbstractElement): boolean {
    if (GrammarAST.isUnorderedGroup(element) || GrammarAST.isEndOfFile(element)) return false;
    if (GrammarAST.isGroup(element) && element.guardCondition) return false;
    if (GrammarAST.isRuleCall(element) && element.arguments.length > 0) return false;
    if (GrammarAST.isAssignment(element)) return isPlain(element.terminal);
    if (GrammarAST.isCrossReference(element)) return !element.terminal || isPlain(element.terminal);
    if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element)) return element.elements.every(isPlain);
    return true;
}

function build(ctx: Context, element: GrammarAST.AbstractElement): Method {
    return withCardinality(ctx, buildElement(ctx, element), element.cardinality);
}

function buildElement(ctx: Context, element: GrammarAST.AbstractElement): Method {
    const { parser } = ctx;
    if (GrammarAST.isKeyword(element)) {
        const idx = ctx.consume++;
        const token = ctx.tokens[element.value];
        if (!token) throw new Error(`Could not find token for keyword: ${element.value}`);
        return () => parser.consume(idx, token, element);
    }
    if (GrammarAST.isAction(element)) {
        const type = GrammarUtils.getTypeName(element);
        return () => parser.action(type, element);
    }
    if (GrammarAST.isAssignment(element)) return build(ctx, element.terminal);
    if (GrammarAST.isCrossReference(element)) return buildCrossReference(ctx, element);
    if (GrammarAST.isRuleCall(element)) return buildRuleCall(ctx, element, element);
    if (GrammarAST.isAlternatives(element)) {
        if (element.elements.length === 1) return build(ctx, element.elements[0]);
        const choices: Choice[] = element.elements.map((alternative) => ({ ALT: build(ctx, alternative) }));
        const idx = ctx.or++;
        return () => parser.alternatives(idx, choices);
    }
    if (GrammarAST.isGroup(element)) {
        const methods = element.elements.map((item) => build(ctx, item));
        if (methods.length === 1) return methods[0];
        return () => {
            for (let i = 0; i < methods.length; i++) methods[i]();
        };
    }
    throw new Error(`Unexpected element type: ${element.$type}`);
}

/** A call of a parser rule or a terminal rule; `feature` is what the CST node records (the call or a cross-reference). */
function buildRuleCall(ctx: Context, call: GrammarAST.RuleCall, feature: GrammarAST.AbstractElement): Method {
    const { parser } = ctx;
    const rule = call.rule.ref;
    if (GrammarAST.isAbstractParserRule(rule)) {
        const idx = ctx.subrule++;
        const fragment = GrammarAST.isParserRule(rule) && rule.fragment;
        let method: RuleResult | undefined;
        return () => {
            method ??= ruleMethod(parser, rule.name);
            parser.subrule(idx, method, fragment, feature, NO_ARGS);
        };
    }
    if (GrammarAST.isTerminalRule(rule)) {
        const idx = ctx.consume++;
        const token = ctx.tokens[rule.name];
        if (!token) throw new Error(`Token "${rule.name}" not found.`);
        return () => parser.consume(idx, token, feature);
    }
    throw new Error(`Undefined rule: ${call.rule.$refText}`);
}

function buildCrossReference(ctx: Context, crossRef: GrammarAST.CrossReference): Method {
    let terminal = crossRef.terminal;
    if (!terminal) {
        const type = crossRef.type.ref;
        if (!type) throw new Error(`Could not resolve reference to type: ${crossRef.type.$refText}`);
        terminal = GrammarUtils.findNameAssignment(type)?.terminal;
        if (!terminal) throw new Error(`Could not find name assignment for type: ${GrammarUtils.getTypeName(type)}`);
    }
    if (GrammarAST.isRuleCall(terminal)) return buildRuleCall(ctx, terminal, crossRef);
    if (GrammarAST.isKeyword(terminal)) {
        const idx = ctx.consume++;
        const token = ctx.tokens[terminal.value];
        if (!token) throw new Error(`Token "${terminal.value}" not found.`);
        const { parser } = ctx;
        return () => parser.consume(idx, token, crossRef);
    }
    throw new Error('Could not build cross reference parser');
}

function withCardinality(ctx: Context, method: Method, cardinality: GrammarAST.AbstractElement['cardinality']): Method {
    const { parser } = ctx;
    if (!cardinality) return method;
    const body = { DEF: method };
    if (cardinality === '*') {
        const idx = ctx.many++;
        return () => parser.many(idx, body);
    }
    if (cardinality === '+') {
        const idx = ctx.many++;
        return () => parser.atLeastOne(idx, body);
    }
    const idx = ctx.optional++;
    return () => parser.optional(idx, body);
}

function ruleMethod(parser: LangiumParser, name: string): RuleResult {
    const method = parser.getRule(name);
    if (!method) throw new Error(`Rule "${name}" not found.`);
    return method;
}

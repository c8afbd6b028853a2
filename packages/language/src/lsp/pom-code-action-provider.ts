// Quick fixes, keyed on the diagnostic `code`: create the element an unresolved name stands for, use a close name
// of the right kind, choose among the elements an ambiguous short name could mean, add a missing required entry, bring a nested element's horizon down to its parent's.
import { type AstNode, CstUtils, GrammarAST, type LangiumDocument, type MaybePromise, type ScopeProvider } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeActionParams } from 'vscode-languageserver-protocol';
import type { CodeAction, Diagnostic, Position, TextEdit } from 'vscode-languageserver-types';
import {
    type Element,
    isElement,
    isEnumType,
    isModel,
    isRefValue,
    isRelationDecl,
    type KindDecl,
    type MemberDecl,
    type Model,
} from '../generated/ast.js';
import { entriesOf } from '../model/element-context.js';
import { isRequired } from '../model/kind-system.js';
import { parentElement } from '../model/qualified-names.js';
import { PLACEHOLDERS } from '../model/values.js';
import type { PomServices } from '../pom-module.js';
import { compareDescriptions } from '../workspace/name-index.js';

/** A `"""` string, as the lexer reads it. */
const MULTI_LINE_STRING = /"""(?:\\[\s\S]|[^\\])*?"""(?!")/g;

/** A name the user can write for a new element: no qualifier, no quotes. */
const SIMPLE_NAME = /^[_a-zA-Z]\w*(-\w+)*$/;

export class PomCodeActionProvider implements CodeActionProvider {
    private readonly pom: PomServices['pom'];
    private readonly scopes: ScopeProvider;

    constructor(services: PomServices) {
        this.pom = services.pom;
        this.scopes = services.references.ScopeProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<CodeAction[]> {
        const only = params.context.only;
        if (only && !only.some((kind: string) => CodeActionKind.QuickFix.startsWith(kind))) return [];
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...this.fixes(document, diagnostic));
        }
        return actions;
    }

    private fixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = (diagnostic.data ?? {}) as Record<string, unknown>;
        switch (diagnostic.code ?? data.code) {
            case 'unresolved-reference':
                return [...this.createMissing(document, diagnostic), ...this.useSuggestions(document, diagnostic, data)];
            case 'wrong-target-kind':
            case 'unknown-member':
            case 'value-type':
                // Only the diagnostics that found close names carry suggestions: a misspelt key or enum literal.
                return this.useSuggestions(document, diagnostic, data);
            case 'ambiguous-reference':
                return this.chooseCandidate(document, diagnostic, data);
            case 'missing-required':
                return this.addRequired(document, diagnostic, data);
            case 'horizon-exceeds-parent':
                return this.useParentHorizon(document, diagnostic, data);
            case 'context-conflict':
                return this.stateContext(document, diagnostic, data);
            default:
                return [];
        }
    }

    /** "Use X" for each close name the validator found in scope. */
    private useSuggestions(document: LangiumDocument, diagnostic: Diagnostic, data: Record<string, unknown>): CodeAction[] {
        const suggestions = Array.isArray(data.suggestions) ? data.suggestions.filter((s): s is string => typeof s === 'string') : [];
        return suggestions.map((name) =>
            quickFix(`Use ${name}`, document, diagnostic, [{ range: diagnostic.range, newText: name }], suggestions.length === 1),
        );
    }

    /** "Use growth.Onboarding.Bet": one fix per element an ambiguous short name could mean, writing the shortest tail that says which. */
    private chooseCandidate(document: LangiumDocument, diagnostic: Diagnostic, data: Record<string, unknown>): CodeAction[] {
        const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
        const [candidates, replacements] = [strings(data.candidates), strings(data.replacements)];
        if (candidates.length !== replacements.length) return [];
        return replacements.map((text, i) =>
            quickFix(text === candidates[i] ? `Use ${text}` : `Use ${text} (${candidates[i]})`, document, diagnostic, [
                { range: diagnostic.range, newText: text },
            ]),
        );
    }

    /** "Create option GuidedSetup": a new top-level element of the kind the relation takes, after the current one. */
    private createMissing(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const value = nodeAt(document, diagnostic.range.start);
        if (!isRefValue(value)) return [];
        const name = value.target.$refText;
        const entry = value.$container;
        const relation = 'key' in entry ? entry.key.ref : undefined;
        if (!isRelationDecl(relation) || !SIMPLE_NAME.test(name)) return [];
        const kind = this.concreteTarget(relation.targets.map((t) => t.ref).filter((k): k is KindDecl => k !== undefined));
        const model = document.parseResult.value as Model;
        let top: AstNode = value;
        while (top.$container && !isModel(top.$container)) top = top.$container;
        const end = top.$cstNode?.range.end;
        if (!kind || !end) return [];
        const [unit, nl] = [indentUnit(document), eol(document)];
        const body = this.requiredEntries(kind).map((line) => `${unit}${line}${nl}`);
        const text = `${this.kindName(kind, model)} ${name}${body.length > 0 ? ` {${nl}${body.join('')}}` : ''}`;
        const edit = { range: { start: end, end }, newText: `${nl}${nl}${text}` };
        return [quickFix(`Create ${kind.name} ${name}`, document, diagnostic, [edit])];
    }

    /** "Add hypothesis": the entry with a placeholder value, on its own line in the element's body. */
    private addRequired(document: LangiumDocument, diagnostic: Diagnostic, data: Record<string, unknown>): CodeAction[] {
        const element = elementAt(document, diagnostic.range.start);
        // The member is in `data.member`; the message names it too, should the data not come through.
        const name = typeof data.member === 'string' ? data.member : /needs `([^`]+)`/.exec(messageText(diagnostic))?.[1];
        const member = element && name ? this.pom.KindSystem.member(element.kind.ref, name) : undefined;
        if (!element || !member) return [];
        const edit = insertEntry(document, element, `${member.name}: ${this.placeholder(member)}`);
        return edit ? [quickFix(`Add ${member.name}`, document, diagnostic, [edit], true)] : [];
    }

    private useParentHorizon(document: LangiumDocument, diagnostic: Diagnostic, data: Record<string, unknown>): CodeAction[] {
        const element = elementAt(document, diagnostic.range.start);
        const parent = element && parentElement(element);
        const horizon =
            typeof data.parentHorizon === 'string' ? data.parentHorizon : parent && this.pom.ElementContext.horizon(parent).effective?.text;
        if (typeof horizon !== 'string') return [];
        return [
            quickFix(`Use the parent's horizon (${horizon})`, document, diagnostic, [{ range: diagnostic.range, newText: horizon }], true),
        ];
    }

    /** "State horizon: quarters": one entry per source the element could take its context from. */
    private stateContext(document: LangiumDocument, diagnostic: Diagnostic, data: Record<string, unknown>): CodeAction[] {
        const element = elementAt(document, diagnostic.range.start);
        const choices = Array.isArray(data.choices) ? data.choices.filter((c): c is string => typeof c === 'string') : [];
        if (!element) return [];
        return choices.flatMap((choice) => {
            const edit = insertEntry(document, element, choice);
            return edit ? [quickFix(`State ${choice}`, document, diagnostic, [edit], false)] : [];
        });
    }

    /** `key: placeholder` for every required member of the kind, in declaration order. */
    requiredEntries(kind: KindDecl): string[] {
        return [...this.pom.KindSystem.members(kind).values()].filter(isRequired).map((m) => `${m.name}: ${this.placeholder(m)}`);
    }

    /** A value of the member's type that parses: `""`, the first enum literal, `1 week`, `TodoOpportunity`. */
    placeholder(member: MemberDecl): string {
        if (isRelationDecl(member)) {
            const kind = this.concreteTarget(member.targets.map((t) => t.ref).filter((k): k is KindDecl => k !== undefined));
            const name = kind?.name ?? 'Element';
            return `Todo${name.charAt(0).toUpperCase()}${name.slice(1).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`;
        }
        if (isEnumType(member.type)) return member.type.literals[0]?.name ?? '""';
        return PLACEHOLDERS[member.type.primitive] ?? '""';
    }

    /** The first target kind that is not abstract, or else the first concrete subkind of the first target. */
    concreteTarget(targets: KindDecl[]): KindDecl | undefined {
        const concrete = targets.find((k) => !k.abstract);
        if (concrete || targets.length === 0) return concrete;
        const all = [...this.pom.NameIndex.kinds().values()].flat().sort(compareDescriptions);
        for (const description of all) {
            const kind = description.node as KindDecl | undefined;
            if (kind && !kind.abstract && this.pom.KindSystem.isA(kind, targets[0])) return kind;
        }
        return undefined;
    }

    /** The shortest name that reaches the kind from the document: `spike` at home, `acme.kinds.spike` elsewhere. */
    private kindName(kind: KindDecl, model: Model): string {
        const probe = { $type: 'Element', $container: model } as unknown as Element;
        const scope = this.scopes.getScope({ reference: { $refText: '', ref: undefined }, container: probe, property: 'kind' });
        return scope.getAllElements().find((d) => d.node === kind)?.name ?? kind.name;
    }
}

function quickFix(title: string, document: LangiumDocument, diagnostic: Diagnostic, edits: TextEdit[], isPreferred = false): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred,
        edit: { changes: { [document.uri.toString()]: edits } },
    };
}

function messageText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function elementAt(document: LangiumDocument, position: Position): Element | undefined {
    let node = nodeAt(document, position);
    while (node && !isElement(node)) node = node.$container;
    return node;
}

function nodeAt(document: LangiumDocument, position: Position): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    return root ? CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position))?.astNode : undefined;
}

/**
 * Inserts `line` as a new line of the element's body, after its last entry (or first in the body), keeping the
 * indentation of the body. An element without a body gets one; a one-line body is opened up.
 */
export function insertEntry(document: LangiumDocument, element: Element, line: string): TextEdit | undefined {
    const cst = element.$cstNode;
    if (!cst) return undefined;
    const text = document.textDocument;
    const nl = eol(document);
    const outer = indentOf(document, cst.range.start.line);
    const open = findKeyword(element, '{');
    const close = findKeyword(element, '}');
    if (!open || !close) {
        return {
            range: { start: cst.range.end, end: cst.range.end },
            newText: ` {${nl}${outer}${indentUnit(document)}${line}${nl}${outer}}`,
        };
    }
    const items = element.body.filter((item) => item.$cstNode && item.$cstNode.range.start.line > open.range.start.line);
    const inner = items.length > 0 ? indentOf(document, items[0].$cstNode!.range.start.line) : outer + indentUnit(document);
    const anchor = entriesOf(element).at(-1)?.$cstNode?.range.end ?? open.range.end;
    if (anchor.line < close.range.start.line) {
        // A line of its own after the anchor's line, so a trailing comment stays where it was.
        const start = { line: anchor.line + 1, character: 0 };
        return { range: { start, end: start }, newText: `${inner}${line}${nl}` };
    }
    // The body closes on the anchor's line: the closing brace moves to a line of its own.
    const closeOffset = text.offsetAt(close.range.start);
    const before = text.getText({ start: anchor, end: close.range.start });
    const start = text.positionAt(closeOffset - (before.length - before.trimEnd().length));
    return { range: { start, end: close.range.start }, newText: `${nl}${inner}${line}${nl}${outer}` };
}

function findKeyword(element: Element, keyword: string) {
    const root = element.$cstNode;
    if (!root) return undefined;
    return CstUtils.streamCst(root)
        .filter((n) => n.astNode === element && n.text === keyword && GrammarAST.isKeyword(n.grammarSource))
        .head();
}

function eol(document: LangiumDocument): string {
    return document.textDocument.getText().includes('\r\n') ? '\r\n' : '\n';
}

function indentOf(document: LangiumDocument, line: number): string {
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return /^[ \t]*/.exec(text)?.[0] ?? '';
}

/**
 * The document's indentation step: the smallest indentation of a code line (doc comment lines and the text inside
 * `"""` strings excluded).
 */
export function indentUnit(document: LangiumDocument): string {
    let unit: string | undefined;
    const code = document.textDocument.getText().replace(MULTI_LINE_STRING, (text) => text.replace(/[^\r\n]/g, ' '));
    for (const line of code.split(/\r?\n/)) {
        const match = /^([ \t]+)([^\s*/])/.exec(line);
        if (match && (unit === undefined || match[1].length < unit.length)) unit = match[1];
    }
    return unit ?? '  ';
}

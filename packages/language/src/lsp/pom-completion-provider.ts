// Completion that offers only what is valid at the cursor: the keys of the element's kind, the elements of the
// kinds a relation takes, the literals of an enum, concrete kinds and new-element snippets where an element may
// start, and keywords only where the grammar reads them as keywords rather than as names.

import type { IToken } from 'chevrotain';
import {
    type AstNode,
    type AstNodeDescription,
    AstUtils,
    CstUtils,
    type DocumentationProvider,
    GrammarAST,
    type LangiumDocument,
    type MaybePromise,
    type ReferenceInfo,
    type Stream,
} from 'langium';
import {
    type CompletionAcceptor,
    type CompletionContext,
    type CompletionProviderOptions,
    DefaultCompletionProvider,
    type NextFeature,
} from 'langium/lsp';
import {
    type CancellationToken,
    CompletionItemKind,
    type CompletionList,
    type CompletionParams,
    InsertTextFormat,
} from 'vscode-languageserver-protocol';
import type { Element, KindDecl, MemberDecl } from '../generated/ast.js';
import { isElement, isEnumLiteral, isEnumType, isFieldDecl, isKindDecl, isRefValue, isRelationDecl } from '../generated/ast.js';
import { CONTEXT_KEYS, entriesOf } from '../model/element-context.js';
import { describeMember, isMany, isRequired, type KindSystem } from '../model/kind-system.js';
import { PLACEHOLDERS } from '../model/values.js';
import type { PomServices } from '../pom-module.js';
import { DECLARATION_SNIPPETS } from './declaration-snippets.js';
import { safeMarkdown } from './markdown.js';
import { SelectorAssist, type SelectorAtomSpot, selectorAtomAt } from './selector-assist.js';

/** Keywords that begin a declaration: offered only where a declaration may begin. */
const STATEMENT_KEYWORDS = new Set(['namespace', 'abstract', 'kind', 'view', 'stage', 'field', 'relation']);

/** Where the cursor is, read from the tokens before it: the innermost open body and the token just before. */
interface Where {
    /** Tokens before the one being completed. */
    readonly before: IToken[];
    /** The element or kind whose `{ … }` body holds the cursor; undefined at the top level. */
    readonly owner?: AstNode;
    /** Whether an element, an entry or a declaration may begin here (after `{`, `}`, `,`, `;` or on a new line). */
    readonly atItemStart: boolean;
}

export class PomCompletionProvider extends DefaultCompletionProvider {
    private readonly kinds: KindSystem;
    private readonly docs: DocumentationProvider;
    private readonly whereCache = new WeakMap<CompletionContext, Where>();
    private readonly selectors: SelectorAssist;

    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: [':', ','] };

    constructor(services: PomServices) {
        super(services);
        this.kinds = services.pom.KindSystem;
        this.docs = services.documentation.DocumentationProvider;
        this.selectors = new SelectorAssist(services);
    }

    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams,
        cancelToken?: CancellationToken,
    ): Promise<CompletionList | undefined> {
        const offset = document.textDocument.offsetAt(params.position);
        const spot = selectorAtomAt(document, offset);
        if (spot) return this.completeSelector(document, spot);
        // Nothing to offer inside a comment or any other string.
        const lexed = this.lexer.tokenize(document.textDocument.getText());
        const inside = (t: IToken, closed: boolean) =>
            t.startOffset < offset && offset <= (t.endOffset ?? t.startOffset) + (closed ? 0 : 1);
        if (
            lexed.hidden.some((t) => inside(t, t.image.startsWith('/*'))) ||
            lexed.tokens.some((t) => /^["']/.test(t.image) && inside(t, true))
        ) {
            return { isIncomplete: false, items: [] };
        }
        return super.getCompletion(document, params, cancelToken);
    }

    /** Inside a view's selector string: element names and methods, or the values of the method being typed. */
    private completeSelector(document: LangiumDocument, spot: SelectorAtomSpot): CompletionList {
        const range = { start: document.textDocument.positionAt(spot.valueStart), end: document.textDocument.positionAt(spot.end) };
        const typed = spot.typed.toLowerCase();
        const items = this.selectors
            .completions(spot)
            .filter((item) => item.label.toLowerCase().includes(typed))
            .map((item) => ({ ...item, filterText: item.label, textEdit: { range, newText: item.label } }));
        return { isIncomplete: false, items };
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const feature = next.feature;
        if (GrammarAST.isKeyword(feature)) return this.completeKeyword(context, feature, acceptor);
        const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule)?.name;
        const property = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment)?.feature;
        if (rule === 'ContextKeyName' || (rule === 'RelationDecl' && property === 'inherits'))
            return this.completeContextKeys(context, acceptor);
        if (!GrammarAST.isCrossReference(feature)) return;
        switch (`${rule}.${property}`) {
            case 'Element.kind':
                return this.completeElementStart(context, acceptor);
            case 'Entry.key':
                return this.completeKeys(context, acceptor);
            case 'RefValue.target':
                return this.completeValues(context, acceptor);
            case 'KindDecl.superKind':
            case 'RelationDecl.targets':
                return this.completeKindNames(context, acceptor);
        }
    }

    /** After `inherits`: the context keys a relation can pass, those already listed left out. */
    private completeContextKeys(context: CompletionContext, acceptor: CompletionAcceptor): void {
        // The list as typed so far (the partial text is not a relation yet): the words after `inherits`.
        const before = context.textDocument.getText().slice(0, context.offset);
        const listed = /\binherits\b([\w\s,]*)$/.exec(before)?.[1].split(/[\s,]+/) ?? [];
        for (const key of CONTEXT_KEYS) {
            if (listed.includes(key)) continue;
            acceptor(context, { label: key, kind: CompletionItemKind.Property, detail: 'context key', sortText: `1${key}` });
        }
    }

    private completeKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void {
        // `Name` accepts soft keywords as names; at a name position they are not keywords at all.
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
        if (rule === 'Name' || rule === 'QualifiedName' || !/\p{L}/u.test(keyword.value)) return;
        if (STATEMENT_KEYWORDS.has(keyword.value) && !this.where(context).atItemStart) return;
        acceptor(context, { label: keyword.value, kind: CompletionItemKind.Keyword, detail: 'keyword', sortText: `3${keyword.value}` });
        for (const snippet of DECLARATION_SNIPPETS[keyword.value] ?? []) {
            acceptor(context, {
                label: snippet.label,
                kind: CompletionItemKind.Snippet,
                detail: snippet.detail,
                insertText: snippet.body,
                insertTextFormat: InsertTextFormat.Snippet,
                sortText: `2${snippet.label}`,
            });
        }
    }

    /** Concrete kinds, and a snippet per kind that stubs the members a new element needs. */
    private completeElementStart(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const where = this.where(context);
        if (!where.atItemStart) return;
        const container = isElement(where.owner) ? where.owner : context.document.parseResult.value;
        const probe = { $type: 'Element', $container: container, $containerProperty: 'body' } as unknown as AstNode;
        const seen = new Set<string>();
        for (const description of this.candidates(probe, 'kind')) {
            const kind = description.node;
            if (!isKindDecl(kind) || kind.abstract || seen.has(description.name)) continue;
            seen.add(description.name);
            const title = kind.title ?? kind.name;
            const documentation = this.documentation(kind);
            acceptor(context, {
                label: description.name,
                kind: CompletionItemKind.Class,
                detail: `kind — ${title}`,
                documentation,
                sortText: `1${description.name}`,
            });
            acceptor(context, {
                label: description.name,
                kind: CompletionItemKind.Snippet,
                detail: `New ${title}`,
                documentation,
                insertText: this.snippet(kind, description.name),
                insertTextFormat: InsertTextFormat.Snippet,
                sortText: `2${description.name}`,
            });
        }
    }

    /** `key: ` for each member of the element's kind, minus single-valued ones already stated. */
    private completeKeys(context: CompletionContext, acceptor: CompletionAcceptor, afterComma = false): void {
        const where = this.where(context);
        const element = where.owner;
        const kind = isElement(element) ? element.kind.ref : undefined;
        if (!isElement(element) || !kind || !(where.atItemStart || afterComma)) return;
        const stated = new Set(
            entriesOf(element)
                .filter((e) => e.key.$refNode?.offset !== context.tokenOffset)
                .map((e) => e.key.$refText),
        );
        const text = context.textDocument.getText();
        const hasColon = /^[ \t]*:/.test(text.slice(context.tokenEndOffset));
        for (const member of this.kinds.members(kind).values()) {
            if (stated.has(member.name) && !isMany(member)) continue;
            const required = isRequired(member) && !stated.has(member.name);
            acceptor(context, {
                label: member.name,
                kind: isRelationDecl(member) ? CompletionItemKind.Reference : CompletionItemKind.Field,
                detail: `${describeMember(member)}${required ? ' · required' : ''}`,
                documentation: this.documentation(member),
                insertText: hasColon ? member.name : `${member.name}: `,
                sortText: `${required ? 0 : member.$container === kind ? 1 : 2}${member.name}`,
            });
        }
    }

    /** Elements of the relation's kinds, or the enum's literals, as the scope provider admits them. */
    private completeValues(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const where = this.where(context);
        const owner = where.owner;
        let holder: AstNode;
        let member: MemberDecl | undefined;
        if (isKindDecl(owner)) {
            // `field x: enum { … } default |`: the literals of the field being declared.
            member = owner.members.filter((m) => (m.$cstNode?.offset ?? Number.POSITIVE_INFINITY) < context.tokenOffset).at(-1);
            if (!isFieldDecl(member)) return;
            holder = member;
        } else {
            const entry = currentEntry(where.before);
            member = entry && isElement(owner) ? this.kinds.member(owner.kind.ref, entry.key) : undefined;
            if (!entry || !member || !isElement(owner)) return;
            if (entry.hasValues && !isMany(member)) {
                // `horizon: months, |` cannot take a second value: what may follow is the next entry.
                this.completeKeys(context, acceptor, true);
                return;
            }
            holder = syntheticEntry(owner, member);
        }
        const probe = { $type: 'RefValue', $container: holder, $containerProperty: 'values', metadata: [] } as unknown as AstNode;
        const taken = new Set<AstNode | undefined>(
            isElement(owner)
                ? entriesOf(owner)
                      .filter((e) => e.key.ref === member)
                      .flatMap((e) =>
                          e.values.map((v) => (isRefValue(v) && v.$cstNode?.offset !== context.tokenOffset ? v.target.ref : undefined)),
                      )
                : [],
        );
        const text = context.textDocument.getText();
        const space = /[:,]$/.test(text.slice(0, context.tokenOffset)) ? ' ' : '';
        const seen = new Set<string>();
        for (const description of this.candidates(probe, 'target')) {
            const node = description.node;
            if (!node || node === owner || taken.has(node) || seen.has(description.name)) continue;
            seen.add(description.name);
            if (isEnumLiteral(node)) {
                acceptor(context, {
                    label: description.name,
                    kind: CompletionItemKind.EnumMember,
                    detail: `${member.name} value`,
                    insertText: space + description.name,
                    sortText: `0${String(node.$containerIndex ?? 0).padStart(4, '0')}`,
                });
            } else if (isElement(node)) {
                acceptor(context, {
                    label: description.name,
                    kind: CompletionItemKind.Reference,
                    detail: node.title ? `${node.kind.$refText} — ${node.title}` : node.kind.$refText,
                    documentation: this.documentation(node),
                    insertText: space + description.name,
                    sortText: `0${description.name}`,
                });
            }
        }
    }

    /** After `extends` and in a relation's target list: every kind, abstract ones included. */
    private completeKindNames(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const { before } = this.where(context);
        // `kind spike extends |` must not offer `spike`; a relation may well take its own kind.
        const declared = before.at(-1)?.image === 'extends' && before.at(-3)?.image === 'kind' ? before.at(-2)?.image : undefined;
        const probe = { $type: 'KindDecl', $container: context.document.parseResult.value } as unknown as AstNode;
        const seen = new Set<string>();
        for (const description of this.candidates(probe, 'superKind')) {
            const kind = description.node;
            if (!isKindDecl(kind) || description.name === declared || seen.has(description.name)) continue;
            seen.add(description.name);
            acceptor(context, {
                label: description.name,
                kind: CompletionItemKind.Class,
                detail: `kind — ${kind.title ?? kind.name}${kind.abstract ? ' (abstract)' : ''}`,
                documentation: this.documentation(kind),
                sortText: `1${description.name}`,
            });
        }
    }

    private candidates(container: AstNode, property: string): Stream<AstNodeDescription> {
        const info: ReferenceInfo = { reference: { $refText: '', ref: undefined }, container, property };
        return this.scopeProvider.getScope(info).getAllElements();
    }

    /**
     * `bet ${1:Name} "${2:Title}" {` with the horizon and every required member, each a tab stop whose
     * placeholder fits its type: a choice of literals for an enum, quotes for a string.
     */
    snippet(kind: KindDecl, label: string): string {
        const members = [...this.kinds.members(kind).values()];
        const horizon = members.find((m) => m.name === 'horizon');
        const stubbed = [...(horizon ? [horizon] : []), ...members.filter((m) => m !== horizon && isRequired(m))];
        const lines = stubbed.map((member, i) => `\t${member.name}: ${tabStop(member, i + 3)}`);
        return [`${label} \${1:Name} "\${2:Title}" {`, ...lines, '}'].join('\n');
    }

    private where(context: CompletionContext): Where {
        let where = this.whereCache.get(context);
        if (!where) {
            where = this.computeWhere(context);
            this.whereCache.set(context, where);
        }
        return where;
    }

    private computeWhere(context: CompletionContext): Where {
        const before = this.lexer.tokenize(context.textDocument.getText()).tokens.filter((t) => t.startOffset < context.tokenOffset);
        const open: IToken[] = [];
        for (const token of before) {
            if (token.image === '{') open.push(token);
            else if (token.image === '}') open.pop();
        }
        const brace = open.at(-1);
        const root = context.document.parseResult.value.$cstNode;
        let owner = brace && root ? CstUtils.findLeafNodeAtOffset(root, brace.startOffset)?.astNode : undefined;
        // An `enum { … }` brace belongs to the field's type; the body it sits in is the kind's.
        while (owner && !isElement(owner) && !isKindDecl(owner)) owner = owner.$container;
        const previous = before.at(-1);
        const line = (offset: number) => context.textDocument.positionAt(offset).line;
        const atItemStart =
            !previous || ['{', '}', ',', ';'].includes(previous.image) || line(previous.startOffset) < line(context.tokenOffset);
        return { before, owner, atItemStart };
    }

    private documentation(node: AstNode): { kind: 'markdown'; value: string } | undefined {
        const text = this.docs.getDocumentation(node);
        return text ? { kind: 'markdown', value: safeMarkdown(text) } : undefined;
    }
}

/** The entry whose values the cursor continues: the nearest `key:` before it at the body's own depth. */
function currentEntry(before: IToken[]): { key: string; hasValues: boolean } | undefined {
    let depth = 0;
    let hasValues = false;
    for (let i = before.length - 1; i >= 0; i--) {
        const token = before[i];
        if (token.image === ']') depth++;
        else if (token.image === '[') depth--;
        else if (depth > 0) continue;
        else if (token.image === '{' || token.image === '}' || token.image === ';') return undefined;
        else if (token.tokenType.name === 'KEY') return { key: token.image, hasValues };
        else if (token.image !== ',' && token.image !== ':') hasValues = true;
    }
    return undefined;
}

/** An entry that is not written yet, so the scope provider can tell which member a value is for. */
function syntheticEntry(element: Element, member: MemberDecl): AstNode {
    return {
        $type: 'Entry',
        $container: element,
        $containerProperty: 'body',
        key: { ref: member, $refText: member.name },
        values: [],
    } as unknown as AstNode;
}

function tabStop(member: MemberDecl, index: number): string {
    if (isRelationDecl(member)) return `$${index}`;
    if (isEnumType(member.type)) return `\${${index}|${member.type.literals.map((l) => l.name).join(',')}|}`;
    if (member.type.primitive === 'string') return `"$${index}"`;
    return `\${${index}:${PLACEHOLDERS[member.type.primitive]}}`;
}

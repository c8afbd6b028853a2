// Hover: for an element, its kind, title, documentation, its `"""` texts, effective horizon/owners/funding with
// where each is inherited from, a lineage summary (flow elements only) and its backlinks by relation, each a link to
// the element that states it, with the link's metadata; on a reference, the metadata of that link too; inside a
// `"""` string, its text. Kinds, keys and enum literals show their declaration. Doc comments and `"""` strings
// are Markdown, made safe to render (markdown.ts); titles and one-line strings are plain text.

import { type AstNode, AstUtils, CstUtils, type DocumentationProvider, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver-protocol';
import { typed } from '../compile/typed-value.js';
import type { EvidenceContext } from '../evidence/evidence-context.js';
import type { EvidenceIndex } from '../evidence/evidence-index.js';
import type { Element, KindDecl, MemberDecl, MetaEntry, RefValue, StringValue, ViewDecl } from '../generated/ast.js';
import {
    isElement,
    isEntry,
    isEnumLiteral,
    isEnumType,
    isFieldDecl,
    isKindDecl,
    isRefValue,
    isRelationDecl,
    isStringValue,
    isViewDecl,
} from '../generated/ast.js';
import { MULTI_LINE_QUOTE } from '../grammar/pom-value-converter.js';
import type { LineageIndex } from '../lineage/lineage-index.js';
import { CONTEXT_KEYS, contextLabel, contextOrigin, type ElementContext, entriesOf } from '../model/element-context.js';
import { describeMember, flowOf, type KindSystem } from '../model/kind-system.js';
import { qualifiedName } from '../model/qualified-names.js';
import { isFlowStage } from '../model/stages.js';
import type { PomServices } from '../pom-module.js';
import { viewId } from '../views/view-declarations.js';
import { claimsOn, evidenceHover } from './evidence-text.js';
import { backlinks, plural, summarizeLineage } from './lineage-summary.js';
import { code, escapeMarkdown, safeMarkdown } from './markdown.js';
import { SelectorAssist, type SelectorAtomSpot, selectorAtomAt } from './selector-assist.js';

/** Backlinks a hover lists per relation; the rest are counted. */
export const HOVER_BACKLINKS_PER_RELATION = 5;

export class PomHoverProvider extends AstNodeHoverProvider {
    private readonly lineage: LineageIndex;
    private readonly kinds: KindSystem;
    private readonly documentationProvider: DocumentationProvider;
    private readonly selectors: SelectorAssist;
    private readonly evidence: EvidenceIndex;
    private readonly evidenceContext: EvidenceContext;
    private readonly context: ElementContext;

    constructor(services: PomServices) {
        super(services);
        this.evidence = services.pom.EvidenceIndex;
        this.evidenceContext = services.pom.EvidenceContext;
        this.documentationProvider = services.documentation.DocumentationProvider;
        this.lineage = services.pom.LineageIndex;
        this.kinds = services.pom.KindSystem;
        this.context = services.pom.ElementContext;
        this.selectors = new SelectorAssist(services);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const spot = selectorAtomAt(document, document.textDocument.offsetAt(params.position));
        if (spot) return this.selectorHover(spot);
        const text = multiLineStringAt(document, document.textDocument.offsetAt(params.position));
        if (text) return { contents: { kind: 'markdown', value: this.textHover(text) } };
        const hover = await super.getHoverContent(document, params);
        const root = document.parseResult.value.$cstNode;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        const value = leaf?.astNode;
        if (!hover || !isRefValue(value) || value.metadata.length === 0) return hover;
        const contents = hover.contents as { kind: 'markdown'; value: string };
        return { ...hover, contents: { kind: 'markdown', value: `${this.linkMetadata(value)}\n\n---\n\n${contents.value}` } };
    }

    /** Inside a view's selector: the hover of what the name under the cursor names. */
    private async selectorHover(spot: SelectorAtomSpot): Promise<Hover | undefined> {
        const target = this.selectors.target(spot);
        const text = target ? await this.getAstNodeHoverContent(target) : this.selectors.methodHover(spot);
        return text ? { contents: { kind: 'markdown', value: text } } : undefined;
    }

    protected getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (isElement(node)) return this.elementHover(node);
        if (isKindDecl(node)) return this.kindHover(node);
        if (isFieldDecl(node) || isRelationDecl(node)) return this.memberHover(node);
        if (isViewDecl(node)) return this.viewHover(node);
        if (isEnumLiteral(node)) {
            const field = node.$container.$container as MemberDecl;
            return `${code(node.name)}: a value of ${code(field.name)}, declared by ${code(field.$container.name)}`;
        }
        return undefined;
    }

    private elementHover(element: Element): string {
        const kind = element.kind.ref;
        const lines: string[] = [];
        const title = element.title ? ` — ${inlineText(element.title)}` : '';
        lines.push(`**${escapeMarkdown(element.kind.$refText)}** ${code(qualifiedName(element))}${title}`);
        const doc = this.documentation(element);
        if (doc) lines.push(doc);
        for (const text of entriesOf(element).flatMap((e) => e.values.filter(isMultiLineString))) lines.push(this.textHover(text));
        const context: string[] = [];
        for (const key of CONTEXT_KEYS) {
            const value = this.context.value(element, key);
            const label = contextLabel(key, value);
            if (!label) continue;
            const horizon = key === 'horizon' ? this.context.horizon(element).effective : undefined;
            const notes = [horizon?.months !== undefined ? `${horizon.band} band` : undefined, contextOrigin(value)].filter((n) => n);
            const from = notes.length > 0 ? ` (${escapeMarkdown(notes.join(', '))})` : '';
            context.push(`${label.key}: **${escapeMarkdown(label.text)}**${from}`);
        }
        if (context.length > 0) lines.push(context.join(' · '));
        const metric = this.evidence.metricOf(element);
        // Without a snapshot there are no numbers to show; the hover stays as it was.
        if (metric?.snapshotPresent) {
            const claims = claimsOn(element, metric, this.evidence.state().claims);
            lines.push(evidenceHover(metric, claims, this.evidenceContext.asOf()));
        }
        // Context, collaboration and investment sit outside the value flow: no lineage to tell.
        if (isFlowStage(this.kinds.stage(kind))) lines.push(this.lineageText(element));
        const incoming = this.backlinksText(element);
        if (incoming) lines.push(incoming);
        return lines.join('\n\n');
    }

    /** "**Backlinks** · `for` ← Build, Prototype (nested) · …": one line per relation, each name a link to its place. */
    private backlinksText(element: Element): string | undefined {
        const groups = backlinks(this.lineage.graph(), element);
        if (groups.length === 0) return undefined;
        const total = groups.reduce((sum, [, links]) => sum + links.length, 0);
        const lines = groups.map(([relation, links]) => {
            const shown = links.slice(0, HOVER_BACKLINKS_PER_RELATION).map((link) => {
                const metadata = (link.value?.metadata ?? []).map(metadataText);
                const notes = link.implied ? ['nested'] : metadata;
                return `${placeLink(link.source)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
            });
            const more = links.length > HOVER_BACKLINKS_PER_RELATION ? ` and ${links.length - HOVER_BACKLINKS_PER_RELATION} more` : '';
            return `${code(relation)} ← ${shown.join(', ')}${more}`;
        });
        return `**Backlinks** ${plural(total, 'link')} ${total === 1 ? 'points' : 'point'} here  \n${lines.join('  \n')}`;
    }

    private lineageText(element: Element): string {
        const summary = summarizeLineage(this.lineage.graph(), element);
        const names = (list: Element[]) =>
            list
                .slice(0, 5)
                .map((e) => escapeMarkdown(e.name))
                .join(', ') + (list.length > 5 ? ` and ${list.length - 5} more` : '');
        const parts = [`↑ ${summary.upstream} upstream`, `↓ ${summary.downstream} downstream`];
        const traces =
            summary.insights.length > 0
                ? `traces to ${plural(summary.insights.length, 'insight')}: ${names(summary.insights)}`
                : 'traces to no insight';
        const reaches: string[] = [];
        if (summary.northstars.length > 0) reaches.push(`north star ${names(summary.northstars)}`);
        if (summary.outcomes.length > 0)
            reaches.push(`${summary.outcomes.length === 1 ? 'outcome' : 'outcomes'} ${names(summary.outcomes)}`);
        return `**Lineage** ${parts.join(' · ')}  \n${traces}  \n${reaches.length > 0 ? `reaches ${reaches.join(' and ')}` : 'reaches no north star or outcome'}`;
    }

    private kindHover(kind: KindDecl): string {
        const lines = [`**kind** ${code(qualifiedName(kind))}${kind.title ? ` — ${inlineText(kind.title)}` : ''}`];
        const facts: string[] = [];
        const stage = this.kinds.stage(kind);
        if (stage) facts.push(`stage ${stage}`);
        const chain = this.kinds.chain(kind).slice(1);
        if (chain.length > 0) facts.push(`extends ${chain.map((k) => k.name).join(' → ')}`);
        if (kind.abstract) facts.push('abstract');
        if (facts.length > 0) lines.push(facts.join(' · '));
        const doc = this.documentation(kind);
        if (doc) lines.push(doc);
        const members = [...this.kinds.members(kind).values()].map((m) => `${code(m.name)} ${describeMember(m)}`);
        if (members.length > 0) lines.push(`Keys: ${members.join(', ')}`);
        return lines.join('\n\n');
    }

    private memberHover(member: MemberDecl): string {
        const what = isRelationDecl(member) ? 'relation' : 'field';
        const required = isRelationDecl(member) ? member.required || member.cardinality === '+' : member.required;
        // Member descriptions are built from declarations (identifiers in backticks), so they are Markdown already.
        const facts = [describeMember(member)];
        if (isRelationDecl(member) && flowOf(member) !== 'none') facts.push(`flow: ${flowOf(member)}`);
        if (isRelationDecl(member) && member.inherits.length > 0)
            facts.push(`passes ${member.inherits.map((k) => code(k)).join(', ')} from its targets`);
        if (required) facts.push('required');
        if (isFieldDecl(member) && member.many) facts.push('takes several values');
        if (isFieldDecl(member) && !isEnumType(member.type) && member.default)
            facts.push(`default ${escapeMarkdown(String(typed(member.default).value))}`);
        const doc = this.documentation(member);
        return [`**${what}** ${code(member.name)} of ${code(member.$container.name)}`, facts.join(' · '), ...(doc ? [doc] : [])].join(
            '\n\n',
        );
    }

    private linkMetadata(value: RefValue): string {
        const entry = value.$container;
        const relation = 'key' in entry ? entry.key.$refText : 'link';
        const items = value.metadata.map(metadataText);
        return `**Link** ${code(relation)} → ${code(value.target.$refText)} · ${items.join(' · ')}`;
    }

    /** A view: its title, documentation and how much of the model it draws. */
    private viewHover(view: ViewDecl): string {
        const title = view.title ? ` — ${inlineText(view.title)}` : '';
        const lines = [`**view** ${code(viewId(view))}${title}`];
        const doc = this.documentation(view);
        if (doc) lines.push(doc);
        lines.push(this.selectors.viewSummary(view));
        return lines.join('\n\n');
    }

    private documentation(node: AstNode): string | undefined {
        // Doc comments are Markdown by intent, made safe to render.
        const comment = this.documentationProvider.getDocumentation(node);
        return comment ? safeMarkdown(comment) : undefined;
    }

    /** A `"""` string: its key, then its text as Markdown, made safe to render. */
    private textHover(value: StringValue): string {
        const entry = value.$container;
        const key = isEntry(entry) ? entry.key.$refText : 'text';
        return `**${escapeMarkdown(key)}**\n\n${safeMarkdown(value.value)}`;
    }
}

/** The element's name as a Markdown link to its declaration (`file:///…#L12,3`, as VS Code opens it). */
function placeLink(element: Element): string {
    const cst = element.$cstNode;
    const start = cst?.range.start ?? { line: 0, character: 0 };
    const uri = AstUtils.getDocument(element)
        .uri.toString()
        .replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
    return `[${escapeMarkdown(element.name)}](${uri}#L${start.line + 1},${start.character + 1})`;
}

/**
 * One metadata item of a link, "confidence: **high**". A syntax error can cut an item after its key
 * (`[confidence: ]`), leaving no value: it shows as "confidence: (no value)".
 */
function metadataText(m: MetaEntry): string {
    const key = escapeMarkdown(m.key ?? '');
    return m.value === undefined ? `${key}: (no value)` : `${key}: **${escapeMarkdown(String(typed(m.value).value))}**`;
}

/** A title on one line, as plain text: a `"""` title's line breaks become spaces. */
function inlineText(text: string): string {
    return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}

function isMultiLineString(value: AstNode): value is StringValue {
    return isStringValue(value) && isEntry(value.$container) && (value.$cstNode?.text.startsWith(MULTI_LINE_QUOTE) ?? false);
}

/** The `"""` string value of an entry under the cursor, if any. */
function multiLineStringAt(document: LangiumDocument, offset: number): StringValue | undefined {
    const root = document.parseResult.value.$cstNode;
    const node = root && CstUtils.findLeafNodeAtOffset(root, offset)?.astNode;
    return node && isMultiLineString(node) ? node : undefined;
}

// The editor inside a view's selector strings: which part of a selector the cursor is on, what it names (an element,
// a kind, a team) for hover and go to definition, and what may be typed there for completion. Works on the text
// before the cursor too, so completion keeps working while the closing quote is not written yet.
import { type AstNode, AstUtils, CstUtils, type LangiumDocument, type URI } from 'langium';
import { type CompletionItem, CompletionItemKind } from 'vscode-languageserver-types';
import { isStringValue, isViewEntry, type Model, type StringValue, type ViewDecl } from '../generated/ast.js';
import { ALL_STAGES, HORIZONS } from '../model/stages.js';
import type { PomServices } from '../pom-module.js';
import { SELECTOR_METHODS, selectElements, shortNames } from '../query/selectors.js';
import { isSelectorEntry, stringOffsets, stringToken, viewSelectors } from '../views/view-declarations.js';
import type { ViewGraph } from '../views/view-graph.js';
import { viewElements } from '../views/view-selection.js';

/** The atom of a selector under the cursor: `kind:bet` or `WizardBet`, with document offsets. */
export interface SelectorAtomSpot {
    /** The method before `:`, or undefined for an element name. */
    readonly method?: string;
    readonly value: string;
    /** Document offsets of the value (after `method:`) and of the end of the atom. */
    readonly valueStart: number;
    readonly end: number;
    /** What is typed of the value before the cursor. */
    readonly typed: string;
    /** The document the atom is in: selectors run on the model (project) that holds it. */
    readonly uri?: URI;
}

const BOUNDARY = /[\s,!+'"]/;

/** The selector atom at `offset`, when the offset is inside an include or exclude string of a view. */
export function selectorAtomAt(document: LangiumDocument, offset: number): SelectorAtomSpot | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, offset);
    const value = leaf?.astNode;
    if (leaf && isStringValue(value) && isViewEntry(value.$container) && isSelectorEntry(value.$container)) {
        const spot = fromString(value, offset);
        return spot && { ...spot, uri: document.uri };
    }
    const spot = fromLineText(document, offset);
    return spot && { ...spot, uri: document.uri };
}

function fromString(value: StringValue, offset: number): SelectorAtomSpot | undefined {
    const token = stringToken(value);
    if (!token || offset <= token.offset || offset >= token.end) return undefined;
    const offsets = stringOffsets(token);
    let index = offsets.findIndex((o) => o >= offset);
    if (index < 0) index = offsets.length - 1;
    const content = value.value;
    return atomIn(content, index, (i) => offsets[i]);
}

/** While a string is still open, the lexer sees no string: read the line up to the cursor instead. */
function fromLineText(document: LangiumDocument, offset: number): SelectorAtomSpot | undefined {
    const text = document.textDocument.getText();
    if (!insideView(document, offset)) return undefined;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    const open = /(?:^|[\s{,;])(?:include|exclude)\s*:\s*(?:(['"])(?:\\.|(?!\1)[^\\])*\1\s*,\s*)*(['"])((?:\\.|(?!\2)[^\\])*)$/.exec(
        before,
    );
    if (!open) return undefined;
    const contentStart = offset - open[3].length;
    const lineEnd = text.indexOf('\n', offset);
    const rest = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
    const close = rest.search(new RegExp(`[${open[2]}\\r]`));
    const content = open[3] + (close < 0 ? rest : rest.slice(0, close));
    return atomIn(content, open[3].length, (i) => contentStart + i);
}

/** The cursor is in a view declaration, or past every top-level declaration (a view being typed at the end). */
function insideView(document: LangiumDocument, offset: number): boolean {
    const members = (document.parseResult.value as Model).members ?? [];
    const around = members.find((m) => m.$cstNode && m.$cstNode.offset <= offset && offset <= m.$cstNode.end);
    if (around) return around.$type === 'ViewDecl';
    const before = members.filter((m) => (m.$cstNode?.end ?? 0) <= offset).at(-1);
    return before?.$type === 'ViewDecl' || /\bview\b/.test(document.textDocument.getText().slice(before?.$cstNode?.end ?? 0, offset));
}

function atomIn(content: string, index: number, at: (i: number) => number): SelectorAtomSpot | undefined {
    let start = index;
    while (start > 0 && !BOUNDARY.test(content[start - 1])) start--;
    let end = index;
    while (end < content.length && !BOUNDARY.test(content[end])) end++;
    // `2+Activation`: the digits belong to the depth, not to the name.
    const atom = content.slice(start, end);
    const method = /^([a-zA-Z]+):/.exec(atom);
    const valueFrom = start + (method ? method[0].length : 0);
    if (index < valueFrom && method) return { value: '', valueStart: at(start), end: at(end), typed: content.slice(start, index) };
    return {
        method: method?.[1],
        value: content.slice(valueFrom, end),
        valueStart: at(valueFrom),
        end: at(end),
        typed: content.slice(valueFrom, index),
    };
}

export class SelectorAssist {
    private readonly views: ViewGraph;
    private readonly services: PomServices;

    constructor(services: PomServices) {
        this.services = services;
        this.views = services.pom.ViewGraph;
    }

    /** What an atom names in the model: an element (by name or as `owner:`), or a kind. */
    target(spot: SelectorAtomSpot): AstNode | undefined {
        if (!spot.value || /[*?]/.test(spot.value)) return undefined;
        if (spot.method === undefined || spot.method === 'owner') {
            const graph = this.views.graph(spot.uri);
            const ids = [...graph.elements.keys()];
            const found = graph.elements.has(spot.value) ? [spot.value] : ids.filter((id) => id.endsWith(`.${spot.value}`));
            return found.length === 1 ? this.views.element(found[0]) : undefined;
        }
        if (spot.method === 'kind') {
            const kinds = this.services.pom.NameIndex.kinds(spot.uri);
            const name = kinds.has(spot.value) ? spot.value : [...kinds.keys()].find((k) => k.endsWith(`.${spot.value}`));
            return name ? kinds.get(name)?.[0]?.node : undefined;
        }
        return undefined;
    }

    /** A line on the methods that name no declaration: what `stage:bets` or `tag:x` picks. */
    methodHover(spot: SelectorAtomSpot): string | undefined {
        if (!spot.method || spot.method === 'kind' || spot.method === 'owner' || !spot.value) return undefined;
        const count = this.count(spot.method, spot.value, spot.uri);
        const what: Record<string, string> = {
            stage: 'on stage',
            horizon: 'whose effective horizon is',
            status: 'whose status is',
            tag: 'tagged',
            namespace: 'in namespace',
            file: 'declared in',
        };
        return `Elements ${what[spot.method] ?? spot.method} \`${spot.value}\`: ${count} in the model.`;
    }

    /** How much of the model a view draws: "Draws 34 of 145 elements and the 52 links among them." */
    viewSummary(view: ViewDecl): string {
        const graph = this.views.graph(AstUtils.getDocument(view).uri);
        const drawn = new Set(viewElements(graph, viewSelectors(view)));
        const links = graph.model.links.filter((l) => drawn.has(l.from) && drawn.has(l.to)).length;
        return `Draws ${drawn.size} of ${graph.elements.size} elements and the ${links} links among them.`;
    }

    completions(spot: SelectorAtomSpot): CompletionItem[] {
        const graph = this.views.graph(spot.uri);
        const elements = [...graph.elements.values()];
        const values = (names: Iterable<string>, kind: CompletionItemKind, detail: string) =>
            [...new Set(names)].sort().map((label) => ({ label, kind, detail }));
        switch (spot.method) {
            case undefined: {
                const names = shortNames(graph.elements.keys());
                const methods = SELECTOR_METHODS.map((m) => ({
                    label: `${m}:`,
                    kind: CompletionItemKind.Function,
                    detail: 'selector method',
                    sortText: `0${m}`,
                    command: { title: 'values', command: 'editor.action.triggerSuggest' },
                }));
                const named = elements.map((e) => ({
                    label: names.get(e.id) ?? e.id,
                    kind: CompletionItemKind.Reference,
                    detail: `${e.kind}${e.title ? ` — ${e.title}` : ''}`,
                    sortText: `1${names.get(e.id) ?? e.id}`,
                }));
                return [...methods, ...named];
            }
            case 'kind':
                return values(
                    this.views.kindNames().map((k) => k.slice(k.lastIndexOf('.') + 1)),
                    CompletionItemKind.Class,
                    'kind',
                );
            case 'stage':
                return values(ALL_STAGES, CompletionItemKind.EnumMember, 'stage');
            case 'horizon':
                return values(HORIZONS, CompletionItemKind.EnumMember, 'horizon');
            case 'owner': {
                const teams = elements.filter((e) => e.kindChain.includes('team')).map((e) => e.id);
                const names = shortNames(teams);
                return values(
                    teams.map((t) => names.get(t) ?? t),
                    CompletionItemKind.Reference,
                    'team',
                );
            }
            case 'status':
            case 'tag':
                return values(
                    elements.flatMap((e) => fieldTexts(e.fields[spot.method === 'tag' ? 'tags' : 'status'])),
                    CompletionItemKind.Value,
                    spot.method,
                );
            case 'namespace':
                return values(
                    elements.flatMap((e) => (e.namespace ? [e.namespace] : [])),
                    CompletionItemKind.Module,
                    'namespace',
                );
            case 'file':
                return values(
                    elements.map((e) => e.source.path),
                    CompletionItemKind.File,
                    'file',
                );
            default:
                return [];
        }
    }

    private count(method: string, value: string, within: URI | undefined): number {
        const quoted = /[\s,+"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
        try {
            return selectElements(this.views.graph(within), `${method}:${quoted}`, { strict: false }).size;
        } catch {
            return 0;
        }
    }
}

function fieldTexts(value: unknown): string[] {
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map((v) => String((v as { value: unknown }).value));
}

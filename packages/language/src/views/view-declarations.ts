// Reading `view` declarations from the AST: their qualified id, their selectors (with the string each came from)
// and their layout; and mapping a position inside a selector back into the document, for ranges, hover and
// completion inside the quotes.
import { type CstNode, GrammarUtils } from 'langium';
import { isStringValue, isSymbolValue, type Model, type StringValue, type ViewDecl, type ViewEntry } from '../generated/ast.js';
import { join, namespaceOf } from '../model/qualified-names.js';
import { VIEW_LAYOUTS, type ViewLayout, type ViewSelectors } from './view-selection.js';

export interface SelectorSource {
    /** `include` or `exclude`. */
    readonly key: 'include' | 'exclude';
    readonly value: StringValue;
    /** The selector text, quotes and escapes removed. */
    readonly text: string;
}

export function viewsOf(model: Model): ViewDecl[] {
    return (model.members ?? []).filter((m): m is ViewDecl => m.$type === 'ViewDecl');
}

/** `namespace.Name`, as elements are named. */
export function viewId(view: ViewDecl): string {
    return join(namespaceOf(view), view.name);
}

/** Every selector string of a view, in the order written. Values that are not strings are the validator's concern. */
export function viewSelectorSources(view: ViewDecl): SelectorSource[] {
    const sources: SelectorSource[] = [];
    for (const entry of view.entries) {
        if (entry.key !== 'include' && entry.key !== 'exclude') continue;
        for (const value of entry.values) {
            if (isStringValue(value)) sources.push({ key: entry.key, value, text: value.value });
        }
    }
    return sources;
}

/** The include and exclude selectors of a view, as the selector engine takes them. */
export function viewSelectors(view: ViewDecl): ViewSelectors {
    const sources = viewSelectorSources(view);
    return {
        include: sources.filter((s) => s.key === 'include').map((s) => s.text),
        exclude: sources.filter((s) => s.key === 'exclude').map((s) => s.text),
    };
}

export function viewLayout(view: ViewDecl): ViewLayout {
    const entry = view.entries.filter((e) => e.key === 'layout').at(-1);
    const value = entry?.values[0];
    const written = isSymbolValue(value) ? value.symbol : undefined;
    return (VIEW_LAYOUTS as readonly string[]).includes(written ?? '') ? (written as ViewLayout) : VIEW_LAYOUTS[0];
}

export function isSelectorEntry(entry: ViewEntry): boolean {
    return entry.key === 'include' || entry.key === 'exclude';
}

/**
 * Where each character of a string's content sits in the document: `offsets[i]` is the document offset of content
 * character i, and `offsets[content.length]` that of the closing quote. Escapes (`\'`) take two characters of text
 * for one of content, so positions that the selector engine reports map back exactly.
 */
export function stringOffsets(token: CstNode): number[] {
    const raw = token.text;
    const offsets: number[] = [];
    for (let i = 1; i < raw.length - 1; i++) {
        offsets.push(token.offset + i);
        if (raw[i] === '\\') i++;
    }
    offsets.push(token.offset + Math.max(raw.length - 1, 1));
    return offsets;
}

/** The STRING token of a string value. */
export function stringToken(value: StringValue): CstNode | undefined {
    return GrammarUtils.findNodeForProperty(value.$cstNode, 'value') ?? value.$cstNode;
}

/** The document range [start, end) of content characters [from, from + length) of a string value. */
export function contentSpan(value: StringValue, from: number, length: number): { start: number; end: number } | undefined {
    const token = stringToken(value);
    if (!token) return undefined;
    const offsets = stringOffsets(token);
    const last = offsets.length - 1;
    const start = offsets[Math.min(Math.max(from, 0), last)];
    const end = offsets[Math.min(Math.max(from + Math.max(length, 1), 0), last)];
    return { start, end: Math.max(end, start + 1) };
}

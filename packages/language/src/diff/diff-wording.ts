// The words of a diff report, shared by the Markdown and the terminal renderers; each passes in how it writes model
// text and code (escaped for Markdown, plain or coloured for a terminal).
import type { ContextEntry, HorizonEntry, OwnersEntry, TypedValue } from '../compile/compiled-model.js';
import type { DiffLink, InheritedChange, KindChange, ModelDiff, PropertyValue, Reach, ViewChange } from './diff-report.js';
import { memberText } from './kind-diff.js';

export interface Inline {
    /** Free model text: titles, docs, string values. */
    text(text: string): string;
    /** Identifiers, kinds, paths, codes and literal values. */
    code(text: string): string;
}

const REACH_WORDS: Record<Reach, string> = {
    insight: 'an insight',
    input: 'an input',
    driver: 'a driver',
    northstar: 'the north star',
    outcome: 'an outcome',
};

export function reachList(reaches: readonly Reach[], joiner = 'or'): string {
    return englishList(
        reaches.map((r) => REACH_WORDS[r]),
        joiner,
    );
}

export function englishList(items: readonly string[], joiner = 'and'): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
    return `${count} ${count === 1 ? one : many}`;
}

/** How a property's value reads: ids as code, free text quoted, inherited context with where it comes from. */
export function valueText(property: string, value: PropertyValue, inline: Inline): string {
    if (value === null) return 'none';
    if (typeof value === 'string') return property === 'title' || property === 'doc' ? `“${inline.text(value)}”` : inline.code(value);
    if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => typedText(v, inline)).join(', ');
    if ('effective' in value) return contextText(value, inline);
    return typedText(value, inline);
}

function contextText(entry: ContextEntry | OwnersEntry, inline: Inline): string {
    const from = entry.inheritedFrom === null ? '' : ` (from ${inline.code(entry.inheritedFrom)})`;
    if (Array.isArray(entry.effective)) {
        return entry.effective.length === 0 ? 'none' : `${entry.effective.map((id) => inline.code(id)).join(', ')}${from}`;
    }
    if (entry.effective === null) return 'none';
    const length = (entry as Partial<HorizonEntry>).length;
    return `${inline.code(length ?? entry.effective)}${from}`;
}

export function typedText(value: TypedValue, inline: Inline): string {
    switch (value.type) {
        case 'string':
            return `“${inline.text(value.value)}”`;
        case 'number':
            return inline.code(String(value.value));
        case 'percent':
            return inline.code(`${value.value}%`);
        default:
            return inline.code(String(value.value));
    }
}

export function metadataText(metadata: Record<string, TypedValue>, inline: Inline): string {
    const entries = Object.entries(metadata);
    if (entries.length === 0) return 'no metadata';
    return entries.map(([key, value]) => `${inline.code(key)}: ${typedText(value, inline)}`).join(', ');
}

/**
 * A changed property as the model writes it: a field's key without `fields.`, and `owner` for the compiled `owners`.
 */
export function propertyName(property: string): string {
    if (property.startsWith('fields.')) return property.slice('fields.'.length);
    return property === 'owners' ? 'owner' : property;
}

/**
 * "`owner` of `ReliableArrivals` changed (`A` → `B`); inherited by 5 nested elements", or, when the elements moved to a
 * new source, "`owner` now comes from `Platform` (`A` → `B`) for 2 nested elements".
 */
export function inheritedText(group: InheritedChange, inline: Inline): string {
    const how = group.via === null || group.via === 'nesting' ? 'nested element' : `element linked by ${inline.code(group.via)}`;
    const count = plural(group.elements.length, how, how.replace(/^(nested )?element/, '$1elements'));
    const values = `${effectiveText(group.before, inline)} → ${effectiveText(group.after, inline)}`;
    return group.sourceChanged
        ? `${inline.code(propertyName(group.property))} of ${inline.code(group.source)} changed (${values}); inherited by ${count}`
        : `${inline.code(propertyName(group.property))} now comes from ${inline.code(group.source)} (${values}) for ${count}`;
}

/** The lines that say how a kind changed: its properties, then its fields and relations added, removed or changed. */
export function kindChangeLines(change: KindChange, inline: Inline): string[] {
    const shown = (v: string | boolean | null) => (v === null ? 'none' : typeof v === 'boolean' ? String(v) : inline.code(v));
    const lines = change.changes.map((c) => `${c.property}: ${shown(c.before)} → ${shown(c.after)}`);
    for (const [what, members] of [
        ['field', change.fields],
        ['relation', change.relations],
    ] as const) {
        for (const m of members.added) lines.push(`${what} added: ${inline.code(memberText(m))}`);
        for (const m of members.removed) lines.push(`${what} removed: ${inline.code(memberText(m))}`);
        for (const m of members.changed)
            lines.push(`${what} changed: ${inline.code(memberText(m.before))} → ${inline.code(memberText(m.after))}`);
    }
    return lines;
}

/** The value that applies, without where it comes from (a group says that once): one name, several, or none. */
function effectiveText(value: PropertyValue, inline: Inline): string {
    const effective = value !== null && typeof value === 'object' && 'effective' in value ? (value.effective as unknown) : value;
    if (effective === null || effective === undefined) return 'none';
    if (typeof effective === 'string') return inline.code(effective);
    if (Array.isArray(effective) && effective.every((v) => typeof v === 'string')) {
        return effective.length === 0 ? 'none' : effective.map((v) => inline.code(v)).join(', ');
    }
    return valueText('', effective as PropertyValue, inline);
}

/** `From —relation→ To`. */
export function linkText(link: Pick<DiffLink, 'from' | 'relation' | 'to'>, inline: Inline): string {
    return `${inline.code(link.from)} —${inline.code(link.relation)}→ ${inline.code(link.to)}`;
}

/** One sentence on what a diff holds, or that it holds nothing. */
export function headline(diff: ModelDiff): string {
    const s = diff.summary;
    if (!s.changed) return 'No changes to the model.';
    const parts: string[] = [];
    const e = s.elements;
    const elementParts = [
        e.added && `${e.added} added`,
        e.removed && `${e.removed} removed`,
        e.renamed && `${e.renamed} renamed`,
        e.changed && `${e.changed} changed`,
    ].filter((p): p is string => Boolean(p));
    const inheriting = diff.elements.inherited.reduce((n, g) => n + g.elements.length, 0);
    if (inheriting > 0) elementParts.push(`${inheriting} inherited a change`);
    if (elementParts.length > 0) parts.push(`elements: ${elementParts.join(', ')}`);
    const l = s.links;
    const linkParts = [
        l.added && `${l.added} added`,
        l.removed && `${l.removed} removed`,
        l.changed && `${l.changed} with new metadata`,
    ].filter((p): p is string => Boolean(p));
    if (linkParts.length > 0) parts.push(`links: ${linkParts.join(', ')}`);
    if (s.lineage.lost > 0) parts.push(`${plural(s.lineage.lost, 'element')} lost a lineage path`);
    if (s.lineage.gained > 0) parts.push(`${plural(s.lineage.gained, 'element')} gained one`);
    const introduced = Object.values(s.diagnostics.introduced).reduce((a, b) => a + b, 0);
    const fixed = Object.values(s.diagnostics.fixed).reduce((a, b) => a + b, 0);
    if (introduced > 0) parts.push(`${plural(introduced, 'diagnostic')} introduced`);
    if (fixed > 0) parts.push(`${fixed} fixed`);
    for (const [what, group] of [
        ['views', diff.views],
        ['kinds', diff.kinds],
    ] as const) {
        const counts = (['added', 'removed', 'changed'] as const).filter((k) => group[k].length > 0).map((k) => `${group[k].length} ${k}`);
        if (counts.length > 0) parts.push(`${what}: ${counts.join(', ')}`);
    }
    if (diff.files.renamed.length > 0) parts.push(`${plural(diff.files.renamed.length, 'file')} renamed`);
    const ev = s.evidence;
    if (ev.verdicts > 0) parts.push(`${plural(ev.verdicts, 'verdict')} changed`);
    if (ev.targets > 0) parts.push(`${plural(ev.targets, 'target')} settled differently`);
    if (ev.observations > 0) parts.push(`new observations for ${plural(ev.observations, 'metric')}`);
    const sentence = parts.join('; ');
    return `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
}

/** `2 errors, 1 warning` for the severities that occur. */
export function severityList(counts: ModelDiff['summary']['diagnostics']['introduced']): string {
    return (['error', 'warning', 'info', 'hint'] as const)
        .filter((s) => counts[s] > 0)
        .map((s) => (s === 'info' ? `${counts[s]} info` : plural(counts[s], s)))
        .join(', ');
}

/** The lines that say how a view changed: each property, then the elements it now draws or no longer draws. */
export function viewChangeLines(change: ViewChange, inline: Inline): string[] {
    const shown = (value: string | string[] | null) =>
        value === null ? 'none' : Array.isArray(value) ? value.map((s) => inline.code(`'${s}'`)).join(', ') || 'none' : inline.text(value);
    const ids = (list: string[]) =>
        `${list.slice(0, 10).map(inline.code).join(', ')}${list.length > 10 ? ` and ${list.length - 10} more` : ''}`;
    return [
        ...change.changes.map((c) => `${c.property}: ${shown(c.before)} → ${shown(c.after)}`),
        ...(change.elementsAdded.length > 0 ? [`now draws ${ids(change.elementsAdded)}`] : []),
        ...(change.elementsRemoved.length > 0 ? [`no longer draws ${ids(change.elementsRemoved)}`] : []),
    ];
}

// A diff as a ready pull-request comment: a hidden marker for CI to find and update the comment, a summary table by
// kind, a section per kind of change (lineage consequences first), long lists collapsed and cut with "and N more",
// and a Mermaid picture of the changed neighbourhood. Model text is escaped (markdown-text.ts), and the whole
// comment is kept within a byte budget under GitHub's 65,536-character limit by listing fewer items until it fits.
import type { CompiledDiagnostic } from '../compile/compiled-model.js';
import { MERMAID_LEGEND, neighbourhoodMermaid } from './diff-mermaid.js';
import type { ElementChange, ElementRename, InheritedChange, LineageChange, ModelDiff } from './diff-report.js';
import {
    englishList,
    headline,
    type Inline,
    inheritedText,
    kindChangeLines,
    linkText,
    metadataText,
    plural,
    propertyName,
    reachList,
    severityList,
    valueText,
    viewChangeLines,
} from './diff-wording.js';
import { observationSentence, targetSentence, verdictSentence } from './evidence-wording.js';
import { clip, mdCode, mdMessage, mdText } from './markdown-text.js';

/** The first line of every comment, so a CI job can find its earlier comment and update it. */
export const DIFF_COMMENT_MARKER = '<!-- pom-diff -->';

/** GitHub rejects a comment body over 65,536 characters; stay well under it, counted in UTF-8 bytes to be sure. */
export const DEFAULT_MARKDOWN_BUDGET = 60_000;

export interface MarkdownOptions {
    /** The most UTF-8 bytes the comment may take. */
    budget?: number;
}

interface Plan {
    /** Items listed per list before "and N more". */
    items: number;
    /** Elements drawn in the picture. */
    nodes: number;
}

// Tried in order until the comment fits the budget.
const PLANS: readonly Plan[] = [
    { items: 50, nodes: 40 },
    { items: 20, nodes: 30 },
    { items: 10, nodes: 20 },
    { items: 5, nodes: 12 },
    { items: 2, nodes: 0 },
    { items: 0, nodes: 0 },
];

/** Lists longer than this are collapsed in `<details>`. */
const COLLAPSE_OVER = 8;
const TEXT_MAX = 160;
const MESSAGE_MAX = 300;

const inline: Inline = { text: (t) => mdText(clip(t, TEXT_MAX)), code: (t) => mdCode(clip(t, TEXT_MAX)) };

export function diffToMarkdown(diff: ModelDiff, options: MarkdownOptions = {}): string {
    const budget = options.budget ?? DEFAULT_MARKDOWN_BUDGET;
    let text = '';
    for (const plan of PLANS) {
        text = render(diff, plan, false);
        if (byteLength(text) <= budget) return text;
    }
    // Even the shortest plan is too long (a model with thousands of kinds, say): cut it at a line.
    text = render(diff, PLANS[PLANS.length - 1], true);
    return cut(text, budget);
}

function byteLength(text: string): number {
    return new TextEncoder().encode(text).length;
}

function render(diff: ModelDiff, plan: Plan, cutting: boolean): string {
    const out: string[] = [DIFF_COMMENT_MARKER, '## POM model diff', ''];
    out.push(
        `Comparing ${mdCode(clip(diff.base.label, TEXT_MAX))} (${plural(diff.base.elements, 'element')}) with ` +
            `${mdCode(clip(diff.head.label, TEXT_MAX))} (${plural(diff.head.elements, 'element')}).`,
        '',
        `**${headline(diff)}**`,
        '',
    );
    if (!diff.summary.changed) return `${out.join('\n').trimEnd()}\n`;

    summaryTable(diff, plan, out);
    lineageSection(diff.lineage, plan, out);
    evidenceSection(diff, plan, out);
    shapeSection(diff, plan, out);
    elementsSection(diff, plan, out);
    linksSection(diff, plan, out);
    viewsSection(diff, plan, out);
    kindsSection(diff, plan, out);
    filesSection(diff, plan, out);
    diagnosticsSection(diff, plan, out);
    pictureSection(diff, plan, out);
    if (plan.items < PLANS[0].items || cutting) {
        out.push('', '_Some lists were shortened to fit a comment; `pom diff --format json` has all of it._');
    }
    return `${out.join('\n').trimEnd()}\n`;
}

function summaryTable(diff: ModelDiff, plan: Plan, out: string[]): void {
    const rows = diff.summary.kinds;
    const shown = rows.slice(0, Math.max(plan.items, 20));
    out.push('| Kind | Added | Removed | Renamed | Changed |', '| --- | ---: | ---: | ---: | ---: |');
    for (const row of shown)
        out.push(`| ${mdCode(clip(row.kind, 60))} | ${row.added} | ${row.removed} | ${row.renamed} | ${row.changed} |`);
    if (rows.length > shown.length) out.push(`| and ${rows.length - shown.length} more kinds | | | | |`);
    const l = diff.summary.links;
    out.push(`| _links_ | ${l.added} | ${l.removed} | – | ${l.changed} |`, '');
    const d = diff.summary.diagnostics;
    const introduced = severityList(d.introduced);
    const fixed = severityList(d.fixed);
    if (introduced || fixed) {
        out.push(
            `Diagnostics: ${introduced ? `introduced ${introduced}` : 'none introduced'}; ${fixed ? `fixed ${fixed}` : 'none fixed'}.`,
            '',
        );
    }
}

/**
 * A titled list: under a bold title when short, collapsed in `<details>` when long, cut after `plan.items` items
 * with "and N more". With `lead`, the first items of a long list stay in view and only the rest collapse. Items
 * are rendered only when shown, so a huge diff costs no more than a small one.
 */
function list<T>(
    out: string[],
    title: string,
    items: readonly T[],
    plan: Plan,
    item: (t: T) => string,
    options: { count?: number; lead?: boolean } = {},
): void {
    if (items.length === 0) return;
    const count = options.count ?? items.length;
    const shown = items.slice(0, plan.items).map((t) => `- ${item(t)}`);
    if (items.length > shown.length) shown.push(`- … and ${items.length - shown.length} more`);
    if (items.length <= COLLAPSE_OVER) {
        out.push(`**${title} (${count})**`, '', ...shown, '');
    } else if (options.lead && shown.length > COLLAPSE_OVER) {
        const rest = shown.slice(COLLAPSE_OVER);
        out.push(`**${title} (${count})**`, '', ...shown.slice(0, COLLAPSE_OVER), '');
        out.push(`<details><summary>${items.length - COLLAPSE_OVER} more</summary>`, '', ...rest, '', '</details>', '');
    } else {
        out.push(`<details><summary>${title} (${count})</summary>`, '', ...shown, '', '</details>', '');
    }
}

function viewsSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    const { added, removed, changed } = diff.views;
    if (added.length + removed.length + changed.length === 0) return;
    out.push('### Views', '');
    const view = (v: { id: string; title: string | null }) => `${inline.code(v.id)}${v.title ? `, “${inline.text(v.title)}”` : ''}`;
    list(out, 'Added', added, plan, view);
    list(out, 'Removed', removed, plan, view);
    list(out, 'Changed', changed, plan, (v) => [view(v), ...viewChangeLines(v, inline).map((line) => `  - ${line}`)].join('\n'));
}

function kindsSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    const { added, removed, changed } = diff.kinds;
    if (added.length + removed.length + changed.length === 0) return;
    out.push('### Kinds', '');
    const kind = (k: { name: string; title: string | null }) => `${inline.code(k.name)}${k.title ? `, “${inline.text(k.title)}”` : ''}`;
    list(out, 'Added', added, plan, kind);
    list(out, 'Removed', removed, plan, kind);
    list(out, 'Changed', changed, plan, (k) => [kind(k), ...kindChangeLines(k, inline).map((line) => `  - ${line}`)].join('\n'));
}

function filesSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    if (diff.files.renamed.length === 0) return;
    out.push('### Files', '');
    list(out, 'Renamed', diff.files.renamed, plan, (f) => `${inline.code(f.from)} → ${inline.code(f.to)}`);
}

function describe(e: { id: string; kind: string; title: string | null }): string {
    const title = e.title ? `, “${inline.text(e.title)}”` : '';
    return `${inline.code(e.id)} (${inline.code(e.kind)}${title})`;
}

function lineageSection(lineage: LineageChange[], plan: Plan, out: string[]): void {
    if (lineage.length === 0) return;
    out.push('### Lineage consequences', '');
    const lost = lineage.filter((l) => l.lost.length > 0);
    const gained = lineage.filter((l) => l.gained.length > 0);
    list(out, 'Lost a path', lost, plan, (l) => `${describe(l)} no longer reaches ${reachList(l.lost, 'or')}`, { lead: true });
    list(out, 'Gained a path', gained, plan, (l) => `${describe(l)} now reaches ${reachList(l.gained, 'and')}`, { lead: true });
}

function shapeSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    if (diff.horizonViolations.length === 0 && diff.orphans.length === 0) return;
    out.push('### Horizons and orphans', '');
    const exceeds = diff.horizonViolations.filter((d) => d.code === 'horizon-exceeds-parent').length;
    const inverted = diff.horizonViolations.length - exceeds;
    const sentences = [
        exceeds > 0 && `${plural(exceeds, 'element')} now ${exceeds === 1 ? 'exceeds its' : 'exceed their'} parent's horizon`,
        inverted > 0 && `${plural(inverted, 'link')} now ${inverted === 1 ? 'runs' : 'run'} from a longer horizon to a shorter one`,
        diff.orphans.length > 0 &&
            `${plural(diff.orphans.length, 'element')} now ${diff.orphans.length === 1 ? 'has' : 'have'} no relations at all`,
    ].filter((s): s is string => Boolean(s));
    const sentence = englishList(sentences);
    out.push(`${sentence[0].toUpperCase()}${sentence.slice(1)}.`, '');
    list(out, 'Horizon violations introduced', diff.horizonViolations, plan, diagnostic);
    list(out, 'Orphans introduced', diff.orphans, plan, diagnostic);
}

function evidenceSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    const { verdicts, targets, observations } = diff.evidence;
    if (verdicts.length + targets.length + observations.length === 0) return;
    out.push('### Evidence', '');
    const { base, head } = diff.evidence.asOf;
    if (base !== null || head !== null) {
        const side = (date: string | null) => (date === null ? 'without a snapshot' : `as of ${mdText(date)}`);
        out.push(base === head ? `Checks ran ${side(head)}.` : `Checks ran ${side(base)} on the base, ${side(head)} on the head.`, '');
    }
    list(out, 'Verdicts changed', verdicts, plan, (v) => verdictSentence(v, inline), { lead: true });
    list(out, 'Targets settled', targets, plan, (t) => targetSentence(t, inline), { lead: true });
    list(out, 'New observations', observations, plan, (o) => observationSentence(o, inline));
}

function elementsSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    const { added, removed, renamed, changed, inherited } = diff.elements;
    if (added.length + removed.length + renamed.length + changed.length + inherited.length === 0) return;
    out.push('### Elements', '');
    list(out, 'Added', added, plan, describe);
    list(out, 'Removed', removed, plan, describe);
    // A rename carries its nested elements along; list the rename once and count what moved with it.
    const roots = renamed.filter((r) => !r.cascaded || !renamed.some((p) => r.from.startsWith(`${p.from}.`) && !p.cascaded));
    list(out, 'Renamed', roots, plan, (r) => renameText(r, renamed), { count: renamed.length });
    list(out, 'Changed', changed, plan, (c) => changeText(c, plan));
    list(out, 'Inherited changes', inherited, plan, (g) => inheritingText(g, plan));
}

/** One inherited change, its elements collapsed under it. */
function inheritingText(group: InheritedChange, plan: Plan): string {
    const shown = group.elements.slice(0, plan.items).map((e) => `  - ${describe(e)}`);
    if (group.elements.length > shown.length) shown.push(`  - … and ${group.elements.length - shown.length} more`);
    const lines = [inheritedText(group, inline)];
    if (shown.length > 0)
        lines.push(`  <details><summary>${plural(group.elements.length, 'element')}</summary>`, '', ...shown, '', '  </details>');
    return lines.join('\n');
}

function renameText(rename: ElementRename, all: readonly ElementRename[]): string {
    const nested = all.filter((r) => r.cascaded && r.from.startsWith(`${rename.from}.`)).length;
    const title = rename.title ? `, “${inline.text(rename.title)}”` : '';
    const along = nested > 0 ? `, with ${plural(nested, 'nested element')}` : '';
    return `${inline.code(rename.from)} → ${inline.code(rename.to)} (${inline.code(rename.kind)}${title})${along}`;
}

function changeText(change: ElementChange, plan: Plan): string {
    const limit = Math.max(plan.items, 3);
    const lines = change.changes.slice(0, limit).map((c) => {
        return `  - ${mdCode(clip(propertyName(c.property), 60))}: ${valueText(c.property, c.before, inline)} → ${valueText(c.property, c.after, inline)}`;
    });
    if (change.changes.length > lines.length) lines.push(`  - … and ${change.changes.length - lines.length} more`);
    return [describe(change), ...lines].join('\n');
}

function linksSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    const { added, removed, changed } = diff.links;
    if (added.length + removed.length + changed.length === 0) return;
    out.push('### Links', '');
    const link = (l: ModelDiff['links']['added'][number]) =>
        `${linkText(l, inline)}${Object.keys(l.metadata).length > 0 ? ` [${metadataText(l.metadata, inline)}]` : ''}${l.implied ? ' (implied by nesting)' : ''}`;
    list(out, 'Added', added, plan, link);
    list(out, 'Removed', removed, plan, link);
    list(
        out,
        'Metadata changed',
        changed,
        plan,
        (c) => `${linkText(c, inline)}: ${metadataText(c.before, inline)} → ${metadataText(c.after, inline)}`,
    );
}

function diagnostic(d: CompiledDiagnostic): string {
    const where = mdCode(clip(`${d.source.path}:${d.source.line}`, TEXT_MAX));
    return `${d.severity} ${mdCode(clip(d.code, 60))} at ${where}: ${mdMessage(clip(d.message, MESSAGE_MAX))}`;
}

function diagnosticsSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    const { introduced, fixed } = diff.diagnostics;
    if (introduced.length + fixed.length === 0) return;
    out.push('### Diagnostics', '');
    list(out, 'Introduced', introduced, plan, diagnostic);
    list(out, 'Fixed', fixed, plan, diagnostic);
}

function pictureSection(diff: ModelDiff, plan: Plan, out: string[]): void {
    if (plan.nodes === 0 || diff.neighbourhood.elements.length === 0) return;
    const picture = neighbourhoodMermaid(diff.neighbourhood, plan.nodes);
    out.push('### Changed neighbourhood', '', '```mermaid', picture.text, '```', '', MERMAID_LEGEND);
    if (picture.shown < picture.total) out.push(`The picture shows ${picture.shown} of ${picture.total} elements, changed ones first.`);
    out.push('');
}

/** Cuts the text at the last line that fits, closing a `<details>` or code fence left open. */
function cut(text: string, budget: number): string {
    const note = '\n\n_The report was cut to fit a comment; `pom diff --format json` has all of it._\n';
    const lines = text.split('\n');
    const kept: string[] = [];
    let size = byteLength(note) + 64;
    let fence = false;
    let details = 0;
    for (const line of lines) {
        const length = byteLength(line) + 1;
        if (size + length > budget) break;
        size += length;
        kept.push(line);
        if (line.startsWith('```')) fence = !fence;
        if (line.startsWith('<details>')) details++;
        if (line === '</details>') details--;
    }
    if (fence) kept.push('```');
    // A section cut right after its heading says nothing: drop the empty tail.
    while (kept.length > 0 && (kept[kept.length - 1] === '' || /^(<details>|#|\*\*)/.test(kept[kept.length - 1]))) {
        if (kept.pop()!.startsWith('<details>')) details--;
    }
    for (; details > 0; details--) kept.push('', '</details>');
    return `${kept.join('\n')}${note}`;
}

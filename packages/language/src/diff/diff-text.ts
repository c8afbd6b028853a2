// A diff for a terminal: one line per change under a heading per kind of change, lineage consequences and the
// evidence (verdicts, targets, new observations) first.
// Colour is the caller's decision (a TTY without NO_COLOR); control characters in model text are replaced, so a
// model cannot send escape sequences to the terminal.
import type { CompiledDiagnostic } from '../compile/compiled-model.js';
import type { DiffLink, ModelDiff } from './diff-report.js';
import {
    headline,
    type Inline,
    inheritedText,
    kindChangeLines,
    linkText,
    metadataText,
    propertyName,
    reachList,
    valueText,
    viewChangeLines,
} from './diff-wording.js';
import { observationSentence, targetSentence, verdictSentence } from './evidence-wording.js';
import { clip } from './markdown-text.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function diffToText(diff: ModelDiff, options: { colour?: boolean } = {}): string {
    const paint = (code: string) => (text: string) => (options.colour ? `\u001b[${code}m${text}\u001b[0m` : text);
    const green = paint('32');
    const red = paint('31');
    const yellow = paint('33');
    const bold = paint('1');
    const dim = paint('2');
    const inline: Inline = { text: (t) => clip(t, 200), code: (t) => t.replace(CONTROL, ' ') };
    const describe = (e: { id: string; kind: string; title: string | null }) =>
        `${inline.code(e.id)} ${dim(`(${inline.code(e.kind)})`)}${e.title ? ` “${inline.text(e.title)}”` : ''}`;
    const viewText = (v: { id: string; title: string | null }) => `${inline.code(v.id)}${v.title ? ` “${inline.text(v.title)}”` : ''}`;
    const out: string[] = [`${bold('pom diff')} ${inline.code(diff.base.label)} → ${inline.code(diff.head.label)}`, headline(diff)];

    const section = <T>(title: string, items: readonly T[], line: (item: T) => string) => {
        if (items.length === 0) return;
        out.push('', bold(`${title} (${items.length})`), ...items.map((item) => `  ${line(item)}`));
    };
    const diagnostic = (mark: string) => (d: CompiledDiagnostic) =>
        `${mark} ${inline.code(`${d.source.path}:${d.source.line}:${d.source.column}`)} ${d.severity} ${dim(inline.code(d.code))} ${inline.code(d.message)}`;
    const link = (mark: string) => (l: DiffLink) =>
        `${mark} ${linkText(l, inline)}${Object.keys(l.metadata).length > 0 ? ` [${metadataText(l.metadata, inline)}]` : ''}`;

    section(
        'Lineage: lost a path',
        diff.lineage.filter((l) => l.lost.length > 0),
        (l) => `${red('✗')} ${describe(l)} no longer reaches ${reachList(l.lost, 'or')}`,
    );
    section(
        'Lineage: gained a path',
        diff.lineage.filter((l) => l.gained.length > 0),
        (l) => `${green('✓')} ${describe(l)} now reaches ${reachList(l.gained, 'and')}`,
    );
    const mark = (good: boolean) => (good ? green('✓') : red('✗'));
    section('Verdicts changed', diff.evidence.verdicts, (v) => `${mark(v.after === 'confirmed')} ${verdictSentence(v, inline)}`);
    section('Targets settled', diff.evidence.targets, (t) => `${mark(t.after === 'reached')} ${targetSentence(t, inline)}`);
    section('New observations', diff.evidence.observations, (o) => `${yellow('~')} ${observationSentence(o, inline)}`);
    section('Horizon violations introduced', diff.horizonViolations, diagnostic(yellow('!')));
    section('Orphans introduced', diff.orphans, diagnostic(yellow('!')));
    section('Elements added', diff.elements.added, (e) => `${green('+')} ${describe(e)}`);
    section('Elements removed', diff.elements.removed, (e) => `${red('-')} ${describe(e)}`);
    section(
        'Elements renamed',
        diff.elements.renamed,
        (r) => `${yellow('~')} ${inline.code(r.from)} → ${inline.code(r.to)} ${dim(`(${inline.code(r.kind)})`)}`,
    );
    section('Elements changed', diff.elements.changed, (c) =>
        [
            `${yellow('~')} ${describe(c)}`,
            ...c.changes.map(
                (p) =>
                    `      ${propertyName(p.property)}: ${valueText(p.property, p.before, inline)} → ${valueText(p.property, p.after, inline)}`,
            ),
        ].join('\n'),
    );
    section('Inherited changes', diff.elements.inherited, (g) => {
        const ids = g.elements.slice(0, 10).map((e) => inline.code(e.id));
        const more = g.elements.length > ids.length ? `, and ${g.elements.length - ids.length} more` : '';
        return `${yellow('~')} ${inheritedText(g, inline)}: ${ids.join(', ')}${more}`;
    });
    section('Links added', diff.links.added, link(green('+')));
    section('Links removed', diff.links.removed, link(red('-')));
    section(
        'Link metadata changed',
        diff.links.changed,
        (c) => `${yellow('~')} ${linkText(c, inline)}: ${metadataText(c.before, inline)} → ${metadataText(c.after, inline)}`,
    );
    section('Views added', diff.views.added, (v) => `${green('+')} ${viewText(v)}`);
    section('Views removed', diff.views.removed, (v) => `${red('-')} ${viewText(v)}`);
    section('Views changed', diff.views.changed, (v) =>
        [`${yellow('~')} ${viewText(v)}`, ...viewChangeLines(v, inline).map((line) => `      ${line}`)].join('\n'),
    );
    const kindText = (k: { name: string; title: string | null }) => `${inline.code(k.name)}${k.title ? ` “${inline.text(k.title)}”` : ''}`;
    section('Kinds added', diff.kinds.added, (k) => `${green('+')} ${kindText(k)}`);
    section('Kinds removed', diff.kinds.removed, (k) => `${red('-')} ${kindText(k)}`);
    section('Kinds changed', diff.kinds.changed, (k) =>
        [`${yellow('~')} ${kindText(k)}`, ...kindChangeLines(k, inline).map((line) => `      ${line}`)].join('\n'),
    );
    section('Files renamed', diff.files.renamed, (f) => `${yellow('~')} ${inline.code(f.from)} → ${inline.code(f.to)}`);
    section('Diagnostics introduced', diff.diagnostics.introduced, diagnostic(red('+')));
    section('Diagnostics fixed', diff.diagnostics.fixed, diagnostic(green('-')));
    return `${out.join('\n')}\n`;
}

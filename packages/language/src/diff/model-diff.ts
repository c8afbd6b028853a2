// The semantic diff of two compiled models (pure: no I/O, no AST). Duplicate ids are first aligned by content
// (duplicate-ids.ts), elements are matched by id, then renames are paired by content (rename-matching.ts); links by from, relation and to once renames are applied; diagnostics by
// code, file and message, so that lines moving do not count; lineage consequences by what each element reaches
// on either side (lineage-reach.ts). Every list comes out sorted: the same two models give the same diff.

import type {
    CompiledDiagnostic,
    CompiledElement,
    CompiledLink,
    CompiledModel,
    ContextEntry,
    OwnersEntry,
    TypedValue,
} from '../compile/compiled-model.js';
import { ModelGraph } from '../compile/model-graph.js';
import { compareStrings } from '../util/compare.js';
import { pushTo } from '../util/graph-walk.js';
import { diffDiagnostics, matchFileRenames } from './diagnostics-diff.js';
import { canonical, compareLocations, stageRank } from './diff-compare.js';
import { changedNeighbourhood } from './diff-neighbourhood.js';
import {
    DIFF_FORMAT,
    DIFF_VERSION,
    type DiffElement,
    type DiffLink,
    type ElementChange,
    type ElementRename,
    type InheritedChange,
    type LineageChange,
    type LinkChange,
    type ModelDiff,
    type PropertyChange,
    type PropertyValue,
    REACHES,
} from './diff-report.js';
import { summarize } from './diff-summary.js';
import { alignDuplicates, relabel } from './duplicate-ids.js';
import { type DiffSnapshots, diffEvidence } from './evidence-diff.js';
import { diffKinds } from './kind-diff.js';
import { lineageReach } from './lineage-reach.js';
import { matchRenames } from './rename-matching.js';
import { diffViews, viewsChanged } from './view-diff.js';

export interface DiffOptions {
    /** How to name the two sides in reports (a folder, a file, a git revision). */
    baseLabel?: string;
    headLabel?: string;
    /** Report only on these elements (ids of each side), as `pom diff --select` picks them. */
    select?: DiffSelection;
    /** The snapshots of observations the sides read, for the per-metric summary of new observations. */
    snapshots?: DiffSnapshots;
}

export interface DiffSelection {
    base: ReadonlySet<string>;
    head: ReadonlySet<string>;
}

const HORIZON_CODES = new Set(['horizon-exceeds-parent', 'horizon-inverted-link']);

export function diffModels(base: CompiledModel, compiledHead: CompiledModel, options: DiffOptions = {}): ModelDiff {
    const moves = alignDuplicates(base, compiledHead);
    const head = relabel(compiledHead, moves);
    const select = options.select && {
        base: options.select.base,
        head: new Set([...options.select.head].map((id) => moves.get(id) ?? id)),
    };
    const renames = matchRenames(base, head);
    const rename = (id: string) => renames.get(id) ?? id;
    const renameOrNull = (id: string | null) => (id === null ? null : rename(id));
    const baseById = new Map(base.elements.map((e) => [e.id, e]));
    const headById = new Map(head.elements.map((e) => [e.id, e]));
    const renamedTo = new Set(renames.values());

    const added = head.elements.filter((e) => !baseById.has(e.id) && !renamedTo.has(e.id)).map(describe);
    const removed = base.elements.filter((e) => !headById.has(e.id) && !renames.has(e.id)).map(describe);

    // Every element on both sides, as [base, head].
    const pairs: Array<[CompiledElement, CompiledElement]> = [];
    for (const element of base.elements) {
        const counterpart = headById.get(rename(element.id));
        if (counterpart) pairs.push([element, counterpart]);
    }

    const renamed: ElementRename[] = [];
    for (const [from, to] of renames) {
        const before = baseById.get(from)!;
        const after = headById.get(to)!;
        renamed.push({
            from,
            to,
            kind: after.kind,
            stage: after.stage,
            title: after.title,
            cascaded: before.name === after.name && before.parent !== null && renames.has(before.parent),
            source: after.source,
        });
    }
    renamed.sort((a, b) => compareStrings(a.to, b.to));

    const changed: ElementChange[] = [];
    for (const [before, after] of pairs) {
        const changes = propertyChanges(before, after, renameOrNull);
        if (changes.length > 0) {
            changed.push({ id: after.id, kind: after.kind, stage: after.stage, title: after.title, changes, source: after.source });
        }
    }
    changed.sort((a, b) => compareStrings(a.id, b.id));

    let elements: ModelDiff['elements'] = { added: sortById(added), removed: sortById(removed), renamed, ...groupInherited(changed) };
    let links = diffLinks(base.links, head.links, rename);
    const fileRenames = matchFileRenames(base, head, rename);
    let diagnostics = diffDiagnostics(base, head, renames, fileRenames);
    let lineage = lineageChanges(base, head, pairs);
    let evidence = diffEvidence(base, head, rename, options.snapshots);
    if (select) {
        const kept = keptIds(select, rename);
        const files = new Set(
            [...base.elements.filter((e) => select.base.has(e.id)), ...head.elements.filter((e) => select.head.has(e.id))].map(
                (e) => e.source.path,
            ),
        );
        ({ elements, links, diagnostics, lineage } = restrict({ elements, links, diagnostics, lineage }, kept, files));
        evidence = {
            asOf: evidence.asOf,
            verdicts: evidence.verdicts.filter((v) => kept.has(v.impact) || kept.has(v.input)),
            targets: evidence.targets.filter((t) => kept.has(t.bet) || kept.has(t.element)),
            observations: evidence.observations.filter((o) => kept.has(o.metric)),
        };
    }
    const horizonViolations = diagnostics.introduced.filter((d) => HORIZON_CODES.has(d.code));
    const orphans = diagnostics.introduced.filter((d) => d.code === 'orphan');

    const views = diffViews(base, head, rename);
    const summary = summarize(elements, links, diagnostics, lineage, horizonViolations.length, orphans.length, evidence);
    const kinds = diffKinds(base, head);
    if (viewsChanged(views) || fileRenames.size > 0 || kinds.added.length + kinds.removed.length + kinds.changed.length > 0) {
        summary.changed = true;
    }
    return {
        format: DIFF_FORMAT,
        version: DIFF_VERSION,
        base: { label: options.baseLabel ?? 'base', elements: base.elements.length, links: base.links.length },
        head: { label: options.headLabel ?? 'head', elements: head.elements.length, links: head.links.length },
        summary,
        elements,
        links,
        diagnostics,
        lineage,
        horizonViolations,
        orphans,
        files: {
            renamed: [...fileRenames].map(([from, to]) => ({ from, to })).sort((a, b) => compareStrings(a.from, b.from)),
        },
        kinds,
        neighbourhood: changedNeighbourhood({ base, head, rename, elements, links, lineage }),
        views,
        evidence,
    };
}

// ---- selection ----------------------------------------------------------------------------------------------------

/** The selected ids of both sides in the head's names (a removed element keeps its base id). */
function keptIds(select: DiffSelection, rename: (id: string) => string): Set<string> {
    return new Set([...select.head, ...[...select.base].map(rename)]);
}

interface Parts {
    elements: ModelDiff['elements'];
    links: ModelDiff['links'];
    diagnostics: ModelDiff['diagnostics'];
    lineage: LineageChange[];
}

/**
 * Keeps the changes to selected elements, the links with a selected end and, as diagnostics carry no element,
 * the diagnostics in files that hold a selected element.
 */
function restrict(parts: Parts, kept: Set<string>, files: Set<string>): Parts {
    const { elements, links, diagnostics, lineage } = parts;
    const link = (l: { from: string; to: string }) => kept.has(l.from) || kept.has(l.to);
    const inFiles = (d: CompiledDiagnostic) => files.has(d.source.path);
    return {
        elements: {
            added: elements.added.filter((e) => kept.has(e.id)),
            removed: elements.removed.filter((e) => kept.has(e.id)),
            renamed: elements.renamed.filter((r) => kept.has(r.to)),
            changed: elements.changed.filter((c) => kept.has(c.id)),
            inherited: elements.inherited
                .map((group) => ({ ...group, elements: group.elements.filter((e) => kept.has(e.id)) }))
                .filter((group) => group.elements.length > 0 || kept.has(group.source)),
        },
        links: { added: links.added.filter(link), removed: links.removed.filter(link), changed: links.changed.filter(link) },
        diagnostics: { introduced: diagnostics.introduced.filter(inFiles), fixed: diagnostics.fixed.filter(inFiles) },
        lineage: lineage.filter((l) => kept.has(l.id)),
    };
}

function describe(element: CompiledElement): DiffElement {
    return { id: element.id, kind: element.kind, stage: element.stage, title: element.title, source: element.source };
}

function sortById<T extends { id: string }>(items: T[]): T[] {
    return items.sort((a, b) => compareStrings(a.id, b.id));
}

// ---- inherited changes --------------------------------------------------------------------------------------------

/** A context entry of any shape (`ContextEntry`, or one with lists and `via`): what inheritance grouping reads. */
interface InheritedValue {
    declared: unknown;
    effective: unknown;
    inheritedFrom: string | null;
    via?: string | null;
}

function isInheritedValue(value: PropertyValue): value is PropertyValue & InheritedValue {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && 'inheritedFrom' in value && 'declared' in value;
}

/**
 * Moves every change that only followed an inherited value (the element's own declaration of the property is the
 * same on both sides and the value comes from another element) into one group per property, source, path and
 * values; an element left with no change of its own leaves `changed`. Works on any context property, whatever its
 * values are (one name or a list), so new context keys group without code here.
 */
function groupInherited(all: ElementChange[]): { changed: ElementChange[]; inherited: InheritedChange[] } {
    const groups = new Map<string, InheritedChange>();
    const changed: ElementChange[] = [];
    for (const change of all) {
        const own: PropertyChange[] = [];
        for (const c of change.changes) {
            const { before, after } = c;
            const source = isInheritedValue(before) && isInheritedValue(after) ? (after.inheritedFrom ?? before.inheritedFrom) : null;
            if (source === null || canonical((before as InheritedValue).declared) !== canonical((after as InheritedValue).declared)) {
                own.push(c);
                continue;
            }
            const via = (after as InheritedValue).via ?? (before as InheritedValue).via ?? null;
            const effective = (v: PropertyValue) => canonical((v as InheritedValue).effective);
            const key = JSON.stringify([c.property, source, via, effective(before), effective(after)]);
            const group = groups.get(key) ?? { property: c.property, source, via, sourceChanged: false, before, after, elements: [] };
            groups.set(key, group);
            group.elements.push({ id: change.id, kind: change.kind, stage: change.stage, title: change.title, source: change.source });
        }
        if (own.length > 0) changed.push({ ...change, changes: own });
    }
    const ownChange = new Set(changed.flatMap((c) => c.changes.map((p) => `${c.id}\u0000${p.property}`)));
    const inherited = [...groups.values()].map((g) => ({ ...g, sourceChanged: ownChange.has(`${g.source}\u0000${g.property}`) }));
    inherited.sort(
        (a, b) =>
            compareStrings(a.source, b.source) ||
            compareStrings(a.property, b.property) ||
            compareStrings(a.elements[0].id, b.elements[0].id),
    );
    return { changed, inherited };
}

// ---- properties ---------------------------------------------------------------------------------------------------

type Rename = (id: string | null) => string | null;

/**
 * What changed between an element and its counterpart, with the base's references read in the head's names. A
 * context entry (horizon, owners, funding) changes when its declared or effective value does; where an unchanged
 * value is inherited from is not a change (it moves with the element).
 */
function propertyChanges(before: CompiledElement, after: CompiledElement, rename: Rename): PropertyChange[] {
    const changes: PropertyChange[] = [];
    const compare = (property: string, a: PropertyValue, b: PropertyValue, same = canonical(a) === canonical(b)) => {
        if (!same) changes.push({ property, before: a, after: b });
    };
    const context = (property: 'horizon' | 'funding') => {
        // A horizon is a literal (a band, and a length when counted); funding names an element.
        const a =
            property === 'horizon'
                ? { ...before.horizon, inheritedFrom: rename(before.horizon.inheritedFrom) }
                : renameContext(before[property], rename);
        const b = after[property];
        const sameLength = property !== 'horizon' || before.horizon.length === after.horizon.length;
        compare(property, a, b, a.declared === b.declared && a.effective === b.effective && sameLength);
    };
    const owners = () => {
        const ids = (list: string[]) => list.map((id) => rename(id) ?? id);
        const a: OwnersEntry = {
            ...before.owners,
            declared: ids(before.owners.declared),
            effective: ids(before.owners.effective),
            inheritedFrom: rename(before.owners.inheritedFrom),
        };
        const b = after.owners;
        const same = (x: string[], y: string[]) => x.length === y.length && x.every((id) => y.includes(id));
        compare('owners', a, b, same(a.declared, b.declared) && same(a.effective, b.effective));
    };
    compare('kind', before.kind, after.kind);
    compare('title', before.title, after.title);
    compare('doc', before.doc, after.doc);
    compare('parent', rename(before.parent), after.parent);
    context('horizon');
    owners();
    context('funding');
    // `horizon` is a field too; it is reported once, above, with what it inherits.
    const keys = [...new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])]
        .filter((k) => k !== 'horizon')
        .sort(compareStrings);
    for (const key of keys) {
        compare(`fields.${key}`, renameValues(before.fields[key], rename) ?? null, after.fields[key] ?? null);
    }
    return changes;
}

function renameContext(entry: ContextEntry, rename: Rename): ContextEntry {
    return { ...entry, declared: rename(entry.declared), effective: rename(entry.effective), inheritedFrom: rename(entry.inheritedFrom) };
}

function renameValue(value: TypedValue, rename: (id: string) => string | null): TypedValue {
    return value.type === 'reference' ? { type: 'reference', value: rename(value.value) ?? value.value } : value;
}

function renameValues(value: TypedValue | TypedValue[] | undefined, rename: Rename): TypedValue | TypedValue[] | undefined {
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map((v) => renameValue(v, rename)) : renameValue(value, rename);
}

// ---- links --------------------------------------------------------------------------------------------------------

function diffLinks(base: readonly CompiledLink[], head: readonly CompiledLink[], rename: (id: string) => string): ModelDiff['links'] {
    const key = (l: { from: string; relation: string; to: string }) => `${l.from}\u0000${l.relation}\u0000${l.to}`;
    const before = new Map<string, DiffLink[]>();
    const after = new Map<string, DiffLink[]>();
    for (const link of base) {
        const renamed = {
            ...describeLink(link),
            from: rename(link.from),
            to: rename(link.to),
            metadata: Object.fromEntries(Object.entries(link.metadata).map(([k, v]) => [k, renameValue(v, rename)])),
        };
        pushTo(before, key(renamed), renamed);
    }
    for (const link of head) pushTo(after, key(link), describeLink(link));

    const added: DiffLink[] = [];
    const removed: DiffLink[] = [];
    const changed: LinkChange[] = [];
    for (const k of new Set([...before.keys(), ...after.keys()])) {
        const b = before.get(k) ?? [];
        const a = after.get(k) ?? [];
        // The same link stated twice (a duplicate target) pairs up in source order.
        for (let i = 0; i < Math.min(a.length, b.length); i++) {
            if (canonical(b[i].metadata) !== canonical(a[i].metadata)) {
                const { from, relation, to, flow, source } = a[i];
                changed.push({ from, relation, to, flow, before: b[i].metadata, after: a[i].metadata, source });
            }
        }
        added.push(...a.slice(b.length));
        removed.push(...b.slice(a.length));
    }
    const order = (x: DiffLink | LinkChange, y: DiffLink | LinkChange) =>
        compareStrings(x.from, y.from) ||
        compareStrings(x.relation, y.relation) ||
        compareStrings(x.to, y.to) ||
        compareLocations(x.source, y.source);
    return { added: added.sort(order), removed: removed.sort(order), changed: changed.sort(order) };
}

function describeLink(link: CompiledLink): DiffLink {
    const { from, relation, to, flow, implied, metadata, source } = link;
    return { from, relation, to, flow, implied, metadata, source };
}

// ---- lineage ------------------------------------------------------------------------------------------------------

function lineageChanges(base: CompiledModel, head: CompiledModel, pairs: Array<[CompiledElement, CompiledElement]>): LineageChange[] {
    const before = lineageReach(new ModelGraph(base));
    const after = lineageReach(new ModelGraph(head));
    const changes: LineageChange[] = [];
    for (const [b, a] of pairs) {
        const lost = REACHES.filter((r) => before.get(r)!.has(b.id) && !after.get(r)!.has(a.id));
        const gained = REACHES.filter((r) => !before.get(r)!.has(b.id) && after.get(r)!.has(a.id));
        if (lost.length > 0 || gained.length > 0) {
            changes.push({ id: a.id, kind: a.kind, stage: a.stage, title: a.title, lost, gained });
        }
    }
    return changes.sort((x, y) => stageRank(x.stage) - stageRank(y.stage) || compareStrings(x.id, y.id));
}

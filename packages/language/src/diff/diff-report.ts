// The semantic diff of two compiled models, as data: what `pom diff --format json` prints and what the Markdown and
// text renderers read. Its JSON Schema is packages/language/schema/pom-diff.schema.json; bump DIFF_VERSION on any
// breaking change.
import type {
    CompiledDiagnostic,
    CompiledKind,
    ContextEntry,
    OwnersEntry,
    SourceLocation,
    TypedValue,
    Verdict,
} from '../compile/compiled-model.js';
import type { Flow } from '../model/kind-system.js';
import type { Severity } from '../validation/codes.js';

export const DIFF_FORMAT = 'pom-diff';
export const DIFF_VERSION = 1;

/** What an element's lineage can reach: an insight upstream, or an input, driver, north star or outcome downstream. */
export type Reach = 'insight' | 'input' | 'driver' | 'northstar' | 'outcome';

export const REACHES: readonly Reach[] = ['insight', 'input', 'driver', 'northstar', 'outcome'];

export interface ModelDiff {
    format: typeof DIFF_FORMAT;
    version: typeof DIFF_VERSION;
    base: DiffSide;
    head: DiffSide;
    summary: DiffSummary;
    elements: {
        added: DiffElement[];
        removed: DiffElement[];
        renamed: ElementRename[];
        /** Elements with changes of their own; a change that only followed an inherited value is in `inherited`. */
        changed: ElementChange[];
        /** Context values (horizon, owner, funding, …) that changed for several elements at once, by where they came from. */
        inherited: InheritedChange[];
    };
    links: {
        added: DiffLink[];
        removed: DiffLink[];
        changed: LinkChange[];
    };
    diagnostics: {
        introduced: CompiledDiagnostic[];
        fixed: CompiledDiagnostic[];
    };
    /** Elements on both sides whose lineage gained or lost a path to an insight, input, driver, north star or outcome. */
    lineage: LineageChange[];
    /** Introduced `horizon-exceeds-parent` and `horizon-inverted-link` diagnostics. */
    horizonViolations: CompiledDiagnostic[];
    /** Introduced `orphan` diagnostics. */
    orphans: CompiledDiagnostic[];
    /** Files renamed with their content unchanged (their diagnostics are neither fixed nor introduced). */
    files: { renamed: Array<{ from: string; to: string }> };
    /** User-defined `kind` declarations added, removed or changed. */
    kinds: KindsDiff;
    /** The changed elements and their direct neighbours, with the links between them: what the picture draws. */
    neighbourhood: Neighbourhood;
    /** Named views added, removed or changed (selectors, title, layout, or the elements they draw). */
    views: ViewsDiff;
    /** What the numbers say differently: verdicts on claims, targets settled, new observations. */
    evidence: EvidenceChanges;
}

export interface EvidenceChanges {
    /** The as-of date of each side's checks; null for a side that read no snapshot. */
    asOf: { base: string | null; head: string | null };
    /** Claims whose verdict changed, appeared or went away, by impact then input. */
    verdicts: VerdictChange[];
    /** Bets' targets that were settled, or settled differently, by bet then element. */
    targets: TargetChange[];
    /** Per metric, what the head's snapshot holds that the base's did not. */
    observations: ObservationChange[];
}

export interface VerdictChange {
    /** Ids in the head (the base's when the claim went away). */
    impact: string;
    input: string;
    metric: string;
    /** The claim as written on the head (the base's when it went away), such as `+10pts`. */
    claimed: string;
    /** Null when the side had no such claim, or no snapshot to judge it. */
    before: Verdict | null;
    after: Verdict | null;
    /** The head's numbers (the base's when the claim went away): the observed change and its window. */
    observed: number | null;
    from: string | null;
    to: string | null;
}

export type TargetStatus = 'reached' | 'missed';

export interface TargetChange {
    bet: string;
    element: string;
    metric: string;
    unit: string;
    ends: string;
    /** Null when the target was not settled on that side (the window had not ended, or no data). */
    before: TargetStatus | null;
    after: TargetStatus | null;
    /** The head's numbers (the base's when no longer settled). */
    value: number;
    at: string;
    target: number;
}

export interface ObservationChange {
    metric: string;
    unit: string;
    /** Observations (date and segment) in the head's snapshot and not the base's. */
    added: number;
    /** Observations on both sides whose value changed. */
    revised: number;
    /** Observations in the base's snapshot and not the head's. */
    removed: number;
    /** The earliest and latest dates among the added ones; null when unknown (a compiled side has no dates). */
    first: string | null;
    last: string | null;
    /** The head's latest overall value and its date. */
    latest: number | null;
    at: string | null;
}

export interface ViewRef {
    id: string;
    title: string | null;
    source: SourceLocation;
}

export interface ViewChange extends ViewRef {
    changes: Array<{
        property: 'title' | 'doc' | 'include' | 'exclude' | 'layout';
        before: string | string[] | null;
        after: string | string[] | null;
    }>;
    /** Elements the view draws now and did not (ids of the head), sorted. */
    elementsAdded: string[];
    /** Elements the view no longer draws, sorted. */
    elementsRemoved: string[];
}

export interface ViewsDiff {
    added: ViewRef[];
    removed: ViewRef[];
    changed: ViewChange[];
}

/**
 * `added`, `removed`, `renamed`, `changed`: the element itself (`changed` also when a link it states changed);
 * `affected`: a neighbour whose lineage changed; `neighbour`: unchanged, shown for context.
 */
export type NodeStatus = 'added' | 'removed' | 'renamed' | 'changed' | 'affected' | 'neighbour';

export type EdgeStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface Neighbourhood {
    /** Sorted by id; changed elements are kept first when the neighbourhood is cut. */
    elements: Array<{ id: string; kind: string; title: string | null; status: NodeStatus }>;
    /** `from` states the link; `flow` says which way the picture points it (along the value flow, as `drawnEnds`). */
    links: Array<{ from: string; relation: string; to: string; flow: Flow; status: EdgeStatus }>;
    /** Elements left out to keep the neighbourhood small. */
    omitted: number;
}

export interface DiffSide {
    /** What the side was read from, as the user named it: a folder, a file, a git revision. */
    label: string;
    elements: number;
    links: number;
}

export interface DiffElement {
    id: string;
    kind: string;
    stage: string | null;
    title: string | null;
    source: SourceLocation;
}

export interface ElementRename {
    /** The id in the base. */
    from: string;
    /** The id in the head. */
    to: string;
    kind: string;
    stage: string | null;
    title: string | null;
    /** True when only an ancestor was renamed: the element kept its own name and moved with its parent. */
    cascaded: boolean;
    source: SourceLocation;
}

/** A property of a compiled element: `kind`, `title`, `doc`, `parent`, `horizon`, `owners`, `funding` or `fields.KEY`. */
export type PropertyValue = string | TypedValue | TypedValue[] | ContextEntry | OwnersEntry | null;

export interface PropertyChange {
    property: string;
    before: PropertyValue;
    after: PropertyValue;
}

export interface ElementChange {
    /** The id in the head (for a renamed element that also changed, see `elements.renamed` for the old id). */
    id: string;
    kind: string;
    stage: string | null;
    title: string | null;
    changes: PropertyChange[];
    source: SourceLocation;
}

/**
 * One context property that changed the same way for elements that inherit it from one source: "`owner` of
 * `ReliableArrivals` changed; inherited by 5 nested elements". The elements list no such change of their own.
 */
export interface InheritedChange {
    /** A context property: `horizon`, `owner`, `owners`, `funding`, … */
    property: string;
    /** The head id of the element the value is inherited from. */
    source: string;
    /** How it travels: `nesting`, or the relation it comes along; null when the model does not say (nesting). */
    via: string | null;
    /** Whether the source's own value of the property changed (else the elements moved to a new source). */
    sourceChanged: boolean;
    /** The effective value before and after, as `ElementChange` reports it. */
    before: PropertyValue;
    after: PropertyValue;
    /** The inheriting elements (head ids), sorted by id. */
    elements: DiffElement[];
}

export interface KindRef {
    name: string;
    title: string | null;
    source: SourceLocation;
}

/** A kind's field or relation, as the compiled model states it. */
export type KindMember = CompiledKind['fields'][number] | CompiledKind['relations'][number];

export interface MemberChanges<M> {
    added: M[];
    removed: M[];
    changed: Array<{ name: string; before: M; after: M }>;
}

export interface KindChange extends KindRef {
    changes: Array<{
        property: 'title' | 'doc' | 'extends' | 'abstract' | 'stage';
        before: string | boolean | null;
        after: string | boolean | null;
    }>;
    fields: MemberChanges<CompiledKind['fields'][number]>;
    relations: MemberChanges<CompiledKind['relations'][number]>;
}

export interface KindsDiff {
    added: KindRef[];
    removed: KindRef[];
    changed: KindChange[];
}

export interface DiffLink {
    from: string;
    relation: string;
    to: string;
    flow: Flow;
    implied: boolean;
    metadata: Record<string, TypedValue>;
    source: SourceLocation;
}

export interface LinkChange {
    from: string;
    relation: string;
    to: string;
    flow: Flow;
    before: Record<string, TypedValue>;
    after: Record<string, TypedValue>;
    source: SourceLocation;
}

export interface LineageChange {
    /** The id in the head. */
    id: string;
    kind: string;
    stage: string | null;
    title: string | null;
    lost: Reach[];
    gained: Reach[];
}

export type SeverityCounts = Record<Severity, number>;

export interface KindSummary {
    kind: string;
    added: number;
    removed: number;
    renamed: number;
    changed: number;
}

export interface DiffSummary {
    /** False when the two models are the same (diagnostics included). */
    changed: boolean;
    kinds: KindSummary[];
    elements: { added: number; removed: number; renamed: number; changed: number };
    links: { added: number; removed: number; changed: number };
    diagnostics: { introduced: SeverityCounts; fixed: SeverityCounts };
    lineage: { lost: number; gained: number };
    horizonViolations: number;
    orphans: number;
    evidence: { verdicts: number; targets: number; observations: number };
}

// The semantic diff of two compiled models, as data: what `pom diff --format json` prints and what the Markdown and
// text renderers read. Its JSON Schema is packages/language/schema/pom-diff.schema.json; bump DIFF_VERSION on any
// breaking change.
import type { CompiledDiagnostic, ContextEntry, SourceLocation, TypedValue } from '../compile/compiled-model.js';
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
        changed: ElementChange[];
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
    /** The changed elements and their direct neighbours, with the links between them: what the picture draws. */
    neighbourhood: Neighbourhood;
    /** Named views added, removed or changed (selectors, title, layout, or the elements they draw). */
    views: ViewsDiff;
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
    links: Array<{ from: string; relation: string; to: string; status: EdgeStatus }>;
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

/** A property of a compiled element: `kind`, `title`, `doc`, `parent`, `horizon`, `owner`, `funding` or `fields.KEY`. */
export type PropertyValue = string | TypedValue | TypedValue[] | ContextEntry | null;

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
}

// The compiled model: the one JSON format that the CLI writes and the graph, the HTML export and the diff read.
// Its JSON Schema is packages/language/schema/pom-model.schema.json; bump MODEL_VERSION on any breaking change.
import type { Flow } from '../model/kind-system.js';
import type { Severity } from '../validation/codes.js';

export const MODEL_FORMAT = 'pom-model';
export const MODEL_VERSION = 2;

export interface CompiledModel {
    format: typeof MODEL_FORMAT;
    version: typeof MODEL_VERSION;
    elements: CompiledElement[];
    links: CompiledLink[];
    /** User-defined kinds; the built-in ones are fixed by the prelude of this format version. */
    kinds: CompiledKind[];
    diagnostics: CompiledDiagnostic[];
    /** Named views, sorted by id. Always written by the compiler; absent in models written before views existed. */
    views?: CompiledView[];
    /** The day date-dependent evidence checks ran as of; present whenever a snapshot of observations was read. */
    asOf?: string;
    /** Every claim an impact makes on an input's metric, with its verdict; present with a snapshot. */
    claims?: CompiledClaim[];
    /** The targets of bets whose window had ended by `asOf`, reached or missed; present with a snapshot. */
    targets?: CompiledTarget[];
}

export type Verdict = 'confirmed' | 'contradicted' | 'unverified';

/** What the snapshot says about a measured element (through its metric) or a metric. */
export interface CompiledEvidence {
    /** The id of the metric. */
    metric: string;
    unit: string;
    latest: number | null;
    /** The date of the latest value. */
    at: string | null;
    baseline: number | null;
    target: number | null;
    /** 0..1 from baseline toward target. */
    progress: number | null;
    count: number;
    stale: boolean;
    /** The last 24 values at most, oldest first. */
    series: number[];
}

export interface CompiledClaim {
    impact: string;
    input: string;
    metric: string;
    /** The claim as written: `+10pts`. */
    claimed: string;
    verdict: Verdict;
    /** The observed change, in the claim's form; null when unverified. */
    observed: number | null;
    from: string | null;
    to: string | null;
    message: string;
}

/** A bet's target settled when its window ended: the value on that day against the metric's target. */
export interface CompiledTarget {
    bet: string;
    /** The measured element the bet targets. */
    element: string;
    metric: string;
    unit: string;
    /** The last day of the bet's window. */
    ends: string;
    value: number;
    /** The date of the value: the last observation on or before `ends`. */
    at: string;
    target: number;
    status: 'reached' | 'missed';
}

/** When an element runs: its own window or the one it inherits through nesting. */
export interface CompiledWindow {
    starts: string | null;
    ends: string | null;
    inheritedFrom: string | null;
}

export interface SourceLocation {
    /** Relative to the model's root, with `/` separators. */
    path: string;
    /** 1-based. */
    line: number;
    /** 1-based. */
    column: number;
}

export interface SourceRange extends SourceLocation {
    endLine: number;
    endColumn: number;
}

export type TypedValue =
    | { type: 'string'; value: string }
    | { type: 'number'; value: number }
    | { type: 'percent'; value: number }
    | { type: 'points'; value: number }
    | { type: 'date'; value: string }
    | { type: 'quarter'; value: string }
    | { type: 'duration'; value: string; amount: number; unit: string; days: number }
    | { type: 'enum'; value: string }
    | { type: 'reference'; value: string }
    | { type: 'symbol'; value: string };

export interface ContextEntry {
    /** What the element states itself, or null. */
    declared: string | null;
    /** What applies to it, or null when nothing does. */
    effective: string | null;
    /** The id of the element that states the effective value when the element inherits it, or null. */
    inheritedFrom: string | null;
    /** How an inherited value arrived: `nesting`, the name of the relation it came along, or `owner` (a team's funding); null when stated or absent. */
    via: string | null;
}

/**
 * The horizon: `declared` as written (`quarters`, `2 quarters`), `effective` always a band (`months`, `quarters`,
 * `years`), so a counted horizon is drawn and selected by its band.
 */
export interface HorizonEntry extends ContextEntry {
    /** The effective horizon as written when it is counted (`2 quarters`), else null. */
    length: string | null;
    /** The effective counted horizon in months (`2 quarters` → 6), else null. */
    months: number | null;
}

/** The owning teams, a set: what the element states and what applies to it (its own or inherited), as ids. */
export interface OwnersEntry {
    declared: string[];
    effective: string[];
    inheritedFrom: string | null;
    via: string | null;
}

/** A link that points at an element, seen from that element: who states it, and the link's metadata. */
export interface IncomingLink {
    /** The id of the element that states the relation. */
    from: string;
    metadata: Record<string, TypedValue>;
}

/**
 * Where an element's lineage leads, feedback links not followed: back to an insight (upstream), forward to an
 * input, a driver, the north star or an outcome (downstream). The element itself does not count.
 */
export interface Reaches {
    insight: boolean;
    input: boolean;
    driver: boolean;
    northStar: boolean;
    outcome: boolean;
}

export interface CompiledElement {
    /**
     * Qualified name; unique in the model: duplicates get `#2`, `#3`, … (and a diagnostic) in the order of their
     * declaration's text, whitespace read as one space, then of their place; never in the order of file names.
     */
    id: string;
    kind: string;
    /** The kind and every kind it extends, nearest first. */
    kindChain: string[];
    stage: string | null;
    name: string;
    title: string | null;
    doc: string | null;
    namespace: string | null;
    parent: string | null;
    /** Field values by key; a list when the field takes several. Relations are links, not fields. */
    fields: Record<string, TypedValue | TypedValue[]>;
    horizon: HorizonEntry;
    owners: OwnersEntry;
    funding: ContextEntry;
    /** Bets, execution and releases with a time window. */
    window?: CompiledWindow;
    /** Releases and impacts: the day the change landed. */
    landed?: string;
    /** Backlinks: the links that point at the element, by relation (sorted), each list sorted by `from`. */
    incoming: Record<string, IncomingLink[]>;
    reaches: Reaches;
    /** Measured elements and metrics, when a snapshot of observations was read. */
    evidence?: CompiledEvidence;
    /** Impacts with checked claims: the worst verdict of their claims. */
    verdict?: Verdict;
    source: SourceLocation;
}

export interface CompiledLink {
    /** The element that states the relation. */
    from: string;
    to: string;
    relation: string;
    /** Where `to` sits in the value flow relative to `from`; `none` for context links. */
    flow: Flow;
    /** True when implied by nesting rather than written. */
    implied: boolean;
    metadata: Record<string, TypedValue>;
    source: SourceLocation;
}

export interface CompiledKind {
    name: string;
    title: string | null;
    doc: string | null;
    extends: string | null;
    abstract: boolean;
    stage: string | null;
    /** `orDuration`: an enum field that also takes a duration (`enum { months, quarters, years } | duration`). */
    fields: Array<{ name: string; type: string; many: boolean; required: boolean; values?: string[]; orDuration?: true }>;
    /** `inherits`: the context keys the relation passes from its targets, when it passes any. */
    relations: Array<{
        name: string;
        targets: string[];
        cardinality: string;
        required: boolean;
        flow: Flow;
        inherits?: Array<'horizon' | 'owner' | 'funding'>;
    }>;
    source: SourceLocation;
}

/** A `view` declaration: a named picture of the model that draws exactly `elements` and the links among them. */
export interface CompiledView {
    /** Qualified name, like an element's: `namespace.Name`. */
    id: string;
    name: string;
    title: string | null;
    doc: string | null;
    /** Selectors as written; no include selector means every element. */
    include: string[];
    exclude: string[];
    layout: 'flow' | 'force';
    /** The ids the selectors pick, sorted. */
    elements: string[];
    source: SourceLocation;
}

export interface CompiledDiagnostic {
    code: string;
    severity: Severity;
    message: string;
    source: SourceRange;
}

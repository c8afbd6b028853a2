// The evidence of one workspace build: each metric's declaration and series from its project's snapshot, and each
// claim an impact makes on an input with its verdict. Cached until the next build or snapshot change; read by the
// evidence checks, hover, code lens and the compiler.
import { AstUtils, DocumentState, type URI } from 'langium';
import { type Element, isElement, isRefValue, type KindDecl, type RefValue } from '../generated/ast.js';
import type { LineageGraph } from '../lineage/lineage-graph.js';
import type { LineageIndex } from '../lineage/lineage-index.js';
import { entriesFor } from '../model/element-context.js';
import type { KindSystem } from '../model/kind-system.js';
import { qualifiedName } from '../model/qualified-names.js';
import { parseDuration } from '../model/values.js';
import type { PomServices } from '../pom-module.js';
import { BuildCache } from '../util/build-cache.js';
import type { EvidenceContext } from './evidence-context.js';
import type { EvidenceProject } from './project-lookup.js';
import { changeProblem, type MetricUnit, type Quantity, quantityOf } from './quantity.js';
import { overallSeries, type Point } from './series.js';
import type { MetricObservations } from './snapshot.js';
import { type ClaimVerdict, judgeClaim } from './verdict.js';
import { effectiveWindow, statedLanding } from './windows.js';

export interface MetricState {
    readonly element: Element;
    readonly id: string;
    readonly unit: MetricUnit | undefined;
    readonly direction: 'up' | 'down';
    readonly baseline: Quantity | undefined;
    readonly target: Quantity | undefined;
    readonly freshnessDays: number | undefined;
    readonly project: EvidenceProject;
    /** Whether the project has a snapshot: every data check is silent without one. */
    readonly snapshotPresent: boolean;
    /** The metric's entry in the snapshot, if any. */
    readonly entry: MetricObservations | undefined;
    readonly series: Point[];
}

export interface ClaimState {
    readonly impact: Element;
    readonly input: Element;
    readonly metric: MetricState;
    /** The `moves` link the claim is written on. */
    readonly value: RefValue;
    readonly by: Quantity;
    readonly tolerance: Quantity | undefined;
    readonly landed: string | undefined;
    readonly windowEnd: string | undefined;
    /** Absent when the metric's project has no snapshot. */
    readonly result: ClaimVerdict | undefined;
}

export interface EvidenceState {
    readonly metrics: Map<Element, MetricState>;
    readonly claims: ClaimState[];
}

export class EvidenceIndex {
    private readonly lineage: LineageIndex;
    private readonly kinds: KindSystem;
    private readonly context: EvidenceContext;
    private readonly cache: BuildCache<'state', EvidenceState>;

    constructor(services: PomServices) {
        this.lineage = services.pom.LineageIndex;
        this.kinds = services.pom.KindSystem;
        this.context = services.pom.EvidenceContext;
        this.cache = new BuildCache(services.shared, DocumentState.Linked);
    }

    state(): EvidenceState {
        return this.cache.get('state', () => this.compute(this.lineage.graph()));
    }

    /** Forget the computed evidence: the snapshot or the date changed. */
    invalidate(): void {
        this.cache.clear();
    }

    /** The metric that measures an element: itself for a metric, its `metric` target for a measured element. */
    metricOf(element: Element): MetricState | undefined {
        const metrics = this.state().metrics;
        const own = metrics.get(element);
        if (own) return own;
        const value = entriesFor(element, 'metric')[0]?.values[0];
        const target = isRefValue(value) ? value.target.ref : undefined;
        return isElement(target) ? metrics.get(target) : undefined;
    }

    isMetric(kind: KindDecl | undefined): boolean {
        return kind !== undefined && this.kinds.chain(kind).some((k) => k.name === 'metric' && isBuiltin(k));
    }

    private compute(graph: LineageGraph): EvidenceState {
        const metrics = new Map<Element, MetricState>();
        for (const node of graph.nodes.values()) {
            if (this.isMetric(node.element.kind.ref)) metrics.set(node.element, this.metricState(node.element, node.document.uri));
        }
        const claims: ClaimState[] = [];
        for (const node of graph.nodes.values()) {
            if (node.stage !== 'impacts') continue;
            for (const link of graph.outgoing.get(node.element) ?? []) {
                if (link.relation.name !== 'moves' || !link.value) continue;
                const claim = this.claim(graph, node.element, link.target, link.value, metrics);
                if (claim) claims.push(claim);
            }
        }
        return { metrics, claims };
    }

    private metricState(element: Element, uri: URI): MetricState {
        const enumValue = (key: string) => {
            const value = entriesFor(element, key)[0]?.values[0];
            return isRefValue(value) ? value.target.$refText : undefined;
        };
        const quantity = (key: string) => quantityOf(entriesFor(element, key)[0]?.values[0]);
        const freshness = entriesFor(element, 'freshness')[0]?.values[0];
        const project = this.context.projectOf(uri);
        const snapshot = this.context.snapshotOf(project).snapshot;
        const id = qualifiedName(element);
        const entry = snapshot?.metrics[id];
        return {
            element,
            id,
            unit: enumValue('unit') as MetricUnit | undefined,
            direction: enumValue('direction') === 'down' ? 'down' : 'up',
            baseline: quantity('baseline'),
            target: quantity('target'),
            freshnessDays: freshness?.$type === 'DurationValue' ? parseDuration(freshness.value)?.days : undefined,
            project,
            snapshotPresent: snapshot !== undefined,
            entry,
            series: entry ? overallSeries(entry.observations) : [],
        };
    }

    private claim(
        graph: LineageGraph,
        impact: Element,
        input: Element,
        value: RefValue,
        metrics: Map<Element, MetricState>,
    ): ClaimState | undefined {
        const meta = (key: string) => value.metadata.find((m) => m.key === key)?.value;
        const by = quantityOf(meta('by'));
        const metricValue = entriesFor(input, 'metric')[0]?.values[0];
        const metricElement = isRefValue(metricValue) ? metricValue.target.ref : undefined;
        const metric = isElement(metricElement) ? metrics.get(metricElement) : undefined;
        if (!by || !metric) return undefined;
        const tolerance = quantityOf(meta('tolerance'));
        const landed = this.landedDate(graph, impact);
        const windowEnd = this.betWindowEnd(graph, impact);
        // A claim in a unit that does not fit its metric (`claim-unit`) means nothing to measure.
        const fits = changeProblem(by, metric.unit, metric.element.name) === undefined;
        const result =
            metric.snapshotPresent && fits
                ? judgeClaim({
                      impact: impact.name,
                      input: input.name,
                      unit: metric.unit,
                      direction: metric.direction,
                      by,
                      tolerance: tolerance && tolerance.form === by.form ? tolerance : undefined,
                      landed,
                      windowEnd,
                      asOf: this.context.asOf(),
                      series: metric.series,
                  })
                : undefined;
        return { impact, input, metric, value, by, tolerance, landed, windowEnd, result };
    }

    /** The impact's `landed`, else the latest `date` of the releases it comes `from`. */
    landedDate(graph: LineageGraph, impact: Element): string | undefined {
        const own = statedLanding(impact);
        if (own) return own;
        const dates = (graph.outgoing.get(impact) ?? [])
            .filter((l) => l.relation.name === 'from')
            .map((l) => statedLanding(l.target))
            .filter((d): d is string => d !== undefined)
            .sort();
        return dates[dates.length - 1];
    }

    /** The end of the window of the bets the impact comes from (the latest, if several), else its own window's. */
    betWindowEnd(graph: LineageGraph, impact: Element): string | undefined {
        const bets = [...graph.upstream(impact)].filter((e) => graph.node(e)?.stage === 'bets');
        const ends = bets
            .map((b) => effectiveWindow(b).ends)
            .filter((d): d is string => d !== undefined)
            .sort();
        return ends[ends.length - 1] ?? effectiveWindow(impact).ends;
    }
}

function isBuiltin(kind: KindDecl): boolean {
    return AstUtils.getDocument(kind).uri.scheme === 'builtin';
}

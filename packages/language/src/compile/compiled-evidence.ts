// The evidence parts of the compiled model: per-element windows, landed dates, series summaries and verdicts, and
// the model's as-of date and claims. Everything here is derived from the evidence index of the build.

import type { EvidenceContext } from '../evidence/evidence-context.js';
import type { EvidenceIndex, MetricState } from '../evidence/evidence-index.js';
import { progress } from '../evidence/series.js';
import { worstVerdict } from '../evidence/verdict.js';
import { addDays, effectiveWindow } from '../evidence/windows.js';
import type { Element } from '../generated/ast.js';
import type { LineageGraph } from '../lineage/lineage-graph.js';
import { compareStrings } from '../util/compare.js';
import type { CompiledClaim, CompiledElement, CompiledEvidence } from './compiled-model.js';

const SERIES_LENGTH = 24;
const WINDOWED_STAGES = new Set(['bets', 'execution', 'releases']);

type IdOf = (element: Element) => string;

/** The newest observation date of a metric, any segment. */
export function newestDate(metric: MetricState): string | undefined {
    const observations = metric.entry?.observations ?? [];
    return observations.reduce<string | undefined>((a, o) => (a === undefined || o.date > a ? o.date : a), undefined);
}

/** Whether the last pull failed, or the newest observation is older than the metric's freshness allows. */
export function isStale(metric: MetricState, asOf: string): boolean {
    if (metric.entry?.stale) return true;
    const newest = newestDate(metric);
    return newest !== undefined && metric.freshnessDays !== undefined && addDays(newest, metric.freshnessDays) < asOf;
}

export function metricEvidence(metric: MetricState, asOf: string): CompiledEvidence {
    const last = metric.series[metric.series.length - 1];
    const baseline = metric.baseline?.value ?? null;
    const target = metric.target?.value ?? null;
    const latest = last?.value ?? null;
    return {
        metric: metric.id,
        unit: metric.unit ?? '',
        latest,
        at: last?.date ?? null,
        baseline,
        target,
        progress: progress(latest, baseline, target),
        count: metric.series.length,
        stale: isStale(metric, asOf),
        series: metric.series.slice(-SERIES_LENGTH).map((p) => p.value),
    };
}

export class CompiledEvidenceBuilder {
    constructor(
        private readonly evidence: EvidenceIndex,
        private readonly context: EvidenceContext,
        private readonly graph: LineageGraph,
    ) {}

    /** The evidence fields of one compiled element; empty when it has none. */
    element(element: Element, idOf: IdOf): Partial<CompiledElement> {
        const extra: Partial<CompiledElement> = {};
        const stage = this.graph.node(element)?.stage;
        if (stage && WINDOWED_STAGES.has(stage)) {
            const window = effectiveWindow(element);
            if (window.starts !== undefined || window.ends !== undefined) {
                extra.window = {
                    starts: window.starts ?? null,
                    ends: window.ends ?? null,
                    inheritedFrom: window.inheritedFrom ? idOf(window.inheritedFrom) : null,
                };
            }
        }
        if (stage === 'releases' || stage === 'impacts') {
            const landed = this.evidence.landedDate(this.graph, element);
            if (landed) extra.landed = landed;
        }
        const metric = this.evidence.metricOf(element);
        if (metric?.snapshotPresent) extra.evidence = metricEvidence(metric, this.context.asOf());
        if (stage === 'impacts') {
            const verdicts = this.evidence
                .state()
                .claims.filter((c) => c.impact === element && c.result)
                .map((c) => c.result?.verdict ?? 'unverified');
            const verdict = worstVerdict(verdicts);
            if (verdict) extra.verdict = verdict;
        }
        return extra;
    }

    /** The model's `asOf` and `claims`, present when any metric of the included elements had a snapshot. */
    model(included: (element: Element) => boolean, idOf: IdOf): { asOf?: string; claims?: CompiledClaim[] } {
        const { metrics, claims } = this.evidence.state();
        const read = [...metrics.values()].some((m) => m.snapshotPresent && included(m.element));
        if (!read) return {};
        const compiled: CompiledClaim[] = claims
            .filter((c) => c.result && included(c.impact))
            .map((c) => ({
                impact: idOf(c.impact),
                input: idOf(c.input),
                metric: c.metric.id,
                claimed: c.by.text,
                verdict: c.result?.verdict ?? 'unverified',
                observed: c.result?.observed ?? null,
                from: c.result?.from ?? null,
                to: c.result?.to ?? null,
                message: c.result?.message ?? '',
            }))
            .sort((a, b) => compareStrings(a.impact, b.impact) || compareStrings(a.input, b.input) || compareStrings(a.claimed, b.claimed));
        return { asOf: this.context.asOf(), claims: compiled };
    }
}

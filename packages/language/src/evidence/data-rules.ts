// Evidence checks against the snapshot of observations. Each is silent when the metric's project has no snapshot.
// Checks that depend on the date read it from the evidence context (`--as-of`, or today in the editor).
import { AstUtils } from 'langium';
import { type Element, isEnumLiteral, isRefValue } from '../generated/ast.js';
import type { LineageGraph } from '../lineage/lineage-graph.js';
import { entriesFor } from '../model/element-context.js';
import type { WorkspaceDiagnostic } from '../validation/workspace-rules.js';
import type { EvidenceContext } from './evidence-context.js';
import type { EvidenceIndex, MetricState } from './evidence-index.js';
import { formatLevel } from './quantity.js';
import { pointAt, reached } from './series.js';
import { addDays, daysBetween, effectiveWindow } from './windows.js';

type Add = (d: WorkspaceDiagnostic) => void;

/** A bet in one of these states has closed its loop, or been closed deliberately. */
const CLOSED_STATUSES = new Set(['done', 'invalidated', 'validated', 'dropped']);
const VERDICT_CODES = { confirmed: 'claim-confirmed', contradicted: 'claim-contradicted', unverified: 'claim-unverified' } as const;

export function checkData(graph: LineageGraph, evidence: EvidenceIndex, context: EvidenceContext, add: Add): void {
    const { metrics, claims } = evidence.state();
    const asOf = context.asOf();
    const unreadable = new Set<string>();
    for (const metric of metrics.values()) {
        const loaded = context.snapshotOf(metric.project);
        if (loaded.error && !unreadable.has(metric.project.observations.toString())) {
            unreadable.add(metric.project.observations.toString());
            const file = metric.project.observations.path.split('/').pop();
            add({ code: 'snapshot-unreadable', message: `The snapshot ${file} ${loaded.error}.`, node: metric.element, property: 'name' });
        }
        if (!metric.snapshotPresent) continue;
        checkObservations(metric, asOf, add);
    }
    for (const claim of claims) {
        if (!claim.result) continue;
        const site = claim.value.metadata.find((m) => m.key === 'by') ?? claim.value;
        add({ code: VERDICT_CODES[claim.result.verdict], message: claim.result.message, node: site });
    }
    for (const node of graph.nodes.values()) {
        if (node.stage !== 'bets') continue;
        const ends = effectiveWindow(node.element).ends;
        if (ends === undefined || ends > asOf) continue;
        if (!hasSnapshot(node.element, context)) continue;
        checkTargets(graph, evidence, node.element, ends, add);
        checkLearningLoop(graph, node.element, ends, add);
    }
}

function checkObservations(metric: MetricState, asOf: string, add: Add): void {
    const site = { node: metric.element, property: 'name' };
    const name = metric.element.name;
    const observations = metric.entry?.observations ?? [];
    if (observations.length === 0) {
        const declared = entriesFor(metric.element, 'data').length + entriesFor(metric.element, 'connection').length > 0;
        const message = declared
            ? `\`${name}\` has no observations in the snapshot; run \`pom metrics pull\` and commit the snapshot.`
            : `\`${name}\` has no observations in the snapshot and declares no \`data\` or \`connection\` to pull them from.`;
        add({ code: 'metric-no-observations', message, ...site });
        return;
    }
    if (metric.entry?.stale) {
        const why = metric.entry.error ? `: ${metric.entry.error}` : '';
        add({
            code: 'metric-stale',
            message: `The last pull of \`${name}\` failed${why}; its observations are from an earlier pull.`,
            ...site,
        });
    }
    const newest = observations.reduce((a, o) => (o.date > a ? o.date : a), observations[0].date);
    if (metric.freshnessDays !== undefined && addDays(newest, metric.freshnessDays) < asOf) {
        const message = `\`${name}\` is stale: its newest observation is from ${newest}, ${daysBetween(newest, asOf)} days before ${asOf}; its freshness allows ${metric.freshnessDays} days.`;
        add({ code: 'metric-stale', message, ...site });
    }
    const problems = observationProblems(metric);
    if (problems.length > 0) add({ code: 'invalid-observations', message: `Observations of \`${name}\` ${problems.join('; ')}.`, ...site });
}

/** What in the observations contradicts the declaration: the unit's range, and one value per date and segment. */
export function observationProblems(metric: MetricState): string[] {
    const observations = metric.entry?.observations ?? [];
    const problems: string[] = [];
    const first = (test: (v: number) => boolean) => observations.find((o) => test(o.value));
    if (metric.unit === 'percent') {
        const over = first((v) => v > 100 || v < 0);
        if (over) problems.push(`break its percent unit: ${over.value} on ${over.date} is outside 0–100`);
        const levels = [metric.baseline, metric.target].filter((q) => q !== undefined).map((q) => q.value);
        if (!over && levels.some((v) => v > 1) && observations.every((o) => o.value <= 1)) {
            problems.push('look like fractions (all at most 1) where the unit is percent: write 42.1 for 42.1 %');
        }
    }
    if (metric.unit === 'count') {
        const bad = first((v) => v < 0 || !Number.isInteger(v));
        if (bad) problems.push(`break its count unit: ${bad.value} on ${bad.date} is not a whole number of at least 0`);
    }
    const seen = new Set<string>();
    for (const o of observations) {
        const key = `${o.date}|${o.segment ?? ''}`;
        if (seen.has(key)) {
            problems.push(`repeat the date ${o.date}${o.segment === undefined ? '' : ` in segment ${o.segment}`}`);
            break;
        }
        seen.add(key);
    }
    return problems;
}

function checkTargets(graph: LineageGraph, evidence: EvidenceIndex, bet: Element, ends: string, add: Add): void {
    for (const link of graph.outgoing.get(bet) ?? []) {
        if ((link.relation.name !== 'targets' && link.relation.name !== 'toward') || !link.value) continue;
        const metric = evidence.metricOf(link.target);
        if (!metric?.target || !metric.snapshotPresent) continue;
        const point = pointAt(metric.series, ends);
        if (!point) continue;
        const target = formatLevel(metric.target.value, metric.unit);
        const value = formatLevel(point.value, metric.unit);
        const site = { node: link.value, property: 'target' };
        if (reached(point.value, metric.target.value, metric.direction)) {
            const message = `\`${bet.name}\` ended ${ends} with \`${link.target.name}\` at ${value} (${point.date}): its target ${target} is reached.`;
            add({ code: 'target-reached', message, ...site });
        } else {
            const message = `\`${bet.name}\` ended ${ends} with \`${link.target.name}\` at ${value} (${point.date}): its target ${target} is missed.`;
            add({ code: 'target-missed', message, ...site });
        }
    }
}

function checkLearningLoop(graph: LineageGraph, bet: Element, ends: string, add: Add): void {
    const status = entriesFor(bet, 'status')[0]?.values[0];
    const literal = isRefValue(status) && isEnumLiteral(status.target.ref) ? status.target.ref.name : undefined;
    if (literal && CLOSED_STATUSES.has(literal)) return;
    const results = [...graph.downstream(bet)].filter((e) => {
        const stage = graph.node(e)?.stage;
        return stage === 'execution' || stage === 'releases' || stage === 'impacts';
    });
    if (results.some((e) => graph.node(e)?.stage === 'impacts')) return;
    const learned = [bet, ...results].some((e) => (graph.incoming.get(e) ?? []).some((l) => l.relation.name === 'learnedFrom'));
    if (learned) return;
    const message = `\`${bet.name}\` ended ${ends} and is not marked done or invalidated, but no impact and no insight was learned from it: close the loop.`;
    add({ code: 'open-learning-loop', message, node: bet, property: 'name' });
}

function hasSnapshot(element: Element, context: EvidenceContext): boolean {
    const project = context.projectOf(AstUtils.getDocument(element).uri);
    return context.snapshotOf(project).snapshot !== undefined;
}

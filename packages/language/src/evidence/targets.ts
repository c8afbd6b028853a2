// Targets settled when a bet's window ends: for each `targets`/`toward` link of an ended bet whose metric has a
// target, the value on the last day of the window and whether it reached the target. Read by the `target-reached`
// and `target-missed` checks and by the compiled model, so the two always agree.
import { AstUtils } from 'langium';
import type { Element, RefValue } from '../generated/ast.js';
import type { LineageGraph } from '../lineage/lineage-graph.js';
import type { EvidenceContext } from './evidence-context.js';
import type { EvidenceIndex, MetricState } from './evidence-index.js';
import { type Point, pointAt, reached } from './series.js';
import { effectiveWindow } from './windows.js';

export interface TargetOutcome {
    readonly bet: Element;
    /** The measured element the bet targets. */
    readonly element: Element;
    /** The link the target is written on (where the diagnostic goes). */
    readonly value: RefValue;
    readonly metric: MetricState;
    /** The last day of the bet's window. */
    readonly ends: string;
    /** The observation on or before that day. */
    readonly point: Point;
    readonly reached: boolean;
}

/** The outcomes of the bets whose window ended by the as-of date, in projects that have a snapshot. */
export function targetOutcomes(graph: LineageGraph, evidence: EvidenceIndex, context: EvidenceContext): TargetOutcome[] {
    const asOf = context.asOf();
    const outcomes: TargetOutcome[] = [];
    for (const node of graph.nodes.values()) {
        if (node.stage !== 'bets') continue;
        const bet = node.element;
        const ends = effectiveWindow(bet).ends;
        if (ends === undefined || ends > asOf || !hasSnapshot(bet, context)) continue;
        for (const link of graph.outgoing.get(bet) ?? []) {
            if ((link.relation.name !== 'targets' && link.relation.name !== 'toward') || !link.value) continue;
            const metric = evidence.metricOf(link.target);
            if (!metric?.target || !metric.snapshotPresent) continue;
            const point = pointAt(metric.series, ends);
            if (!point) continue;
            const hit = reached(point.value, metric.target.value, metric.direction);
            outcomes.push({ bet, element: link.target, value: link.value, metric, ends, point, reached: hit });
        }
    }
    return outcomes;
}

/** Whether the project of an element has a snapshot: the ended-window checks are silent without one. */
export function hasSnapshot(element: Element, context: EvidenceContext): boolean {
    const project = context.projectOf(AstUtils.getDocument(element).uri);
    return context.snapshotOf(project).snapshot !== undefined;
}

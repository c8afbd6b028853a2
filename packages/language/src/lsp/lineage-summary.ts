// A short account of an element's lineage, shared by hover and code lens: how much flows in and out, the insights
// it traces to, and the north star and outcomes it reaches.
import type { Element } from '../generated/ast.js';
import type { LineageGraph } from '../lineage/lineage-graph.js';

export interface LineageSummary {
    upstream: number;
    downstream: number;
    insights: Element[];
    northstars: Element[];
    outcomes: Element[];
}

export function summarizeLineage(graph: LineageGraph, element: Element): LineageSummary {
    const upstream = graph.upstream(element);
    const downstream = graph.downstream(element);
    const onStage = (set: Set<Element>, stage: string) =>
        [...set].filter((e) => graph.node(e)?.stage === stage).sort((a, b) => (a.name < b.name ? -1 : 1));
    return {
        upstream: upstream.size,
        downstream: downstream.size,
        insights: onStage(upstream, 'insights'),
        northstars: onStage(downstream, 'northstar'),
        outcomes: onStage(downstream, 'outcomes'),
    };
}

/** "↑ 3 insights · ↓ north star WeeklyActiveTeams": the code lens line. */
export function lineageLine(summary: LineageSummary): string {
    const up =
        summary.upstream === 0
            ? '↑ nothing upstream'
            : `↑ ${summary.upstream} upstream${summary.insights.length > 0 ? ` (${plural(summary.insights.length, 'insight')})` : ', no insight'}`;
    const reached = [...summary.northstars, ...summary.outcomes].map((e) => e.name);
    const down =
        summary.downstream === 0
            ? '↓ nothing downstream'
            : reached.length > 0
              ? `↓ ${summary.downstream} downstream, reaching ${reached.slice(0, 3).join(', ')}${reached.length > 3 ? ` and ${reached.length - 3} more` : ''}`
              : `↓ ${summary.downstream} downstream`;
    return `${up} · ${down}`;
}

export function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

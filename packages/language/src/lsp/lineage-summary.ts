// A short account of an element's lineage, shared by hover and code lens: how much flows in and out, the insights
// it traces to, the north star and outcomes it reaches, and its backlinks (the links that point at it) by relation.
import type { Element } from '../generated/ast.js';
import type { LineageGraph, LineageLink } from '../lineage/lineage-graph.js';
import { compareStrings } from '../util/compare.js';
import { pushTo } from '../util/graph-walk.js';

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

/** The links that point at the element, by relation name (sorted), each list by the stating element's name. */
export function backlinks(graph: LineageGraph, element: Element): Array<[relation: string, links: LineageLink[]]> {
    const byRelation = new Map<string, LineageLink[]>();
    for (const link of graph.incoming.get(element) ?? []) pushTo(byRelation, link.relation.name, link);
    const id = (link: LineageLink) => graph.node(link.source)?.id ?? link.source.name;
    return [...byRelation.entries()]
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([relation, links]) => [relation, links.sort((a, b) => compareStrings(id(a), id(b)))]);
}

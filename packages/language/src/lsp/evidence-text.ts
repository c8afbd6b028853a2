// The words the editor shows about a measured element's numbers: the code lens line (`42.1% → 55% target · 3 weeks
// old`) and the hover section (latest value, sparkline, change over the window, progress, dependent claims).

import { metricEvidence } from '../compile/compiled-evidence.js';
import type { ClaimState, MetricState } from '../evidence/evidence-index.js';
import { formatLevel, formatNumber, signedNumber } from '../evidence/quantity.js';
import { sparkline } from '../evidence/series.js';
import { daysBetween } from '../evidence/windows.js';
import type { Element } from '../generated/ast.js';
import { code } from './markdown.js';

const SPARK_POINTS = 24;

/** How old an observation is on the as-of day, in the largest unit that fits. */
export function age(at: string, asOf: string): string {
    const days = daysBetween(at, asOf);
    if (days <= 0) return 'today';
    if (days < 14) return days === 1 ? '1 day old' : `${days} days old`;
    if (days < 60) return `${Math.floor(days / 7)} weeks old`;
    return `${Math.floor(days / 30)} months old`;
}

/** `42.1% → 55% target · 3 weeks old`, or undefined when the metric has no observations. */
export function evidenceLensTitle(metric: MetricState, asOf: string): string | undefined {
    const last = metric.series[metric.series.length - 1];
    if (!last) return undefined;
    const target = metric.target ? ` → ${formatLevel(metric.target.value, metric.unit)} target` : '';
    const stale = metricEvidence(metric, asOf).stale ? ' · stale' : '';
    return `${formatLevel(last.value, metric.unit)}${target} · ${age(last.date, asOf)}${stale}`;
}

/** The hover section on a measured element or a metric. */
export function evidenceHover(metric: MetricState, claims: readonly ClaimState[], asOf: string): string {
    const title = `**Evidence** ${code(metric.id)}`;
    const evidence = metricEvidence(metric, asOf);
    const last = metric.series[metric.series.length - 1];
    if (!last) return `${title}  \nno observations in the snapshot`;
    const lines = [
        title,
        `latest **${formatLevel(last.value, metric.unit)}** on ${last.date} (${age(last.date, asOf)}${evidence.stale ? ', stale' : ''})`,
    ];
    const window = metric.series.slice(-SPARK_POINTS);
    const first = window[0];
    lines.push(
        `${sparkline(window.map((p) => p.value))} ${changeText(metric, first.value, last.value)} from ${first.date} to ${last.date}`,
    );
    if (metric.target) {
        const baseline = metric.baseline ? formatLevel(metric.baseline.value, metric.unit) : '?';
        const progress = evidence.progress === null ? '' : `: ${formatNumber(evidence.progress * 100, 0)}% of the way`;
        lines.push(`target ${formatLevel(metric.target.value, metric.unit)} from baseline ${baseline}${progress}`);
    }
    const judged = claims.filter((c) => c.result);
    if (judged.length > 0) {
        lines.push(`claims on it:`);
        for (const claim of judged) {
            lines.push(`- ${code(claim.impact.name)} ${code(claim.by.text)}: **${claim.result?.verdict}**${claimNumbers(claim)}`);
        }
    }
    return lines.join('  \n');
}

function changeText(metric: MetricState, from: number, to: number): string {
    if (metric.unit === 'percent') return `${signedNumber(to - from, 1)}pts`;
    const relative = from === 0 ? '' : ` (${signedNumber(((to - from) / Math.abs(from)) * 100, 1)}%)`;
    return `${signedNumber(to - from)}${relative}`;
}

function claimNumbers(claim: ClaimState): string {
    const result = claim.result;
    if (!result || result.observed === null) return '';
    const suffix = claim.by.form === 'points' ? 'pts' : claim.by.form === 'percent' ? '%' : '';
    return ` (moved ${signedNumber(result.observed)}${suffix}, ${result.from} → ${result.to})`;
}

export function claimsOn(element: Element, metric: MetricState, claims: readonly ClaimState[]): ClaimState[] {
    return claims.filter((c) => c.input === element || (element === metric.element && c.metric === metric));
}

// What the numbers say differently between two versions of a model: verdicts on claims and targets settled, from
// each side's compiled `claims` and `targets`, and the observations the head's snapshot gained, summarised per
// metric. A side read from a compiled model has no snapshot: its observations are known only by their count and
// latest date (its metrics' `evidence`).
import type { CompiledClaim, CompiledModel, CompiledTarget } from '../compile/compiled-model.js';
import { overallSeries } from '../evidence/series.js';
import type { Observation, Snapshot } from '../evidence/snapshot.js';
import { compareStrings } from '../util/compare.js';
import { pushTo } from '../util/graph-walk.js';
import type { EvidenceChanges, ObservationChange, TargetChange, VerdictChange } from './diff-report.js';

/** The snapshots of observations each side read, when known (not for a side read from a compiled model). */
export interface DiffSnapshots {
    base?: Snapshot;
    head?: Snapshot;
}

export function diffEvidence(
    base: CompiledModel,
    head: CompiledModel,
    rename: (id: string) => string,
    snapshots: DiffSnapshots = {},
): EvidenceChanges {
    return {
        asOf: { base: base.asOf ?? null, head: head.asOf ?? null },
        verdicts: verdictChanges(base.claims ?? [], head.claims ?? [], rename),
        targets: targetChanges(base.targets ?? [], head.targets ?? [], rename),
        observations: observationChanges(base, head, snapshots),
    };
}

/** Pairs the items of both sides by key (in order, for a key stated twice); unpaired ones pair with undefined. */
function pairUp<T>(
    before: readonly T[],
    after: readonly T[],
    key: (t: T, side: 'base' | 'head') => string,
): Array<[T | undefined, T | undefined]> {
    const a = new Map<string, T[]>();
    const b = new Map<string, T[]>();
    for (const t of before) pushTo(a, key(t, 'base'), t);
    for (const t of after) pushTo(b, key(t, 'head'), t);
    const pairs: Array<[T | undefined, T | undefined]> = [];
    for (const k of new Set([...a.keys(), ...b.keys()])) {
        const x = a.get(k) ?? [];
        const y = b.get(k) ?? [];
        for (let i = 0; i < Math.max(x.length, y.length); i++) pairs.push([x[i], y[i]]);
    }
    return pairs;
}

function verdictChanges(base: readonly CompiledClaim[], head: readonly CompiledClaim[], rename: (id: string) => string): VerdictChange[] {
    const key = (c: CompiledClaim, side: 'base' | 'head') =>
        side === 'base' ? `${rename(c.impact)}\u0000${rename(c.input)}` : `${c.impact}\u0000${c.input}`;
    const changes: VerdictChange[] = [];
    for (const [before, after] of pairUp(base, head, key)) {
        if (before?.verdict === after?.verdict) continue;
        const shown = after ?? before!;
        changes.push({
            impact: after ? after.impact : rename(shown.impact),
            input: after ? after.input : rename(shown.input),
            metric: shown.metric,
            claimed: shown.claimed,
            before: before?.verdict ?? null,
            after: after?.verdict ?? null,
            observed: shown.observed,
            from: shown.from,
            to: shown.to,
        });
    }
    return changes.sort((x, y) => compareStrings(x.impact, y.impact) || compareStrings(x.input, y.input));
}

function targetChanges(base: readonly CompiledTarget[], head: readonly CompiledTarget[], rename: (id: string) => string): TargetChange[] {
    const key = (t: CompiledTarget, side: 'base' | 'head') =>
        side === 'base' ? `${rename(t.bet)}\u0000${rename(t.element)}` : `${t.bet}\u0000${t.element}`;
    const changes: TargetChange[] = [];
    for (const [before, after] of pairUp(base, head, key)) {
        if (before?.status === after?.status) continue;
        const shown = after ?? before!;
        changes.push({
            bet: after ? after.bet : rename(shown.bet),
            element: after ? after.element : rename(shown.element),
            metric: shown.metric,
            unit: shown.unit,
            ends: shown.ends,
            before: before?.status ?? null,
            after: after?.status ?? null,
            value: shown.value,
            at: shown.at,
            target: shown.target,
        });
    }
    return changes.sort((x, y) => compareStrings(x.bet, y.bet) || compareStrings(x.element, y.element));
}

/** Per metric: what a compiled model's `evidence` says (count and latest), for a side without its snapshot. */
interface EvidenceSummary {
    unit: string;
    count: number;
    latest: number | null;
    at: string | null;
}

function evidenceByMetric(model: CompiledModel): Map<string, EvidenceSummary> {
    const found = new Map<string, EvidenceSummary>();
    for (const element of model.elements) {
        const e = element.evidence;
        if (e && !found.has(e.metric)) found.set(e.metric, { unit: e.unit, count: e.count, latest: e.latest, at: e.at });
    }
    return found;
}

function observationChanges(base: CompiledModel, head: CompiledModel, snapshots: DiffSnapshots): ObservationChange[] {
    const baseEvidence = evidenceByMetric(base);
    const headEvidence = evidenceByMetric(head);
    const metrics = new Set([...Object.keys(snapshots.head?.metrics ?? {}), ...headEvidence.keys()]);
    const changes: ObservationChange[] = [];
    for (const metric of metrics) {
        const unit = headEvidence.get(metric)?.unit ?? baseEvidence.get(metric)?.unit ?? '';
        const headRows = snapshots.head?.metrics[metric]?.observations;
        const change = headRows
            ? fromSnapshots(
                  metric,
                  unit,
                  snapshots.base ? (snapshots.base.metrics[metric]?.observations ?? []) : undefined,
                  headRows,
                  baseEvidence.get(metric),
              )
            : fromEvidence(metric, unit, baseEvidence.get(metric), headEvidence.get(metric));
        if (change && change.added + change.revised + change.removed > 0) changes.push(change);
    }
    return changes.sort((x, y) => compareStrings(x.metric, y.metric));
}

const rowKey = (o: Observation) => `${o.date}\u0000${o.segment ?? ''}`;

/** Both snapshots known: an exact comparison. Only the head's known: the base's count from its evidence, if any. */
function fromSnapshots(
    metric: string,
    unit: string,
    baseRows: readonly Observation[] | undefined,
    headRows: readonly Observation[],
    baseEvidence: EvidenceSummary | undefined,
): ObservationChange {
    const series = overallSeries(headRows);
    const last = series[series.length - 1];
    const latest = { latest: last?.value ?? null, at: last?.date ?? null };
    if (baseRows === undefined) {
        // The base is a compiled model: the rows after its latest date are the new ones.
        const after = baseEvidence?.at ? headRows.filter((o) => o.date > (baseEvidence.at as string)) : headRows;
        return { metric, unit, added: after.length, revised: 0, removed: 0, ...span(after), ...latest };
    }
    const before = new Map(baseRows.map((o) => [rowKey(o), o.value]));
    const headKeys = new Set(headRows.map(rowKey));
    const added = headRows.filter((o) => !before.has(rowKey(o)));
    const revised = headRows.filter((o) => before.has(rowKey(o)) && before.get(rowKey(o)) !== o.value).length;
    const removed = baseRows.filter((o) => !headKeys.has(rowKey(o))).length;
    return { metric, unit, added: added.length, revised, removed, ...span(added), ...latest };
}

function fromEvidence(
    metric: string,
    unit: string,
    before: EvidenceSummary | undefined,
    after: EvidenceSummary | undefined,
): ObservationChange | undefined {
    if (!after) return undefined;
    const grown = after.count - (before?.count ?? 0);
    const newer = after.at !== null && (before?.at == null || after.at > before.at);
    if (grown <= 0 && !newer) return undefined;
    return {
        metric,
        unit,
        added: Math.max(grown, newer ? 1 : 0),
        revised: 0,
        removed: 0,
        first: null,
        last: newer ? after.at : null,
        latest: after.latest,
        at: after.at,
    };
}

function span(rows: readonly Observation[]): { first: string | null; last: string | null } {
    if (rows.length === 0) return { first: null, last: null };
    const dates = rows.map((o) => o.date).sort();
    return { first: dates[0], last: dates[dates.length - 1] };
}

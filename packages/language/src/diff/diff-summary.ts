// The counts at the top of a diff report: by kind, by kind of change, by severity, and the evidence changes.
import type { CompiledDiagnostic } from '../compile/compiled-model.js';
import { compareStrings } from '../util/compare.js';
import type { Severity } from '../validation/codes.js';
import { stageRank } from './diff-compare.js';
import type { DiffSummary, EvidenceChanges, KindSummary, LineageChange, ModelDiff, SeverityCounts } from './diff-report.js';

export function summarize(
    elements: ModelDiff['elements'],
    links: ModelDiff['links'],
    diagnostics: ModelDiff['diagnostics'],
    lineage: LineageChange[],
    horizonViolations: number,
    orphans: number,
    evidence: EvidenceChanges,
): DiffSummary {
    const kinds = new Map<string, KindSummary & { stage: string | null }>();
    const count = (e: { kind: string; stage: string | null }, column: 'added' | 'removed' | 'renamed' | 'changed') => {
        const row = kinds.get(e.kind) ?? { kind: e.kind, stage: e.stage, added: 0, removed: 0, renamed: 0, changed: 0 };
        kinds.set(e.kind, row);
        row[column]++;
    };
    for (const e of elements.added) count(e, 'added');
    for (const e of elements.removed) count(e, 'removed');
    for (const e of elements.renamed) count(e, 'renamed');
    for (const e of elements.changed) count(e, 'changed');
    const rows = [...kinds.values()]
        .sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || compareStrings(a.kind, b.kind))
        .map(({ kind, added, removed, renamed, changed }) => ({ kind, added, removed, renamed, changed }));
    const severities = (list: CompiledDiagnostic[]): SeverityCounts => {
        const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
        for (const d of list) counts[d.severity]++;
        return counts;
    };
    return {
        changed:
            Object.values(elements).some((l) => l.length > 0) ||
            Object.values(links).some((l) => l.length > 0) ||
            diagnostics.introduced.length > 0 ||
            diagnostics.fixed.length > 0 ||
            evidence.verdicts.length + evidence.targets.length + evidence.observations.length > 0,
        kinds: rows,
        elements: {
            added: elements.added.length,
            removed: elements.removed.length,
            renamed: elements.renamed.length,
            changed: elements.changed.length,
        },
        links: { added: links.added.length, removed: links.removed.length, changed: links.changed.length },
        diagnostics: { introduced: severities(diagnostics.introduced), fixed: severities(diagnostics.fixed) },
        lineage: { lost: lineage.filter((l) => l.lost.length > 0).length, gained: lineage.filter((l) => l.gained.length > 0).length },
        horizonViolations,
        orphans,
        evidence: { verdicts: evidence.verdicts.length, targets: evidence.targets.length, observations: evidence.observations.length },
    };
}

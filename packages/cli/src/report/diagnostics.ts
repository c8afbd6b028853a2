// Diagnostics of a built workspace as flat, sorted records: what every report format prints.
import type { LangiumDocument } from 'langium';
import { compareLocations, compileDiagnostic, type Severity } from 'pom-language';
import { displayPath } from '../files.js';

export interface Problem {
    path: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: Severity;
    code: string;
    message: string;
}

export function collectProblems(documents: readonly LangiumDocument[]): Problem[] {
    const problems = documents.flatMap((document) => {
        const shown = displayPath(document.uri.fsPath);
        return (document.diagnostics ?? []).map((diagnostic) => {
            const { source, severity, code, message } = compileDiagnostic(diagnostic, shown);
            // Parser messages can span lines; every report keeps one problem on one line.
            return { ...source, severity, code, message: message.includes('\n') ? message.replace(/\s*\n\s*/g, ' ') : message };
        });
    });
    return problems.sort((a, b) => compareLocations(a, b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export interface Summary {
    files: number;
    error: number;
    warning: number;
    info: number;
    hint: number;
}

export function summarize(problems: readonly Problem[], files: number): Summary {
    const summary: Summary = { files, error: 0, warning: 0, info: 0, hint: 0 };
    for (const p of problems) summary[p.severity]++;
    return summary;
}

export function summaryLine(summary: Summary): string {
    const parts = (['error', 'warning', 'info', 'hint'] as const)
        .filter((s) => summary[s] > 0)
        .map((s) => `${summary[s]} ${s === 'info' ? 'info' : summary[s] === 1 ? s : `${s}s`}`);
    const files = `${summary.files} file${summary.files === 1 ? '' : 's'}`;
    return parts.length === 0 ? `${files} checked: no problems.` : `${files} checked: ${parts.join(', ')}.`;
}

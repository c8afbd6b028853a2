// The machine-readable validation report.
import type { Problem, Summary } from './diagnostics.js';

export function formatJson(problems: readonly Problem[], summary: Summary): string {
    return `${JSON.stringify({ format: 'pom-diagnostics', version: 1, summary, diagnostics: problems }, null, 2)}\n`;
}

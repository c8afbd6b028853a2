// SARIF 2.1.0 for GitHub code scanning: one rule per diagnostic code, relative URIs against %SRCROOT%, 1-based
// regions, and fingerprints that survive lines moving (code, path, the line's text and its occurrence).
import { createHash } from 'node:crypto';
import { type Code, RULES } from 'pom-language';
import type { Problem } from './diagnostics.js';

const LEVELS = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(problems: readonly Problem[], version: string, lineText: (path: string, line: number) => string): string {
    const codes = Object.keys(RULES) as Code[];
    const rules = codes.map((code) => ({
        id: code,
        name: code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
        shortDescription: { text: RULES[code].description },
        defaultConfiguration: { level: LEVELS[RULES[code].severity] },
        properties: { tags: ['pom'] },
    }));
    const seen = new Map<string, number>();
    const results = problems.map((p) => {
        const basis = `${p.code}\u0000${p.path}\u0000${lineText(p.path, p.line).trim()}`;
        const occurrence = (seen.get(basis) ?? 0) + 1;
        seen.set(basis, occurrence);
        const hash = createHash('sha256').update(basis).digest('hex').slice(0, 32);
        return {
            ruleId: p.code,
            ruleIndex: codes.indexOf(p.code as Code),
            level: LEVELS[p.severity],
            message: { text: p.message },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: encodeURI(p.path), uriBaseId: '%SRCROOT%' },
                        region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
                    },
                },
            ],
            partialFingerprints: { 'pomProblem/v1': `${hash}:${occurrence}` },
        };
    });
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'pom', semanticVersion: version, rules } },
                columnKind: 'utf16CodeUnits',
                results,
            },
        ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
}

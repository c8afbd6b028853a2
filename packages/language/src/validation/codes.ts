// Every diagnostic code POM reports, with its severity and a one-line description. The codes are stable: the CLI,
// SARIF rules, the compiled model and quick fixes key on them.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import rules from './rules.json' with { type: 'json' };

export type Severity = 'error' | 'warning' | 'info' | 'hint';

const SEVERITY_NAMES: Record<DiagnosticSeverity, Severity> = {
    [DiagnosticSeverity.Error]: 'error',
    [DiagnosticSeverity.Warning]: 'warning',
    [DiagnosticSeverity.Information]: 'info',
    [DiagnosticSeverity.Hint]: 'hint',
};

/** An LSP diagnostic's severity by name; LSP reads a missing severity as an error. */
export function severityName(severity: DiagnosticSeverity | undefined): Severity {
    return SEVERITY_NAMES[severity ?? DiagnosticSeverity.Error];
}

export interface RuleInfo {
    readonly severity: Severity;
    readonly description: string;
}

/** Every code with its severity and description. The table is data, kept in rules.json. */
export const RULES: Readonly<Record<Code, RuleInfo>> = checked(rules);

function checked(table: Record<Code, { severity: string; description: string }>): Record<Code, RuleInfo> {
    for (const [code, rule] of Object.entries(table)) {
        if (!Object.values(SEVERITY_NAMES).some((name) => name === rule.severity))
            throw new Error(`rules.json: \`${code}\` has no severity \`${rule.severity}\``);
    }
    return table as Record<Code, RuleInfo>; // every severity was checked above
}

export type Code = keyof typeof rules;

export const CODES = Object.keys(RULES) as Code[];

export function severityOf(code: Code): Severity {
    return RULES[code].severity;
}

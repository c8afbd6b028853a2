// Every diagnostic code POM reports, with its severity and a one-line description. The codes are stable: the CLI,
// SARIF rules, the compiled model and quick fixes key on them.
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RuleInfo {
    readonly severity: Severity;
    readonly description: string;
}

export const RULES = {
    'unresolved-reference': { severity: 'error', description: 'A name that resolves to nothing in scope.' },
    'wrong-target-kind': { severity: 'error', description: "A relation's target is not one of the kinds the relation takes." },
    'unknown-member': { severity: 'error', description: "A key that is no field or relation of the element's kind." },
    'value-type': {
        severity: 'error',
        description: 'A value of the wrong type: a bad date, an unknown enum literal, a string for a number.',
    },
    'duplicate-name': { severity: 'error', description: 'Two elements, kinds or members with one qualified name.' },
    'duplicate-entry': { severity: 'error', description: 'A single-valued field or relation stated twice in one element.' },
    'missing-required': { severity: 'warning', description: 'A required field or relation is absent.' },
    'self-reference': { severity: 'error', description: 'An element links to itself.' },
    'duplicate-target': { severity: 'warning', description: 'The same target listed twice for one relation.' },
    'flow-cycle': { severity: 'error', description: 'A cycle along flow relations that does not pass through a feedback relation.' },
    'kind-cycle': { severity: 'error', description: 'A kind extends itself, directly or through others.' },
    'kind-redefines-member': { severity: 'error', description: 'A kind redefines an inherited field or relation with another type.' },
    'abstract-kind': { severity: 'error', description: 'An element of an abstract kind; use one of its subkinds.' },
    'horizon-exceeds-parent': { severity: 'warning', description: "A nested element's horizon is longer than its parent's." },
    'horizon-inverted-link': {
        severity: 'warning',
        description: 'Along contributesTo or feeds, a source with a longer horizon than its target.',
    },
    'no-upstream': { severity: 'info', description: 'A bet, option or opportunity whose lineage reaches no insight.' },
    'no-downstream': { severity: 'info', description: 'A bet or impact whose lineage reaches no input, driver or north star.' },
    orphan: { severity: 'hint', description: 'An element with no relations at all.' },
    'funding-overcommitted': { severity: 'warning', description: 'The appetite of the bets on one funding line exceeds its capacity.' },
    'claim-unit': {
        severity: 'error',
        description: "A quantity (`baseline`, `target`, a claim's `by` or `tolerance`) whose unit does not fit the metric.",
    },
    'unknown-connection': { severity: 'error', description: "A metric's `connection` that the project file does not declare." },
    'data-outside-project': {
        severity: 'error',
        description: "A metric's `data` file that resolves outside the project, directly or through a symbolic link.",
    },
    'window-exceeds-horizon': { severity: 'warning', description: "A time window longer than the element's horizon allows." },
    'snapshot-unreadable': { severity: 'error', description: 'The snapshot of observations exists but cannot be read.' },
    'metric-no-observations': { severity: 'warning', description: 'A metric with no observations in the snapshot.' },
    'metric-stale': {
        severity: 'warning',
        description: 'A metric whose newest observation is older than its `freshness`, or whose last pull failed.',
    },
    'invalid-observations': {
        severity: 'warning',
        description: "Observations that break the metric's declaration: the wrong unit, a percent above 100, duplicate dates.",
    },
    'claim-contradicted': { severity: 'warning', description: "An impact's claim that the data contradicts, with the numbers." },
    'claim-confirmed': { severity: 'info', description: "An impact's claim that the data confirms, with the numbers." },
    'claim-unverified': { severity: 'info', description: "An impact's claim that the data in its window cannot settle yet." },
    'target-reached': { severity: 'info', description: "A measured target reached when the bet's window ends." },
    'target-missed': { severity: 'warning', description: "A measured target missed when the bet's window ends." },
    'open-learning-loop': {
        severity: 'warning',
        description: 'A bet whose window has ended, not marked done or invalidated, from which no impact and no insight was learned.',
    },
    'not-a-pom-file': { severity: 'error', description: 'The file is not POM text: XML (a Maven POM), binary or empty.' },
    'lexing-error': { severity: 'error', description: 'Characters that form no POM token.' },
    'parsing-error': { severity: 'error', description: 'Tokens that do not form a POM construct.' },
} as const satisfies Record<string, RuleInfo>;

export type Code = keyof typeof RULES;

export const CODES = Object.keys(RULES) as Code[];

export function severityOf(code: Code): Severity {
    return RULES[code].severity;
}

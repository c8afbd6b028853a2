// The rules one document decides (validation/codes.ts): each has a failing case that pins code,
// severity and the exact range, and a passing case where the code is absent. Wording is checked once per rule.
import { describe, expect, test } from 'vitest';
import { diagnostics, found, loadOne, rangeOf } from './helpers.js';

const ERROR = 1;
const WARNING = 2;

/** An option for bets to choose (a bet's `chooses` is required), with the opportunity and insight it needs. */
const CHOSEN = 'insight Learned\nopportunity Setup { informedBy: Learned }\noption Guided { addresses: Setup }\n';

/** Loads `text` as one file and returns the diagnostics of `code` as code + severity + range. */
async function check(text: string, code: string) {
    return found(await loadOne(text), code);
}

async function messages(text: string, code: string): Promise<string[]> {
    return diagnostics(await loadOne(text), code).map((d) => String(d.message));
}

describe('unresolved-reference', () => {
    const text = 'opportunity SlowSetup\noption GuidedSetup { addresses: SlowSetp }';

    test('an unknown name is an error on the name', async () => {
        expect(await check(text, 'unresolved-reference')).toEqual([
            { code: 'unresolved-reference', severity: ERROR, range: [1, 32, 1, 40] },
        ]);
    });

    test('wording: what is in scope and the closest name', async () => {
        expect(await messages(text, 'unresolved-reference')).toEqual([
            'Nothing named `SlowSetp` is in scope for `addresses`, which takes an opportunity; did you mean `SlowSetup`?',
        ]);
    });

    test('absent when the name exists', async () => {
        expect(await check(text.replace('SlowSetp', 'SlowSetup'), 'unresolved-reference')).toEqual([]);
    });

    test('an element of an unknown kind gets one error on the kind, not one per key', async () => {
        // Its keys cannot be checked against a kind that does not exist: `unknown-member` would only repeat it.
        const unknown = 'bett WizardBet { horizon: quarters; hypothesis: "h" }';
        const document = await loadOne(unknown);
        expect(found(document, 'unresolved-reference')).toEqual([{ code: 'unresolved-reference', severity: ERROR, range: [0, 0, 0, 4] }]);
        expect(found(document, 'unknown-member')).toEqual([]);
    });
});

describe('wrong-target-kind', () => {
    const text = 'insight ChurnInterviews\noption GuidedSetup { addresses: ChurnInterviews }';

    test('a target of a kind the relation does not take is an error on the reference', async () => {
        expect(await check(text, 'wrong-target-kind')).toEqual([
            { code: 'wrong-target-kind', severity: ERROR, range: rangeOf(text, 'ChurnInterviews', 2) },
        ]);
        expect(await check(text, 'unresolved-reference')).toEqual([]);
    });

    test('wording', async () => {
        expect(await messages(text, 'wrong-target-kind')).toEqual(['`addresses` takes an opportunity; ChurnInterviews is an insight.']);
    });

    test('absent for a target of the kind, or of a subkind of it', async () => {
        expect(await check('opportunity ChurnInterviews\noption GuidedSetup { addresses: ChurnInterviews }', 'wrong-target-kind')).toEqual(
            [],
        );
        const subkind = 'kind theme extends opportunity\ntheme Setup\noption GuidedSetup { addresses: Setup }';
        const document = await loadOne(subkind);
        expect(found(document, 'wrong-target-kind')).toEqual([]);
        expect(found(document, 'unresolved-reference')).toEqual([]);
    });
});

describe('unknown-member', () => {
    const text = 'bet WizardBet {\n  hypothesys: "Guided setup lifts completion"\n}';

    test('a key that is no field or relation of the kind is an error on the key', async () => {
        expect(await check(text, 'unknown-member')).toEqual([{ code: 'unknown-member', severity: ERROR, range: [1, 2, 1, 12] }]);
    });

    test('wording: the closest key and the valid ones', async () => {
        const [message] = await messages(text, 'unknown-member');
        expect(message).toMatch(/^bet has no field or relation `hypothesys`; did you mean `hypothesis`\? Its keys are /);
        expect(message).toContain('`chooses`');
        expect(message).toContain('`horizon`');
    });

    test('absent for own and inherited keys', async () => {
        const ok = 'bet WizardBet {\n  hypothesis: "h"\n  tags: "growth"\n  status: active\n}';
        expect(await check(ok, 'unknown-member')).toEqual([]);
    });

    test('a key of a sibling kind is unknown', async () => {
        const wrong = 'insight I\nopportunity O { informedBy: I; chooses: I }';
        expect(await check(wrong, 'unknown-member')).toEqual([
            { code: 'unknown-member', severity: ERROR, range: rangeOf(wrong, 'chooses') },
        ]);
    });
});

describe('value-type', () => {
    const cases: Array<[string, string, string]> = [
        ['a day that does not exist', 'insight I { observed: 2026-02-30 }', '2026-02-30'],
        ['a thirteenth month', 'insight I { observed: 2026-13-01 }', '2026-13-01'],
        ['a fifth quarter', 'funding F { model: venture; period: 2026-Q5 }', '2026-Q5'],
        ['a zero duration', 'bet B { hypothesis: "h"; appetite: 0 weeks }', '0 weeks'],
        ['an unknown enum literal', 'bet B { hypothesis: "h"; horizon: decades }', 'decades'],
        ['a string for a number', 'metric M { baseline: "forty-two" }', '"forty-two"'],
        ['a number for a duration', 'bet B { hypothesis: "h"; appetite: 6 }', '6'],
        ['a number for a string', 'bet B { hypothesis: 42 }', '42'],
        ['a percent for a number', 'kind spike extends experiment { field n: number default 55% }', '55%'],
        ['a name for a string', 'insight I { evidence: Interviews }', 'Interviews'],
        ['a string for an enum', 'bet B { hypothesis: "h"; horizon: "months" }', '"months"'],
        ['a string for a relation', 'team Growth\nbet B { hypothesis: "h"; owner: "Growth" }', '"Growth"'],
        ['a second value for a single-valued field', 'bet B { hypothesis: "h"; horizon: months, years }', 'years'],
        ['an unknown stage', 'kind spike extends experiment { stage middle }', 'middle'],
        ['a default of the wrong type', 'kind spike extends experiment { field budget: number default "a lot" }', '"a lot"'],
        [
            'a default that is no literal of the enum',
            'kind spike extends experiment { field risk: enum { low, high } default medium }',
            'medium',
        ],
    ];

    test.each(cases)('%s is an error on the value', async (_, text, value) => {
        expect(await check(text, 'value-type')).toEqual([{ code: 'value-type', severity: ERROR, range: rangeOf(text, value) }]);
    });

    test('wording: a bad date and an unknown literal', async () => {
        expect(await messages('insight I { observed: 2026-02-30 }', 'value-type')).toEqual([
            '`2026-02-30` is not a calendar date; write YYYY-MM-DD, such as `2026-12-01`.',
        ]);
        expect(await messages('bet B { hypothesis: "h"; horizon: quartrs }', 'value-type')).toEqual([
            '`horizon` takes one of `months`, `quarters` or `years`; `quartrs` is none of them; did you mean `quarters`?',
        ]);
    });

    test('absent for values of the right type', async () => {
        const ok = [
            'insight I { observed: 2028-02-29; evidence: "quote"; source: data }',
            'funding F { model: venture; period: 2026-Q4; capacity: 3 sprints }',
            'metric M { baseline: -3.5; target: 55; unit: count }',
            'bet B { hypothesis: "h"; horizon: months; appetite: 1.5 weeks; tags: "a", "b" }',
            'kind spike extends experiment { stage execution; field risk: enum { low, high } default low; field n: number default 3 }',
        ].join('\n');
        expect(await check(ok, 'value-type')).toEqual([]);
    });
});

describe('duplicate-name within a file', () => {
    test('two elements with one qualified name: an error on each name', async () => {
        const text = 'namespace acme\nteam Growth\nteam Growth "Again"\nbet B { hypothesis: "h"; owner: Growth }';
        expect(await check(text, 'duplicate-name')).toEqual([
            { code: 'duplicate-name', severity: ERROR, range: rangeOf(text, 'Growth', 1) },
            { code: 'duplicate-name', severity: ERROR, range: rangeOf(text, 'Growth', 2) },
        ]);
        expect(await messages(text, 'duplicate-name')).toEqual([
            '`acme.Growth` is declared more than once; also at a.pom:3.',
            '`acme.Growth` is declared more than once; also at a.pom:2.',
        ]);
    });

    test('a member declared twice in a kind, and an enum literal listed twice', async () => {
        const text =
            'kind spike extends experiment {\n  field timebox: duration\n  field timebox: duration\n  field risk: enum { low, low }\n}';
        expect(await check(text, 'duplicate-name')).toEqual([
            { code: 'duplicate-name', severity: ERROR, range: rangeOf(text, 'timebox', 2) },
            { code: 'duplicate-name', severity: ERROR, range: rangeOf(text, 'low', 2) },
        ]);
    });

    test('a user kind that takes a built-in kind’s name', async () => {
        const text = 'kind bet "My bet"';
        expect(await check(text, 'duplicate-name')).toEqual([{ code: 'duplicate-name', severity: ERROR, range: [0, 5, 0, 8] }]);
    });

    test('absent for one simple name under different parents or namespaces', async () => {
        const text =
            'namespace acme\nbet WizardBet { hypothesis: "h"\n  project Build\n}\nbet OtherBet { hypothesis: "h"\n  project Build\n}';
        expect(await check(text, 'duplicate-name')).toEqual([]);
    });
});

describe('duplicate-entry', () => {
    test('a single-valued member stated twice is an error on the second key', async () => {
        const text = 'bet B {\n  hypothesis: "h"\n  horizon: months\n  horizon: years\n}';
        expect(await check(text, 'duplicate-entry')).toEqual([{ code: 'duplicate-entry', severity: ERROR, range: [3, 2, 3, 9] }]);
        expect(await messages(text, 'duplicate-entry')).toEqual(['`horizon` takes one value and is already stated above in `B`.']);
    });

    test('absent for a member that takes several values', async () => {
        const text = 'option O1\noption O2\nbet B {\n  hypothesis: "h"\n  tags: "a"\n  tags: "b"\n  chooses: O1\n  chooses: O2\n}';
        expect(await check(text, 'duplicate-entry')).toEqual([]);
    });
});

describe('missing-required', () => {
    test('a bet with no hypothesis: a warning on the element’s name', async () => {
        const text = 'option GuidedSetup\nbet WizardBet "A guided setup" { chooses: GuidedSetup }';
        const document = await loadOne(text);
        expect(found(document, 'missing-required')).toEqual([
            { code: 'missing-required', severity: WARNING, range: rangeOf(text, 'GuidedSetup', 1) },
            { code: 'missing-required', severity: WARNING, range: rangeOf(text, 'WizardBet') },
        ]);
        expect(diagnostics(document, 'missing-required')[1].message).toBe(
            'bet `WizardBet` needs `hypothesis` (a string, required by bet).',
        );
    });

    test('a required relation (`+`): an option that addresses nothing', async () => {
        const text = 'option GuidedSetup "A guided setup"';
        expect(await check(text, 'missing-required')).toEqual([{ code: 'missing-required', severity: WARNING, range: [0, 7, 0, 18] }]);
    });

    test('an enum field with `required`: a ritual with no cadence', async () => {
        const text = 'team T\nritual Review { attendees: T }';
        expect(await check(text, 'missing-required')).toEqual([
            { code: 'missing-required', severity: WARNING, range: rangeOf(text, 'Review') },
        ]);
    });

    test('absent when every required member is stated or has a default', async () => {
        const text = [
            'insight I',
            'opportunity O { informedBy: I }',
            'option GuidedSetup { addresses: O }',
            'bet WizardBet { chooses: GuidedSetup; hypothesis: "h" }',
            'kind spike extends experiment { field risk: enum { low, high } required default low }',
            'spike S { for: WizardBet }',
        ].join('\n');
        expect(await check(text, 'missing-required')).toEqual([]);
    });

    test('a required `for` is implied by nesting in a bet', async () => {
        const kinds = 'kind task extends project { relation for: bet required }\n';
        const nested = `${CHOSEN}${kinds}bet B { hypothesis: "h"; chooses: Guided\n  task Nested\n}`;
        expect(await check(nested, 'missing-required')).toEqual([]);
        const loose = `${kinds}task Loose`;
        expect(await check(loose, 'missing-required')).toEqual([
            { code: 'missing-required', severity: WARNING, range: rangeOf(loose, 'Loose') },
        ]);
    });
});

describe('the acceptance case: a user-defined kind needs no grammar change', () => {
    const kinds = 'kind spike extends experiment "Spike" {\n  field timebox: duration required\n}\n';

    test('spike elements with a timebox validate clean', async () => {
        const text = `${CHOSEN}${kinds}bet WizardBet { hypothesis: "h"; chooses: Guided }\nspike DbSpike "Can the database take it?" { for: WizardBet, timebox: 2 weeks }`;
        const document = await loadOne(text);
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(diagnostics(document).filter((d) => d.severity === ERROR || d.severity === WARNING)).toEqual([]);
        expect(diagnostics(document).map((d) => d.code)).not.toContain('missing-required');
    });

    test('a spike without a timebox gets missing-required on its name', async () => {
        const text = `${CHOSEN}${kinds}bet WizardBet { hypothesis: "h"; chooses: Guided }\nspike DbSpike "Can the database take it?" { for: WizardBet }`;
        const document = await loadOne(text);
        expect(found(document, 'missing-required')).toEqual([{ code: 'missing-required', severity: WARNING, range: [7, 6, 7, 13] }]);
        expect(diagnostics(document, 'missing-required')[0].message).toBe(
            'spike `DbSpike` needs `timebox` (a duration, required by spike).',
        );
    });
});

describe('self-reference', () => {
    test('an element that links to itself: an error on the reference', async () => {
        const text = 'team Growth { type: platform }\nbet WizardBet { hypothesis: "h"; relatesTo: WizardBet }';
        expect(await check(text, 'self-reference')).toEqual([
            { code: 'self-reference', severity: ERROR, range: rangeOf(text, 'WizardBet', 2) },
        ]);
        expect(await messages(text, 'self-reference')).toEqual(['`WizardBet` cannot be its own `relatesTo`.']);
    });

    test('absent for a link to another element', async () => {
        expect(await check('team Growth\nbet WizardBet { hypothesis: "h"; relatesTo: Growth }', 'self-reference')).toEqual([]);
    });
});

describe('duplicate-target', () => {
    test('one target twice for one relation: a warning on the second', async () => {
        const text = 'option GuidedSetup\nbet WizardBet { hypothesis: "h"; chooses: GuidedSetup, GuidedSetup }';
        expect(await check(text, 'duplicate-target')).toEqual([
            { code: 'duplicate-target', severity: WARNING, range: rangeOf(text, 'GuidedSetup', 3) },
        ]);
        expect(await messages(text, 'duplicate-target')).toEqual(['`GuidedSetup` is already a `chooses` target of `WizardBet`.']);
    });

    test('also across two entries of the relation', async () => {
        const text = 'option GuidedSetup\nbet WizardBet { hypothesis: "h"\n  chooses: GuidedSetup\n  chooses: GuidedSetup\n}';
        expect(await check(text, 'duplicate-target')).toEqual([
            { code: 'duplicate-target', severity: WARNING, range: rangeOf(text, 'GuidedSetup', 3) },
        ]);
    });

    test('absent for distinct targets, and for one target under two relations', async () => {
        const text = 'team Growth\noption A\noption B\nbet WizardBet { hypothesis: "h"; chooses: A, B; owner: Growth; relatesTo: Growth }';
        expect(await check(text, 'duplicate-target')).toEqual([]);
    });
});

describe('kind-cycle', () => {
    test('kinds that extend each other: an error on each `extends` target', async () => {
        const text = 'kind alpha extends beta\nkind beta extends alpha';
        expect(await check(text, 'kind-cycle')).toEqual([
            { code: 'kind-cycle', severity: ERROR, range: [0, 19, 0, 23] },
            { code: 'kind-cycle', severity: ERROR, range: [1, 18, 1, 23] },
        ]);
        expect(await messages(text, 'kind-cycle')).toEqual(['Kind `alpha` extends itself: alpha → beta → alpha.', expect.any(String)]);
    });

    test('a kind that extends itself', async () => {
        const text = 'kind loop extends loop';
        expect(await check(text, 'kind-cycle')).toEqual([{ code: 'kind-cycle', severity: ERROR, range: [0, 18, 0, 22] }]);
    });

    test('absent for a chain of extends', async () => {
        expect(await check('kind spike extends experiment\nkind deepSpike extends spike', 'kind-cycle')).toEqual([]);
    });
});

describe('kind-redefines-member', () => {
    test('an inherited field redefined with another type: an error on the member name', async () => {
        const text = 'kind spike extends experiment {\n  field starts: string\n}';
        expect(await check(text, 'kind-redefines-member')).toEqual([
            { code: 'kind-redefines-member', severity: ERROR, range: [1, 8, 1, 14] },
        ]);
        expect(await messages(text, 'kind-redefines-member')).toEqual([
            '`starts` is inherited from execution as date; `spike` cannot redefine it as string.',
        ]);
    });

    test('an inherited relation redefined as a field, two levels up', async () => {
        const text = 'kind spike extends experiment {\n  field owner: string\n}';
        expect(await check(text, 'kind-redefines-member')).toEqual([
            { code: 'kind-redefines-member', severity: ERROR, range: [1, 8, 1, 13] },
        ]);
    });

    test('absent for new members and a redefinition with the same type', async () => {
        const text = 'kind spike extends experiment {\n  field starts: date\n  field timebox: duration\n  relation for: bet\n}';
        expect(await check(text, 'kind-redefines-member')).toEqual([]);
    });
});

describe('abstract-kind', () => {
    test('an element of an abstract kind: an error on the kind name', async () => {
        const text = 'bet B { hypothesis: "h" }\nexecution Work { for: B }';
        expect(await check(text, 'abstract-kind')).toEqual([{ code: 'abstract-kind', severity: ERROR, range: [1, 0, 1, 9] }]);
        expect(await messages(text, 'abstract-kind')).toEqual([
            '`execution` is an abstract kind; declare an element of one of its subkinds instead.',
        ]);
    });

    test('a user’s abstract kind too; absent for its subkinds', async () => {
        const text = 'abstract kind initiative { stage bets }\nkind program extends initiative\ninitiative I\nprogram P';
        expect(await check(text, 'abstract-kind')).toEqual([
            { code: 'abstract-kind', severity: ERROR, range: rangeOf(text, 'initiative', 3) },
        ]);
    });
});

describe('horizon-exceeds-parent', () => {
    test('a nested element looking further ahead than its parent: a warning on its horizon value', async () => {
        const text = 'bet WizardBet { hypothesis: "h"; horizon: quarters\n  experiment Prototype { horizon: years }\n}';
        expect(await check(text, 'horizon-exceeds-parent')).toEqual([
            { code: 'horizon-exceeds-parent', severity: WARNING, range: [1, 34, 1, 39] },
        ]);
        expect(await messages(text, 'horizon-exceeds-parent')).toEqual([
            '`Prototype` looks years ahead but sits in `WizardBet`, which looks quarters ahead; the fractal runs downward.',
        ]);
    });

    test('compared with the parent’s inherited horizon', async () => {
        const text = 'opportunity O { horizon: months\n  option Op {\n    bet B { hypothesis: "h"; horizon: quarters }\n  }\n}';
        const document = await loadOne(text);
        expect(found(document, 'horizon-exceeds-parent')).toEqual([
            { code: 'horizon-exceeds-parent', severity: WARNING, range: rangeOf(text, 'quarters') },
        ]);
        expect(diagnostics(document, 'horizon-exceeds-parent')[0].message).toContain('months ahead (from O)');
    });

    test('absent when the fractal runs downward or the child states no horizon', async () => {
        const text =
            'bet WizardBet { hypothesis: "h"; horizon: quarters\n  experiment A { horizon: months }\n  experiment B { horizon: quarters }\n  project C\n}';
        expect(await check(text, 'horizon-exceeds-parent')).toEqual([]);
    });
});

describe('syntax', () => {
    test('lexing-error: a character that forms no token', async () => {
        const text = 'team Growth\nteam Platform § "Platform team"';
        const document = await loadOne(text);
        expect(found(document, 'lexing-error')).toEqual([{ code: 'lexing-error', severity: ERROR, range: rangeOf(text, '§') }]);
    });

    test('parsing-error: tokens that form no construct', async () => {
        const text = 'bet WizardBet {\n  horizon: }\n';
        const document = await loadOne(text);
        expect(found(document, 'parsing-error')).toEqual([{ code: 'parsing-error', severity: ERROR, range: [1, 11, 1, 12] }]);
        expect(found(document, 'lexing-error')).toEqual([]);
    });

    test('a clean file has neither', async () => {
        const document = await loadOne('team Growth "Growth team"');
        expect(diagnostics(document).map((d) => d.code)).toEqual(['orphan']);
    });
});

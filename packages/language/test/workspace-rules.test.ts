// The rules only the whole workspace can decide (validation/workspace-rules.ts), with multi-file cases, and the
// one diagnostic a file that is not POM at all gets.
import { describe, expect, test } from 'vitest';
import { diagnostics, found, load, loadOne, rangeOf } from './helpers.js';

const ERROR = 1;
const WARNING = 2;
const INFO = 3;
const HINT = 4;

describe('duplicate-name across files', () => {
    test('one qualified name in two files: an error on the name in each, pointing at the other', async () => {
        const a = 'namespace acme.growth\nbet WizardBet "One" { hypothesis: "h" }';
        const b = '// the same bet again\nnamespace acme.growth\n\nbet WizardBet "Two" { hypothesis: "h" }';
        const { documents } = await load({ 'a.pom': a, 'b.pom': b });
        expect(found(documents[0], 'duplicate-name')).toEqual([{ code: 'duplicate-name', severity: ERROR, range: [1, 4, 1, 13] }]);
        expect(found(documents[1], 'duplicate-name')).toEqual([{ code: 'duplicate-name', severity: ERROR, range: [3, 4, 3, 13] }]);
        expect(diagnostics(documents[0], 'duplicate-name')[0].message).toBe(
            '`acme.growth.WizardBet` is declared more than once; also at b.pom:4.',
        );
    });

    test('a kind declared in two files', async () => {
        const kind = 'kind spike extends experiment';
        const { documents } = await load({ 'a.pom': kind, 'b.pom': `\n${kind}` });
        expect(found(documents[0], 'duplicate-name')).toEqual([{ code: 'duplicate-name', severity: ERROR, range: [0, 5, 0, 10] }]);
        expect(found(documents[1], 'duplicate-name')).toEqual([{ code: 'duplicate-name', severity: ERROR, range: [1, 5, 1, 10] }]);
    });

    test('absent for one simple name in two namespaces', async () => {
        const { documents } = await load({
            'a.pom': 'namespace acme.growth\nteam Core',
            'b.pom': 'namespace acme.platform\nteam Core',
        });
        for (const document of documents) expect(found(document, 'duplicate-name')).toEqual([]);
    });
});

describe('flow-cycle', () => {
    const kinds = 'kind cluster extends driver "Driver cluster" { relation drives: driver* downstream }\n';

    test('a cycle along flow relations across two files: an error on each link of the cycle', async () => {
        const a = `${kinds}cluster Retention { drives: Engagement }`;
        const b = 'cluster Engagement {\n  drives: Retention\n}';
        const { documents } = await load({ 'a.pom': a, 'b.pom': b });
        expect(found(documents[0], 'flow-cycle')).toEqual([{ code: 'flow-cycle', severity: ERROR, range: rangeOf(a, 'Engagement') }]);
        expect(found(documents[1], 'flow-cycle')).toEqual([{ code: 'flow-cycle', severity: ERROR, range: [1, 10, 1, 19] }]);
        expect(diagnostics(documents[1], 'flow-cycle')[0].message).toMatch(
            /^This `drives` link closes a flow cycle: (Retention → Engagement → Retention|Engagement → Retention → Engagement)\. Only feedback relations such as `learnedFrom` may loop\.$/,
        );
    });

    test('a cycle stated with upstream relations', async () => {
        const text = 'kind track extends insight { relation after: track* upstream }\ntrack A { after: B }\ntrack B { after: A }';
        expect(found(await loadOne(text), 'flow-cycle')).toEqual([
            { code: 'flow-cycle', severity: ERROR, range: [1, 17, 1, 18] },
            { code: 'flow-cycle', severity: ERROR, range: [2, 17, 2, 18] },
        ]);
    });

    test('absent for a loop closed by the feedback relation `learnedFrom`', async () => {
        const a = 'insight Learned { learnedFrom: WizardBet }\nopportunity Setup { informedBy: Learned }';
        const b = 'option Guided { addresses: Setup }\nbet WizardBet { hypothesis: "h"; chooses: Guided }';
        const { documents } = await load({ 'a.pom': a, 'b.pom': b });
        for (const document of documents) expect(found(document, 'flow-cycle')).toEqual([]);
    });

    test('absent for a chain without a loop', async () => {
        const text = `${kinds}cluster Retention { drives: Engagement }\ncluster Engagement { drives: Activation }\ndriver Activation`;
        expect(found(await loadOne(text), 'flow-cycle')).toEqual([]);
    });
});

describe('horizon-inverted-link', () => {
    test('along contributesTo, a source looking further ahead than its target: a warning on the link', async () => {
        const a = 'input Completion { horizon: years; contributesTo: Activation }';
        const b = 'driver Activation { horizon: quarters }';
        const { documents } = await load({ 'a.pom': a, 'b.pom': b });
        expect(found(documents[0], 'horizon-inverted-link')).toEqual([
            { code: 'horizon-inverted-link', severity: WARNING, range: [0, 50, 0, 60] },
        ]);
        expect(found(documents[1], 'horizon-inverted-link')).toEqual([]);
        expect(diagnostics(documents[0], 'horizon-inverted-link')[0].message).toBe(
            "`Completion` looks years ahead but `contributesTo` `Activation`, which looks only quarters ahead. What an element feeds should look at least as far ahead as it does: shorten `Completion`'s horizon or lengthen `Activation`'s.",
        );
    });

    test('along feeds, with the source’s horizon inherited from its parent', async () => {
        const text = 'outcome Revenue { horizon: years\n  driver Activation { feeds: Stars }\n}\nnorthstar Stars { horizon: months }';
        expect(found(await loadOne(text), 'horizon-inverted-link')).toEqual([
            { code: 'horizon-inverted-link', severity: WARNING, range: rangeOf(text, 'Stars', 1) },
        ]);
    });

    test('absent when the horizon widens or stays, or is unknown, and along other relations', async () => {
        const text = [
            'input A { horizon: months; contributesTo: D }',
            'input B { horizon: quarters; contributesTo: D }',
            'input C { contributesTo: D }',
            'driver D { horizon: quarters; feeds: N }',
            'northstar N { horizon: years }',
            'bet Big { hypothesis: "h"; horizon: years; targets: A }',
        ].join('\n');
        expect(found(await loadOne(text), 'horizon-inverted-link')).toEqual([]);
    });
});

describe('no-upstream', () => {
    test('a bet, an option and an opportunity that trace back to no insight: info on each name', async () => {
        const text = 'opportunity Setup\noption Guided { addresses: Setup }\nbet WizardBet { hypothesis: "h"; chooses: Guided }';
        const document = await loadOne(text);
        expect(found(document, 'no-upstream')).toEqual([
            { code: 'no-upstream', severity: INFO, range: rangeOf(text, 'Setup', 1) },
            { code: 'no-upstream', severity: INFO, range: rangeOf(text, 'Guided', 1) },
            { code: 'no-upstream', severity: INFO, range: rangeOf(text, 'WizardBet') },
        ]);
        expect(diagnostics(document, 'no-upstream')[2].message).toBe(
            'bet `WizardBet` traces back to no insight: nothing learned supports it yet.',
        );
    });

    test('absent when the lineage reaches an insight in another file', async () => {
        const { documents } = await load({
            'research.pom': 'namespace acme\ninsight Interviews',
            'growth.pom': 'namespace acme.growth\nopportunity Setup { informedBy: Interviews }\noption Guided { addresses: Setup }',
            'bets.pom': 'namespace acme.growth\nbet WizardBet { hypothesis: "h"; chooses: Guided }',
        });
        for (const document of documents) expect(found(document, 'no-upstream')).toEqual([]);
    });

    test('a feedback link does not count as upstream', async () => {
        const text =
            'release R { ships: WizardBet }\ninsight Learned { learnedFrom: R }\nbet WizardBet { hypothesis: "h"; relatesTo: Learned }';
        expect(found(await loadOne(text), 'no-upstream')).toEqual([
            { code: 'no-upstream', severity: INFO, range: rangeOf(text, 'WizardBet', 2) },
        ]);
    });
});

describe('no-downstream', () => {
    test('a bet and an impact that reach no input, driver or north star: info on each name', async () => {
        const text = 'insight I\nbet WizardBet { hypothesis: "h"; relatesTo: I }\nrelease R { ships: WizardBet }\nimpact Lift { from: R }';
        const document = await loadOne(text);
        expect(found(document, 'no-downstream')).toEqual([
            { code: 'no-downstream', severity: INFO, range: rangeOf(text, 'WizardBet') },
            { code: 'no-downstream', severity: INFO, range: rangeOf(text, 'Lift') },
        ]);
        expect(diagnostics(document, 'no-downstream')[0].message).toBe(
            'bet `WizardBet` reaches no input, driver or north star: it is cut off from the results it should move.',
        );
    });

    test('absent when the bet targets an input in another file, or works toward the north star', async () => {
        const { documents } = await load({
            'bets.pom': 'bet WizardBet { hypothesis: "h"; targets: Completion }\nbet Other { hypothesis: "h"; toward: Stars }',
            'results.pom': 'input Completion\nnorthstar Stars',
        });
        expect(found(documents[0], 'no-downstream')).toEqual([]);
    });

    test('absent when the bet’s nested execution ships into an impact that moves an input', async () => {
        // bet → (implied `for`) experiment → release → impact → input: `for` is an upstream flow.
        const text = [
            'bet WizardBet { hypothesis: "h"',
            '  experiment Prototype',
            '}',
            'release R { ships: WizardBet.Prototype }',
            'impact Lift { from: R; moves: Completion }',
            'input Completion',
        ].join('\n');
        expect(found(await loadOne(text), 'no-downstream')).toEqual([]);
    });
});

describe('orphan', () => {
    test('an element with no relations at all: a hint on its name', async () => {
        const text = 'team Growth "Growth team" { type: platform }';
        const document = await loadOne(text);
        expect(found(document, 'orphan')).toEqual([{ code: 'orphan', severity: HINT, range: [0, 5, 0, 11] }]);
        expect(diagnostics(document, 'orphan')[0].message).toBe(
            '`Growth` is connected to nothing: no element links to it, and it links to no element (a name that resolves to nothing is no link). Link it to what it serves or remove it.',
        );
    });

    test('absent for an element linked only from another file, and for one that links out', async () => {
        const { documents } = await load({
            'teams.pom': 'team Growth',
            'bets.pom': 'scope Onboarding { relatesTo: Growth }',
        });
        expect(found(documents[0], 'orphan')).toEqual([]);
        expect(found(documents[1], 'orphan')).toEqual([]);
    });

    test('a nested execution element is linked by its implied `for`', async () => {
        const text = 'bet WizardBet { hypothesis: "h"\n  experiment Prototype\n}';
        expect(found(await loadOne(text), 'orphan')).toEqual([]);
    });
});

describe('funding-overcommitted', () => {
    const fund = 'funding GrowthFund "Growth fund" {\n  model: persistent\n  capacity: 8 weeks\n}\n';

    test('bets in two files whose appetites exceed the capacity: a warning on the funding line', async () => {
        const { documents } = await load({
            'funding.pom': fund,
            'a.pom': 'bet Wizard { hypothesis: "h"; funding: GrowthFund; appetite: 6 weeks }',
            'b.pom': 'bet Invites { hypothesis: "h"; funding: GrowthFund; appetite: 2 sprints }',
        });
        expect(found(documents[0], 'funding-overcommitted')).toEqual([
            { code: 'funding-overcommitted', severity: WARNING, range: [0, 8, 0, 18] },
        ]);
        expect(diagnostics(documents[0], 'funding-overcommitted')[0].message).toBe(
            '`GrowthFund` has a capacity of 8 weeks (56 days) but its bets ask for 70 days: Invites (2 sprints), Wizard (6 weeks).',
        );
        expect(found(documents[1], 'funding-overcommitted')).toEqual([]);
    });

    test('funding inherited from a parent element counts', async () => {
        const text = `${fund}opportunity O { funding: GrowthFund\n  option Op {\n    bet A { hypothesis: "h"; appetite: 5 weeks }\n    bet B { hypothesis: "h"; appetite: 4 weeks }\n  }\n}`;
        expect(found(await loadOne(text), 'funding-overcommitted')).toEqual([
            { code: 'funding-overcommitted', severity: WARNING, range: rangeOf(text, 'GrowthFund') },
        ]);
    });

    test('absent when the appetites fit exactly, and for a line with no capacity', async () => {
        const { documents } = await load({
            'funding.pom': `${fund}funding Open { model: venture }`,
            'a.pom': 'bet Wizard { hypothesis: "h"; funding: GrowthFund; appetite: 6 weeks }',
            'b.pom': 'bet Invites { hypothesis: "h"; funding: GrowthFund; appetite: 14 days }',
            'c.pom': 'bet Moonshot { hypothesis: "h"; funding: Open; appetite: 2 years }',
        });
        expect(found(documents[0], 'funding-overcommitted')).toEqual([]);
    });
});

describe('not-a-pom-file', () => {
    const maven =
        '<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.acme</groupId>\n</project>\n';
    const cases: Array<[string, string, string]> = [
        [
            'a Maven POM (XML)',
            maven,
            'This file is XML (a Maven POM?), not a POM operating model; rename it or move it out of the model folder.',
        ],
        ['a Maven POM with a byte-order mark and leading blank lines', `\uFEFF\n\n${maven}`, 'This file is XML'],
        ['binary', '\u0000\u0001\u0002PK\u0003\u0004\u0000\u0000bet B', 'This file is binary, not a POM operating model.'],
        ['empty text', '', 'This file is empty: a .pom file declares at least one element or kind.'],
        ['blank text', '  \n\t\n', 'This file is empty'],
    ];

    test.each(cases)('%s gets exactly one diagnostic', async (_, text, message) => {
        const document = await loadOne(text);
        expect(diagnostics(document).map((d) => ({ code: d.code, severity: d.severity, range: d.range }))).toEqual([
            { code: 'not-a-pom-file', severity: ERROR, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        ]);
        expect(diagnostics(document)[0].message).toContain(message);
    });

    test('a foreign file exports no names and does not disturb the POM files beside it', async () => {
        const { documents } = await load({
            'pom.pom': '<project><artifactId>WizardBet</artifactId></project>',
            'model.pom': 'team Growth\nscope Onboarding { relatesTo: Growth }',
        });
        expect(diagnostics(documents[0])).toHaveLength(1);
        expect(diagnostics(documents[1])).toEqual([]);
    });

    test('absent for a POM file that merely mentions XML in a string', async () => {
        const document = await loadOne('artifact Pom { location: "<project>" }');
        expect(found(document, 'not-a-pom-file')).toEqual([]);
    });
});

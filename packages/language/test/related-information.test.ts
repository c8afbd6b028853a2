// Diagnostics that cite a second place carry it as LSP related information, so editors offer it as a link: the other
// declaration of a duplicate, the first of a repeated entry or target, the ancestor whose horizon a child exceeds,
// the kind a member is inherited from, the other elements of a cycle, the far end of an inverted link, the bets that
// overcommit a funding line.
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { diagnostics, load, loadOne, rangeOf } from './helpers.js';

interface Place {
    file: string;
    range: [number, number, number, number];
    message: string;
}

/** The related places of each diagnostic of `code` in the document, in document order. */
function related(document: LangiumDocument, code: string): Place[][] {
    return diagnostics(document, code)
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
        .map((d) =>
            (d.relatedInformation ?? []).map(({ location: { uri, range }, message }) => ({
                file: uri.slice(uri.lastIndexOf('/') + 1),
                range: [range.start.line, range.start.character, range.end.line, range.end.character],
                message,
            })),
        );
}

describe('related information', () => {
    test('duplicate-name across files: each declaration points at the other one', async () => {
        const a = 'namespace acme.growth\nbet WizardBet "One" { hypothesis: "h" }';
        const b = '// the same bet again\nnamespace acme.growth\n\nbet WizardBet "Two" { hypothesis: "h" }';
        const { documents } = await load({ 'a.pom': a, 'b.pom': b });
        const message = '`acme.growth.WizardBet` is also declared here.';
        expect(related(documents[0], 'duplicate-name')).toEqual([[{ file: 'b.pom', range: [3, 4, 3, 13], message }]]);
        expect(related(documents[1], 'duplicate-name')).toEqual([[{ file: 'a.pom', range: [1, 4, 1, 13], message }]]);
    });

    test('duplicate-name of a kind across files, and of a member and a literal within a kind', async () => {
        const kind = 'kind spike extends experiment';
        const { documents } = await load({ 'a.pom': kind, 'b.pom': `\n${kind}` });
        expect(related(documents[0], 'duplicate-name')).toEqual([
            [{ file: 'b.pom', range: [1, 5, 1, 10], message: 'Kind `spike` is also declared here.' }],
        ]);
        const text =
            'kind spike extends experiment {\n  field timebox: duration\n  field timebox: duration\n  field risk: enum { low, low }\n}';
        expect(related(await loadOne(text), 'duplicate-name')).toEqual([
            [{ file: 'a.pom', range: rangeOf(text, 'timebox', 1), message: '`timebox` is first declared here.' }],
            [{ file: 'a.pom', range: rangeOf(text, 'low', 1), message: '`low` is first listed here.' }],
        ]);
    });

    test('duplicate-entry and duplicate-target point at the first statement', async () => {
        const entry = 'bet B {\n  hypothesis: "h"\n  horizon: months\n  horizon: years\n}';
        expect(related(await loadOne(entry), 'duplicate-entry')).toEqual([
            [{ file: 'a.pom', range: [2, 2, 2, 17], message: '`horizon` is first stated here.' }],
        ]);
        const target = 'option GuidedSetup\nbet WizardBet { hypothesis: "h", chooses: GuidedSetup, GuidedSetup }';
        expect(related(await loadOne(target), 'duplicate-target')).toEqual([
            [{ file: 'a.pom', range: rangeOf(target, 'GuidedSetup', 2), message: '`GuidedSetup` is first listed here.' }],
        ]);
    });

    test('horizon-exceeds-parent points at the ancestor that states the horizon', async () => {
        const text = 'bet Outer { hypothesis: "h", horizon: months\n  project Middle {\n    experiment Inner { horizon: years }\n  }\n}';
        expect(related(await loadOne(text), 'horizon-exceeds-parent')).toEqual([
            [{ file: 'a.pom', range: rangeOf(text, 'Outer'), message: '`Outer` looks months ahead.' }],
        ]);
    });

    test('kind-redefines-member points at the inherited member', async () => {
        const { documents } = await load({ 'a.pom': 'kind spike extends experiment {\n  field starts: string\n}' });
        const [[place]] = related(documents[0], 'kind-redefines-member');
        expect(place).toMatchObject({ file: 'prelude.pom', message: 'execution declares `starts` here.' });
        expect(place.range[0]).toBeGreaterThan(0);
    });

    test('flow-cycle points at the other elements of the cycle', async () => {
        const kinds = 'kind cluster extends driver "Driver cluster" { relation drives: driver* downstream }\n';
        const a = `${kinds}cluster Retention { drives: Engagement }`;
        const b = 'cluster Engagement {\n  drives: Retention\n}';
        const { documents } = await load({ 'a.pom': a, 'b.pom': b });
        expect(related(documents[0], 'flow-cycle')).toEqual([
            [{ file: 'b.pom', range: [0, 8, 0, 18], message: '`Engagement` is on the cycle.' }],
        ]);
        expect(related(documents[1], 'flow-cycle')).toEqual([
            [{ file: 'a.pom', range: rangeOf(a, 'Retention'), message: '`Retention` is on the cycle.' }],
        ]);
    });

    test('horizon-inverted-link points at the element the link flows into', async () => {
        const a = 'input Completion { horizon: years; contributesTo: Activation }';
        const b = 'driver Activation { horizon: quarters }';
        const { documents } = await load({ 'a.pom': a, 'b.pom': b });
        expect(related(documents[0], 'horizon-inverted-link')).toEqual([
            [{ file: 'b.pom', range: [0, 7, 0, 17], message: '`Activation` looks quarters ahead.' }],
        ]);
    });

    test('funding-overcommitted points at the bets on the funding line', async () => {
        const text =
            'funding Growth { model: capacity, capacity: 4 weeks }\n' +
            'bet A { hypothesis: "h", funding: Growth, appetite: 3 weeks }\n' +
            'bet B { hypothesis: "h", funding: Growth, appetite: 2 weeks }';
        expect(related(await loadOne(text), 'funding-overcommitted')).toEqual([
            [
                { file: 'a.pom', range: [1, 4, 1, 5], message: '`A` asks for 3 weeks.' },
                { file: 'a.pom', range: [2, 4, 2, 5], message: '`B` asks for 2 weeks.' },
            ],
        ]);
    });

    test('absent from diagnostics that cite no other place', async () => {
        const document = await loadOne('bet Lonely { hypothesis: "h" }');
        expect(diagnostics(document).length).toBeGreaterThan(0);
        expect(diagnostics(document).filter((d) => d.relatedInformation !== undefined)).toEqual([]);
    });
});

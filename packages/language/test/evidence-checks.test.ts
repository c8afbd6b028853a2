// The evidence checks against a real snapshot: each code where the fixture's numbers imply it, with its range, and
// silence where they do not, or where there is no snapshot at all.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EVIDENCE_FIXTURES, type LoadedFolder, loadFolder, scratchCopy } from './evidence-helpers.js';
import { found, rangeOf } from './helpers.js';

const WARNING = 2;
const INFO = 3;
const DATA_CODES = [
    'metric-no-observations',
    'metric-stale',
    'invalid-observations',
    'claim-contradicted',
    'claim-confirmed',
    'claim-unverified',
    'target-reached',
    'target-missed',
    'open-learning-loop',
    'snapshot-unreadable',
];

describe('with the snapshot, as of 2026-04-30', () => {
    let model: LoadedFolder;
    let text: string;
    const at = (needle: string, occurrence = 1) => rangeOf(text, needle, occurrence);
    const codes = (code: string) => found(model.document('shop.pom'), code);

    beforeAll(async () => {
        model = await loadFolder(path.join(EVIDENCE_FIXTURES, 'verdicts'), '2026-04-30');
        text = model.text('shop.pom');
    });

    test('claim-confirmed: points, a tolerated shortfall and a relative change, each on its `by`', () => {
        expect(codes('claim-confirmed')).toEqual([
            { code: 'claim-confirmed', severity: INFO, range: at('by: +5pts') },
            { code: 'claim-confirmed', severity: INFO, range: at('by: +7pts') },
            { code: 'claim-confirmed', severity: INFO, range: at('by: +15%') },
        ]);
    });

    test('claim-contradicted: short of the claim beyond its tolerance, and the other way on a `down` metric', () => {
        expect(codes('claim-contradicted')).toEqual([
            { code: 'claim-contradicted', severity: WARNING, range: at('by: +10pts') },
            { code: 'claim-contradicted', severity: WARNING, range: at('by: 20%') },
        ]);
    });

    test('claim-unverified: no observation between the landing and the end of the window', () => {
        expect(codes('claim-unverified')).toEqual([{ code: 'claim-unverified', severity: INFO, range: at('by: +10', 2) }]);
    });

    test('the messages give the numbers', () => {
        const messages = (code: string) =>
            (model.document('shop.pom').diagnostics ?? []).filter((d) => d.code === code).map((d) => d.message);
        expect(messages('claim-contradicted')).toEqual([
            '`PointsShort` claims `CompletionInput` moved +10pts; contradicted: it moved by less than claimed (tolerance 2pts), +6pts, from 40% on 2026-01-26 to 46% on 2026-03-23.',
            '`WaitOtherWay` claims `WaitInput` moved 20%; contradicted: it moved the other way, +10%, from 40 on 2026-01-26 to 44 on 2026-03-23.',
        ]);
        expect(messages('claim-confirmed')[0]).toBe(
            '`PointsConfirmed` claims `CompletionInput` moved +5pts; confirmed: it moved +6pts, from 40% on 2026-01-26 to 46% on 2026-03-23.',
        );
        expect(messages('claim-unverified')).toEqual([
            '`OrdersUnverified` claims `OrdersInput` moved +10; unverified: no observation after 2026-03-30 up to 2026-03-31.',
        ]);
    });

    test('target-reached and target-missed when the bet window has ended, on the link', () => {
        expect(codes('target-reached')).toEqual([{ code: 'target-reached', severity: INFO, range: at('OrdersInput', 2) }]);
        expect(codes('target-missed')).toEqual([
            { code: 'target-missed', severity: WARNING, range: at('CompletionInput', 2) },
            { code: 'target-missed', severity: WARNING, range: at('WaitInput', 2) },
        ]);
    });

    test('open-learning-loop: an ended bet, still active, that taught nothing; not a bet marked done', () => {
        expect(codes('open-learning-loop')).toEqual([{ code: 'open-learning-loop', severity: WARNING, range: at('Forgotten') }]);
    });

    test('metric-no-observations, metric-stale (a failed pull) and invalid-observations, on the metric name', () => {
        expect(codes('metric-no-observations')).toEqual([{ code: 'metric-no-observations', severity: WARNING, range: at('Signups') }]);
        expect(codes('metric-stale')).toEqual([{ code: 'metric-stale', severity: WARNING, range: at('Orders') }]);
        expect(codes('invalid-observations')).toEqual([{ code: 'invalid-observations', severity: WARNING, range: at('Broken') }]);
        const invalid = model.document('shop.pom').diagnostics?.find((d) => d.code === 'invalid-observations');
        expect(invalid?.message).toBe(
            'Observations of `Broken` break its percent unit: 120 on 2026-01-12 is outside 0–100; repeat the date 2026-01-05.',
        );
    });

    test('the compiled model carries evidence, verdicts, claims and the as-of date', () => {
        const compiled = model.pom.pom.ModelCompiler.compile(model.documents, { relativePath: (u) => u.path.split('/').pop() ?? '' });
        expect(compiled.asOf).toBe('2026-04-30');
        expect(compiled.claims?.map((c) => [c.impact, c.claimed, c.verdict, c.observed])).toEqual([
            ['shop.OrdersUnverified', '+10', 'unverified', null],
            ['shop.PointsConfirmed', '+5pts', 'confirmed', 6],
            ['shop.PointsShort', '+10pts', 'contradicted', 6],
            ['shop.PointsTolerated', '+7pts', 'confirmed', 6],
            ['shop.RelativeConfirmed', '+15%', 'confirmed', 15],
            ['shop.WaitOtherWay', '20%', 'contradicted', 10],
        ]);
        const element = (id: string) => compiled.elements.find((e) => e.id === id);
        expect(element('shop.CompletionInput')?.evidence).toEqual({
            metric: 'shop.Completion',
            unit: 'percent',
            latest: 30,
            at: '2026-04-20',
            baseline: 40,
            target: 50,
            progress: 0,
            count: 5,
            stale: false,
            series: [40, 42, 44, 46, 30],
        });
        expect(element('shop.PointsShort')?.verdict).toBe('contradicted');
        expect(element('shop.SetupRelease')?.landed).toBe('2026-02-01');
        expect(element('shop.Setup.Build')?.window).toEqual({ starts: '2026-01-05', ends: '2026-03-29', inheritedFrom: 'shop.Setup' });
    });
});

describe('freshness depends on the as-of date', () => {
    test('stale once the newest observation is older than `freshness`', async () => {
        const model = await loadFolder(path.join(EVIDENCE_FIXTURES, 'verdicts'), '2026-06-01');
        const text = model.text('shop.pom');
        expect(found(model.document('shop.pom'), 'metric-stale')).toEqual([
            { code: 'metric-stale', severity: WARNING, range: rangeOf(text, 'Completion') },
            { code: 'metric-stale', severity: WARNING, range: rangeOf(text, 'Orders') },
        ]);
    });
});

describe('without a snapshot', () => {
    let copy: ReturnType<typeof scratchCopy>;
    beforeAll(() => {
        copy = scratchCopy('verdicts');
        rmSync(path.join(copy.folder, 'observations.json'));
    });
    afterAll(() => copy.done());

    test('every data check is silent and the compiled model has no evidence', async () => {
        const model = await loadFolder(copy.folder, '2026-04-30');
        for (const code of DATA_CODES) expect(found(model.document('shop.pom'), code), code).toEqual([]);
        const compiled = model.pom.pom.ModelCompiler.compile(model.documents, { relativePath: () => 'shop.pom' });
        expect(compiled.asOf).toBeUndefined();
        expect(compiled.claims).toBeUndefined();
        expect(compiled.elements.some((e) => e.evidence || e.verdict)).toBe(false);
    });
});

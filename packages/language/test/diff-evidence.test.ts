// The evidence part of the semantic diff: a before/after pair whose snapshot gains rows, flipping a verdict and a
// target; the model's compiled `targets`; and hostile evidence text made inert in the Markdown comment.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../src/compile/compiled-model.js';
import { diffToMarkdown } from '../src/diff/diff-markdown.js';
import { diffToText } from '../src/diff/diff-text.js';
import { diffModels } from '../src/diff/model-diff.js';
import type { Snapshot } from '../src/evidence/snapshot.js';
import { loadFolder } from './evidence-helpers.js';

const CASE = fileURLToPath(new URL('./fixtures/diff/evidence/', import.meta.url));

async function side(name: 'before' | 'after', asOf: string): Promise<{ model: CompiledModel; snapshot: Snapshot | undefined }> {
    const loaded = await loadFolder(`${CASE}${name}`, asOf);
    const model = loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath: (uri) => uri.path.split('/').pop() ?? '' });
    return { model, snapshot: loaded.pom.pom.EvidenceContext.readSnapshots()[0] };
}

describe('evidence changes between two sides', () => {
    it('the compiled model records the targets settled when a window ended', async () => {
        const { model } = await side('after', '2026-04-30');
        expect(model.targets).toEqual([
            {
                bet: 'shop.Setup',
                element: 'shop.CompletionInput',
                metric: 'shop.OnboardingCompletion',
                unit: 'percent',
                ends: '2026-03-29',
                value: 51.2,
                at: '2026-03-23',
                target: 50,
                status: 'reached',
            },
        ]);
        // Before the window ends, nothing is settled.
        expect((await side('after', '2026-03-28')).model.targets).toEqual([]);
    });

    it('a verdict and a target flip; the new rows are one line per metric; unchanged metrics say nothing', async () => {
        const before = await side('before', '2026-04-30');
        const after = await side('after', '2026-04-30');
        const diff = diffModels(before.model, after.model, { snapshots: { base: before.snapshot, head: after.snapshot } });
        expect(diff.evidence.verdicts.map((v) => [v.impact, v.before, v.after, v.observed])).toEqual([
            ['shop.WizardImpact', 'unverified', 'confirmed', 11.2],
        ]);
        expect(diff.evidence.targets.map((t) => [t.bet, t.before, t.after, t.value])).toEqual([['shop.Setup', 'missed', 'reached', 51.2]]);
        expect(diff.evidence.observations.map((o) => [o.metric, o.added, o.first, o.last, o.latest])).toEqual([
            ['shop.OnboardingCompletion', 3, '2026-02-02', '2026-03-23', 51.2],
        ]);
        // Reversed, the rows went away and the verdict went back.
        const back = diffModels(after.model, before.model, { snapshots: { base: after.snapshot, head: before.snapshot } });
        expect(back.evidence.verdicts.map((v) => [v.before, v.after])).toEqual([['confirmed', 'unverified']]);
        expect(back.evidence.observations.map((o) => [o.added, o.removed, o.latest])).toEqual([[0, 3, 40]]);
        expect(diffToText(back)).toContain('OnboardingCompletion: 3 removed, latest 40% (2026-01-26).');
        // The same side twice: nothing changed.
        const same = diffModels(after.model, after.model, { snapshots: { base: after.snapshot, head: after.snapshot } });
        expect(same.summary.changed).toBe(false);
        expect(same.evidence).toEqual({ asOf: { base: '2026-04-30', head: '2026-04-30' }, verdicts: [], targets: [], observations: [] });
    });

    it('hostile text in a compiled side cannot become markup or mentions in the comment', async () => {
        const before = await side('before', '2026-04-30');
        const after = await side('after', '2026-04-30');
        const hostile: CompiledModel = {
            ...after.model,
            claims: after.model.claims?.map((c) => ({
                ...c,
                claimed: '<img src=x onerror=alert(1)>@team',
                from: '[x](https://evil)',
                to: '#12',
            })),
        };
        const markdown = diffToMarkdown(diffModels(before.model, hostile));
        expect(markdown).not.toMatch(/<img|[^\\]\]\(https|@team|#12/);
        expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;@\u200bteam');
        const text = diffToText(
            diffModels(before.model, { ...hostile, claims: hostile.claims?.map((c) => ({ ...c, claimed: '\u001b[31mred' })) }),
        );
        expect(text).not.toContain('\u001b[31m');
    });
});

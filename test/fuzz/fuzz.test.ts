// The mutation fuzzer as part of `npm test`: a few hundred mutants of the examples under a fixed seed, in batches.
// `npm run fuzz` runs thousands (seed and count from its arguments, see scripts/fuzz.js) through this same file.
import { describe, expect, test } from 'vitest';
import { describeFailure, exampleFiles, fuzzRange, mutantAt } from './fuzz-run.js';
import { EDIT_NAMES } from './mutator.js';

const SEED = Number(process.env.FUZZ_SEED ?? 11);
const COUNT = Number(process.env.FUZZ_COUNT ?? 300);
const FROM = Number(process.env.FUZZ_FROM ?? 0);
/** Per file, every check together; generous, since the test machine may be loaded. */
const TIME_BOUND = Number(process.env.FUZZ_TIME_BOUND ?? 5000);
const BATCH = 25;

describe('the mutants', () => {
    test('start from every example and are the same for the same seed and index', () => {
        expect(exampleFiles().length).toBeGreaterThan(20);
        expect(mutantAt(SEED, 17)).toEqual(mutantAt(SEED, 17));
        expect(mutantAt(SEED, 17).text).not.toBe(mutantAt(SEED + 1, 17).text);
    });

    test('use every kind of edit within 300 mutants', () => {
        const used = new Set<string>();
        for (let i = FROM; i < FROM + 300; i++) for (const edit of mutantAt(SEED, i).edits) used.add(edit.split(':')[0]);
        expect([...used].sort()).toEqual([...EDIT_NAMES].sort());
    });
});

describe(`mutants ${FROM}–${FROM + COUNT - 1} of seed ${SEED}`, () => {
    for (let from = FROM; from < FROM + COUNT; from += BATCH) {
        const to = Math.min(from + BATCH, FROM + COUNT);
        test(
            `mutants ${from}–${to - 1} keep every invariant`,
            async () => {
                const failing = await fuzzRange(SEED, from, to, { timeBound: TIME_BOUND });
                expect(failing.map((f) => describeFailure(SEED, f)).join('\n\n')).toBe('');
            },
            BATCH * TIME_BOUND * 2,
        );
    }
});

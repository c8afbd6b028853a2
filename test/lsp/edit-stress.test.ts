// Many mutated edits against one language server, with requests at random positions between them (see
// lsp-stress.ts). `npm test` runs a few hundred; `npm run fuzz:lsp` runs thousands (POM_LSP_STRESS_EDITS) and takes
// its seed from POM_LSP_STRESS_SEED, so a failing run can be repeated exactly.
import { expect, test } from 'vitest';
import { runEditStress } from './lsp-stress.js';

const EDITS = Number(process.env.POM_LSP_STRESS_EDITS ?? 300);
const SEED = Number(process.env.POM_LSP_STRESS_SEED ?? 20261202);

test(
    `${EDITS} mutated edits (seed ${SEED}): every request answered, nothing logged as an error or warning`,
    async () => {
        const result = await runEditStress({
            seed: SEED,
            edits: EDITS,
            progress: EDITS > 300 ? (done) => console.info(`pom lsp stress: ${done} of ${EDITS} edits`) : undefined,
        });
        console.info(`pom lsp stress: ${result.edits} edits, ${result.requests} requests (seed ${SEED})`);
        expect(result.failures).toEqual([]);
        expect(result.problems).toEqual([]);
        // The status bar's count follows the last completed build.
        expect(result.finalStats.announced).toBe(result.finalStats.compiled);
        expect(result.requests).toBeGreaterThan(EDITS / 2);
    },
    Math.max(120_000, EDITS * 400),
);

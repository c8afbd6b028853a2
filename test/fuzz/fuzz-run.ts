// Runs the mutation fuzzer: mutant `i` of seed `s` is the same on every machine (its own generator, seeded from both),
// so one failing mutant is reproduced alone with `npm run fuzz -- --seed s --only i`. A failing mutant is saved under
// build/fuzz/ for a person to look at.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../seeded-random.js';
import { type CheckOptions, checkMutant } from './fuzz-check.js';
import { mutate } from './mutator.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface FuzzFailure {
    readonly index: number;
    readonly source: string;
    readonly edits: string[];
    readonly failures: string[];
    /** Where the mutant was saved. */
    readonly saved: string;
}

/** Every `.pom` file under examples/, sorted: the texts the mutants start from. */
export function exampleFiles(): string[] {
    const walk = (folder: string): string[] =>
        readdirSync(folder, { withFileTypes: true })
            .flatMap((entry) => {
                const full = path.join(folder, entry.name);
                if (entry.isDirectory()) return walk(full);
                return entry.isFile() && entry.name.endsWith('.pom') ? [full] : [];
            })
            .sort();
    return walk(path.join(ROOT, 'examples')).map((file) => path.relative(ROOT, file));
}

/** The generator of mutant `index` under `seed`. */
function generatorFor(seed: number, index: number): () => number {
    return seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

/** Mutant `index` under `seed`: which example it comes from, its text and its edits. */
export function mutantAt(seed: number, index: number, files = exampleFiles()): { source: string; text: string; edits: string[] } {
    const random = generatorFor(seed, index);
    const source = files[Math.floor(random() * files.length)];
    const mutant = mutate(readFileSync(path.join(ROOT, source), 'utf8'), random);
    return { source, ...mutant };
}

/** Checks the mutants `from` ≤ i < `to` of `seed`, returning the failing ones (saved under build/fuzz/). */
export async function fuzzRange(seed: number, from: number, to: number, options: CheckOptions): Promise<FuzzFailure[]> {
    const files = exampleFiles();
    const failing: FuzzFailure[] = [];
    for (let index = from; index < to; index++) {
        const { source, text, edits } = mutantAt(seed, index, files);
        const { failures } = await checkMutant(text, options);
        if (failures.length === 0) continue;
        const folder = path.join(ROOT, 'build/fuzz');
        mkdirSync(folder, { recursive: true });
        const saved = path.join(folder, `seed-${seed}-mutant-${index}.pom`);
        writeFileSync(saved, text);
        failing.push({ index, source, edits, failures, saved: path.relative(ROOT, saved) });
    }
    return failing;
}

/** A failure as a person reads it: what failed, the mutant's origin and edits, and how to run it again. */
export function describeFailure(seed: number, failure: FuzzFailure): string {
    return [
        `mutant ${failure.index} of seed ${seed} (from ${failure.source}; saved as ${failure.saved}):`,
        ...failure.edits.map((e) => `  edit  ${e}`),
        ...failure.failures.map((f) => `  FAIL  ${f.split('\n').slice(0, 6).join('\n        ')}`),
        `  again: npm run fuzz -- --seed ${seed} --only ${failure.index}`,
    ].join('\n');
}

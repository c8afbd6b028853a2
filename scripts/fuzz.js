// `npm run fuzz [-- --seed N] [--count N] [--from N] [--only N] [--time-bound MS]`: the mutation fuzzer over
// examples/ with thousands of mutants (test/fuzz/), then the language server's stress run (`npm run fuzz:lsp`) when
// the project has one. Without --seed a new seed is drawn; it is printed first, so any run can be repeated. A failing
// mutant is printed with its edits and saved under build/fuzz/.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
};
const known = new Set(['--seed', '--count', '--from', '--only', '--time-bound']);
for (let i = 0; i < args.length; i += 2) {
    if (!known.has(args[i]) || args[i + 1] === undefined || !/^\d+$/.test(args[i + 1])) {
        console.error(`fuzz: unknown or incomplete argument ${args[i]}; use --seed N --count N --from N --only N --time-bound MS`);
        process.exit(2);
    }
}

const seed = option('seed') ?? String(Math.floor(Math.random() * 2 ** 31));
const only = option('only');
const env = {
    ...process.env,
    FUZZ_SEED: seed,
    FUZZ_FROM: only ?? option('from') ?? '0',
    FUZZ_COUNT: only === undefined ? (option('count') ?? '3000') : '1',
    FUZZ_TIME_BOUND: option('time-bound') ?? process.env.FUZZ_TIME_BOUND ?? '5000',
};
console.log(
    `fuzz: seed ${seed}, mutants ${env.FUZZ_FROM}–${Number(env.FUZZ_FROM) + Number(env.FUZZ_COUNT) - 1}, ${env.FUZZ_TIME_BOUND} ms a file`,
);

const run = (command, commandArgs) => spawnSync(command, commandArgs, { cwd: root, env, stdio: 'inherit' }).status ?? 1;
let status = run(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', '--reporter=verbose', 'test/fuzz/fuzz.test.ts']);
console.log(`fuzz: seed ${seed} ${status === 0 ? 'passed' : 'FAILED'}`);

const scripts = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts ?? {};
// The server's stress run takes the same seed, so one seed repeats the whole run.
env.POM_LSP_STRESS_SEED = seed;
if (scripts['fuzz:lsp'] && only === undefined) status = run('npm', ['run', 'fuzz:lsp']) || status;
process.exit(status);

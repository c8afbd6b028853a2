// Prints the figures behind the performance budgets (docs/architecture.md). Never run by tests; `npm run bench` (add --large for the
// 100,000-element run, the peak memory of compiling 200,000 elements, and the floor ratios at 10,000, 50,000 and 100,000
// elements instead of 10,000 alone; FLOOR_SIZES=… picks those sizes; see floor-bench.js for where the Langium floor comes
// from). `--only lsp` runs the language-server figures alone, on the 10,000-element workspace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { floorBenchmarks, measure as measureProcess } from './floor-bench.js';
import { generateModel } from './generate-model.js';
import { LspSession } from './lsp-session.js';
import { metricsBenchmarks } from './metrics-bench.js';
import { median, report } from './report.js';

const root = new URL('../..', import.meta.url).pathname;
const pom = path.join(root, 'packages/cli/bin/pom.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'pom-bench-'));

function time(args) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [pom, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'lsp') throw new Error(`--only takes "lsp", not "${only}"`);

console.log(`POM benchmarks on ${os.cpus().length} cores, Node ${process.version}\n`);
if (!only) report('pom --version', median([1, 2, 3, 4, 5].map(() => time(['--version']).ms)), 200);

const sizes = only ? [] : process.argv.includes('--large') ? [1_000, 10_000, 100_000] : [1_000, 10_000];
for (const size of sizes) {
    const folder = path.join(work, `model-${size}`);
    const count = generateModel(folder, { elements: size, files: 100 });
    const runs = [1, 2, 3].map(() => time(['validate', folder, '--format', 'json']));
    const summary = JSON.parse(runs[0].result.stdout).summary;
    const budget = size === 10_000 ? 1500 : size === 100_000 ? 15000 : undefined;
    report(`pom validate, ${count} elements / 100 files (${summary.error} errors)`, median(runs.map((r) => r.ms)), budget);
    const rss = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, pom, 'validate', folder, '--format', 'json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
    });
    const kb = Number(rss.stderr.trim().split('\n').pop());
    if (Number.isFinite(kb)) console.log(`${'  peak RSS'.padEnd(52)} ${(kb / 1024).toFixed(0).padStart(9)} MB`);
}

// `pom compile` of 200,000 elements, to a file: its peak RSS (budget 1.5 GB).
if (process.argv.includes('--large')) {
    const folder = path.join(work, 'model-200000');
    const count = generateModel(folder, { elements: 200_000, files: 1_000 });
    const { mb } = measureProcess(process.execPath, [pom, 'compile', folder, '-o', path.join(work, 'model-200000.json')]);
    const budget = 1536;
    const verdict = mb <= budget ? `  (budget ${budget})` : `  OVER BUDGET (${budget})`;
    console.log(`${`pom compile -o, ${count} elements: peak RSS`.padEnd(52)} ${mb.toFixed(0).padStart(9)} MB${verdict}`);
}

// Language server on the 10,000-element workspace.
const folder = path.join(work, 'model-10000');
if (only) generateModel(folder, { elements: 10_000, files: 100 });
const session = await LspSession.start(pom, folder);
report('lsp initialize', session.initializeMs, 1000);
await session.waitForDiagnostics();
const file = path.join(folder, 'unit050.pom');
const uri = `file://${file}`;
const text = readFileSync(file, 'utf8');
session.open(uri, text);
await session.nextDiagnostics(uri);
const line = text.split('\n').findIndex((l) => l.startsWith('bet Bet3 '));
const at = (l, c) => ({ textDocument: { uri }, position: { line: l, character: c } });
const edits = [];
for (let i = 0; i < 15; i++) {
    const changed = text.replace('"Bet 3"', i % 2 === 0 ? '"Bet 3x"' : '"Bet 3"');
    const start = process.hrtime.bigint();
    session.change(uri, changed, i + 2);
    await session.nextDiagnostics(uri);
    edits.push(Number(process.hrtime.bigint() - start) / 1e6);
}
report('lsp one-character edit → diagnostics (median)', median(edits), 150);

// The same, across files: a file that references an element of the edited one. Renaming the element by one
// character (its declaration) breaks that reference and the edited file's own uses of it, so both files' diagnostics change; the
// time runs until the last diagnostics the edit caused have been published.
const crossFile = path.join(folder, 'cross.pom');
const crossUri = `file://${crossFile}`;
const crossText = 'namespace bench.cross\n\nbet CrossBet "Cross-file bet" {\n  toward: bench.unit50.Driver3\n}\n';
writeFileSync(crossFile, crossText);
session.open(crossUri, crossText);
await session.nextDiagnostics(crossUri);
await session.waitForDiagnostics();
const renamed = text.replace('driver Driver3 "', 'driver Driver3x "');
const crossEdits = [];
const crossCpu = [];
// An even number of edits, so the file ends as it started.
for (let i = 0; i < 10; i++) {
    const { ms, cpuMs, uris } = await session.editLatency(uri, i % 2 === 0 ? renamed : text, 100 + i, [uri, crossUri]);
    if (!uris.includes(crossUri)) throw new Error('the cross-file edit published nothing for the referencing file');
    crossEdits.push(ms);
    crossCpu.push(cpuMs);
}
report('lsp one-character rename → diagnostics in every affected file (median)', median(crossEdits), 150);
// The server's CPU time over the same span (Linux only): the latency it would have with a core to itself, which a
// loaded machine's wall time hides. Clock ticks of 10 ms.
if (crossCpu.every((ms) => ms !== undefined)) report('  server CPU over it (median)', median(crossCpu));
const measure = async (method, params, n = 15) => {
    const times = [];
    for (let i = 0; i < n; i++) {
        const start = process.hrtime.bigint();
        const result = await session.request(method, params);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        // A fast answer only counts if it is a real one.
        const empty =
            result === null ||
            (Array.isArray(result) && result.length === 0) ||
            (Array.isArray(result?.items) && result.items.length === 0);
        if (empty) throw new Error(`${method} returned nothing at ${JSON.stringify(params.position)}`);
    }
    return median(times);
};
report('lsp hover (median)', await measure('textDocument/hover', at(line, 5)), 30);
report('lsp definition (median)', await measure('textDocument/definition', at(line + 2, 12)), 20);
report('lsp completion (median)', await measure('textDocument/completion', at(line + 2, 12)), 50);
report('lsp references (median)', await measure('textDocument/references', { ...at(line, 5), context: { includeDeclaration: true } }), 100);
await session.stop();

if (!only) {
    console.log('');
    await metricsBenchmarks(work, time);

    console.log('');
    const large = process.argv.includes('--large');
    const floorSizes = process.env.FLOOR_SIZES
        ? process.env.FLOOR_SIZES.split(',').map(Number)
        : large
          ? [10_000, 50_000, 100_000]
          : [10_000];
    floorBenchmarks(work, floorSizes);
}

// Prints how the layered layout engines do on examples/acme and on generated models, in Node: time and edge
// crossings of the stage × horizon sweeps (the graph view's first paint), elkjs with partitions, d3-dag's sugiyama,
// the sweeps ordered by elkjs (the view's refinement), and the old flow layout. Never run by tests;
// `npm run bench:layout` (SIZES=150,300 picks the generated sizes; engines past their budget are skipped).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { generateModel } from './generate-model.js';

const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(path.join(os.tmpdir(), 'pom-layout-bench-'));
const sizes = process.env.SIZES ? process.env.SIZES.split(',').map(Number) : [150, 300, 500, 1000, 2000];
const pom = path.join(root, 'packages/cli/bin/pom.js');

function compile(folder) {
    const run = spawnSync(process.execPath, [pom, 'compile', folder], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`pom compile failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
}

try {
    const bundle = path.join(work, 'layout-engines.mjs');
    await esbuild.build({
        entryPoints: [path.join(root, 'scripts/bench/layout-engines.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile: bundle,
        logLevel: 'warning',
        banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const { measureEngines } = await import(bundle);
    console.log(`POM layout engines on ${os.cpus().length} cores, Node ${process.version}; crossings among flow edges\n`);
    const models = [['examples/acme', compile(path.join(root, 'examples/acme'))]];
    for (const size of sizes) {
        const folder = path.join(work, `model-${size}`);
        generateModel(folder, { elements: size, files: Math.max(2, Math.round(size / 100)) });
        models.push([`generated ${size}`, compile(folder)]);
    }
    for (const [name, model] of models) {
        const n = model.elements.length;
        console.log(`${name}: ${n} elements, ${model.links.length} links`);
        const figures = await measureEngines(model, {
            elk: n <= Number(process.env.ELK_MAX ?? 1000),
            dag: n <= Number(process.env.DAG_MAX ?? 1000),
        });
        for (const f of figures) {
            const ms = f.ms === null ? '–' : `${Math.round(f.ms)} ms`;
            console.log(
                `  ${f.engine.padEnd(36)} ${ms.padStart(9)}  ${String(f.crossings ?? '–').padStart(7)} crossings${f.note ? `  (${f.note})` : ''}`,
            );
        }
    }
} finally {
    rmSync(work, { recursive: true, force: true });
}

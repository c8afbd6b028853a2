// Prints how fast the graph view draws generated models in headless Chromium: time to first paint (the worker's
// stage × horizon layout drawn as cards and a frame painted), time to the final layout (after the layered
// refinement, where it runs), the edge crossings of the picture, the time from a click to the lineage highlight and
// from a wheel step to the zoomed picture, and a settled force layout. Beside them, the figures of the layout the
// view had before (points in the old flow × horizon layout, still what `pom graph --format svg` draws): its time and
// crossings computed in Node. Never run by tests; `npm run bench:graph` (add --large for 10,000; SIZES=500,2000
// picks the sizes).
// Budget (docs/architecture.md): 2,000 nodes drawn and interactive in under 1 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.js';
import { generateModel } from './generate-model.js';
import { median, report } from './report.js';

const root = new URL('../..', import.meta.url).pathname;
const pom = path.join(root, 'packages/cli/bin/pom.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'pom-graph-bench-'));
const sizes = process.env.SIZES
    ? process.env.SIZES.split(',').map(Number)
    : process.argv.includes('--large')
      ? [500, 2_000, 5_000, 10_000]
      : [500, 2_000, 5_000];
const LOADS = 3;

// The layout code is TypeScript: bundle the crossing count and both layouts for Node once.
const layoutModule = path.join(work, 'layouts.mjs');
await esbuild.build({
    stdin: {
        contents: `export { countCrossings } from './packages/graph/src/layout/crossings.ts';
export { layoutInput } from './packages/graph/src/layout/layout-types.ts';
export { stageLayout } from './packages/graph/src/layout/stage-layout.ts';
export { flowLayout } from 'pom-language/export';`,
        resolveDir: root,
        loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: layoutModule,
    logLevel: 'warning',
});
const layouts = await import(layoutModule);

/** Crossings among the drawn edges (flow and feedback; context links are hidden by default) of both layouts. */
function crossings(model) {
    const input = layouts.layoutInput(model);
    const drawn = input.edges.filter((e) => e.kind !== 'context');
    const fresh = layouts.countCrossings(layouts.stageLayout(input).cards, drawn);
    const start = performance.now();
    const old = layouts.flowLayout(model);
    const oldMs = performance.now() - start;
    const points = new Map([...old.positions].map(([id, p]) => [id, { ...p, width: 0, height: 0 }]));
    return { fresh, old: layouts.countCrossings(points, drawn), oldMs };
}

const browser = await chromium.launch(await chromiumLaunchOptions());
console.log(`POM graph benchmarks on ${os.cpus().length} cores, Node ${process.version}, Chromium ${browser.version()}\n`);

try {
    for (const size of sizes) {
        const files = Math.max(5, Math.round(size / 100));
        const folder = path.join(work, `model-${size}`);
        generateModel(folder, { elements: size, files });
        const page = path.join(work, `model-${size}.html`);
        const run = spawnSync(process.execPath, [pom, 'graph', folder, '-o', page], { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`pom graph failed: ${run.stderr}`);
        const html = readFileSync(page, 'utf8');
        const model = JSON.parse(/<script type="application\/json" id="pom-model">([^<]*)<\/script>/.exec(html)[1]);
        const label = `${model.elements.length} elements, ${model.links.length} links`;
        console.log(label);

        const drawn = [];
        const painted = [];
        const final = [];
        const highlight = [];
        const zoomStep = [];
        let settled;
        for (let load = 0; load < LOADS; load++) {
            const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
            await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
            const tab = await context.newPage();
            await tab.goto(pathToFileURL(page).href);
            await tab.waitForFunction(() => performance.getEntriesByName('pom-graph-painted').length > 0, null, { timeout: 120_000 });
            await tab.waitForSelector('.pom-graph[data-layout-state="final"]', { timeout: 120_000 });
            const marks = await tab.evaluate(() => ({
                drawn: performance.getEntriesByName('pom-graph-drawn')[0].startTime,
                painted: performance.getEntriesByName('pom-graph-painted')[0].startTime,
                final: performance.getEntriesByName('pom-layout-final').at(-1).startTime,
            }));
            drawn.push(marks.drawn);
            painted.push(marks.painted);
            final.push(marks.final);
            // A click on a bet, until the lineage is lit and a frame painted.
            const bet = model.elements.find((e) => e.kind === 'bet').id;
            highlight.push(
                await tab.evaluate(
                    (id) =>
                        new Promise((resolve) => {
                            const start = performance.now();
                            document
                                .querySelector(`.node[data-id="${CSS.escape(id)}"]`)
                                .dispatchEvent(new MouseEvent('click', { bubbles: true }));
                            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
                        }),
                    bet,
                ),
            );
            // A wheel step of zoom at full detail of what is on screen, until painted.
            zoomStep.push(
                await tab.evaluate(
                    () =>
                        new Promise((resolve) => {
                            const svg = document.querySelector('.pom-canvas');
                            const box = svg.getBoundingClientRect();
                            const start = performance.now();
                            const at = { clientX: box.width / 2, clientY: box.height / 2, bubbles: true, cancelable: true };
                            svg.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY: -120 }));
                            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
                        }),
                ),
            );
            if (load === 0) {
                const start = await tab.evaluate(() => performance.now());
                await tab.locator('select[data-control="layout"]').selectOption('force');
                await tab.waitForSelector('.pom-graph[data-settled="true"]', { timeout: 300_000 });
                settled = (await tab.evaluate(() => performance.getEntriesByName('pom-layout-settled')[0].startTime)) - start;
            }
            await context.close();
        }
        const count = crossings(model);
        report('  first render: drawn (from navigation start)', median(drawn));
        report('  first paint (from navigation start)', median(painted), model.elements.length <= 2_100 ? 1000 : undefined);
        report('  final layout (from navigation start)', median(final));
        console.log(`  edge crossings (flow and feedback)            ${count.fresh}   (old layout: ${count.old})`);
        report('  old flow layout: layout time in Node', count.oldMs);
        report('  click → lineage highlighted and painted', median(highlight));
        report('  wheel zoom step → painted', median(zoomStep));
        report('  force layout settled (from switching to it)', settled);
    }
} finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
}

// Fit means everything fits: on examples/acme, on each of its views and on a generated 500-element model, at a wide
// screen and at a narrow side panel, no two drawn texts overlap and no card lies outside the canvas after Fit; the
// column headers never overlap down to a 400-pixel panel. Each view draws exactly its elements and the links among
// them. Screenshots of every acme view are kept in test-results/graph/views.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { standaloneGraphHtml } from 'pom-language/export';
import type { CompiledModel } from 'pom-language/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledView } from '../src/views.js';
import { ARTIFACTS, ensureBuilt, fitReport, generateModelOf, idsOf, launchChromium, MEDIA, pom, ROOT, sorted } from './graph-browser.js';

const SIZES = [
    { width: 1600, height: 1000 },
    { width: 480, height: 800 },
];

let browser: Browser;
let work: string;
let acme: CompiledModel;
let views: CompiledView[];
let acmePage: string;
let generatedPage: string;

function compile(folder: string): CompiledModel {
    const run = pom(['compile', folder]);
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as CompiledModel;
}

/** A standalone page of a model, written the way `pom graph` writes it. */
function page(model: CompiledModel, name: string): string {
    const file = path.join(work, `${name}.html`);
    const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');
    const script = readFileSync(path.join(MEDIA, 'graph-standalone.js'), 'utf8');
    const style = readFileSync(path.join(MEDIA, 'graph.css'), 'utf8');
    writeFileSync(file, standaloneGraphHtml({ model, script, style, title: name, sha256 }));
    return pathToFileURL(file).href;
}

async function open(url: string, size: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport: size });
    await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const tab = await context.newPage();
    tab.setDefaultTimeout(30_000);
    await tab.goto(url);
    await tab.waitForSelector('.pom-graph[data-state="drawn"]');
    return tab;
}

async function fitAndCheck(tab: Page, what: string): Promise<void> {
    await tab.waitForSelector('.pom-graph[data-layout-state="final"]');
    await tab.locator('[data-action="fit"]').click();
    const report = await fitReport(tab);
    expect(report.shownNodes, what).toBeGreaterThan(0);
    expect(report.overlaps, what).toEqual([]);
    expect(report.outside, what).toEqual([]);
    expect(report.headerOverlaps, what).toEqual([]);
}

beforeAll(async () => {
    ensureBuilt();
    work = mkdtempSync(path.join(tmpdir(), 'pom-fit-'));
    acme = compile('examples/acme');
    // The views acme declares; a model compiled before views existed gets the hand-written ones of the fixture.
    const declared = (acme as CompiledModel & { views?: CompiledView[] }).views ?? [];
    views =
        declared.length > 0
            ? declared
            : (JSON.parse(readFileSync(path.join(ROOT, 'packages/graph/test/fixtures/acme-views.json'), 'utf8')) as CompiledView[]);
    acmePage = page({ ...acme, views } as CompiledModel, 'acme');
    const folder = path.join(work, 'model-500');
    generateModelOf(folder, 500, 5);
    generatedPage = page(compile(folder), 'model-500');
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
});

describe('fit', () => {
    for (const size of SIZES) {
        it(`fits examples/acme and each of its views at ${size.width}×${size.height}`, async () => {
            const tab = await open(acmePage, size);
            await fitAndCheck(tab, 'acme');
            for (const view of views) {
                await tab.locator('select[data-control="view"]').selectOption(view.id);
                await tab.waitForSelector('.pom-graph[data-state="drawn"]');
                await fitAndCheck(tab, view.name);
            }
            await tab.context().close();
        });

        it(`fits a generated 500-element model at ${size.width}×${size.height}`, async () => {
            const tab = await open(generatedPage, size);
            await fitAndCheck(tab, 'model-500');
            await tab.context().close();
        });
    }

    it('never lets column headers overlap, from 400 pixels wide up, at any zoom', async () => {
        const tab = await open(acmePage, { width: 400, height: 700 });
        for (const width of [400, 560, 900]) {
            await tab.setViewportSize({ width, height: 700 });
            await tab.locator('[data-action="fit"]').click();
            for (const zoom of ['+', '+', '-', '-', '-']) {
                await tab.locator('.pom-canvas').press(zoom);
                expect((await fitReport(tab)).headerOverlaps, `${width} px`).toEqual([]);
            }
        }
        await tab.context().close();
    });

    it('draws exactly the elements of each view and the links among them, under its title', async () => {
        const tab = await open(acmePage, { width: 1600, height: 1000 });
        mkdirSync(path.join(ARTIFACTS, 'views'), { recursive: true });
        expect(views.length).toBeGreaterThanOrEqual(4);
        for (const view of views) {
            await tab.locator('select[data-control="view"]').selectOption(view.id);
            await tab.waitForSelector('.pom-graph[data-layout-state="final"]');
            const keep = new Set(view.elements);
            expect(sorted(await idsOf(tab.locator('.pom-canvas .node[data-id]')))).toEqual(sorted(keep));
            const links = acme.links.filter((l) => keep.has(l.from) && keep.has(l.to));
            expect(await tab.locator('.pom-canvas path[data-link]').count()).toBe(links.length);
            expect(await tab.locator('.pom-title').textContent()).toBe(view.title ?? view.name);
            await tab.locator('[data-action="fit"]').click();
            await tab.screenshot({ path: path.join(ARTIFACTS, 'views', `${view.name}.png`) });
        }
        await tab.context().close();
    });
});

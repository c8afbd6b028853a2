// What the graph suites share: the built `pom` (bundled first when dist is missing), the pages it writes, the model a
// page holds, and the npm-packaged Chromium driven by playwright-core with every request outside the page's own files
// blocked and recorded, CSP violations and page errors collected from before the first script runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { CompiledModel } from 'pom-language/model';
// @ts-expect-error: a plain JavaScript module without types
import { generateModel } from '../../../scripts/bench/generate-model.js';
import { chromiumLaunchOptions } from '../../../scripts/chromium.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = path.join(ROOT, 'packages/cli/bin/pom.js');
export const MEDIA = path.join(ROOT, 'packages/graph/dist');
export const ARTIFACTS = path.join(ROOT, 'test-results/graph');

/** Bounds every browser wait, so a broken page fails its test instead of stalling the run. */
export const BROWSER_TIMEOUT = 15_000;

export interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

export function pom(args: string[]): Run {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Bundles once if the graph scripts or a CLI that knows `graph` are missing (a fresh checkout, or only `tsc` run). */
export function ensureBuilt(): void {
    const built =
        existsSync(path.join(MEDIA, 'graph-webview.js')) &&
        existsSync(path.join(MEDIA, 'graph-standalone.js')) &&
        existsSync(path.join(MEDIA, 'graph.css')) &&
        existsSync(path.join(ROOT, 'packages/cli/dist/main.js')) &&
        pom(['graph', '--help']).status === 0;
    if (built) return;
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bundle.js')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`bundling failed: ${result.stderr}`);
}

/** The compiled model a standalone page carries in its JSON data block. */
export function modelOfPage(file: string): CompiledModel {
    const html = readFileSync(file, 'utf8');
    const match = /<script type="application\/json" id="pom-model">([^<]*)<\/script>/.exec(html);
    if (!match) throw new Error(`no model in ${file}`);
    return JSON.parse(match[1]) as CompiledModel;
}

/** The npm-packaged headless Chromium (or the one POM_CHROMIUM names), driven by playwright-core. */
export async function launchChromium(): Promise<Browser> {
    return chromium.launch({ ...(await chromiumLaunchOptions()), timeout: BROWSER_TIMEOUT });
}

export interface GraphPage {
    page: Page;
    /** Every request the page made, by URL. */
    requests: string[];
    /** Uncaught errors and console errors. */
    errors: string[];
    close(): Promise<void>;
}

/**
 * Opens a page with only `allowed` file URLs reachable (everything else aborted, and recorded in `requests`), and
 * with `__cspViolations` and `__posted` (for the harness) ready before any page script runs.
 */
export async function openPage(browser: Browser, url: string, allowed: string[] = [url]): Promise<GraphPage> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const requests: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => {
        const target = route.request().url();
        return allowed.includes(target) ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(BROWSER_TIMEOUT);
    page.on('request', (request) => {
        const target = request.url();
        if (!target.startsWith('data:') && !target.startsWith('blob:')) requests.push(target);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
    });
    await page.addInitScript(() => {
        const scope = globalThis as unknown as {
            __cspViolations: string[];
            addEventListener(type: string, listener: (event: unknown) => void): void;
        };
        scope.__cspViolations = [];
        scope.addEventListener('securitypolicyviolation', (event) => {
            const e = event as unknown as { violatedDirective: string; blockedURI: string };
            scope.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
    });
    await page.goto(url);
    return { page, requests, errors, close: () => context.close() };
}

export function cspViolations(page: Page): Promise<string[]> {
    return page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations);
}

export function pwned(page: Page): Promise<unknown> {
    return page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned);
}

/** The `data-id`s of the nodes a locator finds. */
export function idsOf(locator: Locator): Promise<string[]> {
    return locator.evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
}

/** The drawn nodes that no filter hides. */
export function shownNodes(page: Page): Locator {
    return page.locator('.pom-canvas .node[data-id]:not(.filtered)');
}

export function shownEdges(page: Page): Locator {
    return page.locator('.pom-canvas path[data-link]:not(.filtered)');
}

/** The layout position of a node, from its transform. */
export async function positionOf(page: Page, id: string): Promise<{ x: number; y: number }> {
    const transform = await page.locator(`.node[data-id="${id}"]`).getAttribute('transform');
    const match = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(transform ?? '');
    if (!match) throw new Error(`no position on ${id}: ${transform}`);
    return { x: Number(match[1]), y: Number(match[2]) };
}

export function sorted(values: Iterable<string>): string[] {
    return [...values].sort();
}

/** Writes a generated model of at least `elements` elements. */
export function generateModelOf(folder: string, elements: number, files: number): void {
    generateModel(folder, { elements, files });
}

export interface FitReport {
    /** Pairs of drawn text boxes (labels, names, badges, band and column labels) that intersect. */
    overlaps: string[];
    /** Shown nodes whose box is not wholly inside the canvas. */
    outside: string[];
    /** Pairs of column headers that intersect. */
    headerOverlaps: string[];
    shownNodes: number;
    texts: number;
}

/** What a reader sees after Fit, measured from the rendered boxes. */
export function fitReport(page: Page): Promise<FitReport> {
    // The page's DOM, typed as far as this function uses it (the suites compile without the DOM library).
    interface Rect {
        left: number;
        right: number;
        top: number;
        bottom: number;
        width: number;
        height: number;
    }
    interface Element {
        getBoundingClientRect(): Rect;
        getAttribute(name: string): string | null;
        textContent: string | null;
    }
    type DOMRect = Rect;
    return page.evaluate(() => {
        const doc = (
            globalThis as unknown as {
                document: { querySelector(s: string): Element | null; querySelectorAll(s: string): Iterable<Element> };
            }
        ).document;
        const canvas = doc.querySelector('.pom-canvas')!.getBoundingClientRect();
        const visible = (r: DOMRect) => r.width > 0 && r.height > 0;
        const intersect = (a: DOMRect, b: DOMRect) =>
            a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        const pairs = (els: Element[]) => {
            const boxes = els.map((el) => ({ el, r: el.getBoundingClientRect() })).filter((b) => visible(b.r));
            const out: string[] = [];
            for (let i = 0; i < boxes.length; i++)
                for (let j = i + 1; j < boxes.length; j++)
                    if (intersect(boxes[i].r, boxes[j].r)) out.push(`${boxes[i].el.textContent} × ${boxes[j].el.textContent}`);
            return { out, count: boxes.length };
        };
        const texts = pairs([...doc.querySelectorAll('.pom-canvas text')]);
        const nodes = [...doc.querySelectorAll('.pom-canvas .node:not(.filtered)')];
        const outside = nodes
            .filter((n) => {
                const r = n.getBoundingClientRect();
                return (
                    r.left < canvas.left - 0.5 || r.right > canvas.right + 0.5 || r.top < canvas.top - 0.5 || r.bottom > canvas.bottom + 0.5
                );
            })
            .map((n) => n.getAttribute('data-id') ?? '');
        return {
            overlaps: texts.out,
            outside,
            headerOverlaps: pairs([...doc.querySelectorAll('.pom-header')]).out,
            shownNodes: nodes.length,
            texts: texts.count,
        };
    });
}

// The webview script in a harness page (harness.html: the webview's CSP, a fake acquireVsCodeApi that records what
// is posted): the protocol of webview-protocol.ts end to end — ready, model, cursor, reveal, export, error — and
// live updates that keep every surviving element where it was.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { type CompiledModel, ModelGraph } from 'pom-language/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutInput } from '../src/layout/layout-types.js';
import { CARD, SLOT, stageLayout } from '../src/layout/stage-layout.js';
import type { HostMessage, WebviewMessage } from '../src/webview-protocol.js';
import {
    cspViolations,
    ensureBuilt,
    type GraphPage,
    idsOf,
    launchChromium,
    MEDIA,
    openPage,
    pom,
    positionOf,
    pwned,
    ROOT,
    sorted,
} from './graph-browser.js';

const WIZARD = 'acme.growth.TeamActivation.WizardBet';
const HARNESS = path.join(ROOT, 'packages/graph/test/harness.html');

let browser: Browser;
let work: string;
let graph: GraphPage;
let page: Page;
let acme: CompiledModel;

function compile(folder: string): CompiledModel {
    const run = pom(['compile', folder]);
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as CompiledModel;
}

function posted(): Promise<WebviewMessage[]> {
    return page.evaluate(() => (globalThis as unknown as { __posted: WebviewMessage[] }).__posted);
}

async function lastPosted(): Promise<WebviewMessage | undefined> {
    return (await posted()).at(-1);
}

/** Sends a message as the extension host would. */
function send(message: HostMessage | Record<string, unknown>): Promise<void> {
    return page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*'), message);
}

async function waitForPosts(count: number): Promise<void> {
    await page.waitForFunction((n) => (globalThis as unknown as { __posted: unknown[] }).__posted.length >= n, count);
}

async function showModel(model: CompiledModel, probe: string): Promise<void> {
    await send({ type: 'model', model });
    await page.waitForSelector(`.node[data-id="${probe}"]`, { state: 'attached' });
}

beforeAll(async () => {
    ensureBuilt();
    work = mkdtempSync(path.join(tmpdir(), 'pom-webview-'));
    acme = compile('examples/acme');
    browser = await launchChromium();
    const allowed = [
        pathToFileURL(HARNESS).href,
        pathToFileURL(path.join(ROOT, 'packages/graph/test/fake-vscode-api.js')).href,
        pathToFileURL(path.join(MEDIA, 'graph-webview.js')).href,
        pathToFileURL(path.join(MEDIA, 'graph.css')).href,
    ];
    graph = await openPage(browser, allowed[0], allowed);
    page = graph.page;
});

afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
});

describe('the graph webview', () => {
    it('posts ready once loaded, before anything else', async () => {
        await waitForPosts(1);
        expect(await posted()).toEqual([{ type: 'ready' }]);
    });

    it('draws a model message: one node per element, one edge per link', async () => {
        await showModel(acme, WIZARD);
        expect(sorted(await idsOf(page.locator('.pom-canvas .node[data-id]')))).toEqual(sorted(acme.elements.map((e) => e.id)));
        expect(await page.locator('.pom-canvas path[data-link]').count()).toBe(acme.links.length);
    });

    it('posts reveal with the source of the element clicked', async () => {
        for (const id of [WIZARD, 'acme.discovery.LoneCreatorsChurn', 'acme.org.GrowthTeam']) {
            const before = (await posted()).length;
            await page.locator(`.node[data-id="${id}"]`).dispatchEvent('click');
            await waitForPosts(before + 1);
            const element = acme.elements.find((e) => e.id === id)!;
            expect(await lastPosted()).toEqual({ type: 'reveal', id, ...element.source });
        }
        const real = acme.elements.find((e) => e.id === WIZARD)!;
        expect(real.source.path).toBe('growth.pom');
        const before = (await posted()).length;
        await page.locator(`.node[data-id="${WIZARD}"]`).click();
        await waitForPosts(before + 1);
        expect(await lastPosted()).toEqual({
            type: 'reveal',
            id: WIZARD,
            path: 'growth.pom',
            line: real.source.line,
            column: real.source.column,
        });
    });

    it('posts reveal with the source of a link clicked', async () => {
        const index = acme.links.findIndex((l) => l.relation === 'chooses');
        const link = acme.links[index];
        const before = (await posted()).length;
        await page.locator(`path[data-link="${index}"]`).dispatchEvent('click');
        await waitForPosts(before + 1);
        expect(await lastPosted()).toEqual({ type: 'reveal', id: link.from, ...link.source });
    });

    it('highlights the element under the editor cursor and its lineage', async () => {
        await page.keyboard.press('Escape');
        expect(await page.locator('.node.lit').count()).toBe(0);
        const id = 'acme.growth.OnboardingCompletion';
        await send({ type: 'cursor', id });
        await page.waitForSelector(`.node.cursor[data-id="${id}"]`);
        expect(sorted(await idsOf(page.locator('.node.lit')))).toEqual(sorted(new ModelGraph(acme).lineage(id)));
        await send({ type: 'cursor', id: null });
        await page.waitForFunction(
            () => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('.node.cursor'),
        );
        expect(await page.locator('.node.lit').count()).toBe(0);
    });

    it('keeps the positions of surviving elements on a live update, and places a new one near its parent', async () => {
        const before = new Map<string, { x: number; y: number }>();
        for (const id of acme.elements.map((e) => e.id)) before.set(id, await positionOf(page, id));

        // The same model after an edit: an option added in the opportunity, one removed, and enough new insights in
        // a new file that a fresh layout would move almost everything.
        const folder = path.join(work, 'edited');
        cpSync(path.join(ROOT, 'examples/acme'), folder, { recursive: true });
        const growth = path.join(folder, 'growth.pom');
        const text = readFileSync(growth, 'utf8');
        const removed = /\n {2}\/\*\* A human onboarding call[^\n]*\n {2}option ConciergeOnboarding[\s\S]*?\n {2}\}\n/;
        expect(text).toMatch(removed);
        const anchor = '  /** The bet we placed first';
        expect(text).toContain(anchor);
        writeFileSync(
            growth,
            text
                .replace(removed, '\n')
                .replace(
                    anchor,
                    `  option PairedSetup "Set up the workspace together on a call" { addresses: TeamActivation }\n\n${anchor}`,
                ),
        );
        const insights = Array.from({ length: 60 }, (_, i) => `insight Note${i} "Field note ${i}" { source: frontline }`);
        writeFileSync(path.join(folder, 'notes.pom'), `namespace acme.notes\n\n${insights.join('\n')}\n`);
        const edited = compile(folder);
        const added = 'acme.growth.TeamActivation.PairedSetup';
        const parent = 'acme.growth.TeamActivation';
        const gone = 'acme.growth.TeamActivation.ConciergeOnboarding';
        expect(edited.elements.map((e) => e.id)).toContain(added);
        expect(edited.elements.map((e) => e.id)).not.toContain(gone);
        const fresh = stageLayout(layoutInput(edited)).cards;
        const moved = acme.elements.filter((e) => e.id !== gone && JSON.stringify(fresh.get(e.id)) !== JSON.stringify(before.get(e.id)));
        expect(moved.length).toBeGreaterThan(acme.elements.length / 2);

        await showModel(edited, added);
        expect(await page.locator(`.node[data-id="${gone}"]`).count()).toBe(0);
        expect(await page.locator('.pom-canvas .node[data-id]').count()).toBe(edited.elements.length);
        expect(await page.locator('.pom-canvas path[data-link]').count()).toBe(edited.links.length);
        for (const id of acme.elements.map((e) => e.id)) {
            if (id !== gone) expect(await positionOf(page, id), id).toEqual(before.get(id));
        }
        // The new option sits where a fresh layout would put it relative to its parent, give or take a free slot.
        const placed = await positionOf(page, added);
        const offset = { x: fresh.get(added)!.x - fresh.get(parent)!.x, y: fresh.get(added)!.y - fresh.get(parent)!.y };
        expect(Math.abs(placed.x - (before.get(parent)!.x + offset.x))).toBeLessThan(2 * (CARD.width + CARD.gapX) + 1);
        expect(Math.abs(placed.y - (before.get(parent)!.y + offset.y))).toBeLessThan(20 * SLOT + 1);
        // Its card overlaps no other.
        for (const [id, p] of before) {
            if (id === gone) continue;
            const apart = Math.abs(p.x - placed.x) >= CARD.width - CARD.indent || Math.abs(p.y - placed.y) >= CARD.height;
            expect(apart, `${id} at ${p.x},${p.y} and the new card at ${placed.x},${placed.y}`).toBe(true);
        }
    });

    it('keeps the positions of the force layout on a live update too', async () => {
        await page.locator('select[data-control="layout"]').selectOption('force');
        await page.waitForSelector('.pom-graph[data-settled="true"]');
        // The edited model is on screen; going back to acme keeps every element the two share.
        const before = new Map<string, { x: number; y: number }>();
        for (const id of await idsOf(page.locator('.pom-canvas .node[data-id]'))) before.set(id, await positionOf(page, id));
        await send({ type: 'model', model: acme });
        await page.waitForSelector('.node[data-id="acme.growth.TeamActivation.ConciergeOnboarding"]', { state: 'attached' });
        expect(await page.locator('.pom-canvas .node[data-id]').count()).toBe(acme.elements.length);
        const kept = acme.elements.map((e) => e.id).filter((id) => before.has(id));
        expect(kept.length).toBe(acme.elements.length - 1);
        for (const id of kept) expect(await positionOf(page, id), id).toEqual(before.get(id));
        await page.locator('select[data-control="layout"]').selectOption('flow');
    });

    it('posts the picture on export: SVG text and a PNG data URL', async () => {
        let before = (await posted()).length;
        await page.locator('[data-action="export-svg"]').click();
        await waitForPosts(before + 1);
        const svg = (await lastPosted()) as Extract<WebviewMessage, { type: 'export' }>;
        expect(svg.type).toBe('export');
        expect(svg.format).toBe('svg');
        expect(svg.data.startsWith('<svg')).toBe(true);
        // A presentable picture: the view's title and a legend of the stages it shows.
        expect(svg.data).toContain('class="export-title"');
        expect(svg.data).toContain('>Whole model</text>');
        for (const label of ['Insights', 'Bets', 'Outcomes', 'learning loop']) expect(svg.data).toContain(`>${label}</text>`);
        before = (await posted()).length;
        await page.locator('[data-action="export-png"]').click();
        await waitForPosts(before + 1);
        const png = (await lastPosted()) as Extract<WebviewMessage, { type: 'export' }>;
        expect(png.format).toBe('png');
        const prefix = 'data:image/png;base64,';
        expect(png.data.startsWith(prefix)).toBe(true);
        expect(Buffer.from(png.data.slice(prefix.length), 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    });

    it('posts an error for a model message without a model', async () => {
        const before = (await posted()).length;
        await send({ type: 'model', model: {} });
        await waitForPosts(before + 1);
        const message = await lastPosted();
        expect(message?.type).toBe('error');
        // The drawn model stays.
        expect(await page.locator(`.node[data-id="${WIZARD}"]`).count()).toBe(1);
    });

    it('draws a hostile model as text, runs nothing and breaks no CSP rule', async () => {
        const hostile = compile('packages/graph/test/fixtures/hostile');
        await showModel(hostile, 'hostile.Payload');
        expect(await page.locator('.pom-canvas .node[data-id]').count()).toBe(hostile.elements.length);
        for (const element of hostile.elements) {
            await page.locator(`.node[data-id="${element.id}"]`).dispatchEvent('pointerover');
            expect(await page.locator('.pom-card').textContent()).toContain(element.title ?? element.name);
            expect(await page.locator('.pom-graph img, .pom-graph iframe, .pom-graph script, .pom-graph svg a').count()).toBe(0);
            await page.locator(`.node[data-id="${element.id}"]`).dispatchEvent('click');
        }
        expect(await pwned(page)).toBeUndefined();
        expect(await page.locator('img, iframe, object, embed, foreignObject, a[href], body style').count()).toBe(0);
        expect(await page.locator('script').count()).toBe(2);
        expect((await posted()).filter((m) => m.type === 'error')).toHaveLength(1);
    });

    it('restores the view, zoom, filters, context switch and selection after a reload', async () => {
        const views = JSON.parse(readFileSync(path.join(ROOT, 'packages/graph/test/fixtures/acme-views.json'), 'utf8')) as Array<{
            id: string;
            elements: string[];
        }>;
        const model = { ...acme, views } as CompiledModel;
        const story = views[0];
        const member = story.elements.find((id) => acme.elements.find((e) => e.id === id)?.kind === 'bet')!;
        await showModel(model, WIZARD);
        await page.locator('select[data-control="view"]').selectOption(story.id);
        await page.waitForSelector('.pom-graph[data-layout-state="final"]');
        await page.locator('select[data-filter="horizon"]').selectOption('quarters');
        await page.locator('input[data-control="context"]').check();
        await page.locator(`.node[data-id="${member}"]`).dispatchEvent('click');
        await page.locator('.pom-canvas').press('+');
        await page.locator('.pom-canvas').press('+');
        await page.waitForTimeout(400);
        const transform = await page.locator('.pom-canvas .viewport').getAttribute('transform');

        await page.reload();
        await page.waitForFunction(() => (globalThis as unknown as { __posted: unknown[] }).__posted.length >= 1);
        await send({ type: 'model', model });
        await page.waitForSelector('.pom-graph[data-state="drawn"]');
        expect(await page.locator('select[data-control="view"]').inputValue()).toBe(story.id);
        expect(sorted(await idsOf(page.locator('.pom-canvas .node[data-id]')))).toEqual(sorted(story.elements));
        expect(await page.locator('select[data-filter="horizon"]').inputValue()).toBe('quarters');
        expect(await page.locator('input[data-control="context"]').isChecked()).toBe(true);
        expect(await page.locator('.pom-graph').getAttribute('data-selected')).toBe(member);
        expect(await page.locator('.pom-canvas .viewport').getAttribute('transform')).toBe(transform);
        // Back to the whole model and no filter, for the suites after this one.
        await page.locator('select[data-control="view"]').selectOption('');
        await page.locator('select[data-filter="horizon"]').selectOption('');
        await page.locator('input[data-control="context"]').uncheck();
    });

    it('loaded nothing but its own files and broke no CSP rule', async () => {
        expect(await cspViolations(page)).toEqual([]);
        expect(sorted(new Set(graph.requests))).toEqual(
            sorted([
                pathToFileURL(HARNESS).href,
                pathToFileURL(path.join(ROOT, 'packages/graph/test/fake-vscode-api.js')).href,
                pathToFileURL(path.join(MEDIA, 'graph-webview.js')).href,
                pathToFileURL(path.join(MEDIA, 'graph.css')).href,
            ]),
        );
        expect(graph.errors).toEqual([]);
    });
});

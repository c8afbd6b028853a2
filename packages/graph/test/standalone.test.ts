// The standalone page `pom graph` writes, opened offline in Chromium: examples/acme, a hostile model and a generated
// 2,000-element one (and one past the level-of-detail threshold). Every count and set is checked against the model
// the page itself carries, with lineage from the language package's ModelGraph.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { type CompiledElement, type CompiledModel, linkFlowSource, linkFlowTarget, ModelGraph } from 'pom-language/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    ARTIFACTS,
    cspViolations,
    ensureBuilt,
    type GraphPage,
    generateModelOf,
    idsOf,
    launchChromium,
    modelOfPage,
    openPage,
    pom,
    positionOf,
    pwned,
    shownEdges,
    shownNodes,
    sorted,
} from './graph-browser.js';

const WIZARD = 'acme.growth.TeamActivation.WizardBet';

let browser: Browser;
let work: string;

beforeAll(async () => {
    ensureBuilt();
    work = mkdtempSync(path.join(tmpdir(), 'pom-graph-'));
    browser = await launchChromium();
});

afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
});

/** Writes the page of a model folder with the built CLI and opens it; returns the page and the model in it. */
async function open(source: string, name: string): Promise<{ graph: GraphPage; model: CompiledModel; url: string }> {
    const file = path.join(work, `${name}.html`);
    const run = pom(['graph', source, '-o', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const url = pathToFileURL(file).href;
    const graph = await openPage(browser, url);
    await graph.page.waitForSelector('.pom-graph[data-state="drawn"]');
    return { graph, model: modelOfPage(file), url };
}

async function selectByClick(page: Page, id: string): Promise<void> {
    await page.locator(`.node[data-id="${id}"]`).dispatchEvent('click');
    await page.waitForSelector(`.pom-graph[data-selected="${id}"]`);
}

/** The drawn nodes that are lit, against the lineage the language package computes. */
async function expectLineageLit(page: Page, model: CompiledModel, id: string): Promise<void> {
    const lineage = new ModelGraph(model).lineage(id);
    expect(sorted(await idsOf(page.locator('.node.lit')))).toEqual(sorted(lineage));
}

async function setFilter(page: Page, name: string, value: string): Promise<void> {
    if (name === 'text') await page.locator('input[data-filter="text"]').fill(value);
    else await page.locator(`select[data-filter="${name}"]`).selectOption(value);
}

async function resetFilters(page: Page): Promise<void> {
    for (const name of ['kind', 'horizon', 'owner']) await setFilter(page, name, '');
    await setFilter(page, 'text', '');
    await page.locator('input[data-control="side"]').check();
    expect(await page.locator('.pom-canvas .filtered').count()).toBe(0);
}

/** The filter semantics the view documents (media/graph/filters.ts), written out again here. */
const FILTERS: Record<string, (e: CompiledElement, value: string) => boolean> = {
    kind: (e, v) => e.kindChain.includes(v),
    horizon: (e, v) => (e.horizon.effective ?? 'none') === v,
    owner: (e, v) => (v === 'none' ? e.owners.effective.length === 0 : e.owners.effective.includes(v)),
    text: (e, v) => e.id.toLowerCase().includes(v.toLowerCase()) || (e.title ?? '').toLowerCase().includes(v.toLowerCase()),
};

async function expectFilter(page: Page, model: CompiledModel, name: string, value: string): Promise<void> {
    await setFilter(page, name, value);
    const kept = new Set(model.elements.filter((e) => FILTERS[name](e, value)).map((e) => e.id));
    // A filter that keeps everything or nothing would prove little.
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.size).toBeLessThan(model.elements.length);
    expect(sorted(await idsOf(shownNodes(page)))).toEqual(sorted(kept));
    const links = model.links.filter((l) => kept.has(l.from) && kept.has(l.to));
    expect(await shownEdges(page).count()).toBe(links.length);
    await setFilter(page, name, '');
}

async function activeId(page: Page): Promise<string | null> {
    return page.evaluate('document.activeElement && document.activeElement.getAttribute("data-id")') as Promise<string | null>;
}

function flowNeighbours(model: CompiledModel, id: string, direction: 'down' | 'up'): Set<string> {
    const flow = model.links.filter((l) => l.flow === 'upstream' || l.flow === 'downstream');
    return direction === 'down'
        ? new Set(flow.filter((l) => linkFlowSource(l) === id).map(linkFlowTarget))
        : new Set(flow.filter((l) => linkFlowTarget(l) === id).map(linkFlowSource));
}

describe('the standalone page of examples/acme', () => {
    let graph: GraphPage;
    let model: CompiledModel;
    let url: string;
    let page: Page;

    beforeAll(async () => {
        ({ graph, model, url } = await open('examples/acme', 'acme'));
        page = graph.page;
    });

    it('draws one node per element and one edge per link', async () => {
        expect(model.elements.length).toBeGreaterThan(100);
        expect(sorted(await idsOf(page.locator('.pom-canvas .node[data-id]')))).toEqual(sorted(model.elements.map((e) => e.id)));
        const links = await page
            .locator('.pom-canvas path[data-link]')
            .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-link'))));
        expect(links.sort((a, b) => a - b)).toEqual(model.links.map((_, i) => i));
        expect(await page.locator('.pom-status').textContent()).toBe(`${model.elements.length} elements · ${model.links.length} links`);
    });

    it('keeps a screenshot as a test artifact', async () => {
        mkdirSync(ARTIFACTS, { recursive: true });
        const file = path.join(ARTIFACTS, 'acme.png');
        await page.screenshot({ path: file });
        expect(statSync(file).size).toBeGreaterThan(20_000);
    });

    it('highlights exactly the lineage of the element clicked, and its flow links', async () => {
        await page.locator(`.node[data-id="${WIZARD}"]`).click();
        await page.waitForSelector(`.pom-graph[data-selected="${WIZARD}"]`);
        await expectLineageLit(page, model, WIZARD);
        const lineage = new ModelGraph(model).lineage(WIZARD);
        const litLinks = model.links.filter(
            (l) => (l.flow === 'upstream' || l.flow === 'downstream') && lineage.has(l.from) && lineage.has(l.to),
        );
        expect(await page.locator('path[data-link].lit').count()).toBe(litLinks.length);
        expect(await page.locator('.node.selected').getAttribute('data-id')).toBe(WIZARD);
    });

    it('highlights the lineage of elements at every stage and of context elements', async () => {
        const picks = ['insights', 'options', 'execution', 'impacts', 'outcomes', 'context', 'investment'].map(
            (stage) => model.elements.find((e) => e.stage === stage)!.id,
        );
        for (const id of picks) {
            await selectByClick(page, id);
            await expectLineageLit(page, model, id);
        }
        await page.keyboard.press('Escape');
        expect(await page.locator('.node.lit').count()).toBe(0);
        expect(await page.locator('.pom-graph[data-selected]').count()).toBe(0);
    });

    it('hides exactly the right elements for each filter', async () => {
        await expectFilter(page, model, 'kind', 'bet');
        await expectFilter(page, model, 'kind', 'experiment');
        await expectFilter(page, model, 'kind', 'metric');
        await expectFilter(page, model, 'horizon', 'quarters');
        await expectFilter(page, model, 'horizon', 'none');
        await expectFilter(page, model, 'owner', 'acme.org.GrowthTeam');
        await expectFilter(page, model, 'owner', 'none');
        await expectFilter(page, model, 'text', 'WIZARD');
        await expectFilter(page, model, 'text', 'setup');
        await resetFilters(page);
    });

    it('hides the context, collaboration and investment elements with the side area, and combines filters', async () => {
        await page.locator('input[data-control="side"]').uncheck();
        const flow = model.elements.filter((e) => !['context', 'collaboration', 'investment'].includes(e.stage ?? 'other'));
        expect(sorted(await idsOf(shownNodes(page)))).toEqual(sorted(flow.map((e) => e.id)));
        await page.locator('input[data-control="side"]').check();
        await setFilter(page, 'kind', 'bet');
        await setFilter(page, 'owner', 'acme.org.GrowthTeam');
        const both = model.elements.filter((e) => e.kindChain.includes('bet') && e.owners.effective.includes('acme.org.GrowthTeam'));
        expect(both.length).toBeGreaterThan(0);
        expect(sorted(await idsOf(shownNodes(page)))).toEqual(sorted(both.map((e) => e.id)));
        await resetFilters(page);
    });

    it('draws a badge for every owner of a jointly owned element, side by side, clear of its name', async () => {
        const id = 'acme.strategy.Activation';
        const owners = model.elements.find((e) => e.id === id)!.owners.effective;
        expect(owners).toEqual(['acme.org.GrowthTeam', 'acme.org.CollaborationTeam']);
        const titles = owners.map((o) => model.elements.find((e) => e.id === o)!.title);
        const node = page.locator(`.node[data-id="${id}"]`);
        expect(await node.locator('.owner .badge-text').allTextContents()).toEqual(titles);
        // Boxes in the card's own coordinates: the badges and the name never overlap.
        const boxes = await node.evaluate((g) => {
            type Box = { x: number; y: number; width: number; height: number };
            type Graphic = { getBBox(): Box; getAttribute(name: string): string | null };
            const root = g as unknown as { querySelectorAll(s: string): Iterable<Graphic> };
            const offset = (el: Graphic) => /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(el.getAttribute('transform') ?? '') ?? [0, '0', '0'];
            const boxOf = (el: Graphic, shift: [number, number]) => {
                const b = el.getBBox();
                return { x: b.x + shift[0], y: b.y + shift[1], width: b.width, height: b.height };
            };
            return [
                ...[...root.querySelectorAll('.owner')].map((el) => {
                    const [, x, y] = offset(el);
                    return boxOf(el, [Number(x), Number(y)]);
                }),
                ...[...root.querySelectorAll('text.name')].map((el) => boxOf(el, [0, 0])),
            ];
        });
        expect(boxes).toHaveLength(3);
        const overlap = (a: (typeof boxes)[number], b: (typeof boxes)[number]) =>
            a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
        // The owner filter keeps the element for either of its teams.
        await expectFilter(page, model, 'owner', 'acme.org.CollaborationTeam');
        for (const owner of owners) {
            await setFilter(page, 'owner', owner);
            expect(await idsOf(shownNodes(page))).toContain(id);
        }
        await resetFilters(page);
    });

    it('travels along edges with the arrow keys', async () => {
        await selectByClick(page, WIZARD);
        expect(await activeId(page)).toBe(WIZARD);
        const downstream = flowNeighbours(model, WIZARD, 'down');
        expect(downstream.size).toBeGreaterThan(1);
        await page.keyboard.press('ArrowRight');
        const first = await activeId(page);
        expect(downstream).toContain(first);
        await page.keyboard.press('ArrowDown');
        const second = await activeId(page);
        expect(downstream).toContain(second);
        expect(second).not.toBe(first);
        await page.keyboard.press('ArrowLeft');
        expect(flowNeighbours(model, second!, 'up')).toContain(await activeId(page));
        const here = (await activeId(page))!;
        await page.keyboard.press('Enter');
        await page.waitForSelector(`.pom-graph[data-selected="${here}"]`);
        await expectLineageLit(page, model, here);
        await page.keyboard.press('Escape');
        expect(await page.locator('.node.lit').count()).toBe(0);
    });

    it('shows a hover card for an element and for a link with its metadata', async () => {
        const wizard = model.elements.find((e) => e.id === WIZARD)!;
        await page.locator(`.node[data-id="${WIZARD}"]`).hover();
        const card = page.locator('.pom-card');
        await card.waitFor({ state: 'visible' });
        const text = await card.textContent();
        expect(text).toContain(wizard.title);
        expect(text).toContain('quarters');
        expect(text).toContain(wizard.doc);
        expect(text).toContain('acme.org.GrowthTeam');
        const index = model.links.findIndex((l) => l.from === WIZARD && l.relation === 'targets' && Object.keys(l.metadata).length > 0);
        await page.locator(`path[data-link="${index}"]`).dispatchEvent('pointerover');
        const linkText = await card.textContent();
        expect(linkText).toContain('targets');
        expect(linkText).toContain('confidence: medium');
        expect(linkText).toContain('expected: "+10pts"');
    });

    it('exports SVG and PNG as downloads', async () => {
        const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-svg"]').click()]);
        const svg = readFileSync((await svgDownload.path())!, 'utf8');
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg.match(/class="node /g)?.length).toBe(model.elements.length);
        expect(svg).not.toContain('<script');
        const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-png"]').click()]);
        const png = readFileSync((await pngDownload.path())!);
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    });

    it('lays the model out by force, keeping every node and edge', async () => {
        const before = await positionOf(page, WIZARD);
        await page.locator('select[data-control="layout"]').selectOption('force');
        await page.waitForSelector('.pom-graph[data-settled="true"]');
        expect(await page.locator('.pom-canvas .node[data-id]').count()).toBe(model.elements.length);
        expect(await page.locator('.pom-canvas path[data-link]').count()).toBe(model.links.length);
        const after = await positionOf(page, WIZARD);
        expect(Number.isFinite(after.x) && Number.isFinite(after.y)).toBe(true);
        expect(after).not.toEqual(before);
        await page.locator('select[data-control="layout"]').selectOption('flow');
        expect(await positionOf(page, WIZARD)).toEqual(before);
    });

    it('made no request but for the page itself, broke no CSP rule and logged no error', async () => {
        expect(graph.requests).toEqual([url]);
        expect(await cspViolations(page)).toEqual([]);
        expect(graph.errors).toEqual([]);
    });
});

describe('the standalone page of a hostile model', () => {
    let graph: GraphPage;
    let model: CompiledModel;
    let page: Page;

    beforeAll(async () => {
        ({ graph, model } = await open('packages/graph/test/fixtures/hostile', 'hostile'));
        page = graph.page;
    });

    it('draws every element, its markup as text', async () => {
        expect(await page.locator('.pom-canvas .node[data-id]').count()).toBe(model.elements.length);
        for (const element of model.elements) {
            // The title as drawn, line by line; compared without white space (a long word is broken across lines).
            const lines = await page.locator(`.node[data-id="${element.id}"] .title-full tspan`).allTextContents();
            const drawn = lines.join('').replace(/\s+/g, '');
            const title = (element.title ?? element.name).replace(/\s+/g, '');
            expect(drawn.length).toBeGreaterThan(0);
            expect(title.startsWith(drawn.replace(/…$/, ''))).toBe(true);
        }
        expect(model.elements.some((e) => e.title?.includes('</script>'))).toBe(true);
    });

    it('runs nothing and creates no element from model text, while hovering and clicking everything', async () => {
        await page.locator('.pom-legend summary').click();
        for (const element of model.elements) {
            await page.locator(`.node[data-id="${element.id}"]`).hover();
            const card = await page.locator('.pom-card').textContent();
            expect(card).toContain(element.title ?? element.name);
            if (element.doc) expect(card).toContain(element.doc);
            await page.locator(`.node[data-id="${element.id}"]`).click();
        }
        for (const [i, link] of model.links.entries()) {
            await page.locator(`path[data-link="${i}"]`).dispatchEvent('pointerover');
            for (const value of Object.values(link.metadata))
                expect(await page.locator('.pom-card').textContent()).toContain(String(value.value));
        }
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-svg"]').click()]);
        const svg = readFileSync((await download.path())!, 'utf8');
        expect(svg).toContain('&lt;img src=x');
        expect(svg).not.toContain('<img');
        expect(await pwned(page)).toBeUndefined();
        expect(
            await page
                .locator(
                    'img, iframe, object, embed, foreignObject, style:not(head style), a[href], script:not([id="pom-model"]):not(head script)',
                )
                .count(),
        ).toBe(
            // the page's own inline script sits in <body>: exactly one
            1,
        );
        expect(await page.locator('.pom-toolbar').isVisible()).toBe(true);
        expect(await cspViolations(page)).toEqual([]);
        expect(graph.errors).toEqual([]);
    });
});

describe('the standalone page of a generated 2,000-element model', () => {
    let graph: GraphPage;
    let model: CompiledModel;
    let url: string;
    let page: Page;

    beforeAll(async () => {
        const folder = path.join(work, 'model-2000');
        generateModelOf(folder, 2000, 20);
        ({ graph, model, url } = await open(folder, 'model-2000'));
        page = graph.page;
    });

    it('draws one node per element and one edge per link', async () => {
        expect(model.elements.length).toBeGreaterThanOrEqual(2000);
        expect(sorted(await idsOf(page.locator('.pom-canvas .node[data-id]')))).toEqual(sorted(model.elements.map((e) => e.id)));
        expect(await page.locator('.pom-canvas path[data-link]').count()).toBe(model.links.length);
    });

    it('highlights exactly the lineage of a selected element', async () => {
        for (const kind of ['insight', 'bet', 'experiment', 'input', 'northstar', 'team']) {
            const id = model.elements.filter((e) => e.kind === kind)[7].id;
            await selectByClick(page, id);
            await expectLineageLit(page, model, id);
        }
    });

    it('hides exactly the right elements for each filter', async () => {
        await expectFilter(page, model, 'kind', 'bet');
        await expectFilter(page, model, 'horizon', 'months');
        await expectFilter(page, model, 'owner', 'bench.unit3.Team3');
        await expectFilter(page, model, 'text', 'Bet 1');
    });

    it('made no request but for the page itself and broke no CSP rule', async () => {
        expect(graph.requests).toEqual([url]);
        expect(await cspViolations(page)).toEqual([]);
        expect(graph.errors).toEqual([]);
    });
});

describe('the standalone page of a model past the level-of-detail threshold', () => {
    it('draws every element, bundles the links and still highlights exact lineage', async () => {
        const folder = path.join(work, 'model-4000');
        generateModelOf(folder, 4000, 40);
        const { graph, model } = await open(folder, 'model-4000');
        const page = graph.page;
        expect(model.elements.length).toBeGreaterThan(3000);
        expect(await page.locator('.pom-canvas .node[data-id]').count()).toBe(model.elements.length);
        expect(await page.locator('.pom-canvas .edge-bundle').count()).toBe(3);
        // Zoomed out to fit, the labels are not drawn.
        expect(await page.locator('.pom-canvas.far').count()).toBe(1);
        const id = model.elements.find((e) => e.kind === 'bet')!.id;
        await selectByClick(page, id);
        await expectLineageLit(page, model, id);
        const lineage = new ModelGraph(model).lineage(id);
        const litLinks = model.links.filter(
            (l) => (l.flow === 'upstream' || l.flow === 'downstream') && lineage.has(l.from) && lineage.has(l.to),
        );
        expect(await page.locator('path[data-link].lit').count()).toBe(litLinks.length);
        expect(await cspViolations(page)).toEqual([]);
        expect(graph.errors).toEqual([]);
    }, 90_000);
});

describe('the standalone page of an element with more owners than its card holds', () => {
    it('draws the owners that fit and counts the rest in a +N badge, all inside the card', async () => {
        const folder = path.join(work, 'owners');
        mkdirSync(folder, { recursive: true });
        const teams = ['One', 'Two', 'Three', 'Four', 'Five'].map((n) => `team ${n} "Research and analytics, squad ${n}"`);
        const text = `${teams.join('\n')}\ninsight Shared "Shared insight" { owner: One, Two, Three, Four, Five }\n`;
        writeFileSync(path.join(folder, 'owners.pom'), text);
        const { graph, model } = await open(folder, 'owners');
        expect(model.elements.find((e) => e.id === 'Shared')!.owners.effective).toEqual(['One', 'Two', 'Three', 'Four', 'Five']);
        const node = graph.page.locator('.node[data-id="Shared"]');
        const shown = await node.locator('.owner:not(.owner-more) .badge-text').allTextContents();
        const more = await node.locator('.owner-more .badge-text').allTextContents();
        expect(shown.length).toBeGreaterThanOrEqual(1);
        expect(more).toEqual([`+${5 - shown.length}`]);
        expect(shown[0].startsWith('Research')).toBe(true);
        // Every badge lies inside the card.
        const inside = await node.evaluate((g) => {
            type Box = { x: number; y: number; width: number; height: number };
            type Graphic = { getBBox(): Box; getAttribute(name: string): string | null };
            const root = g as unknown as { querySelector(s: string): Graphic; querySelectorAll(s: string): Iterable<Graphic> };
            const card = root.querySelector('rect.card').getBBox();
            return [...root.querySelectorAll('.owner')].map((el) => {
                const [, x] = /translate\(([-\d.e]+),/.exec(el.getAttribute('transform') ?? '') ?? [0, '0'];
                const b = el.getBBox();
                return Number(x) + b.x >= card.x && Number(x) + b.x + b.width <= card.x + card.width;
            });
        });
        expect(inside.length).toBe(shown.length + 1);
        expect(inside.every((i) => i)).toBe(true);
        expect(graph.errors).toEqual([]);
    });
});

describe('the page file', () => {
    it('is self-contained: the model escaped in a data block, script and style allowed by hash only', () => {
        const html = readFileSync(path.join(work, 'hostile.html'), 'utf8');
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
        expect(csp).toMatch(
            /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data: blob:; worker-src blob:$/,
        );
        // Nothing outside the data block and the two inline sheets can load anything, and they load nothing either.
        const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
        const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
        const shell = html
            .replace(/<script type="application\/json"[^>]*>[^<]*<\/script>/, '')
            .replace(style, '')
            .replace(script, '');
        expect(shell).not.toMatch(/\b(src|href)\s*=|<link|<img|<iframe/i);
        expect(style).not.toMatch(/@import|url\(/i);
        expect(script).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|EventSource|importScripts|sendBeacon|\beval\(|new Function/);
        expect(html.match(/<\/script>/g)?.length).toBe(2);
        expect(html).toContain('\\u003c/script>\\u003cscript>window.__pwned=4');
    });
});

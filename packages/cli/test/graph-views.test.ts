// `pom graph --view NAME` and `pom graph --all-views -o DIR` on the built binary: the page of a view holds exactly
// the view's elements and the links among them, the site has a page per view and an index linking each, model text
// is escaped, and usage mistakes are exit 2 with a message that helps.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CompiledModel } from 'pom-language';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderWith, prepareScratch, removeScratch, runPom } from './built-cli.js';

let scratch: string;
let compiled: CompiledModel;

beforeAll(() => {
    scratch = prepareScratch('pom-views-');
    const result = runPom(['compile', 'examples/acme']);
    expect(result.status).toBe(0);
    compiled = JSON.parse(result.stdout) as CompiledModel;
});

afterAll(() => removeScratch(scratch));

/** The model a standalone page carries in its data block. */
function pageModel(html: string): CompiledModel {
    const match = /<script type="application\/json" id="pom-model">([^<]*)<\/script>/.exec(html);
    if (!match) throw new Error('no model data block in the page');
    return JSON.parse(match[1]) as CompiledModel;
}

function view(id: string) {
    const found = compiled.views?.find((v) => v.id === id);
    if (!found) throw new Error(`no view ${id}`);
    return found;
}

describe('pom graph --view', () => {
    it('acme declares at least four views, each drawing something', () => {
        expect(compiled.views?.map((v) => v.name)).toEqual(['GrowthStory', 'GrowthTeamBets', 'LearningLoops', 'WholeModel']);
        for (const v of compiled.views ?? []) expect(v.elements.length, v.id).toBeGreaterThan(0);
        expect(view('acme.views.WholeModel').elements).toEqual(compiled.elements.map((e) => e.id).sort());
    });

    it('writes a page whose model holds exactly the view, its elements and the links among them', () => {
        const result = runPom(['graph', 'examples/acme', '--view', 'GrowthStory']);
        expect(result.status).toBe(0);
        const growth = view('acme.views.GrowthStory');
        const model = pageModel(result.stdout);
        expect(model.elements.map((e) => e.id).sort()).toEqual(growth.elements);
        const chosen = new Set(growth.elements);
        const links = compiled.links.filter((l) => chosen.has(l.from) && chosen.has(l.to));
        expect(model.links).toEqual(links);
        expect(links.length).toBeGreaterThan(0);
        expect(model.views).toEqual([growth]);
        expect(result.stdout).toContain('<title>How growth bets reach the north star · acme</title>');
    });

    it('takes the view by its full id too, and --select narrows the view further', () => {
        const result = runPom(['graph', 'examples/acme', '--view', 'acme.views.GrowthStory', '--select', 'kind:bet']);
        expect(result.status).toBe(0);
        const bets = pageModel(result.stdout).elements;
        expect(bets.map((e) => e.kind)).toEqual(bets.map(() => 'bet'));
        expect(bets.map((e) => e.id).every((id) => view('acme.views.GrowthStory').elements.includes(id))).toBe(true);
    });

    it('an unknown view is exit 2 with a did you mean, and nothing on stdout', () => {
        const result = runPom(['graph', 'examples/acme', '--view', 'GrowthStroy']);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe('pom: no view `GrowthStroy` in the model; did you mean `GrowthStory`?\n');
        const far = runPom(['graph', 'examples/acme', '--view', 'Roadmap']);
        expect(far.status).toBe(2);
        expect(far.stderr).toContain('the views are `GrowthStory`, `GrowthTeamBets`, `LearningLoops` and `WholeModel`');
    });

    it('in SVG, Mermaid and DOT the view carries its title', () => {
        const svg = runPom(['graph', 'examples/acme', '--view', 'LearningLoops', '--format', 'svg']).stdout;
        expect(svg).toContain('<text class="title" x="12" y="27">What our experiments taught us, and where it led</text>');
        const mermaid = runPom(['graph', 'examples/acme', '--view', 'LearningLoops', '--format', 'mermaid']).stdout;
        expect(mermaid.startsWith('---\ntitle: "What our experiments taught us, and where it led"\n---\nflowchart LR\n')).toBe(true);
        const dot = runPom(['graph', 'examples/acme', '--view', 'LearningLoops', '--format', 'dot']).stdout;
        expect(dot).toContain('label="What our experiments taught us, and where it led", labelloc=t');
    });
});

describe('pom graph --all-views', () => {
    it('writes a page per view and an index linking each, under a strict CSP', () => {
        const out = path.join(scratch, 'site');
        const result = runPom(['graph', 'examples/acme', '--all-views', '-o', out]);
        expect(result.status).toBe(0);
        const views = compiled.views ?? [];
        const pages = views.map((v) => `${v.id}.html`);
        expect(readdirSync(out).sort()).toEqual([...pages, 'index.html'].sort());
        const index = readFileSync(path.join(out, 'index.html'), 'utf8');
        const links = [...index.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
        expect(links).toEqual(views.map((v) => [`${v.id}.html`, v.title]));
        // Nothing loads but the one inline style sheet, let in by its hash.
        const csp = /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-([^']+)'">/.exec(index);
        const style = /<style>([\s\S]*?)<\/style>/.exec(index)?.[1] ?? '';
        expect(csp?.[1]).toBe(createHash('sha256').update(style, 'utf8').digest('base64'));
        expect(index).not.toMatch(/<script/);
        for (const v of views) {
            const model = pageModel(readFileSync(path.join(out, `${v.id}.html`), 'utf8'));
            expect(model.elements.map((e) => e.id).sort(), v.id).toEqual(v.elements);
        }
    });

    it('with --format svg writes SVG pages and links them from the index', () => {
        const out = path.join(scratch, 'svg-site');
        expect(runPom(['graph', 'examples/acme', '--all-views', '--format', 'svg', '-o', out]).status).toBe(0);
        expect(existsSync(path.join(out, 'acme.views.GrowthStory.svg'))).toBe(true);
        expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('href="acme.views.GrowthStory.svg"');
    });

    it('escapes model text in the index and the pages', () => {
        const folder = folderWith(scratch, 'hostile', {
            'a.pom': [
                'insight I "</script><script>alert(1)</script>"',
                '/** <img src=x onerror=alert(2)> */',
                `view V "<b>bold</b> & 'quoted'" { include: 'I' }`,
            ].join('\n'),
        });
        const out = path.join(scratch, 'hostile-site');
        expect(runPom(['graph', folder, '--all-views', '-o', out]).status).toBe(0);
        const index = readFileSync(path.join(out, 'index.html'), 'utf8');
        expect(index).toContain("&lt;b&gt;bold&lt;/b&gt; &amp; 'quoted'");
        expect(index).toContain('&lt;img src=x onerror=alert(2)&gt;');
        expect(index).not.toContain('<b>');
        const page = readFileSync(path.join(out, 'V.html'), 'utf8');
        expect(page.match(/<\/script>/g)).toHaveLength(2); // the data block's and the renderer's, nothing from the model
        expect(pageModel(page).elements[0].title).toBe('</script><script>alert(1)</script>');
    });

    it('needs -o, does not combine with --view, and refuses a model without views: exit 2', () => {
        const noOut = runPom(['graph', 'examples/acme', '--all-views']);
        expect([noOut.status, noOut.stderr]).toEqual([2, 'pom: --all-views writes a folder of pages; give it with -o DIR\n']);
        const both = runPom(['graph', 'examples/acme', '--all-views', '--view', 'GrowthStory', '-o', path.join(scratch, 'x')]);
        expect(both.status).toBe(2);
        const plain = folderWith(scratch, 'plain', { 'a.pom': 'insight I' });
        const none = runPom(['graph', plain, '--all-views', '-o', path.join(scratch, 'none')]);
        expect([none.status, none.stderr]).toEqual([2, 'pom: the model declares no view; add a `view` declaration to draw one\n']);
    });
});

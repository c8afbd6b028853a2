// The text pictures of a model — Mermaid, DOT, SVG and the standalone page — and `pom graph` itself: every piece of
// model text escaped for its syntax, ids one-to-one, output deterministic, --select, and the exit codes.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    dotString,
    jsonForScript,
    mermaidId,
    mermaidText,
    standaloneGraphHtml,
    toDot,
    toMermaid,
    toSvg,
    xmlText,
} from 'pom-language/export';
import { type CompiledModel, ModelGraph } from 'pom-language/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, modelOfPage, pom } from './graph-browser.js';

const NASTY = [
    "<img src=x onerror='window.__pwned=1'>",
    '</script><script>alert(1)</script>',
    'a "quoted" title; with #35; an entity, a | pipe, [brackets], {braces}, (parens) and `ticks`',
    'back\\slash at the end \\',
    'two\nlines\r\nand a\ttab',
    '%%{init: {"theme": "dark"}}%%',
    'click n_x call alert()',
    '&lt;already escaped&gt; & an ampersand',
    'emoji 🚀 and ü',
];

let work: string;
let acme: CompiledModel;
let hostile: CompiledModel;

beforeAll(() => {
    ensureBuilt();
    work = mkdtempSync(path.join(tmpdir(), 'pom-graph-text-'));
    acme = JSON.parse(pom(['compile', 'examples/acme']).stdout) as CompiledModel;
    hostile = JSON.parse(pom(['compile', 'packages/graph/test/fixtures/hostile']).stdout) as CompiledModel;
});

afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
});

/** Mermaid's `#code;` entities back to text. */
function fromMermaid(text: string): string {
    return text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** A DOT double-quoted string back to text (the escapes dotString makes). */
function fromDot(quoted: string): string {
    expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
    return quoted.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

describe('Mermaid', () => {
    it('gives every element id its own node id, made of safe characters only', () => {
        const ids = ['a.b_c', 'a_b.c', 'a.b.c', 'a__b', 'a.b#2', 'end', 'x.ü', 'x.🚀', ...acme.elements.map((e) => e.id)];
        const made = ids.map(mermaidId);
        expect(new Set(made).size).toBe(new Set(ids).size);
        for (const id of made) expect(id).toMatch(/^n_[A-Za-z0-9_]+$/);
        expect(mermaidId('acme.growth.WizardBet')).toBe('n_acme__growth__WizardBet');
    });

    it('escapes text so it can neither end a label nor start markup, and decodes to the same text', () => {
        for (const text of NASTY) {
            const escaped = mermaidText(text);
            expect(escaped).not.toMatch(/["<>`\n\r\t|[\]{}()]/);
            expect(fromMermaid(escaped)).toBe(text.replace(/[\n\r\t]/g, ' '));
        }
    });

    it('draws every element and link of a model, one statement a line, all model text quoted and escaped', () => {
        const text = toMermaid(hostile);
        const lines = text.trimEnd().split('\n');
        expect(lines[0]).toBe('flowchart LR');
        const nodes = lines.filter((l) => /^ {4}n_\w+[([{>]/.test(l));
        const edges = lines.filter((l) => /^ {4}n_\w+ (-->|-\.->|---)\|"[^"]*"\| n_\w+$/.test(l));
        expect(nodes).toHaveLength(hostile.elements.length);
        expect(edges).toHaveLength(hostile.links.length);
        for (const line of nodes)
            expect(line).toMatch(/^ {4}n_\w+(\(\[|\[|\{|\{\{|>|\[\/|\[\\|\(\()"[^"<>\n]*"(\]\)|\]|\}|\}\}|\\\]|\/\]|\)\)):::stage_\w+$/);
        for (const element of hostile.elements) expect(text).toContain(mermaidText(element.title ?? element.name));
        expect(text).not.toMatch(/<|%%\{/);
    });
});

describe('DOT', () => {
    it('quotes strings so they decode to the same text', () => {
        for (const text of NASTY) expect(fromDot(dotString(text))).toBe(text.replace(/\r\n|\r/g, '\n').replace(/\t/g, ' '));
    });

    it('draws every element in its stage cluster and every link, with nothing unquoted', () => {
        const text = toDot(hostile);
        const edgeLines = text.split('\n').filter((l) => l.includes(' -> '));
        expect(edgeLines).toHaveLength(hostile.links.length);
        for (const element of hostile.elements) expect(text).toContain(`${dotString(element.id)} [label=`);
        // Outside quoted strings only DOT syntax remains: strip the strings and look at what is left.
        const bare = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/ -> /g, ' ');
        expect(bare).not.toMatch(/[<>]|window|script/);
        expect(bare.match(/\{/g)?.length).toBe(bare.match(/\}/g)?.length);
    });
});

describe('SVG', () => {
    it('draws every element and link of the flow layout, model text escaped', () => {
        const svg = toSvg(hostile);
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg.match(/<g transform=/g)).toHaveLength(hostile.elements.length);
        expect(svg.match(/<path class="edge /g)).toHaveLength(hostile.links.length);
        expect(svg).not.toMatch(/<(img|script|iframe|a|foreignObject)\b/);
        expect(svg).toContain(xmlText("<img src=x onerror='window.__pwned=1'>"));
    });
});

describe('the standalone page', () => {
    it('keeps < out of the model data, so nothing in it can end the data block', () => {
        const json = jsonForScript({ title: '</script><!-- <script>' });
        expect(json).not.toContain('<');
        expect(JSON.parse(json)).toEqual({ title: '</script><!-- <script>' });
    });

    it('allows exactly its inline script and style by their SHA-256', () => {
        const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');
        const html = standaloneGraphHtml({ model: hostile, script: 'let a = "</script>"; // <!--', style: 'p{}', title: '<t>', sha256 });
        const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
        const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
        expect(script).toBe('let a = "<\\/script>"; // <\\!--');
        expect(html).toContain(`script-src 'sha256-${sha256(script)}'`);
        expect(html).toContain(`style-src 'sha256-${sha256(style)}'`);
        expect(html).toContain('<title>&lt;t&gt;</title>');
    });
});

describe('pom graph', () => {
    it('writes Mermaid and DOT to stdout, the same bytes every time', () => {
        const mermaid = pom(['graph', 'examples/acme', '--format', 'mermaid']);
        expect(mermaid.status).toBe(0);
        expect(mermaid.stdout).toBe(toMermaid(acme));
        expect(pom(['graph', 'examples/acme', '-f', 'mermaid']).stdout).toBe(mermaid.stdout);
        const dot = pom(['graph', 'examples/acme', '-f', 'dot']);
        expect(dot.status).toBe(0);
        expect(dot.stdout).toBe(toDot(acme));
    });

    it('writes one self-contained HTML file, the same bytes every time', () => {
        const a = path.join(work, 'a.html');
        const b = path.join(work, 'b.html');
        expect(pom(['graph', 'examples/acme', '-o', a]).status).toBe(0);
        expect(pom(['graph', 'examples/acme', '-o', b]).status).toBe(0);
        expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
        expect(modelOfPage(a)).toEqual(acme);
        const svg = path.join(work, 'acme.svg');
        expect(pom(['graph', 'examples/acme', '-f', 'svg', '-o', svg]).status).toBe(0);
        expect(readFileSync(svg, 'utf8')).toBe(toSvg(acme));
    });

    it('draws only the selected elements and the links among them with --select', () => {
        const file = path.join(work, 'selected.html');
        const run = pom(['graph', 'examples/acme', '--select', '+WizardBet+', '-o', file]);
        expect(run.status).toBe(0);
        const model = modelOfPage(file);
        const lineage = new ModelGraph(acme).lineage('acme.growth.TeamActivation.WizardBet');
        expect(model.elements.map((e) => e.id).sort()).toEqual([...lineage].sort());
        expect(model.links).toEqual(acme.links.filter((l) => lineage.has(l.from) && lineage.has(l.to)));
        const bad = pom(['graph', 'examples/acme', '--select', 'NoSuchThing']);
        expect(bad.status).toBe(2);
        expect(bad.stderr).toMatch(/^pom: /);
    });

    it('writes the picture of a model with errors, and exits 1', () => {
        const file = path.join(work, 'problems.html');
        const run = pom(['graph', 'examples/problems', '-o', file]);
        expect(run.status).toBe(1);
        expect(existsSync(file)).toBe(true);
        expect(modelOfPage(file).diagnostics.some((d) => d.severity === 'error')).toBe(true);
    });

    it('exits 2 on usage and I/O errors', () => {
        expect(pom(['graph', 'examples/acme', '--format', 'png']).status).toBe(2);
        expect(pom(['graph', 'no/such/folder']).status).toBe(2);
        const run = pom(['graph', 'examples/acme', '-o', path.join(work, 'missing/folder/x.html')]);
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('cannot write');
    });
});

// The diff as a PR comment: compared with reviewed expected files, inert whatever the model says
// (hostile titles, docs, values and metadata), valid Mermaid, and within GitHub's comment limit however large the
// diff. Also the escaping helpers one by one, and the terminal renderer's colour and control characters.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { CompiledElement, CompiledLink, CompiledModel } from '../src/compile/compiled-model.js';
import { DIFF_COMMENT_MARKER, diffToMarkdown } from '../src/diff/diff-markdown.js';
import type { ModelDiff } from '../src/diff/diff-report.js';
import { diffToText } from '../src/diff/diff-text.js';
import { mdCode, mdMessage, mdText, mermaidText } from '../src/diff/markdown-text.js';
import { diffModels } from '../src/diff/model-diff.js';
import { diffCase } from './fixtures/diff/load-case.js';

const expected = (name: string) => readFileSync(new URL(`./fixtures/diff/${name}/expected.md`, import.meta.url), 'utf8');

/** The checks every comment must pass, whatever model text went into it. */
function expectInert(comment: string): void {
    // Mermaid sources are code, not Markdown (their colours are `#1a7f37`); expectMermaid checks them.
    const markdown = comment.replace(/```mermaid\n[\s\S]*?\n```/g, '```mermaid```');
    // No HTML from the model: the only tags are ours.
    const tags = [...markdown.matchAll(/<\/?([a-zA-Z!][\w-]*)/g)].map((m) => m[1].toLowerCase());
    expect(new Set(tags)).toEqual(new Set(tags.filter((t) => ['!--', 'details', 'summary', 'br'].includes(t))));
    expect(comment).not.toMatch(/<script|<img|<b>/i);
    expect(comment.match(/<!--/g)).toEqual(['<!--']);
    // No mention or issue link: every `@word` and `#123` is broken by a zero-width space or an entity.
    expect(comment).not.toMatch(/@[\w-]/);
    expect(markdown).not.toMatch(/(^|[^&\w])#\d/m);
    // No Markdown link, image or autolink made of model text.
    expect(markdown).not.toMatch(/(?<!\\)\]\(/);
    expect(markdown).not.toMatch(/https?:\/\//);
    // Table rows have exactly their five cells: no `|` from model text splits one.
    for (const row of markdown.split('\n').filter((l) => l.startsWith('|'))) {
        expect(row.split(/(?<!\\)\|/).length, row).toBe(7);
    }
}

/** Mermaid sanity: a flowchart, balanced quotes on every line, every node used is declared, no raw markup. */
function expectMermaid(markdown: string): string[] {
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    for (const block of blocks) {
        const lines = block.split('\n');
        expect(lines[0]).toBe('flowchart LR');
        const declared = new Set<string>();
        for (const line of lines.slice(1)) {
            expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
            for (const [, label] of line.matchAll(/"([^"]*)"/g)) expect(label.replace(/<br\/>|#\w+;/g, ''), line).not.toMatch(/[<>`|;#"]/);
            const node = /^ {4}(n\d+)\["[^"]*"\]$/.exec(line);
            if (node) {
                expect(declared.has(node[1]), `${node[1]} declared twice`).toBe(false);
                declared.add(node[1]);
                continue;
            }
            const edge = /^ {4}(n\d+) (-->|==>|-\.->)\|"[^"]*"\| (n\d+)$/.exec(line);
            const member = /^ {4}class ((?:n\d+,)*n\d+) (added|removed|renamed|changed|affected|neighbour)$/.exec(line);
            const style = /^ {4}(classDef \w+|linkStyle [\d,]+) [\w#:,. -]+$/.test(line);
            expect(Boolean(edge || member || style), line).toBe(true);
            const used = edge ? [edge[1], edge[3]] : member ? member[1].split(',') : [];
            for (const id of used) expect(declared.has(id), `${id} is used before it is declared`).toBe(true);
        }
        const edges = lines.filter((l) => /^ {4}n\d+ /.test(l)).length;
        for (const line of lines.filter((l) => l.startsWith('    linkStyle'))) {
            for (const index of line.split(' ')[5].split(',').map(Number)) expect(index).toBeLessThan(edges);
        }
    }
    return blocks;
}

describe('reviewed comments', () => {
    test.each(['lineage-input', 'renamed', 'hostile'])('%s matches its reviewed expected.md', async (name) => {
        const markdown = diffToMarkdown(await diffCase(name));
        expect(markdown).toBe(expected(name));
        expectInert(markdown);
        expect(expectMermaid(markdown)).toHaveLength(1);
    });

    test('every fixture pair gives an inert comment with valid Mermaid, the marker first', async () => {
        for (const name of [
            'added',
            'removed',
            'not-renamed',
            'moved',
            'fields',
            'links',
            'diagnostics',
            'lineage-insight',
            'horizon',
            'orphan',
        ]) {
            const markdown = diffToMarkdown(await diffCase(name));
            expect(markdown.startsWith(`${DIFF_COMMENT_MARKER}\n`), name).toBe(true);
            expectInert(markdown);
            expect(expectMermaid(markdown), name).toHaveLength(1);
        }
    });

    test('lineage consequences come first, before the elements, links and diagnostics', async () => {
        const markdown = diffToMarkdown(await diffCase('diagnostics'));
        const order = ['### Lineage consequences', '### Elements', '### Links', '### Diagnostics', '### Changed neighbourhood'].map((h) =>
            markdown.indexOf(h),
        );
        expect(order.every((at) => at > 0)).toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    test('horizon violations and orphans get their own section with a sentence that counts them', async () => {
        const horizon = diffToMarkdown(await diffCase('horizon'));
        expect(horizon).toContain("1 element now exceeds its parent's horizon and 1 link now runs from a longer horizon to a shorter one.");
        const orphan = diffToMarkdown(await diffCase('orphan'));
        expect(orphan).toContain('1 element now has no relations at all.');
    });

    test('an unchanged model says so and nothing more', async () => {
        const markdown = diffToMarkdown(await diffCase('unchanged'));
        expect(markdown).toBe(
            `${DIFF_COMMENT_MARKER}\n## POM model diff\n\nComparing \`before\` (23 elements) with \`after\` (23 elements).\n\n**No changes to the model.**\n`,
        );
    });
});

// ---- a huge diff --------------------------------------------------------------------------------------------------

const HOSTILE = '<script>alert(1)</script> | `x` @someone #42 <img src=x onerror=alert(1)> **b** [l](javascript:x) ';

function element(id: string, overrides: Partial<CompiledElement> = {}): CompiledElement {
    const none = { declared: null, effective: null, inheritedFrom: null, via: null };
    return {
        id,
        kind: 'bet',
        kindChain: ['bet', 'element'],
        stage: 'bets',
        name: id.slice(id.lastIndexOf('.') + 1),
        title: null,
        doc: null,
        namespace: 'big',
        parent: null,
        fields: {},
        horizon: { ...none, length: null, months: null },
        owners: { declared: [], effective: [], inheritedFrom: null, via: null },
        funding: none,
        incoming: {},
        reaches: { insight: false, input: false, driver: false, northStar: false, outcome: false },
        source: { path: 'big.pom', line: 1, column: 1 },
        ...overrides,
    };
}

function link(from: string, relation: string, to: string, flow: CompiledLink['flow']): CompiledLink {
    return { from, relation, to, flow, implied: false, metadata: {}, source: { path: 'big.pom', line: 1, column: 1 } };
}

function model(elements: CompiledElement[], links: CompiledLink[], diagnostics: CompiledModel['diagnostics'] = []): CompiledModel {
    return { format: 'pom-model', version: 2, elements, links, kinds: [], diagnostics };
}

/** 3,000 bets with long hostile titles and fields, all changed, half cut off from the north star, plus additions. */
function hugeDiff(): ModelDiff {
    const count = 3000;
    const northstar = element('big.North', { kind: 'northstar', stage: 'northstar', title: 'North' });
    const driver = element('big.Driver', { kind: 'driver', stage: 'drivers', title: 'Driver' });
    const bets = (version: string) =>
        Array.from({ length: count }, (_, i) =>
            element(`big.Bet${i}`, {
                title: `${HOSTILE.repeat(3)} ${version}`,
                fields: { hypothesis: { type: 'string', value: `${HOSTILE.repeat(20)} ${version}` } },
            }),
        );
    const flows = (cut: boolean) => [
        link('big.Driver', 'feeds', 'big.North', 'downstream'),
        ...Array.from({ length: count }, (_, i) => link(`big.Bet${i}`, 'toward', 'big.Driver', 'downstream')).filter(
            (_, i) => !cut || i % 2 === 0,
        ),
    ];
    const diagnostics = (n: number) =>
        Array.from({ length: n }, (_, i) => ({
            code: 'no-downstream',
            severity: 'info' as const,
            message: `bet \`Bet${i}\` ${HOSTILE}`,
            source: { path: 'big.pom', line: i + 1, column: 1, endLine: i + 1, endColumn: 2 },
        }));
    const added = Array.from({ length: count }, (_, i) =>
        element(`big.New${i}`, { kind: `k${i % 50}|<b>`, title: HOSTILE.repeat(5), source: { path: 'big.pom', line: i + 1, column: 1 } }),
    );
    return diffModels(
        model([northstar, driver, ...bets('old')], flows(false)),
        model([northstar, driver, ...bets('new'), ...added], flows(true), diagnostics(count)),
        { baseLabel: `origin/main ${HOSTILE}`, headLabel: 'HEAD' },
    );
}

describe('the comment limit', () => {
    const diff = hugeDiff();

    test('a huge diff stays within the budget, cut with "and N more", still inert and valid', () => {
        expect(diff.elements.changed).toHaveLength(3000);
        expect(diff.lineage).toHaveLength(1500);
        const markdown = diffToMarkdown(diff);
        expect(new TextEncoder().encode(markdown).length).toBeLessThanOrEqual(60_000);
        expect(markdown.length).toBeLessThan(65_536);
        expect(markdown.startsWith(`${DIFF_COMMENT_MARKER}\n`)).toBe(true);
        expect(markdown).toMatch(/- … and \d+ more/);
        expect(markdown).toContain('Some lists were shortened to fit a comment');
        // The most important section survives the cut, its first items in view and the rest collapsed.
        expect(markdown).toContain('### Lineage consequences\n\n**Lost a path (1500)**\n\n- `big.Bet1`');
        expect(markdown).toContain('<details><summary>1492 more</summary>');
        expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
        expect(markdown.match(/```/g)!.length % 2).toBe(0);
        expectInert(markdown);
        expectMermaid(markdown);
    });

    test('a budget too small for any plan cuts at a line and closes what it opened', () => {
        for (const budget of [1_500, 4_000, 9_000]) {
            const markdown = diffToMarkdown(diff, { budget });
            expect(new TextEncoder().encode(markdown).length).toBeLessThanOrEqual(budget);
            expect(markdown).toMatch(budget < 4_000 ? /The report was cut to fit a comment/ : /(cut|shortened) to fit a comment/);
            expect(markdown.match(/<details>/g)?.length ?? 0).toBe(markdown.match(/<\/details>/g)?.length ?? 0);
            expect((markdown.match(/```/g) ?? []).length % 2).toBe(0);
            expectInert(markdown);
        }
    });

    test('a comment that fits is not cut', async () => {
        const markdown = diffToMarkdown(await diffCase('lineage-insight'));
        expect(markdown).not.toContain('and 0 more');
        expect(markdown).not.toContain('shortened');
        // 17 elements lost a path: the first 8 in view, the other 9 collapsed, every one listed.
        expect(markdown).toContain('**Lost a path (17)**');
        expect(markdown).toContain('<details><summary>9 more</summary>');
        expect(markdown.match(/ no longer reaches /g)).toHaveLength(17);
    });
});

// ---- escaping -----------------------------------------------------------------------------------------------------

describe('escaping', () => {
    test('mdText makes HTML, Markdown, mentions, issue links, math and emoji inert', () => {
        expect(mdText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(mdText('a | b')).toBe('a \\| b');
        expect(mdText('`code` *em* _em_ [x](y) ~~s~~ $m$ \\')).toBe('\\`code\\` \\*em\\* \\_em\\_ \\[x\\](y) \\~\\~s\\~\\~ \\$m\\$ \\\\');
        expect(mdText('@octocat @acme/team mail@example.com')).toBe('@\u200boctocat @\u200bacme/team mail@\u200bexample.com');
        expect(mdText('#12 and # 12 and C#')).toBe('#\u200b12 and # 12 and C#');
        expect(mdText(':smile: and 10: x and https://x')).toBe(':\u200bsmile: and 10: x and https:\u200b//x');
        expect(mdText('&lt;')).toBe('&amp;lt;');
        expect(mdText('line\nbreak\u001b[31m\u202eevil')).toBe('line break \\[31m evil');
    });

    test('mdCode keeps safe identifiers as code spans and falls back to text for anything else', () => {
        expect(mdCode('acme.growth.WizardBet')).toBe('`acme.growth.WizardBet`');
        expect(mdCode('growth.pom:12')).toBe('`growth.pom:12`');
        expect(mdCode('a`b')).toBe('a\\`b');
        expect(mdCode('a|b')).toBe('a\\|b');
        expect(mdCode('<b>')).toBe('&lt;b&gt;');
        expect(mdCode('@team')).toBe('@\u200bteam');
        expect(mdCode(' padded ')).toBe(' padded ');
    });

    test('mdMessage keeps the names a message quotes as code, and escapes the rest', () => {
        expect(mdMessage('`Build` looks <years> ahead')).toBe('`Build` looks &lt;years&gt; ahead');
        expect(mdMessage('Unknown `<img src=x>` here')).toBe('Unknown \\`&lt;img src=x&gt;\\` here');
        expect(mdMessage('an odd ` backtick')).toBe('an odd \\` backtick');
    });

    test('mermaidText turns every character that means something in a label into an entity code', () => {
        expect(mermaidText('"a" <b> #1 & `c` | ; @x \\')).toBe('#quot;a#quot; #lt;b#gt; #35;1 #amp; #96;c#96; #124; #59; #64;x #92;');
        expect(mermaidText('line\nbreak')).toBe('line break');
    });
});

describe('text for a terminal', () => {
    test('colour only when asked, and no control characters from the model either way', async () => {
        const diff = await diffCase('lineage-input');
        expect(diffToText(diff)).not.toContain('\u001b');
        expect(diffToText(diff, { colour: true })).toContain('\u001b[31m✗\u001b[0m');
        const hostile = structuredClone(diff);
        hostile.lineage[0].title = 'evil \u001b]0;pwned\u0007 title';
        for (const colour of [false, true]) {
            const text = diffToText(hostile, { colour });
            expect(text).not.toContain('\u001b]');
            expect(text).not.toContain('\u0007');
        }
    });

    test('the lines of a change, lineage first', async () => {
        const text = diffToText(await diffCase('lineage-input'));
        expect(text.split('\n').slice(0, 5)).toEqual([
            'pom diff before → after',
            'Links: 1 removed; 4 elements lost a lineage path; 1 diagnostic introduced.',
            '',
            'Lineage: lost a path (4)',
            '  ✗ northwind.growth.FirstWeekShipping.StarterPlans (option) “Start from a template plan” no longer reaches an input, a driver, the north star or an outcome',
        ]);
        expect(text).toContain(
            '  - northwind.growth.FirstWeekShipping.TemplatesBet —targets→ northwind.strategy.PlanReuse [confidence: low, expected: “+5pts”]',
        );
    });
});

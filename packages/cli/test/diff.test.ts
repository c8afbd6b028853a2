// End to end tests of `pom diff` against the built binary: folders, file sets, compiled JSON
// and git revisions read from temporary repositories; the acceptance case on a copy of examples/acme; the reviewed
// Markdown; the JSON Schema; --select; and the exit codes of every --fail-on and of usage, I/O and git problems.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelDiff } from '../../language/src/diff/diff-report.js';
import { prepareScratch, ROOT, type Run, removeScratch, runPom } from './built-cli.js';

const CASES = path.join(ROOT, 'packages/language/test/fixtures/diff');
const SCHEMA = path.join(ROOT, 'packages/language/schema/pom-diff.schema.json');

const SPAWN_TIMEOUT = 30_000;
const HEAVY = 120_000;

const OPP = 'northwind.growth.FirstWeekShipping';

function pom(args: string[], cwd: string, env: Record<string, string> = {}): Run {
    return runPom(args, { cwd, env, timeout: SPAWN_TIMEOUT });
}

/** `pom diff … --format json` that must succeed: the report, checked against the schema. */
function diffJson(args: string[], cwd: string): ModelDiff {
    const run = pom(['diff', ...args, '--format', 'json'], cwd);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ModelDiff;
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    return report;
}

/** A one-line usage, I/O or git problem: exit 2, `pom: …` on stderr, nothing on stdout, no stack trace. */
function expectUsageError(run: Run, message: RegExp): void {
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^pom: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error|^\s+at /m);
}

const GIT_ENV = {
    GIT_AUTHOR_NAME: 'POM tests',
    GIT_AUTHOR_EMAIL: 'tests@pom.example',
    GIT_COMMITTER_NAME: 'POM tests',
    GIT_COMMITTER_EMAIL: 'tests@pom.example',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
};

function git(args: string[], cwd: string): string {
    const result = spawnSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', timeout: SPAWN_TIMEOUT });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
}

function commitAll(repo: string, message: string): void {
    git(['add', '-A'], repo);
    git(['-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', message], repo);
}

/** Replaces the model folder's files with those of a fixture side. */
function placeSide(folder: string, name: string, side: 'before' | 'after'): void {
    rmSync(folder, { recursive: true, force: true });
    cpSync(path.join(CASES, name, side), folder, { recursive: true });
}

const lineageOf = (report: ModelDiff) => Object.fromEntries(report.lineage.map((l) => [l.id, l.lost]));
const linkKeys = (items: Array<{ from: string; relation: string; to: string }>) => items.map((l) => `${l.from} ${l.relation} ${l.to}`);

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
let scratch: string;

beforeAll(() => {
    scratch = prepareScratch('pom-diff-test-');
}, HEAVY);

afterAll(() => removeScratch(scratch));

describe('folders, file sets and compiled models', () => {
    const folder = path.join(CASES, 'lineage-input');

    it('two folders: the link removed and what it cut off', () => {
        const report = diffJson(['before', 'after'], folder);
        expect(report.base.label).toBe('before');
        expect(report.head.label).toBe('after');
        expect(linkKeys(report.links.removed)).toEqual([`${OPP}.TemplatesBet targets northwind.strategy.PlanReuse`]);
        expect(lineageOf(report)[`${OPP}.TemplatesBet`]).toEqual(['input', 'driver', 'northstar', 'outcome']);
        // Paths are relative to each side's folder, so the two sides' diagnostics and locations line up.
        expect(report.diagnostics.introduced.map((d) => `${d.source.path}:${d.code}`)).toEqual(['growth.pom:no-downstream']);
    });

    it('the same bytes on every run', () => {
        expect(pom(['diff', 'before', 'after', '--format', 'json'], folder).stdout).toBe(
            pom(['diff', 'before', 'after', '--format', 'json'], folder).stdout,
        );
    });

    it('a set of files written a,b,c is one side', () => {
        const report = diffJson(['before/growth.pom,before/org.pom,before/strategy.pom', 'after'], folder);
        expect(report.base.label).toBe('before/growth.pom, before/org.pom, before/strategy.pom');
        expect(lineageOf(report)).toEqual(lineageOf(diffJson(['before', 'after'], folder)));
    });

    it('compiled models, recognised by their content whatever their name, on either side', () => {
        const base = path.join(scratch, 'base.model');
        const head = path.join(scratch, 'head.json');
        expect(pom(['compile', 'before', '-o', base], folder).status).toBe(0);
        expect(pom(['compile', 'after', '-o', head], folder).status).toBe(0);
        const expected = diffJson(['before', 'after'], folder);
        const compiled = diffJson([base, head], folder);
        expect({ ...compiled, base: undefined, head: undefined }).toEqual({ ...expected, base: undefined, head: undefined });
        expect(diffJson([base, 'after'], folder).lineage).toEqual(expected.lineage);
    });

    it('JSON that is not a compiled model is a usage error', () => {
        const other = path.join(scratch, 'package.json');
        writeFileSync(other, '{"name": "not-a-model"}');
        expectUsageError(pom(['diff', other, 'after'], folder), /is JSON but not a compiled POM model/);
    });

    it('the Markdown comment is the reviewed one', () => {
        const run = pom(['diff', 'before', 'after', '--format', 'markdown'], folder);
        expect(run.status).toBe(0);
        expect(run.stdout).toBe(readFileSync(path.join(folder, 'expected.md'), 'utf8'));
    });

    it('-o writes the report to a file and nothing to stdout', () => {
        const out = path.join(scratch, 'comment.md');
        const run = pom(['diff', 'before', 'after', '--format', 'markdown', '-o', out], folder);
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('');
        expect(readFileSync(out, 'utf8').startsWith('<!-- pom-diff -->\n')).toBe(true);
    });

    it('text on a pipe carries no colour', () => {
        const run = pom(['diff', 'before', 'after'], folder);
        expect(run.status).toBe(0);
        expect(run.stdout).not.toMatch(/\u001b\[/);
        expect(run.stdout).toContain('✗ northwind.growth.FirstWeekShipping.TemplatesBet (bet)');
    });
});

describe('exit codes', () => {
    const run = (name: string, ...args: string[]) => pom(['diff', 'before', 'after', ...args], path.join(CASES, name)).status;

    it('0 by default, whatever changed', () => {
        expect(run('diagnostics')).toBe(0);
        expect(run('lineage-input')).toBe(0);
    });

    it('--fail-on error: 1 only when the head introduces an error', () => {
        expect(run('diagnostics', '--fail-on', 'error')).toBe(1);
        expect(run('horizon', '--fail-on', 'error')).toBe(0);
        expect(run('lineage-input', '--fail-on', 'error')).toBe(0);
    });

    it('--fail-on warning: 1 when the head introduces an error or a warning', () => {
        expect(run('diagnostics', '--fail-on', 'warning')).toBe(1);
        expect(run('horizon', '--fail-on', 'warning')).toBe(1);
        // An info (no-downstream) is not a warning.
        expect(run('lineage-input', '--fail-on', 'warning')).toBe(0);
    });

    it('--fail-on change: 1 on any change, 0 when only comments and layout moved', () => {
        expect(run('links', '--fail-on', 'change')).toBe(1);
        expect(run('renamed', '--fail-on', 'change')).toBe(1);
        expect(run('unchanged', '--fail-on', 'change')).toBe(0);
    });

    it('2 for a --fail-on or --format it does not know', () => {
        expectUsageError(pom(['diff', 'before', 'after', '--fail-on', 'info'], path.join(CASES, 'links')), /fail-on/);
        expectUsageError(pom(['diff', 'before', 'after', '--format', 'sarif'], path.join(CASES, 'links')), /format/);
    });

    it('the help documents the sides and the exit codes', () => {
        const help = pom(['diff', '--help'], ROOT);
        expect(help.status).toBe(0);
        expect(help.stdout).toContain('BASE and HEAD are each a folder or file');
        expect(help.stdout).toContain('Exit codes: 0 whatever changed, unless --fail-on');
    });
});

describe('--select', () => {
    const folder = path.join(CASES, 'links');

    it('reports only on the selected elements and their links', () => {
        const report = diffJson(['before', 'after', '--select', 'TemplatesBet'], folder);
        expect(linkKeys(report.links.added)).toEqual([`${OPP}.TemplatesBet toward northwind.strategy.Retention`]);
        expect(report.links.removed).toEqual([]);
        expect(report.links.changed).toEqual([]);
    });

    it('a selector that does not parse, or selects nothing on either side, is a usage error', () => {
        expectUsageError(pom(['diff', 'before', 'after', '--select', 'kind:'], folder), /./);
        expectUsageError(pom(['diff', 'before', 'after', '--select', 'NoSuchThing'], folder), /selects no element on either side/);
    });
});

describe('git revisions', () => {
    let repo: string;
    let first: string;

    beforeAll(() => {
        repo = path.join(scratch, 'repo');
        mkdirSync(repo);
        git(['init', '-q'], repo);
        writeFileSync(path.join(repo, 'README.md'), '# A product team\n');
        commitAll(repo, 'Start');
        first = git(['rev-parse', 'HEAD'], repo);
        placeSide(path.join(repo, 'model'), 'lineage-input', 'before');
        mkdirSync(path.join(repo, 'other'));
        writeFileSync(path.join(repo, 'other/notes.pom'), 'namespace other\nscope Notes "Notes"\n');
        commitAll(repo, 'Model');
        placeSide(path.join(repo, 'model'), 'lineage-input', 'after');
        writeFileSync(path.join(repo, 'other/notes.pom'), 'namespace other\nscope Notes "Notes"\nscope More "More notes"\n');
        commitAll(repo, 'Stop targeting plan reuse');
    }, HEAVY);

    it('HEAD~1 HEAD: read from git objects, paths from the repository top', () => {
        const report = diffJson(['HEAD~1', 'HEAD'], repo);
        expect(report.base.label).toMatch(/^HEAD~1 \([0-9a-f]{7}\)$/);
        expect(linkKeys(report.links.removed)).toEqual([`${OPP}.TemplatesBet targets northwind.strategy.PlanReuse`]);
        expect(lineageOf(report)[`${OPP}.TemplatesBet`]).toEqual(['input', 'driver', 'northstar', 'outcome']);
        expect(report.diagnostics.introduced.map((d) => `${d.source.path} ${d.code}`)).toEqual([
            'model/growth.pom no-downstream',
            'other/notes.pom orphan',
        ]);
        expect(report.elements.added.map((e) => e.id)).toEqual(['other.More']);
    });

    it('a path after HEAD restricts both sides', () => {
        const report = diffJson(['HEAD~1', 'HEAD', 'model'], repo);
        expect(report.elements.added).toEqual([]);
        expect(report.links.removed).toHaveLength(1);
    });

    it('run from a subfolder, the revisions are read under it', () => {
        const report = diffJson(['HEAD~1', 'HEAD'], path.join(repo, 'model'));
        expect(report.elements.added).toEqual([]);
        expect(report.diagnostics.introduced.map((d) => d.source.path)).toEqual(['model/growth.pom']);
    });

    it('HEAD defaults to the working tree, uncommitted edits included', () => {
        expect(diffJson(['HEAD'], repo).summary.changed).toBe(false);
        const clean = diffJson(['HEAD~1'], repo);
        expect(linkKeys(clean.links.removed)).toEqual([`${OPP}.TemplatesBet targets northwind.strategy.PlanReuse`]);
        expect(clean.head.label).toBe('working tree');
        // Put the link back without committing: against HEAD, the working tree now gains the path back.
        placeSide(path.join(repo, 'model'), 'lineage-input', 'before');
        try {
            const report = diffJson(['HEAD', 'model'], repo);
            expect(linkKeys(report.links.added)).toEqual([`${OPP}.TemplatesBet targets northwind.strategy.PlanReuse`]);
            expect(report.lineage.find((l) => l.id === `${OPP}.TemplatesBet`)?.gained).toEqual(['input', 'driver', 'northstar', 'outcome']);
            expect(report.diagnostics.fixed.map((d) => d.code)).toEqual(['no-downstream']);
        } finally {
            placeSide(path.join(repo, 'model'), 'lineage-input', 'after');
        }
    });

    it('a revision before the model existed: everything is added', () => {
        const report = diffJson([first, 'HEAD~1'], repo);
        expect(report.base.elements).toBe(0);
        expect(report.elements.added).toHaveLength(report.head.elements);
        expect(report.elements.removed).toEqual([]);
    });

    it('an existing path wins over a revision of the same name', () => {
        git(['branch', 'model', 'HEAD~1'], repo);
        // `model` names a folder and a branch; read as a path, it is the working tree under it.
        const report = diffJson(['HEAD', 'model'], repo);
        expect(report.head.label).toBe('model');
        expect(report.summary.changed).toBe(false);
        // Where no such path exists, it is the branch.
        const branch = diffJson(['model', 'HEAD'], path.join(repo, 'other'));
        expect(branch.base.label).toMatch(/^model \([0-9a-f]{7}\)$/);
        expect(branch.elements.added.map((e) => e.id)).toEqual(['other.More']);
    });

    it('an unknown revision is one line and exit 2', () => {
        expectUsageError(
            pom(['diff', 'no-such-branch'], repo),
            /^pom: BASE `no-such-branch` is neither a file, a folder nor a git revision\n$/,
        );
        expectUsageError(pom(['diff', 'HEAD', 'no-such-branch'], repo), /HEAD `no-such-branch`/);
        expectUsageError(pom(['diff', 'HEAD~40', 'HEAD'], repo), /HEAD~40/);
    });

    it('outside a git repository, a revision is a usage error that says so', () => {
        const plain = path.join(scratch, 'plain');
        mkdirSync(plain, { recursive: true });
        expectUsageError(pom(['diff', 'HEAD~1', 'HEAD'], plain, { GIT_CEILING_DIRECTORIES: scratch }), /not a git repository/);
    });
});

describe('acceptance: a commit removes one targets link of a bet in examples/acme', () => {
    let report: ModelDiff;
    const BET = 'acme.growth.TeamActivation.TemplatesBet';

    beforeAll(() => {
        const repo = path.join(scratch, 'acme-repo');
        mkdirSync(repo);
        git(['init', '-q'], repo);
        cpSync(path.join(ROOT, 'examples/acme'), path.join(repo, 'examples/acme'), { recursive: true });
        commitAll(repo, 'Acme operating model');
        // TemplatesBet moves the north star through one link only: `targets: OnboardingCompletion`.
        const file = path.join(repo, 'examples/acme/growth.pom');
        const text = readFileSync(file, 'utf8');
        const line = '    targets: OnboardingCompletion [confidence: medium, expected: "+5pts"]\n';
        expect(text.split(line)).toHaveLength(2);
        writeFileSync(file, text.replace(line, ''));
        commitAll(repo, 'TemplatesBet no longer targets onboarding completion');
        report = diffJson(['HEAD~1', 'HEAD'], repo);
    }, HEAVY);

    it('reports the targets link removed', () => {
        expect(report.links.removed).toEqual([
            expect.objectContaining({
                from: BET,
                relation: 'targets',
                to: 'acme.growth.OnboardingCompletion',
                metadata: { confidence: { type: 'symbol', value: 'medium' }, expected: { type: 'string', value: '+5pts' } },
            }),
        ]);
        expect(report.links.added).toEqual([]);
        expect(report.elements).toEqual({ added: [], removed: [], renamed: [], changed: [], inherited: [] });
    });

    it("reports the bet's lost path to the north star", () => {
        const bet = report.lineage.find((l) => l.id === BET);
        expect(bet?.lost).toEqual(['input', 'driver', 'northstar', 'outcome']);
        expect(bet?.gained).toEqual([]);
        expect(report.summary.lineage.lost).toBeGreaterThanOrEqual(1);
        expect(report.diagnostics.introduced.map((d) => [d.code, d.source.path])).toEqual([['no-downstream', 'examples/acme/growth.pom']]);
    });
});

describe('evidence: a pull adds observations that confirm a claim and reach a target', () => {
    const folder = path.join(CASES, 'evidence');
    const AS_OF = ['--as-of', '2026-04-30'];
    const WIZARD = {
        impact: 'shop.WizardImpact',
        input: 'shop.CompletionInput',
        metric: 'shop.OnboardingCompletion',
        claimed: '+5pts',
        before: 'unverified',
        after: 'confirmed',
        observed: 11.2,
        from: '2026-01-26',
        to: '2026-03-23',
    };
    const SETUP = {
        bet: 'shop.Setup',
        element: 'shop.CompletionInput',
        metric: 'shop.OnboardingCompletion',
        unit: 'percent',
        ends: '2026-03-29',
        before: 'missed',
        after: 'reached',
        value: 51.2,
        at: '2026-03-23',
        target: 50,
    };
    const COMPLETION = {
        metric: 'shop.OnboardingCompletion',
        unit: 'percent',
        added: 3,
        revised: 0,
        removed: 0,
        first: '2026-02-02',
        last: '2026-03-23',
        latest: 51.2,
        at: '2026-03-23',
    };

    it('two folders, each checked against its own snapshot: the verdict, the target and the new rows', () => {
        const report = diffJson(['before', 'after', ...AS_OF], folder);
        expect(report.evidence).toEqual({
            asOf: { base: '2026-04-30', head: '2026-04-30' },
            verdicts: [WIZARD],
            targets: [SETUP],
            // WeeklyOrders is unchanged: no line for it.
            observations: [COMPLETION],
        });
        expect(report.summary.evidence).toEqual({ verdicts: 1, targets: 1, observations: 1 });
        expect(report.summary.changed).toBe(true);
        // The model text is the same on both sides: only the numbers changed.
        expect(report.elements).toEqual({ added: [], removed: [], renamed: [], changed: [], inherited: [] });
    });

    it('text and Markdown say it in sentences, with the numbers', () => {
        const text = pom(['diff', 'before', 'after', ...AS_OF], folder).stdout;
        expect(text).toContain(
            'The claim of WizardImpact on OnboardingCompletion (+5pts) went from unverified to confirmed: it moved +11.2pts, 2026-01-26 → 2026-03-23.',
        );
        expect(text).toContain(
            'The target of Setup on CompletionInput went from missed to reached: 51.2% on 2026-03-23 against 50% (window ended 2026-03-29).',
        );
        expect(text).toContain('OnboardingCompletion: 3 new observations, 2026-02-02 … 2026-03-23, latest 51.2%.');
        expect(text).toMatch(/1 verdict changed; 1 target settled differently; new observations for 1 metric\./);
        const markdown = pom(['diff', 'before', 'after', ...AS_OF, '--format', 'markdown'], folder).stdout;
        expect(markdown).toContain('### Evidence');
        expect(markdown).toContain(
            '- The claim of `WizardImpact` on `OnboardingCompletion` (`+5pts`) went from unverified to confirmed: it moved `+11.2pts`, 2026-01-26 → 2026-03-23.',
        );
        expect(markdown).toContain('- `OnboardingCompletion`: 3 new observations, 2026-02-02 … 2026-03-23, latest `51.2%`.');
    });

    it('--as-of applies to both sides: before the window ends, no target is settled and the claim falls short', () => {
        const report = diffJson(['before', 'after', '--as-of', '2026-03-01'], folder);
        expect(report.evidence.asOf).toEqual({ base: '2026-03-01', head: '2026-03-01' });
        expect(report.evidence.targets).toEqual([]);
        // Up to 2026-03-01 the head has only 42% on 2026-02-02: +2pts against +5pts claimed.
        expect(report.evidence.verdicts).toEqual([{ ...WIZARD, after: 'contradicted', observed: 2, to: '2026-02-02' }]);
    });

    it('compiled models: verdicts and targets from their claims, new observations from their evidence', () => {
        const base = path.join(scratch, 'evidence-base.json');
        const head = path.join(scratch, 'evidence-head.json');
        expect(pom(['compile', 'before', ...AS_OF, '-o', base], folder).status).toBe(0);
        expect(pom(['compile', 'after', ...AS_OF, '-o', head], folder).status).toBe(0);
        const report = diffJson([base, head], folder);
        expect(report.evidence.verdicts).toEqual([WIZARD]);
        expect(report.evidence.targets).toEqual([SETUP]);
        // A compiled model keeps counts and the latest date, not the rows: the first new date is unknown.
        expect(report.evidence.observations).toEqual([{ ...COMPLETION, first: null }]);
    });

    it('git revisions read their own snapshot from git objects, whatever the working tree holds', () => {
        const repo = path.join(scratch, 'evidence-repo');
        mkdirSync(repo);
        git(['init', '-q'], repo);
        placeSide(path.join(repo, 'shop'), 'evidence', 'before');
        commitAll(repo, 'Shop model and its first snapshot');
        placeSide(path.join(repo, 'shop'), 'evidence', 'after');
        commitAll(repo, 'Pull: three new weeks of onboarding completion');
        // The working tree's snapshot goes away: the revisions must not read it.
        rmSync(path.join(repo, 'shop/observations.json'));
        // Without a project file, the snapshot is the one in the model's folder: the path given after HEAD.
        const report = diffJson(['HEAD~1', 'HEAD', 'shop', ...AS_OF], repo);
        expect(report.evidence.verdicts).toEqual([WIZARD]);
        expect(report.evidence.targets).toEqual([SETUP]);
        expect(report.evidence.observations).toEqual([COMPLETION]);
        // Against the working tree (no snapshot now), the numbers are gone: the verdict and the target are unsettled.
        const tree = diffJson(['HEAD', 'shop', ...AS_OF], repo);
        expect(tree.evidence.asOf).toEqual({ base: '2026-04-30', head: null });
        expect(tree.evidence.verdicts.map((v) => [v.impact, v.before, v.after])).toEqual([
            ['shop.OrdersImpact', 'confirmed', null],
            ['shop.WizardImpact', 'confirmed', null],
        ]);
        expect(tree.evidence.targets.map((t) => [t.bet, t.before, t.after])).toEqual([['shop.Setup', 'reached', null]]);
    });
});

// examples/ci/pom.yml parses as YAML and has the shape its README promises: pull requests, least permissions, the base
// branch fetched, Node 20, pom validate uploaded as SARIF, pom diff kept in one marked comment, commands that exist.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// js-yaml is already in the lock file (through @vscode/vsce); it ships no types, so its one function is typed here.
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

interface Step {
    name?: string;
    id?: string;
    if?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}

interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    env: Record<string, string>;
    jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const BIN = fileURLToPath(new URL('../bin/pom.js', import.meta.url));
const FILE = fileURLToPath(new URL('../../../examples/ci/pom.yml', import.meta.url));
const text = readFileSync(FILE, 'utf8');
const workflow = load(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const using = (action: string) => steps.filter((s) => s.uses?.startsWith(`${action}@`));
const running = (command: RegExp) => steps.filter((s) => s.run !== undefined && command.test(s.run));

describe('examples/ci/pom.yml', () => {
    test('is YAML without tabs, for pull requests, with the least permissions', () => {
        expect(text).not.toContain('\t');
        expect(Object.keys(workflow.on)).toEqual(['pull_request']);
        expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write' });
        expect(Object.keys(workflow.jobs)).toHaveLength(1);
    });

    test('checks out, fetches the base branch without interpolating it into the script, sets up Node 20', () => {
        expect(using('actions/checkout')).toHaveLength(1);
        const fetch = running(/git fetch .*origin/);
        expect(fetch).toHaveLength(1);
        expect(fetch[0].env?.BASE_REF).toBe(`\${{ github.base_ref }}`);
        expect(fetch[0].run).toContain(`refs/remotes/origin/\${BASE_REF}`);
        expect(using('actions/setup-node')[0].with?.['node-version']).toBe(20);
        // Expressions in `run` are pasted into the shell unquoted: every one must come through `env` instead.
        for (const step of steps) expect(step.run ?? '', step.name).not.toContain('${{');
    });

    test('validates to SARIF and uploads it to code scanning', () => {
        const validate = running(/pom validate "\$MODEL" --format sarif > pom\.sarif/);
        expect(validate).toHaveLength(1);
        const upload = using('github/codeql-action/upload-sarif');
        expect(upload).toHaveLength(1);
        expect(upload[0].with?.sarif_file).toBe('pom.sarif');
        expect(steps.indexOf(upload[0])).toBeGreaterThan(steps.indexOf(validate[0]));
        expect(upload[0].if).toContain(`steps.${validate[0].id}.outputs.status`);
    });

    test('diffs against the base branch as Markdown and keeps one marked comment', () => {
        const diff = running(/pom diff "origin\/\$\{BASE_REF\}" HEAD "\$MODEL" --format markdown > diff\.md/);
        expect(diff).toHaveLength(1);
        const comment = using('actions/github-script');
        expect(comment).toHaveLength(1);
        const script = String(comment[0].with?.script);
        expect(script).toContain("readFileSync('diff.md'");
        expect(script).toContain("'<!-- pom-diff -->'");
        expect(script).toContain('updateComment');
        expect(script).toContain('createComment');
        expect(() => new Function('require', 'github', 'context', `return (async () => {\n${script}\n})`)).not.toThrow();
    });

    test('runs only pom commands and formats that the built CLI has', () => {
        const used = new Set(steps.flatMap((s) => [...(s.run ?? '').matchAll(/^\s*pom (\w+)/gm)].map((m) => m[1])));
        expect([...used].sort()).toEqual(['diff', 'validate']);
        const help = (command: string) => {
            const run = spawnSync(process.execPath, [BIN, command, '--help'], { encoding: 'utf8', timeout: 20_000 });
            expect(run.status, `pom ${command} --help`).toBe(0);
            return run.stdout;
        };
        expect(help('validate')).toContain('"sarif"');
        expect(help('diff')).toContain('"markdown"');
    });
});

// `pom init`: a project in an empty or new folder that validates with no diagnostics at all and walks the whole flow;
// a folder that holds anything, or a path that is a file, is refused with nothing written.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { prepareScratch, removeScratch, runPom } from './built-cli.js';

// js-yaml is already in the lock file (through @vscode/vsce); it ships no types, so its one function is typed here.
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

const WRITTEN = ['.github/workflows/pom.yml', '.gitignore', 'flow.pom', 'org.pom', 'pom.json'];

let scratch: string;
beforeAll(() => {
    scratch = prepareScratch('pom-init-');
});
afterAll(() => removeScratch(scratch));

function listing(folder: string): string[] {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .sort();
}

describe('pom init into a new folder', () => {
    let project: string;
    beforeAll(() => {
        project = path.join(scratch, 'Growth Model');
    });

    test('writes the project and names each file on stdout', () => {
        const run = runPom(['init', 'Growth Model'], { cwd: scratch });
        expect(run.status).toBe(0);
        expect(run.stdout.trim().split('\n').sort()).toEqual(WRITTEN.map((f) => `Growth Model/${f}`));
        expect(run.stderr).toBe('Created the POM project `growthmodel` in Growth Model. Next: pom validate Growth Model\n');
        expect(listing(project)).toEqual(WRITTEN);
    });

    test('the project file names the project after its folder', () => {
        expect(JSON.parse(readFileSync(path.join(project, 'pom.json'), 'utf8'))).toEqual({ name: 'growthmodel', include: ['.'] });
    });

    test('validates with no diagnostics at all, from inside the folder', () => {
        const run = runPom(['validate', '--format', 'json'], { cwd: project });
        expect(run.status).toBe(0);
        expect(JSON.parse(run.stdout).diagnostics).toEqual([]);
    });

    test('walks the whole flow, insight to outcome, with teams and a funding line', () => {
        const model = JSON.parse(runPom(['compile'], { cwd: project }).stdout) as { elements: { id: string; kind: string }[] };
        const kinds = new Set(model.elements.map((e) => e.kind));
        for (const kind of [
            'insight',
            'opportunity',
            'option',
            'bet',
            'experiment',
            'release',
            'impact',
            'input',
            'driver',
            'northstar',
            'outcome',
            'team',
            'funding',
        ]) {
            expect(kinds, kind).toContain(kind);
        }
        const lineage = JSON.parse(runPom(['lineage', 'Revenue', '--direction', 'up', '--format', 'json'], { cwd: project }).stdout);
        const upstream = JSON.stringify(lineage.trees[0].upstream);
        for (const step of ['northstar', 'driver', 'input', 'impact', 'release', 'bet', 'option', 'opportunity', 'insight']) {
            expect(upstream, step).toContain(`"kind":"${step}"`);
        }
    });

    test("the pull-request workflow is examples/ci's, pointed at the project", () => {
        const workflow = load(readFileSync(path.join(project, '.github/workflows/pom.yml'), 'utf8')) as { env: { MODEL: string } };
        expect(workflow.env.MODEL).toBe('.');
        const example = readFileSync(path.join(__dirname, '../../../examples/ci/pom.yml'), 'utf8');
        expect(readFileSync(path.join(project, '.github/workflows/pom.yml'), 'utf8')).toBe(
            example.replace('MODEL: examples/acme', 'MODEL: .'),
        );
    });

    test('an existing empty folder is fine too, and --name sets the name', () => {
        const empty = path.join(scratch, 'empty');
        mkdirSync(empty);
        expect(runPom(['init', '--name', 'acme_ops'], { cwd: empty }).status).toBe(0);
        expect(JSON.parse(readFileSync(path.join(empty, 'pom.json'), 'utf8')).name).toBe('acme_ops');
        expect(readFileSync(path.join(empty, 'flow.pom'), 'utf8')).toContain('\nnamespace acme_ops.flow\n');
        expect(runPom(['validate'], { cwd: empty }).status).toBe(0);
    });
});

describe('pom init refuses', () => {
    test('a folder that holds anything: exit 2, what it would have written, nothing written', () => {
        const busy = path.join(scratch, 'busy');
        mkdirSync(busy);
        writeFileSync(path.join(busy, 'notes.md'), 'mine\n');
        const run = runPom(['init', 'busy'], { cwd: scratch });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(
            'pom: busy is not empty (it holds notes.md); pom init writes only into an empty or new folder and changes nothing here. ' +
                'It would have written: pom.json, org.pom, flow.pom, .github/workflows/pom.yml, .gitignore\n',
        );
        expect(listing(busy)).toEqual(['notes.md']);
        expect(readFileSync(path.join(busy, 'notes.md'), 'utf8')).toBe('mine\n');
    });

    test('a folder with only a hidden file is not empty either', () => {
        const hidden = path.join(scratch, 'hidden');
        mkdirSync(hidden);
        writeFileSync(path.join(hidden, '.gitignore'), 'x\n');
        expect(runPom(['init', 'hidden'], { cwd: scratch }).status).toBe(2);
        expect(readFileSync(path.join(hidden, '.gitignore'), 'utf8')).toBe('x\n');
    });

    test('a path that is a file', () => {
        writeFileSync(path.join(scratch, 'model.pom'), 'team T\n');
        const run = runPom(['init', 'model.pom'], { cwd: scratch });
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('pom: model.pom is a file; pom init makes a project in a folder that is empty or new\n');
        expect(readFileSync(path.join(scratch, 'model.pom'), 'utf8')).toBe('team T\n');
    });

    test('a name that cannot be a namespace', () => {
        const run = runPom(['init', 'x', '--name', 'kind'], { cwd: scratch });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('cannot be a namespace');
    });
});

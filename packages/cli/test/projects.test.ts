// Project files on the command line: every path belongs to its nearest `pom.json` upward, whose include and
// exclude make the model; projects side by side are separate models; files in no project are one model as before;
// a broken project file is one `path:line:column` line and exit 2.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { folderWith, prepareScratch, removeScratch, runPom } from './built-cli.js';

let scratch: string;
let repo: string;

beforeAll(() => {
    scratch = prepareScratch('pom-cli-projects-');
    repo = path.join(scratch, 'repo');
    // Two projects side by side, each with `shared.Team`; `left` excludes its drafts and reaches for a name of `right`.
    folderWith(repo, 'left', {
        'pom.json': '{ "name": "left", "exclude": ["drafts/**"] }\n',
        'a.pom': 'namespace shared\nteam Team\nscope Mine { owner: Team }\n',
        'b.pom': 'namespace shared\nscope Theirs { owner: RightOnly }\n',
    });
    folderWith(repo, 'left/drafts', { 'draft.pom': 'this is { not valid\n' });
    folderWith(repo, 'right', {
        'pom.json': '{ "name": "right" }\n',
        'a.pom': 'namespace shared\nteam Team\nteam RightOnly\nscope Mine { owner: Team }\n',
    });
    // A project inside `right`: the nearest project file wins.
    folderWith(repo, 'right/inner', { 'pom.json': '{ "name": "inner" }\n', 'c.pom': 'scope C { owner: shared.RightOnly }\n' });
    folderWith(repo, 'loose', { 'd.pom': 'team Loner\n' });
    folderWith(repo, 'broken', { 'pom.json': '{\n  "name": "broken",\n  "include": [".",]\n}\n', 'e.pom': 'team Alone\n' });
});

afterAll(() => removeScratch(scratch));

interface Found {
    path: string;
    line: number;
    code: string;
}

function problems(args: string[], cwd = repo): { status: number | null; found: string[] } {
    const run = runPom(['validate', '--format', 'json', ...args], { cwd });
    const report = JSON.parse(run.stdout) as { diagnostics: Found[] };
    return { status: run.status, found: report.diagnostics.filter((d) => d.code !== 'orphan').map((d) => `${d.path}:${d.line} ${d.code}`) };
}

describe('pom validate with project files', () => {
    test("a project's excludes are not read, and names do not cross to the project beside it", () => {
        expect(problems(['left'])).toEqual({ status: 1, found: ['left/b.pom:2 unresolved-reference'] });
    });

    test('a file named inside a project is checked against its whole project', () => {
        expect(problems(['left/a.pom'])).toEqual({ status: 0, found: [] });
        expect(problems(['right/a.pom'])).toEqual({ status: 0, found: [] });
    });

    test('the nearest project file wins', () => {
        expect(problems(['right/inner/c.pom'])).toEqual({ status: 1, found: ['right/inner/c.pom:1 unresolved-reference'] });
        // From inside the nested project's folder too.
        expect(problems([], path.join(repo, 'right/inner'))).toEqual({ status: 1, found: ['c.pom:1 unresolved-reference'] });
    });

    test('two projects side by side, validated together, stay separate models: no duplicate `shared.Team`', () => {
        expect(problems(['left', 'right'])).toEqual({
            status: 1,
            found: ['left/b.pom:2 unresolved-reference', 'right/inner/c.pom:1 unresolved-reference'],
        });
    });

    test('a folder holding several projects checks each as its own model', () => {
        expect(problems(['right'])).toEqual({ status: 1, found: ['right/inner/c.pom:1 unresolved-reference'] });
        const run = runPom(['validate', 'left', 'right', 'loose'], { cwd: repo });
        expect(run.stderr).toContain('5 files checked');
        expect(run.stdout).not.toContain('duplicate-name');
    });

    test('a file its project excludes, named on its own, is read alone', () => {
        const run = runPom(['validate', 'left/drafts/draft.pom'], { cwd: repo });
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('left/drafts/draft.pom:1:');
    });

    test('a broken project file: one line with its path, line and column, and exit 2', () => {
        const run = runPom(['validate', 'broken'], { cwd: repo });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe('pom: broken/pom.json:3:19: this is not valid JSON: a value is expected\n');
    });

    test('the same for a file under it, and from inside its folder', () => {
        expect(runPom(['validate', 'broken/e.pom'], { cwd: repo }).stderr).toBe(
            'pom: broken/pom.json:3:19: this is not valid JSON: a value is expected\n',
        );
        expect(runPom(['compile'], { cwd: path.join(repo, 'broken') }).stderr).toBe(
            'pom: pom.json:3:19: this is not valid JSON: a value is expected\n',
        );
    });
});

describe('pom compile with project files', () => {
    test("paths in the compiled model are relative to the project's folder, wherever it runs from", () => {
        const fromRoot = runPom(['compile', 'left/a.pom'], { cwd: repo });
        const fromInside = runPom(['compile'], { cwd: path.join(repo, 'left') });
        expect(fromRoot.stdout).toBe(fromInside.stdout);
        const model = JSON.parse(fromRoot.stdout) as { elements: { id: string; source: { path: string } }[] };
        expect(model.elements.map((e) => `${e.id} ${e.source.path}`)).toEqual([
            'shared.Mine a.pom',
            'shared.Team a.pom',
            'shared.Theirs b.pom',
        ]);
    });

    test('a folder with a project nested in it compiles the project it is in', () => {
        const model = JSON.parse(runPom(['compile', 'right'], { cwd: repo }).stdout) as { elements: { id: string }[] };
        expect(model.elements.map((e) => e.id)).toEqual(['shared.Mine', 'shared.RightOnly', 'shared.Team']);
    });

    test('paths spanning two projects are a usage error that names them', () => {
        const run = runPom(['compile', 'left', 'right'], { cwd: repo });
        expect(run.status).toBe(2);
        expect(run.stderr).toBe(
            'pom: these paths hold 2 models: left (left/pom.json), right (right/pom.json); give the paths of one at a time\n',
        );
    });
});

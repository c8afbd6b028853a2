// End to end through the bundled language server: project files (`pom.json`) split a workspace into models. Opened
// at this repository's real root, examples/acme shows no error (only the verdicts of its evidence, as it does alone)
// and examples/problems exactly its expected diagnostics, whatever else (test fixtures, before/after copies) lies in
// the tree. In a scratch workspace: the
// nearest project file wins, projects side by side stay separate, excludes are not loaded, and a broken project file
// gets one diagnostic at its line and column.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, REPO_ROOT } from './lsp-client.js';

function pomFiles(folder: string): string[] {
    return readdirSync(folder)
        .filter((f) => f.endsWith('.pom'))
        .sort();
}

function summary(diagnostics: Diagnostic[] | undefined): string[] {
    return (diagnostics ?? []).map((d) => `${d.range.start.line + 1} ${d.code}`).sort();
}

describe("the server opened at this repository's root", () => {
    let client: LspClient;
    const acme = path.join(REPO_ROOT, 'examples/acme');
    const problems = path.join(REPO_ROOT, 'examples/problems');
    const uris = [
        ...pomFiles(acme).map((f) => path.join(acme, f)),
        ...pomFiles(problems).map((f) => path.join(problems, f)),
        path.join(problems, 'legacy-snapshot/legacy.pom'),
    ].map(LspClient.uri);

    beforeAll(async () => {
        client = await LspClient.start(REPO_ROOT);
        await client.waitForDiagnostics(
            (view) => uris.every((uri) => view.published(uri) > 0),
            'start-up diagnostics for the examples',
            60_000,
        );
        await client.settle();
    }, 90_000);

    afterAll(() => client?.stop());

    test('examples/acme shows what it shows alone: no error, only the verdicts of its evidence', () => {
        // `pom validate examples/acme` the same day: the model alone, with its snapshot.
        const alone = JSON.parse(
            execFileSync(
                process.execPath,
                [path.join(REPO_ROOT, 'packages/cli/bin/pom.js'), 'validate', 'examples/acme', '--format', 'json'],
                {
                    cwd: REPO_ROOT,
                    encoding: 'utf8',
                },
            ),
        ) as { diagnostics: { path: string; line: number; code: string; severity: string }[] };
        const expected = Object.fromEntries(
            pomFiles(acme).map((f) => [
                f,
                alone.diagnostics
                    .filter((d) => d.path === `examples/acme/${f}`)
                    .map((d) => `${d.line} ${d.code}`)
                    .sort(),
            ]),
        );
        const found = Object.fromEntries(pomFiles(acme).map((f) => [f, summary(client.diagnostics(LspClient.uri(path.join(acme, f))))]));
        expect(found).toEqual(expected);
        expect(alone.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        for (const { code } of alone.diagnostics) expect(code).toMatch(/^(claim-|target-missed)/);
    });

    test('examples/problems shows exactly its expected diagnostics', () => {
        const expected: { file: string; line: number; code: string }[] = JSON.parse(
            readFileSync(path.join(problems, 'expected-diagnostics.json'), 'utf8'),
        );
        // Its own files, and those of the project nested in it (legacy-snapshot), each with its own model.
        for (const file of new Set([...pomFiles(problems), ...expected.map((e) => e.file)])) {
            const wanted = expected
                .filter((e) => e.file === file)
                .map((e) => `${e.line} ${e.code}`)
                .sort();
            expect(summary(client.diagnostics(LspClient.uri(path.join(problems, file)))), file).toEqual(wanted);
        }
    });

    test('no project file of the repository is broken', () => {
        const projectFileProblems = [...client.diagnosticsView().all.entries()].filter(([uri]) => uri.endsWith('/pom.json'));
        expect(projectFileProblems).toEqual([]);
    });
});

describe('projects in one workspace', () => {
    let root: string;
    let client: LspClient;
    const file = (relative: string) => path.join(root, relative);
    const uri = (relative: string) => LspClient.uri(file(relative));
    // Lone test elements are orphans (a hint); what matters here is what resolves and what is a duplicate.
    const codes = (relative: string) =>
        (client.diagnostics(uri(relative)) ?? [])
            .map((d) => d.code)
            .filter((code) => code !== 'orphan')
            .sort();

    function write(relative: string, text: string): void {
        mkdirSync(path.dirname(file(relative)), { recursive: true });
        writeFileSync(file(relative), text);
    }

    const models = ['left/a.pom', 'right/b.pom', 'right/inner/c.pom', 'loose/d.pom', 'broken/e.pom'];

    beforeAll(async () => {
        root = mkdtempSync(path.join(tmpdir(), 'pom-projects-'));
        // Two projects side by side, each declaring `shared.Team` (no duplicate across projects); a name only the
        // other project has does not resolve.
        write('left/pom.json', '{ "name": "left", "exclude": ["drafts/**"] }\n');
        write('left/a.pom', 'namespace shared\nteam Team\nscope Mine { owner: Team }\nscope Theirs { owner: RightOnly }\n');
        write('left/drafts/draft.pom', 'this is not { valid pom\n');
        write('right/pom.json', '{ "name": "right" }\n');
        write('right/b.pom', 'namespace shared\nteam Team\nteam RightOnly\nscope Mine { owner: Team }\n');
        // A project inside a project: the nearest project file wins, so c.pom does not see b.pom's names.
        write('right/inner/pom.json', '{ "name": "inner" }\n');
        write('right/inner/c.pom', 'scope C { owner: shared.RightOnly }\n');
        // Files in no project are one model among themselves, apart from every project.
        write('loose/d.pom', 'scope D { owner: shared.Team }\n');
        write('broken/pom.json', '{\n  "name": "broken",\n  "include": [".",]\n}\n');
        write('broken/e.pom', 'team Alone\n');
        client = await LspClient.start(root);
        await client.waitForDiagnostics((view) => models.every((m) => view.published(uri(m)) > 0), 'start-up diagnostics');
        await client.settle();
    }, 60_000);

    afterAll(async () => {
        await client?.stop();
        rmSync(root, { recursive: true, force: true });
    });

    test('side by side: the same name in two projects is no duplicate, and no name crosses', () => {
        expect(codes('left/a.pom')).toEqual(['unresolved-reference']);
        expect(codes('right/b.pom')).toEqual([]);
        const [unresolved] = (client.diagnostics(uri('left/a.pom')) ?? []).filter((d) => d.code === 'unresolved-reference');
        expect(unresolved.range.start).toEqual({ line: 3, character: 22 });
    });

    test('the nearest project file wins', () => {
        expect(codes('right/inner/c.pom')).toEqual(['unresolved-reference']);
    });

    test('files in no project do not see into projects', () => {
        expect(codes('loose/d.pom')).toEqual(['unresolved-reference']);
    });

    test("a project's excluded files are not loaded", () => {
        expect(client.published(uri('left/drafts/draft.pom'))).toBe(0);
    });

    test('a broken project file gets one diagnostic at its line and column; its files stay a model of their own', () => {
        const [problem, ...more] = client.diagnostics(uri('broken/pom.json')) ?? [];
        expect(more).toEqual([]);
        expect(problem).toMatchObject({ code: 'project-file', severity: 1, range: { start: { line: 2, character: 18 } } });
        expect(problem.message).toContain('a value is expected');
        expect(codes('broken/e.pom')).toEqual([]);
        expect(client.diagnostics(uri('broken/e.pom'))?.map((d) => d.code)).toEqual(['orphan']);
    });
});

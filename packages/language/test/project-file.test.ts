// The project file: what it may say, the one error (with line and column) when it says something wrong, the
// JSON Schema agreeing with the loader, discovery upward from a path, and which files belong to a project.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, test } from 'vitest';
import { findProjectFile, isInProject, loadProjectFile } from '../src/workspace/project-file.js';
import { ProjectFileError, parseProjectFile } from '../src/workspace/project-file-parser.js';
import { projectFilter } from '../src/workspace/project-membership.js';

const schema = JSON.parse(readFileSync(new URL('../schema/pom-project.schema.json', import.meta.url), 'utf8'));
const validateSchema = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const FULL = `{
  "$schema": "../packages/language/schema/pom-project.schema.json",
  "name": "acme",
  "include": ["."],
  "exclude": ["drafts/**"],
  "observations": "observations.json",
  "connections": {
    "local":     { "type": "duckdb",   "path": "data/warehouse.duckdb" },
    "warehouse": { "type": "postgres", "host": "db.internal", "port": 5432, "database": "analytics",
                   "user": "pom", "password": { "env": "WAREHOUSE_PASSWORD" }, "timeoutSeconds": 10 },
    "cloud":     { "type": "postgres", "url": { "env": "CLOUD_DATABASE_URL" }, "ssl": true }
  }
}
`;

function errorOf(text: string): ProjectFileError {
    try {
        parseProjectFile(text, 'pom.json');
    } catch (error) {
        if (error instanceof ProjectFileError) return error;
        throw error;
    }
    throw new Error('expected a ProjectFileError');
}

describe('reading a project file', () => {
    test('the full shape, with every connection kind', () => {
        expect(parseProjectFile(FULL, 'pom.json')).toEqual({
            name: 'acme',
            include: ['.'],
            exclude: ['drafts/**'],
            observations: 'observations.json',
            connections: {
                local: { type: 'duckdb', path: 'data/warehouse.duckdb' },
                warehouse: {
                    type: 'postgres',
                    host: 'db.internal',
                    port: 5432,
                    database: 'analytics',
                    user: 'pom',
                    password: { env: 'WAREHOUSE_PASSWORD' },
                    timeoutSeconds: 10,
                },
                cloud: { type: 'postgres', url: { env: 'CLOUD_DATABASE_URL' }, ssl: true },
            },
        });
    });

    test('only a name is required; the rest has defaults', () => {
        expect(parseProjectFile('{ "name": "solo" }', 'pom.json')).toEqual({
            name: 'solo',
            include: ['.'],
            exclude: [],
            observations: 'observations.json',
            connections: {},
        });
    });

    test.each([
        ['{\n  "name": "a"\n  "include": ["."]\n}', 3, 3, '`,` is expected'],
        ['{\n  "name": "a",\n}', 3, 1, 'a property name (in double quotes) is expected'],
        ['// note\n{ "name": "a" }', 1, 1, 'comments are not allowed in JSON'],
        ['[]', 1, 1, 'one JSON object'],
        ['{\n  "include": ["."]\n}', 1, 1, 'needs a `name`'],
        ['{ "name": "a",\n  "exlude": ["x"] }', 2, 3, 'unknown key "exlude"'],
        ['{ "name": "a", "include": ["../shared"] }', 1, 28, 'must stay inside'],
        ['{ "name": "a", "observations": "/tmp/o.json" }', 1, 32, 'not absolute'],
        ['{ "name": "a", "name": "b" }', 1, 16, '"name" appears twice'],
        ['{ "name": "a", "connections": { "w": { "type": "mysql" } } }', 1, 48, 'the types are "duckdb" and "postgres"'],
        ['{ "name": "a", "connections": { "w": { "type": "postgres", "port": 99999 } } }', 1, 68, 'a whole number from 1 to 65535'],
    ])('%j is refused at %i:%i', (text, line, column, reason) => {
        const error = errorOf(text);
        expect({ line: error.line, column: error.column }).toEqual({ line, column });
        expect(error.reason).toContain(reason);
        expect(error.message).toBe(`pom.json:${line}:${column}: ${error.reason}`);
    });

    test('a literal password is refused, and the error does not repeat it', () => {
        const text = '{\n  "name": "a",\n  "connections": {\n    "w": { "type": "postgres", "password": "hunter2" }\n  }\n}';
        const error = errorOf(text);
        expect([error.line, error.column]).toEqual([4, 44]);
        expect(error.reason).toContain('must name an environment variable');
        expect(error.message).not.toContain('hunter2');
    });

    test('a literal connection URL is refused too', () => {
        const error = errorOf('{ "name": "a", "connections": { "w": { "type": "postgres", "url": "postgres://u:p@h/db" } } }');
        expect(error.reason).toContain('the `url` of connection `w` must name an environment variable');
        expect(error.message).not.toContain('u:p@h');
    });

    test('an environment variable name must be one', () => {
        expect(
            errorOf('{ "name": "a", "connections": { "w": { "type": "postgres", "password": { "env": "MY PASS" } } } }').reason,
        ).toContain('is not an environment variable name');
    });
});

describe('the JSON Schema agrees with the loader', () => {
    const accepted = [FULL, '{ "name": "solo" }', '{ "name": "a", "include": ["models", "shared/kinds"], "exclude": ["**/*.draft.pom"] }'];
    const refused = [
        '{ "include": ["."] }',
        '{ "name": "a", "exlude": [] }',
        '{ "name": "a", "include": ["../shared"] }',
        '{ "name": "a", "include": ["a/../../b"] }',
        '{ "name": "a", "observations": "/abs.json" }',
        '{ "name": "a", "connections": { "w": { "type": "postgres", "password": "hunter2" } } }',
        '{ "name": "a", "connections": { "w": { "type": "postgres", "url": "postgres://x" } } }',
        '{ "name": "a", "connections": { "w": { "type": "mysql" } } }',
        '{ "name": "a", "connections": { "w": { "type": "duckdb", "host": "x" } } }',
        '{ "name": "" }',
    ];

    test.each(accepted)('accepts %s', (text) => {
        expect(validateSchema(JSON.parse(text)), JSON.stringify(validateSchema.errors)).toBe(true);
        expect(() => parseProjectFile(text, 'pom.json')).not.toThrow();
    });

    test.each(refused)('refuses %s', (text) => {
        expect(validateSchema(JSON.parse(text))).toBe(false);
        expect(() => parseProjectFile(text, 'pom.json')).toThrow(ProjectFileError);
    });

    test("the repository's own project files are valid", () => {
        for (const example of ['acme', 'problems', 'problems/legacy-snapshot']) {
            const file = new URL(`../../../examples/${example}/pom.json`, import.meta.url);
            expect(validateSchema(JSON.parse(readFileSync(file, 'utf8'))), example).toBe(true);
            expect(loadProjectFile(file.pathname).root).toBe(path.dirname(file.pathname));
        }
    });
});

describe('finding and loading project files on disk', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'pom-project-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    function write(relative: string, text: string): string {
        const file = path.join(scratch, relative);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
        return file;
    }

    test('the nearest project file upward wins', () => {
        const outer = write('repo/pom.json', '{ "name": "outer" }');
        const inner = write('repo/models/team/pom.json', '{ "name": "inner" }');
        const deep = write('repo/models/team/sub/deep/a.pom', 'team T');
        write('repo/models/b.pom', 'team U');
        expect(findProjectFile(deep)).toBe(inner);
        expect(findProjectFile(path.dirname(deep))).toBe(inner);
        expect(findProjectFile(path.join(scratch, 'repo/models/team'))).toBe(inner);
        expect(findProjectFile(path.join(scratch, 'repo/models/b.pom'))).toBe(outer);
        expect(findProjectFile(path.join(scratch, 'repo'))).toBe(outer);
    });

    test('no project file anywhere above: undefined', () => {
        const loose = write('loose/x/a.pom', 'team T');
        expect(findProjectFile(loose)).toBeUndefined();
    });

    test('a path that does not exist yet starts from its folder', () => {
        const file = write('fresh/pom.json', '{ "name": "fresh" }');
        expect(findProjectFile(path.join(scratch, 'fresh/new.pom'))).toBe(file);
    });

    test('loading makes every path absolute', () => {
        const file = write('abs/pom.json', '{ "name": "abs", "observations": "data/obs.json" }');
        const project = loadProjectFile(file);
        expect(project).toMatchObject({
            file,
            root: path.dirname(file),
            name: 'abs',
            observations: path.join(scratch, 'abs/data/obs.json'),
        });
    });

    test('a broken file on disk is one error with its path, line and column', () => {
        const file = write('broken/pom.json', '{\n  "name": "b",\n  "include": [".",]\n}\n');
        expect(() => loadProjectFile(file)).toThrow(`${file}:3:19: this is not valid JSON: a value is expected`);
    });

    test('a byte order mark does not count as text', () => {
        expect(loadProjectFile(write('bom/pom.json', '\uFEFF{ "name": "bom" }')).name).toBe('bom');
    });

    test('an unreadable project file is an error, not a crash', () => {
        const folder = path.join(scratch, 'folder-named-pom-json/pom.json');
        mkdirSync(folder, { recursive: true });
        expect(() => loadProjectFile(folder)).toThrow(ProjectFileError);
    });
});

describe('which files belong to a project', () => {
    test('include folders and exclude globs, relative to the project file', () => {
        const inProject = projectFilter({ include: ['models', 'shared/kinds'], exclude: ['**/*.draft.pom', 'models/old'] });
        expect(inProject('models/a.pom')).toBe(true);
        expect(inProject('models/deep/b.pom')).toBe(true);
        expect(inProject('shared/kinds/k.pom')).toBe(true);
        expect(inProject('shared/other.pom')).toBe(false);
        expect(inProject('notes.pom')).toBe(false);
        expect(inProject('models/c.draft.pom')).toBe(false);
        expect(inProject('models/old/x.pom')).toBe(false);
        expect(inProject('../elsewhere/x.pom')).toBe(false);
    });

    test('`.` takes everything but node_modules and .git', () => {
        const inProject = projectFilter({ include: ['.'], exclude: ['drafts/**'] });
        expect(inProject('a.pom')).toBe(true);
        expect(inProject('./sub/a.pom')).toBe(true);
        expect(inProject('drafts/a.pom')).toBe(false);
        expect(inProject('node_modules/x/a.pom')).toBe(false);
        expect(inProject('sub/.git/a.pom')).toBe(false);
    });

    test('absolute paths against a loaded project', () => {
        const project = { root: '/repo/models', include: ['.'], exclude: ['drafts'] };
        expect(isInProject(project, '/repo/models/a.pom')).toBe(true);
        expect(isInProject(project, '/repo/models/drafts/a.pom')).toBe(false);
        expect(isInProject(project, '/repo/other/a.pom')).toBe(false);
    });
});

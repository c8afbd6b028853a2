import { chmodSync, cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPomServices } from '../../language/src/pom-module.js';
import { folderWith as inScratch, prepareScratch, ROOT, type Run, removeScratch, runPom, seededRandom } from './built-cli.js';

const ACME = path.join(ROOT, 'examples/acme');
const PROBLEMS = path.join(ROOT, 'examples/problems');
const lexer = createPomServices(EmptyFileSystem).Pom.parser.Lexer;

function pom(args: string[], cwd = ROOT): Run {
    const run = runPom(args, { cwd });
    expect(run.stderr).not.toMatch(/internal error/);
    return run;
}

let scratch: string;

beforeAll(() => {
    scratch = prepareScratch('pom-format-test-');
}, 120_000);

afterAll(() => removeScratch(scratch));

function copyOf(source: string, name: string): string {
    const folder = path.join(scratch, name);
    cpSync(source, folder, { recursive: true });
    return folder;
}

const folderWith = (name: string, files: Record<string, string>) => inScratch(scratch, name, files);

function pomFiles(folder: string): string[] {
    return readdirSync(folder)
        .filter((f) => f.endsWith('.pom'))
        .sort();
}

function snapshot(folder: string): Record<string, string> {
    const files = readdirSync(folder, { withFileTypes: true }).filter((e) => e.isFile());
    return Object.fromEntries(files.map((e) => [e.name, readFileSync(path.join(folder, e.name), 'utf8')]));
}

function tokens(text: string): string[] {
    const lexed = lexer.tokenize(text);
    expect(lexed.errors).toEqual([]);
    return [...lexed.tokens, ...(lexed.hidden ?? [])].sort((a, b) => a.startOffset - b.startOffset).map((t) => t.image);
}

/**
 * Random spaces, tabs, indentation and trailing blanks between tokens, keeping every token as it is and what the
 * layout reads from the author: whether tokens touch, whether a line breaks, whether a blank line separates. The
 * gap before a multi-line block comment is kept, since its inner lines move with its first.
 */
function shuffleWhitespace(text: string, next: () => number): string {
    const lexed = lexer.tokenize(text);
    const all = [...lexed.tokens, ...(lexed.hidden ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    const blanks = (max: number) => Array.from({ length: Math.floor(next() * (max + 1)) }, () => (next() < 0.7 ? ' ' : '\t')).join('');
    let out = '';
    let end = 0;
    for (const [i, token] of [...all, undefined].entries()) {
        const start = token ? token.startOffset : text.length;
        const gap = text.slice(end, start);
        const previous = all[i - 1];
        const afterLineComment = previous?.image.startsWith('//') ?? false;
        const trailing = () => (afterLineComment ? '' : blanks(3));
        const lines = gap.split('\n').length - 1;
        if (gap === '' || (token?.image.startsWith('/*') && token.image.includes('\n'))) out += gap;
        else if (lines === 0) out += ` ${blanks(3)}`;
        else if (lines === 1) out += `${trailing()}\n${blanks(8)}`;
        else out += `${trailing()}\n${blanks(2)}\n${next() < 0.5 ? '\n' : ''}${blanks(8)}`;
        if (token) out += token.image;
        end = token ? token.startOffset + token.image.length : text.length;
    }
    return out;
}

describe('pom format --check', () => {
    test('passes on examples/acme: the example model is canonically formatted', () => {
        const run = pom(['format', '--check', 'examples/acme']);
        expect(run.stdout, 'run `pom format --write examples/acme` to lay out these files').toBe('');
        expect(run.status).toBe(0);
        expect(run.stderr).toBe(`${pomFiles(ACME).length} files: all formatted\n`);
    });

    test('names each unformatted file once on stdout and exits 1', () => {
        const folder = folderWith('check', {
            'tidy.pom': 'insight A "A"\n\ninsight B "B" {\n  source: data\n}\n',
            'messy.pom': 'insight A "A"\ninsight B   "B" { source: data, observed: 2026-01-02 }\n',
        });
        const run = pom(['format', '--check', '.'], folder);
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('messy.pom\n');
        expect(run.stderr).toBe('1 of 2 files not formatted; run pom format --write\n');
        expect(readFileSync(path.join(folder, 'messy.pom'), 'utf8')).toContain('insight B   "B"');
    });

    test('on examples/problems: syntax errors fail the check, the Maven XML file is skipped, nothing is written', () => {
        const before = snapshot(PROBLEMS);
        const run = pom(['format', '--check', 'examples/problems']);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(
            'pom: examples/problems/drafts.pom:6:21: not formatted, it has syntax errors: Unexpected character `§`.\n',
        );
        expect(run.stderr).toContain(
            'pom: examples/problems/rollout.pom:67:165: not formatted, it has syntax errors: Braces nest 65 levels deep, more than the limit of 64; this file is not parsed.\n',
        );
        expect(run.stderr).toContain('pom: examples/problems/maven.pom: skipped, XML, not a POM model\n');
        expect(run.stderr).toMatch(/; 2 files could not be formatted\n$/);
        const named = run.stdout.split('\n').filter(Boolean);
        expect(named).not.toContain('examples/problems/drafts.pom');
        expect(named).not.toContain('examples/problems/maven.pom');
        expect(named).not.toContain('examples/problems/rollout.pom');
        expect(named.every((f) => f.startsWith('examples/problems/') && f.endsWith('.pom'))).toBe(true);
        expect(snapshot(PROBLEMS)).toEqual(before);
    });
});

describe('pom format --write', () => {
    test('restores a whitespace-shuffled copy of examples/acme byte for byte, atomically', () => {
        const folder = copyOf(ACME, 'shuffled');
        const next = seededRandom(20260501);
        const shuffled: string[] = [];
        for (const file of pomFiles(folder)) {
            const original = readFileSync(path.join(ACME, file), 'utf8');
            const text = shuffleWhitespace(original, next);
            expect(tokens(text), `the shuffle kept the tokens of ${file}`).toEqual(tokens(original));
            if (text !== original) shuffled.push(file);
            writeFileSync(path.join(folder, file), text);
        }
        expect(shuffled).toEqual(pomFiles(ACME));
        const inodes = new Map(pomFiles(folder).map((f) => [f, statSync(path.join(folder, f)).ino]));

        const run = pom(['format', '--write', '.'], folder);
        expect(run.status).toBe(0);
        expect(run.stdout).toBe(shuffled.map((f) => `${f}\n`).join(''));
        expect(run.stderr).toBe(`reformatted ${shuffled.length} of ${shuffled.length} files\n`);
        for (const file of pomFiles(ACME)) {
            // The same bytes as formatting the original: the original itself where it is canonical.
            const expected = pom(['format', path.join('examples/acme', file)]).stdout;
            expect(readFileSync(path.join(folder, file), 'utf8'), file).toBe(expected);
            // Written by rename: a new file, not the old one rewritten in place.
            expect(statSync(path.join(folder, file)).ino).not.toBe(inodes.get(file));
        }
        expect(readdirSync(folder).sort(), 'no temporary files left behind').toEqual(readdirSync(ACME).sort());
    });

    test('a second run writes nothing', () => {
        const folder = folderWith('twice', { 'a.pom': 'insight A "A" { source: data; observed: 2026-01-02 }\n' });
        expect(pom(['format', '--write', 'a.pom'], folder)).toMatchObject({ status: 0, stdout: 'a.pom\n' });
        const formatted = readFileSync(path.join(folder, 'a.pom'), 'utf8');
        expect(formatted).toBe('insight A "A" {\n  source: data\n  observed: 2026-01-02\n}\n');
        const { ino, mtimeMs } = statSync(path.join(folder, 'a.pom'));
        const again = pom(['format', '--write', 'a.pom'], folder);
        expect(again).toMatchObject({ status: 0, stdout: '', stderr: '1 file: nothing to reformat\n' });
        expect(statSync(path.join(folder, 'a.pom'))).toMatchObject({ ino, mtimeMs });
        expect(pom(['format', '--check', 'a.pom'], folder).status).toBe(0);
    });

    test('keeps comments and the file’s permissions', () => {
        const text = '// header\ninsight A "A" {   /* why */ source: data // from the warehouse\n}\n';
        const folder = folderWith('comments', { 'a.pom': text });
        chmodSync(path.join(folder, 'a.pom'), 0o640);
        expect(pom(['format', '--write', 'a.pom'], folder).status).toBe(0);
        const written = readFileSync(path.join(folder, 'a.pom'), 'utf8');
        expect(written).toBe('// header\ninsight A "A" { /* why */\n  source: data // from the warehouse\n}\n');
        expect(statSync(path.join(folder, 'a.pom')).mode & 0o777).toBe(0o640);
    });

    test('never writes a file with syntax errors or one that is not POM, and exits 1', () => {
        const folder = copyOf(PROBLEMS, 'problems');
        const before = snapshot(folder);
        const run = pom(['format', '--write', '.'], folder);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('pom: drafts.pom:6:21: not formatted, it has syntax errors');
        expect(run.stderr).toContain('pom: maven.pom: skipped, XML, not a POM model');
        const after = snapshot(folder);
        expect(after['drafts.pom']).toBe(before['drafts.pom']);
        expect(after['maven.pom']).toBe(before['maven.pom']);
        expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
        // The files that were rewritten are exactly the ones named.
        const changed = Object.keys(before).filter((f) => after[f] !== before[f]);
        expect(run.stdout).toBe(changed.map((f) => `${f}\n`).join(''));
    });
});

describe('pom format (print)', () => {
    test('prints one file formatted on stdout and leaves it alone', () => {
        const folder = folderWith('print', { 'a.pom': 'insight A "A" { source: data, observed: 2026-01-02 }' });
        const run = pom(['format', 'a.pom'], folder);
        expect(run).toMatchObject({ status: 0, stderr: '' });
        expect(run.stdout).toBe('insight A "A" {\n  source: data\n  observed: 2026-01-02\n}\n');
        expect(readFileSync(path.join(folder, 'a.pom'), 'utf8')).toBe('insight A "A" { source: data, observed: 2026-01-02 }');
    });

    test('prints a file it cannot format unchanged, so a pipe never loses it, and exits 1', () => {
        const run = pom(['format', 'examples/problems/drafts.pom']);
        expect(run.status).toBe(1);
        expect(run.stdout).toBe(readFileSync(path.join(PROBLEMS, 'drafts.pom'), 'utf8'));
    });

    test.each([
        [
            ['format', 'examples/acme'],
            `pom: ${pomFiles(ACME).length} files found; give one file to print it formatted, or use --check or --write\n`,
        ],
        [['format', '--check', '--write', 'examples/acme'], 'pom: use either --check or --write, not both\n'],
        [['format', '--check', 'no/such/folder'], 'pom: cannot read no/such/folder: no such file or folder\n'],
    ])('%j is a usage error (exit 2)', (args, message) => {
        const run = pom(args);
        expect(run).toMatchObject({ status: 2, stdout: '', stderr: message });
    });
});

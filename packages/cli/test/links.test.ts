// Files behind links: every write goes through symbolic links to the file they point at (the link stays a link),
// a pipe, device, socket or folder is refused with exit code 2, and folders of models follow links to files and
// folders, reading each real file once and ending link loops.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { folderWith, prepareScratch, type Run, removeScratch, runPom } from './built-cli.js';

let scratch: string;

beforeAll(() => {
    scratch = prepareScratch('pom-links-test-');
}, 120_000);

afterAll(() => removeScratch(scratch));

function pom(args: string[], cwd: string): Run {
    const run = runPom(args, { cwd });
    expect(run.stderr).not.toMatch(/internal error|EEXIST|ENOENT|EISDIR/);
    return run;
}

const MESSY = 'namespace t\nteam   X "X" {   tags: "a" }\n';
const TIDY = 'namespace t\n\nteam X "X" { tags: "a" }\n';

describe('writes through links', () => {
    test('format --write formats the file a link points at and keeps the link', () => {
        const folder = folderWith(scratch, 'format-link', { 'real.txt': MESSY });
        mkdirSync(path.join(folder, 'models'));
        symlinkSync('../real.txt', path.join(folder, 'models/team.pom'));
        const run = pom(['format', '--write', 'models'], folder);
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('models/team.pom\n');
        expect(lstatSync(path.join(folder, 'models/team.pom')).isSymbolicLink()).toBe(true);
        expect(readlinkSync(path.join(folder, 'models/team.pom'))).toBe('../real.txt');
        expect(readFileSync(path.join(folder, 'real.txt'), 'utf8')).toBe(TIDY);
    });

    test('format --write keeps the permissions of the file it replaces', () => {
        const folder = folderWith(scratch, 'format-mode', { 'team.pom': MESSY });
        execFileSync('chmod', ['640', path.join(folder, 'team.pom')]);
        expect(pom(['format', '--write', 'team.pom'], folder).status).toBe(0);
        expect(statSync(path.join(folder, 'team.pom')).mode & 0o777).toBe(0o640);
    });

    test('compile -o onto a link writes its target, through a chain of links and a dangling one', () => {
        const folder = folderWith(scratch, 'compile-link', { 'team.pom': TIDY, 'out.json': 'old' });
        symlinkSync('out.json', path.join(folder, 'first.json'));
        symlinkSync('first.json', path.join(folder, 'second.json'));
        expect(pom(['compile', 'team.pom', '-o', 'second.json'], folder).status).toBe(0);
        expect(lstatSync(path.join(folder, 'second.json')).isSymbolicLink()).toBe(true);
        expect(lstatSync(path.join(folder, 'first.json')).isSymbolicLink()).toBe(true);
        expect(JSON.parse(readFileSync(path.join(folder, 'out.json'), 'utf8')).elements[0].id).toBe('t.X');

        mkdirSync(path.join(folder, 'build'));
        symlinkSync('build/new.json', path.join(folder, 'dangling.json'));
        expect(pom(['compile', 'team.pom', '-o', 'dangling.json'], folder).status).toBe(0);
        expect(JSON.parse(readFileSync(path.join(folder, 'build/new.json'), 'utf8')).format).toBe('pom-model');
        expect(lstatSync(path.join(folder, 'dangling.json')).isSymbolicLink()).toBe(true);
    });

    test('a pipe, a device, a folder and a link loop are refused with exit code 2; -o - writes stdout', () => {
        const folder = folderWith(scratch, 'compile-special', { 'team.pom': TIDY });
        execFileSync('mkfifo', [path.join(folder, 'fifo.json')]);
        symlinkSync('fifo.json', path.join(folder, 'to-fifo.json'));
        symlinkSync('loop-b.json', path.join(folder, 'loop-a.json'));
        symlinkSync('loop-a.json', path.join(folder, 'loop-b.json'));
        const refusals: Array<[string, string]> = [
            ['fifo.json', 'cannot write fifo.json: it is a pipe (FIFO), not a regular file; to write to stdout, give -o - or no -o'],
            ['to-fifo.json', 'cannot write to-fifo.json: it is a pipe (FIFO), not a regular file'],
            ['/dev/null', 'cannot write /dev/null: it is a device, not a regular file'],

            ['.', 'cannot write .: it is a folder, not a regular file'],
            ['loop-a.json', 'cannot write loop-a.json: too many symbolic links (a loop?)'],
            ['missing/out.json', 'cannot write missing/out.json: no such folder'],
            ['team.pom/out.json', 'cannot write team.pom/out.json: a part of the path is a file, not a folder'],
        ];
        for (const [output, message] of refusals) {
            const run = pom(['compile', 'team.pom', '-o', output], folder);
            expect(run.status, output).toBe(2);
            expect(run.stderr, output).toContain(`pom: ${message}`);
            expect(run.stdout, output).toBe('');
        }
        // The test's stdout is a pipe or socket: /dev/stdout leads to it, and is never replaced by a file.
        const stdoutLink = pom(['compile', 'team.pom', '-o', '/dev/stdout'], folder);
        expect(stdoutLink.status).toBe(2);
        expect(stdoutLink.stderr).toMatch(/^pom: cannot write \/dev\/stdout: it is a (pipe \(FIFO\)|socket), not a regular file;/);
        expect(lstatSync(path.join(folder, 'fifo.json')).isFIFO()).toBe(true);
        expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
        const stdout = pom(['compile', 'team.pom', '-o', '-'], folder);
        expect(stdout.status).toBe(0);
        expect(JSON.parse(stdout.stdout).format).toBe('pom-model');
    });

    test('graph --all-views writes into the folder a link points at; a file or pipe in the way is refused', () => {
        const model = 'namespace t\nteam X "X"\nview All { include: "*" }\n';
        const folder = folderWith(scratch, 'graph-site', { 'm.pom': model });
        mkdirSync(path.join(folder, 'real-site'));
        symlinkSync('real-site', path.join(folder, 'site'));
        expect(pom(['graph', 'm.pom', '--all-views', '-o', 'site'], folder).status).toBe(0);
        expect(existsSync(path.join(folder, 'real-site/index.html'))).toBe(true);
        expect(lstatSync(path.join(folder, 'site')).isSymbolicLink()).toBe(true);

        writeFileSync(path.join(folder, 'a-file'), 'x');
        const onFile = pom(['graph', 'm.pom', '--all-views', '-o', 'a-file'], folder);
        expect(onFile.status).toBe(2);
        expect(onFile.stderr).toBe('pom: cannot create the folder a-file: it is a file, not a folder\n');

        mkdirSync(path.join(folder, 'piped'));
        execFileSync('mkfifo', [path.join(folder, 'piped/index.html')]);
        const onPipe = pom(['graph', 'm.pom', '--all-views', '-o', 'piped'], folder);
        expect(onPipe.status).toBe(2);
        expect(onPipe.stderr).toContain('cannot write piped/index.html: it is a pipe (FIFO), not a regular file\n');
    });

    test('init makes the project in the empty folder a link points at, and refuses a dangling link clearly', () => {
        const folder = folderWith(scratch, 'init-link', {});
        mkdirSync(path.join(folder, 'real'));
        symlinkSync('real', path.join(folder, 'project'));
        expect(pom(['init', 'project'], folder).status).toBe(0);
        expect(existsSync(path.join(folder, 'real/pom.json'))).toBe(true);

        symlinkSync('nowhere', path.join(folder, 'dangling'));
        const run = pom(['init', 'dangling'], folder);
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/^pom: cannot create the folder .*dangling: it is a symbolic link to nothing\n$/);
    });
});

describe('reading folders with links', () => {
    const model = (name: string) => `namespace t\nteam ${name} "${name}" { tags: "t" }\n`;

    test('linked files and folders are read, each real file once, and a loop ends', () => {
        const folder = folderWith(scratch, 'read-links', { 'outside.txt': model('X') });
        mkdirSync(path.join(folder, 'models/sub'), { recursive: true });
        writeFileSync(path.join(folder, 'models/y.pom'), model('Y'));
        writeFileSync(path.join(folder, 'models/sub/z.pom'), model('Z'));
        symlinkSync('../outside.txt', path.join(folder, 'models/x.pom'));
        symlinkSync('x.pom', path.join(folder, 'models/x-again.pom'));
        symlinkSync('sub', path.join(folder, 'models/sub-again'));
        symlinkSync('..', path.join(folder, 'models/sub/up'));
        symlinkSync('nowhere', path.join(folder, 'models/not-a-model'));
        const run = pom(['validate', 'models'], folder);
        expect(run.stdout).not.toMatch(/error|warning/);
        expect(run.stderr).toBe('3 files checked: 3 hints.\n');
        expect(run.status).toBe(0);
        const compiled = JSON.parse(pom(['compile', 'models'], folder).stdout);
        expect(compiled.elements.map((e: { id: string; source: { path: string } }) => [e.id, e.source.path])).toEqual([
            ['t.X', 'x-again.pom'],
            ['t.Y', 'y.pom'],
            ['t.Z', 'sub/z.pom'],
        ]);
    });

    test('a broken or looping .pom link is an error with exit code 2', () => {
        const folder = folderWith(scratch, 'read-broken', { 'y.pom': model('Y') });
        symlinkSync('gone.pom', path.join(folder, 'broken.pom'));
        const broken = pom(['validate', '.'], folder);
        expect(broken.status).toBe(2);
        expect(broken.stderr).toBe('pom: cannot read broken.pom: a symbolic link to nothing\n');

        const looping = folderWith(scratch, 'read-loop', { 'y.pom': model('Y') });
        symlinkSync('self.pom', path.join(looping, 'self.pom'));
        const loop = pom(['validate', '.'], looping);
        expect(loop.status).toBe(2);
        expect(loop.stderr).toBe('pom: cannot read self.pom: too many symbolic links (a loop?)\n');
    });
});

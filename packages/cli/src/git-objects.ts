// Reading a model from git objects without a checkout: resolve the revision, list its blobs under the paths, read
// them in one `git cat-file --batch`. Works in any clone that has the commit, such as a CI job that fetched the base
// branch. Every failure is a UsageError with one clear line.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { UsageError } from './errors.js';

export interface GitFile {
    /** Relative to the repository's top folder, `/`-separated. */
    readonly path: string;
    readonly text: string;
}

function git(args: readonly string[], cwd: string, input?: Buffer): { status: number | null; stdout: Buffer; stderr: string } {
    const result = spawnSync('git', ['--literal-pathspecs', ...args], {
        cwd,
        input,
        maxBuffer: 1024 * 1024 * 1024,
        // Never ask for credentials or open an editor: this runs unattended in CI.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    });
    if (result.error) {
        const code = (result.error as NodeJS.ErrnoException).code;
        throw new UsageError(
            code === 'ENOENT' ? 'git is needed to read a revision, and it is not on the PATH' : `git: ${result.error.message}`,
        );
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** The top folder of the repository that holds `cwd`, or undefined outside a repository. */
export function repositoryRoot(cwd: string): string | undefined {
    const result = git(['rev-parse', '--show-toplevel'], cwd);
    return result.status === 0 ? path.resolve(result.stdout.toString('utf8').trim()) : undefined;
}

/** The commit a revision names, or undefined when it names none. */
export function resolveCommit(revision: string, cwd: string): string | undefined {
    // A leading dash would be read as an option.
    if (revision.startsWith('-') || revision.includes('\u0000')) return undefined;
    const result = git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd);
    return result.status === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/**
 * The `.pom` files of a commit under the given repository-relative paths (a path naming a file is taken whatever
 * its extension, as on the command line), skipping `node_modules` folders.
 */
export function readCommitFiles(commit: string, paths: readonly string[], root: string): GitFile[] {
    const specs = paths.map((p) => (p === '' ? '.' : p));
    const listing = git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...specs], root);
    if (listing.status !== 0) throw new UsageError(`cannot list ${commit.slice(0, 12)}: ${firstLine(listing.stderr)}`);
    const blobs: Array<{ sha: string; path: string }> = [];
    for (const entry of listing.stdout.toString('utf8').split('\u0000')) {
        // `<mode> <type> <sha>\t<path>`; symbolic links (120000) and submodules are not model files.
        const match = /^(100644|100755) blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
        if (!match) continue;
        const file = match[3];
        const named = specs.includes(file);
        if (!named && (!file.endsWith('.pom') || file.split('/').includes('node_modules'))) continue;
        blobs.push({ sha: match[2], path: file });
    }
    blobs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (blobs.length === 0) return [];

    const batch = git(['cat-file', '--batch'], root, Buffer.from(`${blobs.map((b) => b.sha).join('\n')}\n`));
    if (batch.status !== 0) throw new UsageError(`cannot read the files of ${commit.slice(0, 12)}: ${firstLine(batch.stderr)}`);
    const files: GitFile[] = [];
    let offset = 0;
    for (const blob of blobs) {
        // Each object is `<sha> <type> <size>\n<content>\n`.
        const newline = batch.stdout.indexOf(0x0a, offset);
        const header = batch.stdout.subarray(offset, newline).toString('utf8');
        const size = Number(header.split(' ')[2]);
        if (!header.startsWith(blob.sha) || !Number.isFinite(size))
            throw new UsageError(`cannot read ${blob.path} at ${commit.slice(0, 12)}`);
        files.push({ path: blob.path, text: batch.stdout.subarray(newline + 1, newline + 1 + size).toString('utf8') });
        offset = newline + 1 + size + 1;
    }
    return files;
}

function firstLine(text: string): string {
    return (
        text
            .trim()
            .split('\n')[0]
            ?.replace(/^(fatal|error): /, '') || 'git failed'
    );
}

/**
 * One file of a commit, by repository-relative path: its text, or undefined when the commit has no regular file
 * there. A folder or a symbolic link at that path is an error, as on disk: only a regular file is read.
 */
export function readCommitFile(commit: string, file: string, root: string): string | undefined {
    const listing = git(['ls-tree', '-z', '--full-tree', commit, '--', file], root);
    if (listing.status !== 0) throw new UsageError(`cannot list ${commit.slice(0, 12)}: ${firstLine(listing.stderr)}`);
    const entry = listing.stdout.toString('utf8').split('\u0000')[0];
    if (entry === '') return undefined;
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t/.exec(entry);
    if (match?.[2] !== 'blob' || match[1] === '120000') throw new Error('it is not a regular file');
    const blob = git(['cat-file', 'blob', match[3]], root);
    if (blob.status !== 0) throw new UsageError(`cannot read ${file} at ${commit.slice(0, 12)}: ${firstLine(blob.stderr)}`);
    return blob.stdout.toString('utf8');
}

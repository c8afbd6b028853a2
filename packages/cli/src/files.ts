// Finding and reading model files: `*.pom` found recursively under folders (skipping node_modules and .git, following
// symbolic links), files named explicitly taken whatever their extension. Every failure is a UsageError with a clear
// reason.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface ModelFile {
    /** Absolute path. */
    readonly path: string;
    readonly text: string;
}

/**
 * Every model file under the given paths, sorted, each once: a file reached by several paths (symbolic links) is
 * read once, under the first of them in order.
 */
export async function findModelFiles(paths: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const given of paths) {
        const absolute = path.resolve(given);
        const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
            throw new UsageError(`cannot read ${displayPath(given)}: ${reason(error)}`);
        });
        if (info.isDirectory()) {
            const before = found.length;
            await walkModelFiles(absolute, { file: (file) => void found.push(file) });
            if (found.length === before) throw new UsageError(`no .pom files found in ${displayPath(given)}`);
        } else {
            found.push(absolute);
        }
    }
    if (found.length === 0) throw new UsageError('no .pom files found');
    return [...new Set((await readAs(found)).values())].sort();
}

/**
 * Each file → the path it is read under: of the paths to one real file (through symbolic links), the first in
 * code-unit order.
 */
export async function readAs(files: readonly string[]): Promise<Map<string, string>> {
    const byRealPath = new Map<string, string>();
    const reals = new Map<string, string>();
    for (const file of [...new Set(files)].sort(compare)) {
        const real = await realpath(file).catch((error: NodeJS.ErrnoException) => {
            throw new UsageError(`cannot read ${displayPath(file)}: ${reason(error)}`);
        });
        reals.set(file, real);
        if (!byRealPath.has(real)) byRealPath.set(real, file);
    }
    return new Map([...reals].map(([file, real]) => [file, byRealPath.get(real)!]));
}

export interface FolderVisitor {
    /** A `.pom` file (or a link to one), by the path it was reached under. */
    file(file: string): Promise<void> | void;
    /** Whether to enter a folder below the root (the root too with `askForRoot`), given the names in it. */
    enter?(folder: string, names: readonly string[]): boolean;
}

/**
 * Walks a folder for `.pom` files in name order, skipping node_modules and .git. Symbolic links are followed, to
 * files and to folders; a folder reached again (a link loop, or two links to one folder) is not walked again. A
 * broken link named `*.pom` is an error; other broken links are not model files and are passed over.
 */
export async function walkModelFiles(folder: string, visitor: FolderVisitor, options: { askForRoot?: boolean } = {}): Promise<void> {
    const walked = new Set<string>();
    const walk = async (current: string, isRoot: boolean): Promise<void> => {
        const real = await realpath(current).catch((error: NodeJS.ErrnoException) => {
            throw new UsageError(`cannot read ${displayPath(current)}: ${reason(error)}`);
        });
        if (walked.has(real)) return;
        walked.add(real);
        const entries = await readdir(current, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
            throw new UsageError(`cannot read ${displayPath(current)}: ${reason(error)}`);
        });
        entries.sort((a, b) => compare(a.name, b.name));
        if (
            (!isRoot || options.askForRoot) &&
            visitor.enter &&
            !visitor.enter(
                current,
                entries.map((e) => e.name),
            )
        )
            return;
        for (const entry of entries) {
            const full = path.join(current, entry.name);
            const info = entry.isSymbolicLink() ? await linked(full, entry.name) : entry;
            if (info?.isDirectory()) {
                if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, false);
            } else if (info?.isFile() && entry.name.endsWith('.pom')) {
                await visitor.file(full);
            }
        }
    };
    await walk(folder, true);
}

/** What a link in a folder points at; a broken one is an error only when it looks like a model file. */
async function linked(link: string, name: string): Promise<{ isFile(): boolean; isDirectory(): boolean } | undefined> {
    return stat(link).catch((error: NodeJS.ErrnoException) => {
        if (!name.endsWith('.pom')) return undefined;
        throw new UsageError(`cannot read ${displayPath(link)}: ${error.code === 'ENOENT' ? 'a symbolic link to nothing' : reason(error)}`);
    });
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

export async function readModelFiles(paths: readonly string[]): Promise<ModelFile[]> {
    return Promise.all(
        paths.map(async (file) => {
            const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
                throw new UsageError(`cannot read ${path.relative(process.cwd(), file) || file}: ${reason(error)}`);
            });
            return { path: file, text: bytes.toString('utf8') };
        }),
    );
}

/** The deepest folder that holds every file: the root that compiled paths are relative to. */
export function commonRoot(files: readonly string[], given: readonly string[]): string {
    const folders = given.map((g) => path.resolve(g)).map((g) => (files.includes(g) ? path.dirname(g) : g));
    return folders.reduce((root, folder) => {
        while (folder !== root && !folder.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
            root = path.dirname(root);
        }
        return root;
    });
}

/** A path for messages and reports: relative to the working folder, `/`-separated. */
export function displayPath(file: string, from = process.cwd()): string {
    const relative = path.relative(from, file);
    return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

function reason(error: NodeJS.ErrnoException): string {
    switch (error.code) {
        case 'ENOENT':
            return 'no such file or folder';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EISDIR':
            return 'is a folder';
        case 'ELOOP':
            return 'too many symbolic links (a loop?)';
        case 'ENOTDIR':
            return 'a part of the path is a file, not a folder';
        default:
            return error.message;
    }
}

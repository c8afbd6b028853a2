// Finding and reading model files: `*.pom` found recursively under folders (skipping node_modules and .git),
// files named explicitly taken whatever their extension. Every failure is a UsageError with a clear reason.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export interface ModelFile {
    /** Absolute path. */
    readonly path: string;
    readonly text: string;
}

/** Every model file under the given paths, sorted, each once. */
export async function findModelFiles(paths: readonly string[]): Promise<string[]> {
    const found = new Set<string>();
    for (const given of paths) {
        const absolute = path.resolve(given);
        const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
            throw new UsageError(`cannot read ${given}: ${reason(error)}`);
        });
        if (info.isDirectory()) {
            const before = found.size;
            await walk(absolute, found);
            if (found.size === before) throw new UsageError(`no .pom files found in ${given}`);
        } else {
            found.add(absolute);
        }
    }
    if (found.size === 0) throw new UsageError('no .pom files found');
    return [...found].sort();
}

async function walk(folder: string, found: Set<string>): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${folder}: ${reason(error)}`);
    });
    for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, found);
        } else if (entry.isFile() && entry.name.endsWith('.pom')) {
            found.add(full);
        }
    }
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
        default:
            return error.message;
    }
}

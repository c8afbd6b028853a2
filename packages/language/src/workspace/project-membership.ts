// Which files belong to a project: those under one of its `include` folders and matched by none of its `exclude`
// globs, both relative to the project file's folder. Paths here are `/`-separated and relative to that folder.
import { minimatch } from 'minimatch';
import type { ProjectSettings } from './project-file-parser.js';

/** Folders never searched for model files, in a project or not. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export type ProjectFilter = (relativePath: string) => boolean;

/** A test for `/`-separated paths relative to the project's folder. */
export function projectFilter(settings: Pick<ProjectSettings, 'include' | 'exclude'>): ProjectFilter {
    const includes = settings.include.map(normalise);
    const excludes = settings.exclude.map((pattern) => normalise(pattern));
    return (relativePath) => {
        const file = normalise(relativePath);
        if (file === '' || file === '..' || file.startsWith('../')) return false;
        const folders = ancestors(file);
        if (folders.some((folder) => SKIPPED_FOLDERS.has(folder.split('/').pop() ?? ''))) return false;
        if (!includes.some((include) => include === '' || file === include || file.startsWith(`${include}/`))) return false;
        // A pattern that names a folder (`drafts`, `drafts/**`) leaves out everything under it.
        return !excludes.some((pattern) => [file, ...folders].some((candidate) => minimatch(candidate, pattern, { dot: true })));
    };
}

function normalise(relativePath: string): string {
    return relativePath
        .replace(/\\/g, '/')
        .split('/')
        .filter((segment) => segment !== '' && segment !== '.')
        .join('/');
}

/** `a/b/c.pom` → `a`, `a/b`. */
function ancestors(file: string): string[] {
    const segments = file.split('/');
    return segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'));
}

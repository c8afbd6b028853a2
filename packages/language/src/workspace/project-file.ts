// Project files on disk (Node only): find the nearest `pom.json` upward from a path, as tsc finds tsconfig.json,
// and load it into a project with absolute paths. The language server reads project files through Langium's file
// system instead (see project-partitions.ts), so this module stays out of the browser build.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_FILE_NAME, ProjectFileError, type ProjectSettings, parseProjectFile } from './project-file-parser.js';
import { projectFilter } from './project-membership.js';

export type { ConnectionSpec, DuckDbConnection, PostgresConnection, SecretRef } from './project-file-parser.js';
export { DEFAULT_OBSERVATIONS, PROJECT_FILE_NAME, ProjectFileError } from './project-file-parser.js';

export interface PomProject extends ProjectSettings {
    /** The project file, absolute. */
    file: string;
    /** Its folder: the root that `include`, `exclude`, `observations` and data paths are relative to. */
    root: string;
    /** The observations snapshot, absolute. */
    observations: string;
}

/** The nearest project file in `startPath` (a file's folder, or the folder itself) or any folder above it. */
export function findProjectFile(startPath: string): string | undefined {
    let folder = path.resolve(startPath);
    if (!isFolder(folder)) folder = path.dirname(folder);
    for (;;) {
        const candidate = path.join(folder, PROJECT_FILE_NAME);
        if (isFile(candidate)) return candidate;
        const parent = path.dirname(folder);
        if (parent === folder) return undefined;
        folder = parent;
    }
}

/** Reads and checks a project file; throws a ProjectFileError (path, line, column, reason) when it is unusable. */
export function loadProjectFile(file: string): PomProject {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        throw new ProjectFileError(file, 1, 1, `cannot read the project file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const settings = parseProjectFile(text.replace(/^\uFEFF/, ''), file);
    const absolute = path.resolve(file);
    const root = path.dirname(absolute);
    return { ...settings, file: absolute, root, observations: path.join(root, settings.observations) };
}

/** Whether an absolute file path is part of the project's model (under an include folder, not excluded). */
export function isInProject(project: Pick<PomProject, 'root' | 'include' | 'exclude'>, file: string): boolean {
    const relative = path.relative(project.root, path.resolve(file)).split(path.sep).join('/');
    return projectFilter(project)(relative);
}

function isFile(candidate: string): boolean {
    return statSync(candidate, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isFolder(candidate: string): boolean {
    return statSync(candidate, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

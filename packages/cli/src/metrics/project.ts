// The project as `pom metrics pull` needs it: its root folder, where the snapshot goes and the named connections.
// Read with the language package's project-file loader from the nearest `pom.json` upward from the model; without
// one, the model's root folder is the project.
import path from 'node:path';
import { type ConnectionSpec, DEFAULT_OBSERVATIONS, ProjectFileError } from 'pom-language';
import { findProjectFile, loadProjectFile } from 'pom-language/node';
import { UsageError } from '../errors.js';
import { displayPath } from '../files.js';

export type { ConnectionSpec, DuckDbConnection, PostgresConnection, SecretRef } from 'pom-language';

export interface PullProject {
    /** The project file, or undefined when there is none. */
    file: string | undefined;
    /** Data paths must stay inside this folder. */
    root: string;
    /** The snapshot, absolute. */
    observations: string;
    connections: Record<string, ConnectionSpec>;
}

/** The project around `modelRoot`: its `pom.json` if one is found upward, else the folder itself. */
export function pullProject(modelRoot: string): PullProject {
    const file = findProjectFile(modelRoot);
    if (file === undefined) {
        return { file: undefined, root: modelRoot, observations: path.join(modelRoot, DEFAULT_OBSERVATIONS), connections: {} };
    }
    try {
        const project = loadProjectFile(file);
        return { file: project.file, root: project.root, observations: project.observations, connections: project.connections };
    } catch (error) {
        if (error instanceof ProjectFileError) {
            throw new UsageError(`${displayPath(error.path)}:${error.line}:${error.column}: ${error.reason}`);
        }
        throw error;
    }
}

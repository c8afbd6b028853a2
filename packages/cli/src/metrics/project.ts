// The project as `pom metrics pull` needs it: its root folder, where the snapshot goes and the named connections.
// Read from the nearest `pom.json` upward from the model; without one, the model's root folder is the project.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

export const PROJECT_FILE_NAME = 'pom.json';
export const DEFAULT_OBSERVATIONS = 'observations.json';

/** A credential: the name of the environment variable that holds it, never the secret itself. */
export interface SecretRef {
    env: string;
}

export interface DuckDbConnection {
    type: 'duckdb';
    path?: string;
    timeoutSeconds?: number;
}

export interface PostgresConnection {
    type: 'postgres';
    url?: SecretRef;
    host?: string;
    port?: number;
    database?: string;
    user?: string;
    password?: SecretRef;
    ssl?: boolean;
    timeoutSeconds?: number;
}

export type ConnectionSpec = DuckDbConnection | PostgresConnection;

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
    const root = path.dirname(file);
    const settings = readSettings(file);
    return { file, root, observations: path.resolve(root, settings.observations), connections: settings.connections };
}

function findProjectFile(start: string): string | undefined {
    let folder = path.resolve(start);
    for (;;) {
        const candidate = path.join(folder, PROJECT_FILE_NAME);
        if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
        const parent = path.dirname(folder);
        if (parent === folder) return undefined;
        folder = parent;
    }
}

function readSettings(file: string): { observations: string; connections: Record<string, ConnectionSpec> } {
    const fail = (reason: string): never => {
        throw new UsageError(`${file}: ${reason}`);
    };
    let data: unknown;
    try {
        data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        return fail(`cannot read the project file: ${(error as Error).message}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('a project file holds one JSON object');
    const settings = data as { observations?: unknown; connections?: unknown };
    const observations = settings.observations ?? DEFAULT_OBSERVATIONS;
    if (typeof observations !== 'string' || observations === '') fail('`observations` is a path, such as "observations.json"');
    const connections = settings.connections ?? {};
    if (typeof connections !== 'object' || connections === null || Array.isArray(connections)) {
        fail('`connections` maps names to connections');
    }
    for (const [name, spec] of Object.entries(connections as Record<string, unknown>)) checkConnection(name, spec, fail);
    return { observations: observations as string, connections: connections as Record<string, ConnectionSpec> };
}

function checkConnection(name: string, spec: unknown, fail: (reason: string) => never): void {
    const value = spec as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null || (value.type !== 'duckdb' && value.type !== 'postgres')) {
        fail(`connection \`${name}\` needs a \`type\`: "duckdb" or "postgres"`);
    }
    for (const key of ['password', 'url']) {
        const secret = value?.[key];
        if (secret !== undefined && (typeof secret !== 'object' || typeof (secret as SecretRef | null)?.env !== 'string')) {
            fail(`connection \`${name}\`: \`${key}\` must name an environment variable, as { "env": "NAME" }, never hold the secret`);
        }
    }
}

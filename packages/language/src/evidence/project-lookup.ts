// Finds the project a model file belongs to: the nearest `pom.json` upward from its folder, read for the two things
// the evidence checks need (the connection names and where the snapshot is). Without a project file, the model's
// root folder is the project root and the snapshot is `observations.json` in it. Reads through Langium's file
// system provider, so the language package stays free of Node APIs.
import { type FileSystemProvider, type URI, UriUtils } from 'langium';
import { SNAPSHOT_FILE } from './snapshot.js';

export const PROJECT_FILE = 'pom.json';

export interface EvidenceProject {
    /** The project file, when there is one. */
    readonly file?: URI;
    /** The folder data paths must stay inside: the project file's folder, or the model root. */
    readonly root: URI;
    /** The names of the connections the project file declares. */
    readonly connections: ReadonlySet<string>;
    /** Where the snapshot of observations is. */
    readonly observations: URI;
}

/** The nearest project file at or above `folder`, not above `stop` when given. */
export function findProjectFile(fs: FileSystemProvider, folder: URI, stop?: URI): URI | undefined {
    for (let current = folder; ; ) {
        const candidate = UriUtils.joinPath(current, PROJECT_FILE);
        if (safeExists(fs, candidate)) return candidate;
        if (stop && current.toString() === stop.toString()) return undefined;
        const parent = UriUtils.dirname(current);
        if (parent.toString() === current.toString()) return undefined;
        current = parent;
    }
}

/** The project of a project file; a file that cannot be read or parsed still names its folder as the root. */
export function readProject(fs: FileSystemProvider, file: URI): EvidenceProject {
    const root = UriUtils.dirname(file);
    let data: Record<string, unknown> = {};
    try {
        const parsed: unknown = JSON.parse(fs.readFileSync(file));
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    } catch {
        // The project file's own problems are reported where it is loaded for the model; here it only places things.
    }
    const observations = typeof data.observations === 'string' ? data.observations : SNAPSHOT_FILE;
    const connections = typeof data.connections === 'object' && data.connections !== null ? Object.keys(data.connections) : [];
    return { file, root, connections: new Set(connections), observations: UriUtils.resolvePath(root, observations) };
}

/** The project for a model root without a project file. */
export function defaultProject(root: URI): EvidenceProject {
    return { root, connections: new Set(), observations: UriUtils.joinPath(root, SNAPSHOT_FILE) };
}

function safeExists(fs: FileSystemProvider, uri: URI): boolean {
    try {
        return fs.existsSync(uri) && fs.statSync(uri).isFile;
    } catch {
        return false;
    }
}

// What the evidence checks read besides the model: the project of each file, its snapshot of observations and the
// as-of date. The CLI sets the date (`--as-of`) and the model roots; the language server uses today and its
// workspace folders. Only the snapshot file is ever read here: never a data file, never a query.
import { type FileSystemProvider, type LangiumSharedCoreServices, type URI, UriUtils } from 'langium';
import { parseDate } from '../model/values.js';
import { defaultProject, type EvidenceProject, findProjectFile, readProject } from './project-lookup.js';
import { parseSnapshot, type Snapshot, SnapshotError } from './snapshot.js';

export interface LoadedSnapshot {
    readonly snapshot?: Snapshot;
    /** Why a snapshot file that exists could not be read. */
    readonly error?: string;
}

export type TextReader = (uri: URI) => string | undefined;

/** Today as `YYYY-MM-DD` (UTC), the server's as-of date. */
export function today(): string {
    return new Date().toISOString().slice(0, 10);
}

export class EvidenceContext {
    private readonly fs: FileSystemProvider;
    private fixedAsOf: string | undefined;
    private modelRoots: URI[] = [];
    private readonly projects = new Map<string, EvidenceProject>();
    private readonly snapshots = new Map<string, LoadedSnapshot>();
    /** Reads the snapshot; replaced when a model is read from git objects. */
    private reader: TextReader;
    /** Resolves symbolic links (Node only); without it a data path is checked as written. */
    realPath: ((path: string) => string | undefined) | undefined;

    constructor(shared: LangiumSharedCoreServices) {
        this.fs = shared.workspace.FileSystemProvider;
        this.reader = (uri) => this.readFile(uri);
    }

    /** The date checks compare with: the one set (`--as-of`) or today. */
    asOf(): string {
        return this.fixedAsOf ?? today();
    }

    setAsOf(date: string | undefined): void {
        if (date !== undefined && parseDate(date) === undefined) throw new Error(`\`${date}\` is not a date; write YYYY-MM-DD`);
        this.fixedAsOf = date === undefined ? undefined : parseDate(date);
        this.invalidate();
    }

    /** The folders a model was loaded from (CLI paths, workspace folders): the project root when no project file. */
    setModelRoots(roots: readonly URI[]): void {
        this.modelRoots = [...roots];
        this.invalidate();
    }

    setReader(reader: TextReader | undefined): void {
        this.reader = reader ?? ((uri) => this.readFile(uri));
        this.invalidate();
    }

    /** Forget projects and snapshots read so far: the files changed on disk. */
    invalidate(): void {
        this.projects.clear();
        this.snapshots.clear();
    }

    /** The project a model file belongs to. */
    projectOf(document: URI): EvidenceProject {
        const folder = UriUtils.dirname(document);
        const key = folder.toString();
        let project = this.projects.get(key);
        if (!project) {
            const root = this.rootOf(document);
            const file = document.scheme === 'file' ? findProjectFile(this.fs, folder) : undefined;
            project = file ? readProject(this.fs, file) : defaultProject(root ?? folder);
            this.projects.set(key, project);
        }
        return project;
    }

    /** The snapshot of a project, read once per change; undefined when there is none (the checks stay silent). */
    snapshotOf(project: EvidenceProject): LoadedSnapshot {
        const key = project.observations.toString();
        let loaded = this.snapshots.get(key);
        if (!loaded) {
            loaded = this.load(project.observations);
            this.snapshots.set(key, loaded);
        }
        return loaded;
    }

    /** Whether a change to this file changes what the evidence checks see. */
    concerns(uri: URI): boolean {
        const name = UriUtils.basename(uri);
        if (name === 'pom.json' || name === 'observations.json') return true;
        const key = uri.toString();
        return [...this.projects.values()].some((p) => p.observations.toString() === key);
    }

    private load(uri: URI): LoadedSnapshot {
        let text: string | undefined;
        try {
            text = this.reader(uri);
        } catch (error) {
            return { error: `cannot be read: ${(error as Error).message}` };
        }
        if (text === undefined) return {};
        try {
            return { snapshot: parseSnapshot(text) };
        } catch (error) {
            if (error instanceof SnapshotError) return { error: error.message };
            throw error;
        }
    }

    private readFile(uri: URI): string | undefined {
        if (uri.scheme !== 'file' || !this.fs.existsSync(uri)) return undefined;
        // A named pipe or a device would block the read (and the editor with it): only a regular file is read.
        if (!this.fs.statSync(uri).isFile) throw new Error('it is not a regular file');
        return this.fs.readFileSync(uri);
    }

    private rootOf(document: URI): URI | undefined {
        const path = document.path;
        const containing = this.modelRoots.filter((r) => path.startsWith(r.path.replace(/\/?$/, '/')));
        return containing.sort((a, b) => b.path.length - a.path.length)[0];
    }
}

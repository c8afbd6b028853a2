// Which model each document belongs to when one workspace holds several projects. A project is the folder of a
// project file (`pom.json`) and the files it includes; each project is a model of its own (names resolve only
// inside it, workspace-wide rules run per project). Files in no project form one more model among themselves.
// Batch tools that load one model register no project, so everything is in that one model.
import { type URI, UriUtils } from 'langium';
import type { ProjectFileError, ProjectSettings } from './project-file-parser.js';
import { type ProjectFilter, projectFilter } from './project-membership.js';

export interface KnownProject {
    /** The project file. */
    readonly file: URI;
    /** Its settings; undefined when the file is broken (then `problem` says why, and the folder is still a project). */
    readonly settings: ProjectSettings | undefined;
    readonly problem: ProjectFileError | undefined;
}

interface Entry {
    readonly project: KnownProject;
    readonly scheme: string;
    /** The project folder's path, ending in `/`. */
    readonly root: string;
    readonly includes: ProjectFilter;
}

/** The key of the model that files in no project make up. */
export const LOOSE_FILES = '';

/** A broken project file still marks its folder, so the files under it do not leak into another model. */
const EVERYTHING = projectFilter({ include: ['.'], exclude: [] });

export class ProjectPartitions {
    /** Deepest folder first, so the first that holds a file is its nearest project. */
    private entries: Entry[] = [];
    private readonly keys = new Map<string, string>();

    /** Replaces the known projects (the language server calls this when it opens the workspace). */
    set(projects: readonly KnownProject[]): void {
        this.entries = projects
            .map((project) => ({
                project,
                scheme: project.file.scheme,
                root: `${UriUtils.dirname(project.file).path.replace(/\/$/, '')}/`,
                includes: project.settings ? projectFilter(project.settings) : EVERYTHING,
            }))
            .sort((a, b) => b.root.length - a.root.length || a.root.localeCompare(b.root));
        this.keys.clear();
    }

    get projects(): readonly KnownProject[] {
        return this.entries.map((e) => e.project);
    }

    /** Whether several models share the workspace (more than the loose files alone). */
    get partitioned(): boolean {
        return this.entries.length > 0;
    }

    /** The project whose model holds the file: its nearest project, if that project includes it. */
    projectOf(uri: URI): KnownProject | undefined {
        const nearest = this.nearest(uri);
        return nearest?.includes(uri.path.slice(nearest.root.length)) ? nearest.project : undefined;
    }

    /** The key of the file's model: its project file's URI, or LOOSE_FILES. */
    keyOf(uri: URI): string {
        if (this.entries.length === 0) return LOOSE_FILES;
        const text = uri.toString();
        let key = this.keys.get(text);
        if (key === undefined) {
            key = this.projectOf(uri)?.file.toString() ?? LOOSE_FILES;
            this.keys.set(text, key);
        }
        return key;
    }

    /** Whether a file found in the workspace belongs to a model: not when its nearest project leaves it out. */
    admits(uri: URI): boolean {
        const nearest = this.nearest(uri);
        return !nearest || nearest.includes(uri.path.slice(nearest.root.length));
    }

    private nearest(uri: URI): Entry | undefined {
        return this.entries.find((e) => e.scheme === uri.scheme && uri.path.startsWith(e.root));
    }
}

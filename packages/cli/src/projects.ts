// Which models the paths on the command line stand for. Each path belongs to its nearest project file upward
// (`pom.json`, found as tsc finds tsconfig.json): the model is then that project's files (its include folders
// minus its excludes), whichever of them the path names. Files in no project form one model among themselves, as
// before project files existed; a folder searched for them leaves out the projects under it, each its own model.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_FILE_NAME, ProjectFileError } from 'pom-language';
import { findProjectFile, isInProject, loadProjectFile, type PomProject } from 'pom-language/node';
import { UsageError } from './errors.js';
import { displayPath, readAs, walkModelFiles } from './files.js';

export interface ModelPlan {
    /** The project, or undefined for the files in no project. */
    readonly project: PomProject | undefined;
    /** Every file of the model: absolute, sorted. */
    readonly files: string[];
    /** The files the paths named (or hold): whose problems `pom validate` reports. */
    readonly reported: string[];
}

interface Building {
    project: PomProject | undefined;
    files: Set<string>;
    reported: Set<string>;
}

/**
 * The models the paths name, projects first (by project file), then the files in no project. A folder inside a
 * project names that project and, with `nested`, the projects in folders below it too (`pom validate` checks them
 * all; `pom compile` wants the one model the folder is in).
 */
export async function planModels(paths: readonly string[], options: { nested: boolean }): Promise<ModelPlan[]> {
    const models = new Map<string, Building>();
    const loose: Building = { project: undefined, files: new Set(), reported: new Set() };
    const projectModel = async (file: string): Promise<Building> => {
        let model = models.get(file);
        if (!model) {
            const project = readProject(file);
            model = { project, files: new Set(await projectFiles(project)), reported: new Set() };
            models.set(file, model);
        }
        return model;
    };

    for (const given of paths) {
        const absolute = path.resolve(given);
        const info = await stat(absolute).catch(() => {
            throw new UsageError(`cannot read ${given}: no such file or folder`);
        });
        const projectFile = findProjectFile(absolute);
        let hits = 0;
        if (info.isFile()) {
            hits = 1;
            const project = projectFile ? await projectModel(projectFile) : undefined;
            // A file the user names is read even when its project leaves it out: then it stands alone.
            const model = project?.project && isInProject(project.project, absolute) ? project : loose;
            model.files.add(absolute);
            model.reported.add(absolute);
        } else if (projectFile) {
            const model = await projectModel(projectFile);
            for (const file of model.files) {
                if (!isUnder(file, absolute)) continue;
                model.reported.add(file);
                hits++;
            }
            // Projects nested under the folder are named by it too, each its own model.
            for (const found of options.nested ? await looseFolder(absolute, true) : []) {
                if (typeof found === 'string') continue;
                const nested = await projectModel(found.projectFile);
                for (const file of nested.files) nested.reported.add(file);
                hits += nested.files.size;
            }
        } else {
            for (const found of await looseFolder(absolute)) {
                if (typeof found === 'string') {
                    loose.files.add(found);
                    loose.reported.add(found);
                    hits++;
                } else {
                    const model = await projectModel(found.projectFile);
                    for (const file of model.files) model.reported.add(file);
                    hits += model.files.size;
                }
            }
        }
        if (hits === 0) throw new UsageError(`no .pom files found in ${given}`);
    }

    const plans = [...models.values()].sort((a, b) => compare(a.project?.file ?? '', b.project?.file ?? ''));
    if (loose.files.size > 0) plans.push(loose);
    // A file reached by several paths (symbolic links) is read once.
    return Promise.all(
        plans.map(async (m) => {
            const as = await readAs([...m.files]);
            const once = (files: Set<string>) => [...new Set([...files].map((f) => as.get(f) ?? f))].sort(compare);
            return { project: m.project, files: once(m.files), reported: once(m.reported) };
        }),
    );
}

/** How the paths' models are named in messages: the project files, and the loose files. */
export function describePlans(plans: readonly ModelPlan[]): string {
    return plans.map((p) => (p.project ? `${p.project.name} (${displayPath(p.project.file)})` : 'the files in no project')).join(', ');
}

function readProject(file: string): PomProject {
    try {
        return loadProjectFile(file);
    } catch (error) {
        if (error instanceof ProjectFileError) {
            throw new UsageError(`${displayPath(error.path)}:${error.line}:${error.column}: ${error.reason}`);
        }
        throw error;
    }
}

/** The project's model files: under its folder, included, not excluded, and not inside a nested project. */
async function projectFiles(project: PomProject): Promise<string[]> {
    const files: string[] = [];
    await walkModelFiles(project.root, {
        file: (file) => {
            if (isInProject(project, file)) files.push(file);
        },
        enter: (_, names) => !names.includes(PROJECT_FILE_NAME),
    });
    return files;
}

/** Model files under a folder outside nested projects, and the project files of the projects nested in it. */
async function looseFolder(folder: string, inProject = false): Promise<Array<string | { projectFile: string }>> {
    const found: Array<string | { projectFile: string }> = [];
    await walkModelFiles(
        folder,
        {
            file: (file) => void found.push(file),
            // A folder with its own project file is another model: reported, and not entered.
            enter: (current, names) => {
                if (!names.includes(PROJECT_FILE_NAME)) return true;
                found.push({ projectFile: path.join(current, PROJECT_FILE_NAME) });
                return false;
            },
        },
        { askForRoot: !inProject },
    );
    return found;
}

function isUnder(file: string, folder: string): boolean {
    return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

// The two sides of `pom diff`, from the command line to compiled models. A side is a compiled JSON model (known by
// its content), files and folders of the working tree (`a.pom,b.pom` names several), or a git revision read from
// git objects. An argument that exists as a path is a path; otherwise it is tried as a revision.
//
// So that the two sides' paths match, when either side is a revision every side's paths are relative to the
// repository's top folder, and a revision is read under the same paths as the working tree (the paths given after
// HEAD, else the working-tree side's paths, else the current folder). Without git, each side's paths are relative
// to its own folder, as `pom compile` writes them: `pom diff before/ after/` compares before/x.pom with after/x.pom.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type CompiledModel, MODEL_FORMAT, MODEL_VERSION } from 'pom-language';
import { UsageError } from './errors.js';
import { commonRoot, displayPath, findModelFiles, readModelFiles } from './files.js';
import { readCommitFiles, repositoryRoot, resolveCommit } from './git-objects.js';
import { compileSources, relativePath } from './load.js';

export type Side =
    | { type: 'json'; file: string; label: string }
    | { type: 'files'; paths: string[]; label: string }
    | { type: 'git'; revision: string; commit: string; root: string; label: string };

export interface DiffSides {
    base: Side;
    head: Side;
    /** Paths given after HEAD: what the revisions and the working tree are read under. */
    paths: string[];
}

/** `BASE [HEAD] [PATH…]` → the two sides. HEAD defaults to the working tree. */
export function parseSides(base: string, rest: readonly string[]): DiffSides {
    const baseSide = classify(base, 'BASE');
    if (rest.length === 0) return { base: baseSide, head: workingTree([]), paths: [] };
    const head = classify(rest[0], 'HEAD');
    // An existing path in HEAD's place is the working tree under that path: both readings mean the same.
    if (head.type === 'files' && !rest[0].includes(',')) return { base: baseSide, head: workingTree(rest), paths: [...rest] };
    return { base: baseSide, head, paths: rest.slice(1) };
}

function workingTree(paths: readonly string[]): Side {
    return { type: 'files', paths: [...paths], label: paths.length === 0 ? 'working tree' : paths.join(', ') };
}

function classify(argument: string, role: string): Side {
    if (existsSync(argument))
        return isCompiledModel(argument) ? { type: 'json', file: argument, label: argument } : workingTree([argument]);
    const parts = argument.split(',').filter((p) => p.length > 0);
    if (parts.length > 1 && parts.every((p) => existsSync(p))) return workingTree(parts);
    const root = repositoryRoot(process.cwd());
    const commit = root === undefined ? undefined : resolveCommit(argument, root);
    if (root === undefined || commit === undefined) {
        const where = root === undefined ? ' (and this is not a git repository)' : '';
        throw new UsageError(`${role} \`${argument}\` is neither a file, a folder nor a git revision${where}`);
    }
    return { type: 'git', revision: argument, commit, root, label: `${argument} (${commit.slice(0, 7)})` };
}

/** Whether a file is a compiled model: JSON whose `format` says so. Other JSON is an error, anything else a model file. */
function isCompiledModel(file: string): boolean {
    if (statSync(file).isDirectory()) return false;
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch {
        return false;
    }
    if (!text.trimStart().startsWith('{')) return false;
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch {
        return false;
    }
    if ((data as { format?: unknown }).format !== MODEL_FORMAT) {
        throw new UsageError(`${file} is JSON but not a compiled POM model (\`"format": "${MODEL_FORMAT}"\`)`);
    }
    return true;
}

/** Both sides compiled, each in its own fresh workspace. */
export async function loadSides(sides: DiffSides): Promise<{ base: CompiledModel; head: CompiledModel }> {
    const gitRoot = [sides.base, sides.head].find((s) => s.type === 'git')?.root;
    // What a revision is read under: the paths given, else the working-tree side's, else the current folder.
    const treeSide = [sides.head, sides.base].find((s) => s.type === 'files');
    const scope = sides.paths.length > 0 ? sides.paths : treeSide?.type === 'files' && treeSide.paths.length > 0 ? treeSide.paths : ['.'];
    const load = (side: Side) => loadSide(side, scope, gitRoot);
    return { base: await load(sides.base), head: await load(sides.head) };
}

async function loadSide(side: Side, scope: readonly string[], gitRoot: string | undefined): Promise<CompiledModel> {
    switch (side.type) {
        case 'json':
            return readCompiledModel(side.file);
        case 'git': {
            const paths = scope.map((p) => repositoryPath(p, side.root));
            const files = readCommitFiles(side.commit, paths, side.root);
            return compileSources(files.map((f) => ({ absolute: path.join(side.root, f.path), relative: f.path, text: f.text })));
        }
        case 'files': {
            const given = side.paths.length > 0 ? side.paths : scope;
            const files = await findModelFiles(given);
            const root = gitRoot ?? commonRoot(files, given);
            if (gitRoot !== undefined) for (const file of files) repositoryPath(file, gitRoot);
            const sources = await readModelFiles(files);
            return compileSources(sources.map((s) => ({ absolute: s.path, relative: relativePath(root, s.path), text: s.text })));
        }
    }
}

/** A path on the command line as a path inside the repository, `/`-separated ('' for its top folder). */
function repositoryPath(given: string, root: string): string {
    const inside = relativePath(root, path.resolve(given));
    if (inside.startsWith('../') || inside === '..' || path.isAbsolute(inside)) {
        throw new UsageError(`${displayPath(path.resolve(given))} is outside the git repository ${displayPath(root)}`);
    }
    return inside;
}

function readCompiledModel(file: string): CompiledModel {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CompiledModel> & { version?: unknown };
    if (data.version !== MODEL_VERSION) {
        throw new UsageError(
            `${file} is a compiled model of format version ${String(data.version)}; this pom reads version ${MODEL_VERSION}`,
        );
    }
    for (const key of ['elements', 'links', 'kinds', 'diagnostics'] as const) {
        if (!Array.isArray(data[key])) throw new UsageError(`${file} is not a complete compiled model: \`${key}\` is missing`);
    }
    return data as CompiledModel;
}

// From paths on the command line to a model: files found and read, built in a fresh batch workspace of the language
// package, compiled with paths relative to the inputs' common folder. Every command that reads a model comes here.
import path from 'node:path';
import { type LangiumDocument, URI } from 'langium';
import { buildWorkspace, type CompiledModel, type PomServices } from 'pom-language';
import { createNodePomServices } from 'pom-language/node';
import { commonRoot, findModelFiles, readModelFiles } from './files.js';

/** A model file's text, and the path the compiled model records for it. */
export interface SourceText {
    readonly absolute: string;
    readonly relative: string;
    readonly text: string;
}

export interface LoadedModel {
    readonly services: PomServices;
    readonly documents: LangiumDocument[];
    /** Absolute paths of the files read, sorted. */
    readonly files: string[];
    /** The deepest folder that holds every input: compiled paths are relative to it. */
    readonly root: string;
    compile(): CompiledModel;
}

/** The model under `paths` (the current folder when none), built and validated. */
export async function loadModel(paths: readonly string[]): Promise<LoadedModel> {
    const inputs = paths.length > 0 ? paths : ['.'];
    const files = await findModelFiles(inputs);
    const root = commonRoot(files, inputs);
    const sources = await readModelFiles(files);
    const built = await build(sources.map((s) => ({ absolute: s.path, relative: relativePath(root, s.path), text: s.text })));
    return { ...built, files, root };
}

/** The compiled model under `paths`, and the folder its paths are relative to. */
export async function compileModel(paths: readonly string[]): Promise<{ model: CompiledModel; root: string }> {
    const loaded = await loadModel(paths);
    return { model: loaded.compile(), root: loaded.root };
}

/** Texts that are not (or not only) on disk, such as files read from git objects, compiled as one model. */
export async function compileSources(sources: readonly SourceText[]): Promise<CompiledModel> {
    return (await build(sources)).compile();
}

/** `file` relative to `root`, `/`-separated whatever the platform. */
export function relativePath(root: string, file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
}

async function build(sources: readonly SourceText[]): Promise<Omit<LoadedModel, 'files' | 'root'>> {
    const { Pom } = createNodePomServices({ batch: true });
    const documents = await buildWorkspace(
        Pom,
        sources.map((s) => ({ uri: URI.file(s.absolute), text: s.text })),
    );
    const relative = new Map(sources.map((s) => [URI.file(s.absolute).toString(), s.relative]));
    const compile = () => Pom.pom.ModelCompiler.compile(documents, { relativePath: (uri) => relative.get(uri.toString()) ?? uri.path });
    return { services: Pom, documents, compile };
}

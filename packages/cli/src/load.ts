// From paths on the command line to models: the paths' project files decide the models (see projects.ts); each
// model's files are read, built in a fresh batch workspace of the language package, and compiled with paths relative
// to the project's folder (else the inputs' common folder). Every command that reads a model comes here.
import path from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type LangiumDocument, URI } from 'langium';
import {
    buildWorkspace,
    type CompiledModel,
    canRelease,
    type PomServices,
    releaseSyntaxTrees,
    type Snapshot,
    type StreamedModel,
} from 'pom-language';
import { createNodePomServices, type PomProject } from 'pom-language/node';
import { UsageError } from './errors.js';
import { commonRoot, readModelFiles } from './files.js';
import { describePlans, type ModelPlan, planModels } from './projects.js';

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
    /** The documents of the files the paths named: whose problems are reported. */
    readonly reported: LangiumDocument[];
    readonly project: PomProject | undefined;
    /** What compiled paths are relative to: the project's folder, else the inputs' common folder. */
    readonly root: string;
    compile(): CompiledModel;
    /** The compiled model with its elements made as they are read (see ModelCompiler.compileStreamed). */
    compileStreamed(): StreamedModel;
}

export interface LoadOptions {
    /** The day date-dependent evidence checks run as of (`--as-of`); today when absent. */
    asOf?: string;
}

/** Every model the paths name (several when they span projects), each built and validated on its own. */
export async function loadModels(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedModel[]> {
    const inputs = paths.length > 0 ? paths : ['.'];
    const plans = await planModels(inputs, { nested: true });
    const models: LoadedModel[] = [];
    for (const plan of plans) models.push(await loadPlan(plan, inputs, options));
    return models;
}

/** The one model under `paths` (the current folder when none), built and validated; several projects is a usage error. */
export async function loadModel(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedModel> {
    const inputs = paths.length > 0 ? paths : ['.'];
    const plans = await planModels(inputs, { nested: false });
    if (plans.length > 1) {
        throw new UsageError(`these paths hold ${plans.length} models: ${describePlans(plans)}; give the paths of one at a time`);
    }
    return loadPlan(plans[0], inputs, options);
}

async function loadPlan(plan: ModelPlan, inputs: readonly string[], options: LoadOptions): Promise<LoadedModel> {
    const root = plan.project?.root ?? commonRoot(plan.files, inputs);
    const sources = await readModelFiles(plan.files);
    const texts = sources.map((s) => ({ absolute: s.path, relative: relativePath(root, s.path), text: s.text }));
    const built = await build(texts, (services) => configureEvidence(services, root, options.asOf));
    const reported = new Set(plan.reported);
    return {
        ...built,
        files: plan.files,
        reported: built.documents.filter((d) => reported.has(d.uri.fsPath)),
        project: plan.project,
        root,
    };
}

/** The compiled model under `paths`, its elements made as they are read: for writing it out. */
export async function compileModelStreamed(paths: readonly string[], options: LoadOptions = {}): Promise<StreamedModel> {
    const loaded = await loadModel(paths, options);
    if (!canRelease(loaded.services, loaded.documents)) return loaded.compileStreamed();
    // `pom compile` compiles once and exits, so the syntax trees can go before the model is made (release-syntax.ts
    // in the language package): about 40 % of the workspace's memory. A full collection returns it at once; the
    // collector would otherwise let the heap grow to several times what it last found alive before collecting again.
    releaseSyntaxTrees(loaded.services, loaded.documents);
    collectGarbage();
    const model = loaded.compileStreamed();
    collectGarbage(); // what making the links and the indexes every element reads left behind
    return { ...model, elements: collectingAlong(model.elements) };
}

/** How far the heap may grow while the elements are written before a full collection: see `collectingAlong`. */
const HEAP_HEADROOM = 128 * 1024 * 1024;

/**
 * The items, with a full collection whenever the heap has grown by HEAP_HEADROOM since the last one. Writing a
 * large model makes garbage that outlives the young generation (each element's JSON waits for the output stream);
 * left to itself the collector lets it pile up to gigabytes before its next full collection. Each collection costs
 * about a second at a gigabyte of heap, so a 200,000-element model pays a few seconds to stay near what it keeps.
 */
function* collectingAlong<T>(items: Iterable<T>): Generator<T> {
    let allowed = getHeapStatistics().used_heap_size + HEAP_HEADROOM;
    let count = 0;
    for (const item of items) {
        yield item;
        if (++count % 1000 === 0 && getHeapStatistics().used_heap_size > allowed) {
            collectGarbage();
            allowed = getHeapStatistics().used_heap_size + HEAP_HEADROOM;
        }
    }
}

let gc: (() => void) | undefined;

/**
 * A full garbage collection, now. `--expose-gc` is a V8 flag that may be set at run time; the `gc` function it
 * defines appears in contexts created afterwards, so one is made (once) to fetch it.
 */
function collectGarbage(): void {
    if (!gc) {
        setFlagsFromString('--expose-gc');
        gc = runInNewContext('gc') as () => void;
    }
    gc();
}

/** The compiled model under `paths`, and the folder its paths are relative to. */
export async function compileModel(paths: readonly string[], options: LoadOptions = {}): Promise<{ model: CompiledModel; root: string }> {
    const loaded = await loadModel(paths, options);
    return { model: loaded.compile(), root: loaded.root };
}

/** Where a model's evidence comes from when its texts are not (or not only) on disk. */
export interface SourceEvidence {
    /** The model root: where the snapshot is when no project file says otherwise. */
    readonly root: string;
    readonly asOf?: string;
    /** How project files and the snapshot are read (from git objects, say); from disk when absent. */
    readonly read?: (uri: URI) => string | undefined;
}

/**
 * Texts that are not (or not only) on disk, such as files read from git objects, compiled as one model and checked
 * against its snapshot; with the snapshots that were read.
 */
export async function compileSources(
    sources: readonly SourceText[],
    evidence: SourceEvidence,
): Promise<{ model: CompiledModel; snapshots: Snapshot[] }> {
    const built = await build(sources, (services) => {
        configureEvidence(services, evidence.root, evidence.asOf);
        if (evidence.read) services.pom.EvidenceContext.setReader(evidence.read);
    });
    return { model: built.compile(), snapshots: built.services.pom.EvidenceContext.readSnapshots() };
}

/** `file` relative to `root`, `/`-separated whatever the platform. */
export function relativePath(root: string, file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
}

/** The model root (where the snapshot is when there is no project file) and the as-of date of the evidence checks. */
export function configureEvidence(services: PomServices, root: string, asOf: string | undefined): void {
    const context = services.pom.EvidenceContext;
    try {
        context.setAsOf(asOf);
    } catch (error) {
        throw new UsageError(`--as-of: ${(error as Error).message}`);
    }
    context.setModelRoots([URI.file(root)]);
}

async function build(
    sources: readonly SourceText[],
    configure?: (services: PomServices) => void,
): Promise<Pick<LoadedModel, 'services' | 'documents' | 'compile' | 'compileStreamed'>> {
    const { Pom } = createNodePomServices({}, { batch: true });
    configure?.(Pom);
    const documents = await buildWorkspace(
        Pom,
        sources.map((s) => ({ uri: URI.file(s.absolute), text: s.text })),
    );
    const relative = new Map(sources.map((s) => [URI.file(s.absolute).toString(), s.relative]));
    const options = { relativePath: (uri: URI) => relative.get(uri.toString()) ?? uri.path };
    return {
        services: Pom,
        documents,
        compile: () => Pom.pom.ModelCompiler.compile(documents, options),
        compileStreamed: () => Pom.pom.ModelCompiler.compileStreamed(documents, options),
    };
}

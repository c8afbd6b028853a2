// Builds workspaces from files on disk with the language package: the one place the CLI turns paths into models.
// The paths' project files decide the models (see projects.ts); each is built in a workspace of its own.
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { buildWorkspace, type PomServices } from 'pom-language';
import { createNodePomServices, type PomProject } from 'pom-language/node';
import { UsageError } from './errors.js';
import { commonRoot, readModelFiles } from './files.js';
import { describePlans, type ModelPlan, planModels } from './projects.js';

export interface LoadedModel {
    readonly services: PomServices;
    readonly documents: LangiumDocument[];
    readonly files: string[];
    /** The documents of the files the paths named: whose problems are reported. */
    readonly reported: LangiumDocument[];
    readonly project: PomProject | undefined;
    /** What compiled paths are relative to: the project's folder, else the inputs' common folder. */
    readonly root: string;
}

export interface LoadOptions {
    /** The day date-dependent evidence checks run as of (`--as-of`); today when absent. */
    asOf?: string;
}

/** Every model the paths name (several when they span projects), each built on its own. */
export async function loadModels(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedModel[]> {
    const inputs = paths.length > 0 ? paths : ['.'];
    const plans = await planModels(inputs, { nested: true });
    const models: LoadedModel[] = [];
    for (const plan of plans) models.push(await build(plan, inputs, options));
    return models;
}

/** The one model the paths name; naming files of several projects is a usage error. */
export async function loadModel(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedModel> {
    const inputs = paths.length > 0 ? paths : ['.'];
    const plans = await planModels(inputs, { nested: false });
    if (plans.length > 1) {
        throw new UsageError(`these paths hold ${plans.length} models: ${describePlans(plans)}; give the paths of one at a time`);
    }
    return build(plans[0], inputs, options);
}

async function build(plan: ModelPlan, inputs: readonly string[], options: LoadOptions): Promise<LoadedModel> {
    const sources = await readModelFiles(plan.files);
    const { Pom } = createNodePomServices();
    const root = plan.project?.root ?? commonRoot(plan.files, inputs);
    configureEvidence(Pom, root, options.asOf);
    const documents = await buildWorkspace(
        Pom,
        sources.map((s) => ({ uri: URI.file(s.path), text: s.text })),
        { indexReferences: false, acceptAnyFile: true },
    );
    const reported = new Set(plan.reported);
    return {
        services: Pom,
        documents,
        files: plan.files,
        reported: documents.filter((d) => reported.has(d.uri.fsPath)),
        project: plan.project,
        root,
    };
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

// Builds a workspace from files on disk with the language package: the one place the CLI turns paths into a model.

import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { buildWorkspace, type PomServices } from 'pom-language';
import { createNodePomServices } from 'pom-language/node';
import { UsageError } from './errors.js';
import { commonRoot, findModelFiles, readModelFiles } from './files.js';

export interface LoadedModel {
    readonly services: PomServices;
    readonly documents: LangiumDocument[];
    readonly files: string[];
}

export interface LoadOptions {
    /** The day date-dependent evidence checks run as of (`--as-of`); today when absent. */
    asOf?: string;
}

export async function loadModel(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedModel> {
    const inputs = paths.length > 0 ? paths : ['.'];
    const files = await findModelFiles(inputs);
    const sources = await readModelFiles(files);
    const { Pom } = createNodePomServices();
    configureEvidence(Pom, commonRoot(files, inputs), options.asOf);
    const documents = await buildWorkspace(
        Pom,
        sources.map((s) => ({ uri: URI.file(s.path), text: s.text })),
        { indexReferences: false, acceptAnyFile: true },
    );
    return { services: Pom, documents, files };
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

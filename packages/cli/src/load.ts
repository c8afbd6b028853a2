// Builds a workspace from files on disk with the language package: the one place the CLI turns paths into a model.

import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { buildWorkspace, type PomServices } from 'pom-language';
import { createNodePomServices } from 'pom-language/node';
import { findModelFiles, readModelFiles } from './files.js';

export interface LoadedModel {
    readonly services: PomServices;
    readonly documents: LangiumDocument[];
    readonly files: string[];
}

export async function loadModel(paths: readonly string[]): Promise<LoadedModel> {
    const files = await findModelFiles(paths.length > 0 ? paths : ['.']);
    const sources = await readModelFiles(files);
    const { Pom } = createNodePomServices();
    const documents = await buildWorkspace(
        Pom,
        sources.map((s) => ({ uri: URI.file(s.path), text: s.text })),
        { indexReferences: false, acceptAnyFile: true },
    );
    return { services: Pom, documents, files };
}

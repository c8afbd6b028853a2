// Loads a set of files into a workspace and builds it with validation: the entry point for the CLI, the tests
// and anything else that works on a model without a language client.
import type { LangiumDocument, URI } from 'langium';
import type { PomServices } from '../pom-module.js';
import { ensurePrelude } from '../prelude/prelude.js';
import { PomIndexManager } from './pom-index-manager.js';
import { PomServiceRegistry } from './pom-service-registry.js';

export interface SourceFile {
    readonly uri: URI;
    readonly text: string;
}

export interface BuildWorkspaceOptions {
    /** Index who references what (find references, rename); batch tools that never ask can skip it. */
    indexReferences?: boolean;
    /** Parse every given file as POM whatever its extension (files the user named explicitly). */
    acceptAnyFile?: boolean;
}

/** Adds the files (and the prelude) to the workspace, builds everything and returns the files' documents. */
export async function buildWorkspace(
    services: PomServices,
    files: readonly SourceFile[],
    options: BuildWorkspaceOptions = {},
): Promise<LangiumDocument[]> {
    const shared = services.shared;
    const index = shared.workspace.IndexManager;
    if (index instanceof PomIndexManager) index.indexReferences = options.indexReferences ?? true;
    const registry = shared.ServiceRegistry;
    if (registry instanceof PomServiceRegistry) registry.acceptAnyFile = options.acceptAnyFile ?? false;
    ensurePrelude(shared);
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = files.map((file) => {
        const document = factory.fromString(file.text, file.uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(shared.workspace.LangiumDocuments.all.toArray(), { validation: true });
    return documents;
}

// Loads a set of files into a workspace and builds it with validation: the entry point for the CLI, the tests
// and anything else that works on a model without a language client. Batch behaviour (no reference index, any
// file read as POM) is chosen when the services are created: `createPomServices(context, { batch: true })`.
import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { ensurePrelude } from '../prelude/prelude.js';

export interface SourceFile {
    readonly uri: URI;
    readonly text: string;
}

/** Adds the files (and the prelude) to the workspace, builds everything and returns the files' documents. */
export async function buildWorkspace(
    services: { shared: LangiumSharedCoreServices },
    files: readonly SourceFile[],
): Promise<LangiumDocument[]> {
    const shared = services.shared;
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

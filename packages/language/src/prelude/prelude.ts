// The prelude as a Langium built-in document: loaded into every workspace under a `builtin:` URI, read-only.
import { type LangiumDocument, type LangiumSharedCoreServices, URI } from 'langium';
import { PRELUDE_SOURCE } from './prelude-source.js';

export const PRELUDE_URI = URI.parse('builtin:///prelude.pom');

export { PRELUDE_SOURCE };

/** Adds the prelude to the workspace unless it is there already, and returns it. */
export function ensurePrelude(shared: LangiumSharedCoreServices): LangiumDocument {
    const documents = shared.workspace.LangiumDocuments;
    const existing = documents.getDocument(PRELUDE_URI);
    if (existing) return existing;
    const document = shared.workspace.LangiumDocumentFactory.fromString(PRELUDE_SOURCE, PRELUDE_URI);
    documents.addDocument(document);
    return document;
}

export function isPrelude(document: LangiumDocument): boolean {
    return document.uri.toString() === PRELUDE_URI.toString();
}

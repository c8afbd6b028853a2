// Langium's document builder, with one more promise about its waits: a request that waits for a document's state
// also waits until the running build has computed the scopes of every document it rebuilds.
//
// Langium runs a request as soon as *its* document has reached the state the request needs, concurrently with the
// rest of the build. A document the edit did not touch is already validated, so a request for it (a code lens,
// a hover, an inlay hint in a second editor) runs at once, while the documents the edit reset are still unparsed
// or unscoped. POM's answers read the whole workspace (the lineage graph, inherited context, kinds), and resolving
// a reference of a document below `ComputedScopes` fails: Langium logs "Attempted reference resolution before
// document reached ComputedScopes state" and keeps the failed resolution as that reference's answer until the
// document is relinked. Once the build has computed every scope, a reference resolves correctly whenever it is read.
import { type Cancellation, DefaultDocumentBuilder, DocumentState, type URI } from 'langium';

export class PomDocumentBuilder extends DefaultDocumentBuilder {
    // Langium declares the builder-state overload as Promise<void>; it resolves to undefined.
    override waitUntil(state: DocumentState, cancelToken?: Cancellation.CancellationToken): Promise<undefined>;
    override waitUntil(state: DocumentState, uri?: URI, cancelToken?: Cancellation.CancellationToken): Promise<URI>;
    override async waitUntil(
        state: DocumentState,
        uriOrToken?: URI | Cancellation.CancellationToken,
        cancelToken?: Cancellation.CancellationToken,
    ): Promise<URI | undefined> {
        if (uriOrToken === undefined || !('path' in uriOrToken)) {
            await super.waitUntil(state, uriOrToken);
            return undefined;
        }
        await super.waitUntil(Math.min(state, DocumentState.ComputedScopes), cancelToken);
        return super.waitUntil(state, uriOrToken, cancelToken);
    }
}

// Langium's document builder, with two more promises about its waits.
//
// 1. A request that waits for a document's state also waits until the running build has computed the scopes of
//    every document it rebuilds. Langium runs a request as soon as *its* document has reached the state the request
//    needs, concurrently with the rest of the build. A document the edit did not touch is already validated, so a
//    request for it (a code lens, a hover, an inlay hint in a second editor) ran at once, while the documents the
//    edit reset were still unparsed or unscoped. POM's answers read the whole workspace (the lineage graph, inherited
//    context, kinds), and resolving a reference of a document below `ComputedScopes` fails: Langium logs "Attempted
//    reference resolution before document reached ComputedScopes state" and keeps the failed resolution as that
//    reference's answer until the document is relinked. Once the build has computed every scope, a reference
//    resolves correctly whenever it is read.
// 2. A wait for the builder's state ends when a build completes, even one with no document to build. Langium 4.4
//    notifies no build-phase listener for an empty build (say, after a change to a file that is not POM, which
//    editors report for every saved file), so a wait that began during it lasted until the next edit.
// 3. Whether a document has a linking error (Langium relinks those on every change) is read once per linking of the
//    document (`util/linked-memo.ts`), not on every update.
import {
    type BuildOptions,
    type Cancellation,
    DefaultDocumentBuilder,
    DocumentState,
    type LangiumDocument,
    OperationCancelled,
    type URI,
} from 'langium';
import { LinkedMemo } from '../util/linked-memo.js';

export class PomDocumentBuilder extends DefaultDocumentBuilder {
    /** Checks run whenever a build completes: the pending waits for the builder's state. */
    private readonly onBuildEnd = new Set<() => void>();
    private readonly linkingErrors = new LinkedMemo<LangiumDocument, boolean>();

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

    protected override awaitBuilderState(state: DocumentState, cancelToken: Cancellation.CancellationToken): Promise<void> {
        if (this.currentState >= state) return Promise.resolve();
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise((resolve, reject) => {
            const end = (settle: () => void) => {
                phase.dispose();
                cancel.dispose();
                this.onBuildEnd.delete(check);
                settle();
            };
            const phase = this.onBuildPhase(state, () => end(resolve));
            const cancel = cancelToken.onCancellationRequested(() => end(() => reject(OperationCancelled)));
            const check = () => {
                if (this.currentState >= state) end(resolve);
            };
            this.onBuildEnd.add(check);
        });
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.hasLinkingErrors(document) || this.indexManager.isAffected(document, changedUris);
    }

    private hasLinkingErrors(document: LangiumDocument): boolean {
        return this.linkingErrors.get(document, document, () => document.references.some((reference) => reference.error !== undefined));
    }

    protected override async buildDocuments(
        documents: LangiumDocument[],
        options: BuildOptions,
        cancelToken: Cancellation.CancellationToken,
    ): Promise<void> {
        await super.buildDocuments(documents, options, cancelToken);
        for (const check of [...this.onBuildEnd]) check();
    }
}

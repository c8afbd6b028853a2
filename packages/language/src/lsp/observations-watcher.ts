// A metrics snapshot changed on disk (`pom metrics pull` from the editor's command or a terminal): rebuild every
// model document, so that what is read from the snapshot is current in diagnostics, hover and the graph. Langium
// registers a watcher for every file of the workspace but only acts on .pom files; this picks up the snapshot.
// The server only reads the snapshot: nothing here runs a query or reads a data file.
import { URI } from 'langium';
import type { PomServices } from '../pom-module.js';
import { isPrelude } from '../prelude/prelude.js';

/** The file name `pom metrics pull` writes unless the project file names another one ending in it. */
export const OBSERVATIONS_FILE = 'observations.json';

export function isObservationsFile(uri: URI): boolean {
    return uri.path.endsWith(`/${OBSERVATIONS_FILE}`) || uri.path.endsWith(`.${OBSERVATIONS_FILE}`);
}

export function rebuildOnObservationsChange(services: PomServices): void {
    const shared = services.shared;
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange((params) => {
        if (!params.changes.some((change) => isObservationsFile(URI.parse(change.uri)))) return;
        const models = shared.workspace.LangiumDocuments.all
            .filter((document) => !isPrelude(document))
            .map((document) => document.uri)
            .toArray();
        if (models.length === 0) return;
        void shared.workspace.WorkspaceLock.write((token) => shared.workspace.DocumentBuilder.update(models, [], token));
    });
}

// Keeps the editor's evidence true to the files on disk: the workspace folders are the model roots, and when a
// snapshot of observations or a project file changes (say, after `pom metrics pull`), the evidence is read again
// and every document's diagnostics and code lenses are refreshed. Only that snapshot is read, never a data file.
import { URI } from 'langium';
import { CodeLensRefreshRequest } from 'vscode-languageserver-protocol';
import type { PomServices } from '../pom-module.js';
import { refreshWorkspaceDiagnostics } from './workspace-diagnostics.js';

export function keepEvidenceFresh(services: PomServices): void {
    const shared = services.shared;
    const context = services.pom.EvidenceContext;
    shared.lsp.LanguageServer.onInitialize((params) => {
        const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
        context.setModelRoots(folders.map((f) => URI.parse(f.uri)));
    });
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange((params) => {
        if (!params.changes.some((c) => context.concerns(URI.parse(c.uri)))) return;
        // The same change starts a build of the changed files; the evidence is read again once no build is running
        // (the lock's read side), since refreshing walks every document.
        void shared.workspace.WorkspaceManager.ready.then(() => shared.workspace.WorkspaceLock.read(() => refreshEvidence(services)));
    });
}

/** Reads the snapshots again and publishes what changed. Call it only while no build runs. */
function refreshEvidence(services: PomServices): void {
    services.pom.EvidenceContext.invalidate();
    services.pom.EvidenceIndex.invalidate();
    services.pom.WorkspaceRules.invalidate();
    refreshWorkspaceDiagnostics(services);
    const connection = services.shared.lsp.Connection;
    // Clients that cannot refresh code lenses say so with an error; they ask again on the next edit.
    void connection?.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

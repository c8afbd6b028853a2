// Keeps workspace-wide diagnostics true in documents that a build did not revalidate. Langium rebuilds only the
// changed documents and those that reference them, so when an edit in A orphans an element in B, closes a cycle
// through B or cuts B's bet off from the north star, B's diagnostics are refreshed here and published again.
import { DocumentState, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PomServices } from '../pom-module.js';
import { isPrelude } from '../prelude/prelude.js';

export function keepWorkspaceDiagnosticsFresh(services: PomServices): void {
    const shared = services.shared;
    const validator = services.validation.DocumentValidator;
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, (built) => {
        const rebuilt = new Set(built.map((d) => d.uri.toString()));
        for (const document of shared.workspace.LangiumDocuments.all) {
            if (rebuilt.has(document.uri.toString()) || isPrelude(document) || document.state < DocumentState.Validated) continue;
            refresh(document, validator.workspaceDiagnostics(document), services);
        }
    });
}

/** Recomputes the workspace-wide diagnostics of every built document and publishes those that changed. */
export function refreshWorkspaceDiagnostics(services: PomServices): void {
    const validator = services.validation.DocumentValidator;
    for (const document of services.shared.workspace.LangiumDocuments.all) {
        if (isPrelude(document) || document.state < DocumentState.Validated) continue;
        refresh(document, validator.workspaceDiagnostics(document), services);
    }
}

function refresh(document: LangiumDocument, fresh: Diagnostic[], services: PomServices): void {
    const current = document.diagnostics ?? [];
    const previous = current.filter(isWorkspaceDiagnostic);
    if (sameDiagnostics(previous, fresh)) return;
    document.diagnostics = [...current.filter((d) => !isWorkspaceDiagnostic(d)), ...fresh];
    services.shared.lsp.Connection?.sendDiagnostics({ uri: document.uri.toString(), diagnostics: document.diagnostics });
}

export function isWorkspaceDiagnostic(diagnostic: Diagnostic): boolean {
    return diagnostic.data?.workspace === true;
}

function key(d: Diagnostic): string {
    return `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}:${d.message}`;
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
    if (a.length !== b.length) return false;
    const keys = new Set(a.map(key));
    return b.every((d) => keys.has(key(d)));
}

// Serves the custom requests of protocol/lsp-protocol.ts and announces model changes to the client.
import { DocumentState, GrammarUtils, type LangiumDocument, ReadPriority, URI } from 'langium';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Element } from '../generated/ast.js';
import { qualifiedName } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import { isPrelude } from '../prelude/prelude.js';
import {
    CompiledModelRequest,
    ElementAtRequest,
    type LineageEntry,
    LineageRequest,
    ModelChangedNotification,
    type ModelStats,
} from '../protocol/lsp-protocol.js';
import { elementAt } from './element-at.js';

const CHANGE_DEBOUNCE_MS = 150;

export function registerPomRequests(services: PomServices): void {
    const connection = services.shared.lsp.Connection;
    if (!connection) return;
    const shared = services.shared;
    const documents = () => shared.workspace.LangiumDocuments.all.filter((d) => !isPrelude(d)).toArray();

    // Every answer is computed under the workspace lock's read side, which runs only while no build (a write) is
    // running or queued. Walking the model mid-build would resolve references of documents that a newer edit has
    // reset, and Langium keeps such a failed resolution as the reference's final answer for the rest of that build.
    const lock = shared.workspace.WorkspaceLock;
    const whenBuilt = <T>(action: () => T): Promise<T> => lock.read(action, ReadPriority.Normal);

    connection.onRequest(CompiledModelRequest, async (params) => {
        await shared.workspace.WorkspaceManager.ready;
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
        return whenBuilt(() => {
            const folders = shared.workspace.WorkspaceManager.workspaceFolders ?? [];
            const roots = folders.map((f) => URI.parse(f.uri).path.replace(/\/?$/, '/'));
            const model = modelDocuments(services, documents(), params?.uri);
            return services.pom.ModelCompiler.compile(model, { relativePath: (uri) => relativeTo(roots, uri) });
        });
    });

    connection.onRequest(LineageRequest, async (params) => {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
        return whenBuilt(() => {
            const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(params.uri));
            const element = document && elementAt(document, params.position, services.references.References);
            return element ? lineage(services, element, params.direction) : [];
        });
    });

    connection.onRequest(ElementAtRequest, async (params) => {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked);
        return whenBuilt(() => {
            const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(params.uri));
            const element = document && elementAt(document, params.position, services.references.References);
            return element ? { id: qualifiedName(element) } : null;
        });
    });

    // The statistics follow a completed build, never a half-built workspace: the notification waits for the lock,
    // and skips a workspace that a newer edit has already reset (that edit's build announces itself when done).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const announce = () =>
        whenBuilt(() => {
            const all = documents();
            if (all.some((d) => d.state < DocumentState.Validated)) return;
            connection.sendNotification(ModelChangedNotification, stats(services, all));
        });
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        clearTimeout(timer);
        timer = setTimeout(announce, CHANGE_DEBOUNCE_MS);
    });
    // A newer edit makes a pending announcement stale: its own build announces itself.
    shared.workspace.DocumentBuilder.onUpdate(() => clearTimeout(timer));
}

/**
 * The documents of one model: the one that holds `uri`; without it, the files in no project if there are any, else
 * the first project by its file's path. A workspace without project files is one model.
 */
function modelDocuments(services: PomServices, all: LangiumDocument[], uri: string | undefined): LangiumDocument[] {
    const projects = services.pom.Projects;
    if (!projects.partitioned) return all;
    const keys = [...new Set(all.map((d) => projects.keyOf(d.uri)))].sort();
    const key = uri !== undefined ? projects.keyOf(URI.parse(uri)) : keys[0];
    return all.filter((d) => projects.keyOf(d.uri) === key);
}

function lineage(services: PomServices, start: Element, direction: 'upstream' | 'downstream'): LineageEntry[] {
    const graph = services.pom.LineageIndex.graph();
    return [...graph.distances(start, direction === 'upstream' ? 'up' : 'down')].map(([other, distance]) => ({
        id: qualifiedName(other),
        name: other.name,
        kind: other.kind.$refText,
        title: other.title ?? null,
        distance,
        uri: graph.node(other)?.document.uri.toString() ?? '',
        range: GrammarUtils.findNodeForProperty(other.$cstNode, 'name')?.range ?? {
            start: { line: 0, character: 0 },
            end: { line: 0, character: 0 },
        },
    }));
}

function stats(services: PomServices, documents: LangiumDocument[]): ModelStats {
    const all = documents.flatMap((d) => d.diagnostics ?? []);
    return {
        elements: services.pom.LineageIndex.graph().nodes.size,
        errors: all.filter((d) => d.severity === DiagnosticSeverity.Error).length,
        warnings: all.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
    };
}

function relativeTo(roots: string[], uri: URI): string {
    const root = roots.filter((r) => uri.path.startsWith(r)).sort((a, b) => b.length - a.length)[0];
    return root ? uri.path.slice(root.length) : uri.path.replace(/^\//, '');
}

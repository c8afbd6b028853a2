// The compiled elements and links of the whole workspace as a ModelGraph, which is what selectors run on: built once
// per build when a view needs it (the view checks, hover and completion inside selectors) and cached until the
// next change. Paths for `file:` selectors are relative to the folder that holds every model file.
import { type AstNode, DocumentState, type LangiumDocument } from 'langium';
import { type CompiledModel, type CompiledView, MODEL_FORMAT, MODEL_VERSION, type SourceLocation } from '../compile/compiled-model.js';
import { ModelGraph } from '../compile/model-graph.js';
import type { Element, Model, ViewDecl } from '../generated/ast.js';
import type { PomServices } from '../pom-module.js';
import { isPrelude } from '../prelude/prelude.js';
import { BuildCache } from '../util/build-cache.js';
import { isForeignDocument } from '../workspace/foreign-files.js';
import { compileViews } from './view-compiler.js';
import { viewsOf } from './view-declarations.js';

export class ViewGraph {
    private readonly services: PomServices;
    private readonly cache: BuildCache<'graph', ModelGraph>;

    constructor(services: PomServices) {
        this.services = services;
        this.cache = new BuildCache(services.shared, DocumentState.Linked);
    }

    /** Every model document of the workspace (not the prelude, not foreign files). */
    documents(): LangiumDocument[] {
        return this.services.shared.workspace.LangiumDocuments.all.filter((d) => !isPrelude(d) && !isForeignDocument(d)).toArray();
    }

    views(): ViewDecl[] {
        return this.documents()
            .flatMap((d) => viewsOf(d.parseResult.value as Model))
            .filter((v) => v.name);
    }

    graph(): ModelGraph {
        return this.cache.get('graph', () => {
            const documents = this.documents();
            const root = commonFolder(documents);
            const flow = this.services.pom.ModelCompiler.compileFlow(documents, { relativePath: (uri) => uri.path.slice(root.length) });
            return new ModelGraph({ format: MODEL_FORMAT, version: MODEL_VERSION, ...flow, kinds: [], diagnostics: [] });
        });
    }

    /** Every kind name, built-in or declared, so `kind:persona` is known even where no persona exists yet. */
    kindNames(): string[] {
        return [...this.services.pom.NameIndex.kinds().keys()];
    }

    /** The compiled views of these documents, their selectors evaluated on the compiled elements given. */
    compileViews(
        documents: readonly LangiumDocument[],
        flow: Pick<CompiledModel, 'elements' | 'links'>,
        locate: (node: AstNode) => SourceLocation,
        docOf: (node: AstNode) => string | null,
    ): CompiledView[] {
        return compileViews(documents, flow, locate, docOf);
    }

    /** The element a compiled id stands for. */
    element(id: string): Element | undefined {
        return this.services.pom.LineageIndex.graph().ids().get(id.replace(/#\d+$/, ''))?.[0];
    }
}

function commonFolder(documents: LangiumDocument[]): string {
    const folders = documents.map((d) => d.uri.path.slice(0, d.uri.path.lastIndexOf('/') + 1));
    if (folders.length === 0) return '/';
    let prefix = folders[0];
    for (const folder of folders) {
        while (!folder.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
    }
    return prefix;
}

// The compiled elements and links of a model as a ModelGraph, which is what selectors run on: built once per build
// and model (project) when a view needs it (the view checks, hover and completion inside selectors) and cached until
// the next change. Paths for `file:` selectors are relative to the folder that holds every file of the model.
import { type AstNode, DocumentState, type LangiumDocument, type URI } from 'langium';
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
    private readonly cache: BuildCache<string, ModelGraph>;

    constructor(services: PomServices) {
        this.services = services;
        this.cache = new BuildCache(services.shared, DocumentState.Linked);
    }

    /**
     * The model documents (not the prelude, not foreign files) of the model (project) that holds `within`, or of the
     * whole workspace when it is absent.
     */
    documents(within?: URI): LangiumDocument[] {
        const projects = this.services.pom.Projects;
        const key = within && projects.partitioned ? projects.keyOf(within) : undefined;
        return this.services.shared.workspace.LangiumDocuments.all
            .filter((d) => !isPrelude(d) && !isForeignDocument(d) && (key === undefined || projects.keyOf(d.uri) === key))
            .toArray();
    }

    views(): ViewDecl[] {
        return this.documents()
            .flatMap((d) => viewsOf(d.parseResult.value as Model))
            .filter((v) => v.name);
    }

    /** The graph of the model that holds `within` (of the whole workspace when absent). */
    graph(within?: URI): ModelGraph {
        const projects = this.services.pom.Projects;
        const key = within && projects.partitioned ? projects.keyOf(within) : undefined;
        return this.cache.get(key === undefined ? 'all' : `model ${key}`, () => {
            const documents = this.documents(within);
            const root = commonFolder(documents);
            const flow = this.services.pom.ModelCompiler.compileFlow(documents, { relativePath: (uri) => uri.path.slice(root.length) });
            return new ModelGraph({ format: MODEL_FORMAT, version: MODEL_VERSION, ...flow, kinds: [], diagnostics: [] });
        });
    }

    /** Every kind name, built-in or declared, so `kind:persona` is known even where no persona exists yet. */
    kindNames(within?: URI): string[] {
        return [...this.services.pom.NameIndex.kinds(within).keys()];
    }

    /** Whether the document declares a view: a compiled model needs its elements whole only then. */
    hasViews(document: LangiumDocument): boolean {
        return viewsOf(document.parseResult.value as Model).length > 0;
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

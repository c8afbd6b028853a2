// `view` declarations → the `views` of the compiled model: each with its selectors as written, its layout and the
// sorted ids of the elements its selectors pick among the compiled elements.
import type { AstNode, LangiumDocument } from 'langium';
import { type CompiledModel, type CompiledView, MODEL_FORMAT, MODEL_VERSION, type SourceLocation } from '../compile/compiled-model.js';
import { compareLocations } from '../compile/model-compiler.js';
import { ModelGraph } from '../compile/model-graph.js';
import type { Model } from '../generated/ast.js';
import { isPrelude } from '../prelude/prelude.js';
import { compareStrings } from '../util/compare.js';
import { viewId, viewLayout, viewSelectors, viewsOf } from './view-declarations.js';
import { viewElements } from './view-selection.js';

export function compileViews(
    documents: readonly LangiumDocument[],
    flow: Pick<CompiledModel, 'elements' | 'links'>,
    locate: (node: AstNode) => SourceLocation,
    docOf: (node: AstNode) => string | null,
): CompiledView[] {
    const views = documents.filter((d) => !isPrelude(d)).flatMap((d) => viewsOf(d.parseResult.value as Model));
    if (views.length === 0) return [];
    const graph = new ModelGraph({ format: MODEL_FORMAT, version: MODEL_VERSION, ...flow, kinds: [], diagnostics: [] });
    return views
        .filter((view) => view.name)
        .map((view): CompiledView => {
            const selectors = viewSelectors(view);
            return {
                id: viewId(view),
                name: view.name,
                title: view.title ?? null,
                doc: docOf(view),
                include: [...selectors.include],
                exclude: [...selectors.exclude],
                layout: viewLayout(view),
                elements: viewElements(graph, selectors),
                source: locate(view),
            };
        })
        .sort((a, b) => compareStrings(a.id, b.id) || compareLocations(a.source, b.source));
}

// `pom graph [paths…] [-o FILE] [--format html|svg|mermaid|dot] [--select SELECTOR]`: a picture of the model. HTML
// is one self-contained page with the interactive graph (the same renderer as the VS Code view, embedded in this
// CLI at build time); svg, mermaid and dot are text for documents. The picture is written even when the model has
// errors (the exit code says so); `--select` draws only the selected elements and the links among them.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { URI } from 'langium';
import { type CompiledModel, ModelGraph, SelectorError, selectElements } from 'pom-language';
import { standaloneGraphHtml, toDot, toMermaid, toSvg } from 'pom-language/export';
import { EXIT_MODEL_ERRORS, EXIT_OK, UsageError } from '../errors.js';
import { loadModel } from '../load.js';
import { writeOutput } from '../output.js';

export type GraphFormat = 'html' | 'svg' | 'mermaid' | 'dot';

export interface GraphOptions {
    output?: string;
    format: GraphFormat;
    select?: string;
    asOf?: string;
}

// The standalone renderer and its style sheet, put in by the bundler (scripts/bundle.js builds them first).
declare const POM_GRAPH_SCRIPT: string | undefined;
declare const POM_GRAPH_STYLE: string | undefined;

export async function graph(paths: string[], options: GraphOptions): Promise<number> {
    const inputs = paths.length > 0 ? paths : ['.'];
    const loaded = await loadModel(inputs, { asOf: options.asOf });
    const root = loaded.root;
    const compiled = loaded.services.pom.ModelCompiler.compile(loaded.documents, {
        relativePath: (uri: URI) => path.relative(root, uri.fsPath).split(path.sep).join('/'),
    });
    const model = options.select === undefined ? compiled : selectModel(compiled, options.select);
    await writeOutput(render(model, options.format, path.basename(root)), options.output);
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) {
        process.stderr.write(`pom: the model has ${errors} error${errors === 1 ? '' : 's'}; see pom validate\n`);
        return EXIT_MODEL_ERRORS;
    }
    return EXIT_OK;
}

function render(model: CompiledModel, format: GraphFormat, name: string): string {
    switch (format) {
        case 'mermaid':
            return toMermaid(model);
        case 'dot':
            return toDot(model);
        case 'svg':
            return toSvg(model);
        case 'html': {
            const script = typeof POM_GRAPH_SCRIPT === 'string' ? POM_GRAPH_SCRIPT : undefined;
            const style = typeof POM_GRAPH_STYLE === 'string' ? POM_GRAPH_STYLE : undefined;
            if (script === undefined || style === undefined) {
                throw new UsageError('this pom was built without the graph page; run `npm run bundle` at the repository root');
            }
            return standaloneGraphHtml({ model, script, style, title: `${name}: POM graph`, sha256 });
        }
    }
}

/** The selected elements and the links among them; the diagnostics stay whole, as the exit code does. */
function selectModel(model: CompiledModel, selector: string): CompiledModel {
    let selected: Set<string>;
    try {
        selected = selectElements(new ModelGraph(model), selector);
    } catch (error) {
        if (error instanceof SelectorError) throw new UsageError(error.message);
        throw error;
    }
    if (selected.size === 0) process.stderr.write(`pom: \`${selector}\` selects no element\n`);
    return {
        ...model,
        elements: model.elements.filter((e) => selected.has(e.id)),
        links: model.links.filter((l) => selected.has(l.from) && selected.has(l.to)),
    };
}

function sha256(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('base64');
}

// `pom graph [paths…] [-o FILE] [--format html|svg|mermaid|dot] [--select SELECTOR] [--view NAME] [--all-views]`: a
// picture of the model. HTML is one self-contained page with the interactive graph (the same renderer as the VS
// Code view, embedded in this CLI at build time); svg, mermaid and dot are text for documents. The picture is
// written even when the model has errors (the exit code says so). `--select` draws only the selected elements and
// the links among them; `--view` draws one named view; `--all-views -o DIR` writes a page per view and an index.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { type CompiledModel, type CompiledView, findView, modelOfView, UnknownViewError } from 'pom-language';
import { standaloneGraphHtml, toDot, toMermaid, toSvg, viewFileNames, viewsIndexHtml } from 'pom-language/export';
import { modelExitCode, UsageError } from '../errors.js';
import { compileModel } from '../load.js';
import { ensureFolder, printErr, writeAtomically, writeOutput } from '../output.js';
import { select } from '../select.js';

export type GraphFormat = 'html' | 'svg' | 'mermaid' | 'dot';

export interface GraphOptions {
    output?: string;
    format: GraphFormat;
    select?: string;
    view?: string;
    allViews?: boolean;
    asOf?: string;
}

const EXTENSIONS: Record<GraphFormat, string> = { html: 'html', svg: 'svg', mermaid: 'mmd', dot: 'dot' };

// The standalone renderer and its style sheet, put in by the bundler (scripts/bundle.js builds them first).
declare const POM_GRAPH_SCRIPT: string | undefined;
declare const POM_GRAPH_STYLE: string | undefined;

export async function graph(paths: string[], options: GraphOptions): Promise<number> {
    if (options.allViews && (options.view !== undefined || options.select !== undefined)) {
        throw new UsageError('--all-views draws every view; it does not combine with --view or --select');
    }
    if (options.allViews && (!options.output || options.output === '-')) {
        throw new UsageError('--all-views writes a folder of pages; give it with -o DIR');
    }
    const { model: compiled, root } = await compileModel(paths, { asOf: options.asOf });
    const name = path.basename(root);
    if (options.allViews) {
        await writeSite(compiled, options.format, name, options.output as string);
    } else {
        const view = options.view === undefined ? undefined : lookUp(compiled, options.view);
        const drawn = view ? modelOfView(compiled, view) : compiled;
        const model = options.select === undefined ? drawn : selectModel(drawn, options.select);
        await writeOutput(render(model, options.format, name, view), options.output);
    }
    return modelExitCode(compiled);
}

function lookUp(model: CompiledModel, name: string): CompiledView {
    try {
        return findView(model, name);
    } catch (error) {
        if (error instanceof UnknownViewError) throw new UsageError(error.message);
        throw error;
    }
}

/** A page per view and `index.html` linking them, in `folder` (created if missing). */
async function writeSite(model: CompiledModel, format: GraphFormat, name: string, folder: string): Promise<void> {
    const views = model.views ?? [];
    if (views.length === 0) throw new UsageError('the model declares no view; add a `view` declaration to draw one');
    await ensureFolder(folder);
    const files = viewFileNames(views, EXTENSIONS[format]);
    for (const [i, view] of views.entries()) {
        await writeAtomically(path.join(folder, files[i]), render(modelOfView(model, view), format, name, view));
    }
    const pages = views.map((view, i) => ({ view, file: files[i] }));
    await writeAtomically(path.join(folder, 'index.html'), viewsIndexHtml({ title: `${name}: views`, pages, sha256 }));
    printErr(`pom: wrote ${views.length} view${views.length === 1 ? '' : 's'} and index.html to ${folder}\n`);
}

function render(model: CompiledModel, format: GraphFormat, name: string, view?: CompiledView): string {
    const title = view ? (view.title ?? view.name) : undefined;
    switch (format) {
        case 'mermaid':
            return toMermaid(model, { title });
        case 'dot':
            return toDot(model, { title });
        case 'svg':
            return toSvg(model, { title });
        case 'html': {
            const script = typeof POM_GRAPH_SCRIPT === 'string' ? POM_GRAPH_SCRIPT : undefined;
            const style = typeof POM_GRAPH_STYLE === 'string' ? POM_GRAPH_STYLE : undefined;
            if (script === undefined || style === undefined) {
                throw new UsageError('this pom was built without the graph page; run `npm run bundle` at the repository root');
            }
            return standaloneGraphHtml({ model, script, style, title: title ? `${title} · ${name}` : `${name}: POM graph`, sha256 });
        }
    }
}

/** The selected elements and the links among them; the diagnostics stay whole, as the exit code does. */
function selectModel(model: CompiledModel, selector: string): CompiledModel {
    const selected = select(model, selector);
    if (selected.size === 0) printErr(`pom: \`${selector}\` selects no element\n`);
    return {
        ...model,
        elements: model.elements.filter((e) => selected.has(e.id)),
        links: model.links.filter((l) => selected.has(l.from) && selected.has(l.to)),
    };
}

function sha256(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('base64');
}

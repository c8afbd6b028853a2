// `pom compile [paths…] [-o FILE] [--pretty]`: the compiled model as JSON, paths relative to the inputs' common
// folder. The model is written even when it has errors (they are in it); the exit code says so.
import path from 'node:path';
import type { URI } from 'langium';
import { EXIT_MODEL_ERRORS, EXIT_OK } from '../errors.js';
import { loadModel } from '../load.js';
import { writeOutput } from '../output.js';

export async function compile(paths: string[], options: { output?: string; pretty?: boolean; asOf?: string }): Promise<number> {
    const inputs = paths.length > 0 ? paths : ['.'];
    const model = await loadModel(inputs, { asOf: options.asOf });
    const root = model.root;
    const compiled = model.services.pom.ModelCompiler.compile(model.documents, {
        relativePath: (uri: URI) => path.relative(root, uri.fsPath).split(path.sep).join('/'),
    });
    const json = `${JSON.stringify(compiled, null, options.pretty ? 2 : undefined)}\n`;
    await writeOutput(json, options.output);
    return compiled.diagnostics.some((d) => d.severity === 'error') ? EXIT_MODEL_ERRORS : EXIT_OK;
}

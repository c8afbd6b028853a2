// `pom compile [paths…] [-o FILE] [--pretty]`: the compiled model as JSON, paths relative to the project's folder
// (else the inputs' common folder). The model is written even when it has errors (they are in it); the exit code says so.
import { modelExitCode } from '../errors.js';
import { compileModelStreamed } from '../load.js';
import { writeJsonOutput } from '../output.js';

export async function compile(paths: string[], options: { output?: string; pretty?: boolean; asOf?: string }): Promise<number> {
    const model = await compileModelStreamed(paths, { asOf: options.asOf });
    await writeJsonOutput(model, { pretty: options.pretty, file: options.output });
    return modelExitCode(model, { quiet: true });
}

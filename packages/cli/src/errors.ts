// Exit codes, and the errors that end a command with exit code 2 (usage or I/O) and a one-line reason on stderr.
import type { CompiledModel } from 'pom-language';
import { printErr } from './output.js';

export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_MODEL_ERRORS = 1;
export const EXIT_USAGE = 2;

/**
 * How a command that wrote its output from a model ends: 1 when the model has errors (the output is still written),
 * 0 otherwise. Unless `quiet`, stderr says how many errors and where to read them.
 */
export function modelExitCode(model: Pick<CompiledModel, 'diagnostics'>, options: { quiet?: boolean } = {}): number {
    const errors = model.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors === 0) return EXIT_OK;
    if (!options.quiet) printErr(`pom: the model has ${errors} error${errors === 1 ? '' : 's'}; see pom validate\n`);
    return EXIT_MODEL_ERRORS;
}

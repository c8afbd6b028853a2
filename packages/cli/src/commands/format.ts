// `pom format [paths…] [--check | --write]` with the language's formatter. Without a flag it prints one file formatted
// (like prettier); `--check` names the files whose layout would change, one a line on stdout, and exits 1 if any;
// `--write` rewrites those files atomically and names them. A file with syntax errors is never formatted: it is
// reported on stderr and the command exits 1. XML, binary and empty files are skipped with a note.
import { URI } from 'langium';
import { FormatInvariantError, type FormatResult, formatText, type PomServices } from 'pom-language';
import { createNodePomServices } from 'pom-language/node';
import { EXIT_MODEL_ERRORS, EXIT_OK, UsageError } from '../errors.js';
import { displayPath, findModelFiles, type ModelFile, readModelFiles } from '../files.js';
import { escapeControl, printErr, printFileText, printOut, writeAtomically } from '../output.js';

export interface FormatOptions {
    check?: boolean;
    write?: boolean;
}

const FOREIGN: Record<NonNullable<FormatResult['skipped']>, string> = {
    xml: 'XML, not a POM model',
    binary: 'binary, not a POM model',
    empty: 'empty',
};

export async function format(paths: string[], options: FormatOptions): Promise<number> {
    if (options.check && options.write) throw new UsageError('use either --check or --write, not both');
    const files = await readModelFiles(await findModelFiles(paths.length > 0 ? paths : ['.']));
    if (!options.check && !options.write && files.length !== 1) {
        throw new UsageError(`${files.length} files found; give one file to print it formatted, or use --check or --write`);
    }
    const { Pom } = createNodePomServices();
    let broken = 0;
    const changed: string[] = [];
    for (const file of files) {
        const shown = displayPath(file.path);
        const result = await formatFile(Pom, file);
        if (result instanceof FormatInvariantError) {
            printErr(`pom: ${shown}: not formatted, ${result.message} (a formatter bug; please report it)\n`);
            broken++;
            if (!options.check && !options.write) printFileText(file.text);
            continue;
        }
        if (result.parseErrors) {
            const first = result.syntaxErrors[0];
            const where = first ? `:${first.line}:${first.column}` : '';
            printErr(`pom: ${shown}${where}: not formatted, it has syntax errors${first ? `: ${first.message}` : ''}\n`);
            broken++;
        } else if (result.skipped) {
            printErr(`pom: ${shown}: skipped, ${FOREIGN[result.skipped]}\n`);
        }
        if (!options.check && !options.write) {
            // Printing: the text unchanged when it cannot be formatted, so a pipe never loses the file.
            printFileText(result.text);
            continue;
        }
        if (!result.changed) continue;
        changed.push(shown);
        if (options.write) await writeAtomically(file.path, result.text);
        printOut(`${escapeControl(shown, { lineBreaks: false })}\n`);
    }
    if (options.check || options.write) printErr(`${summary(changed.length, broken, files.length, options.write)}\n`);
    return broken > 0 || (options.check && changed.length > 0) ? EXIT_MODEL_ERRORS : EXIT_OK;
}

/** The result, or the formatter's refusal of its own output (it would have lost or changed a token). */
async function formatFile(services: PomServices, file: ModelFile): Promise<FormatResult | FormatInvariantError> {
    try {
        return await formatText(services, URI.file(file.path), file.text);
    } catch (error) {
        if (error instanceof FormatInvariantError) return error;
        throw error;
    }
}

function summary(changed: number, broken: number, total: number, write?: boolean): string {
    const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    const main = write
        ? changed === 0
            ? `${files(total)}: nothing to reformat`
            : `reformatted ${changed} of ${files(total)}`
        : changed === 0
          ? `${files(total)}: all formatted`
          : `${changed} of ${files(total)} not formatted; run pom format --write`;
    return broken === 0 ? main : `${main}; ${files(broken)} could not be formatted`;
}

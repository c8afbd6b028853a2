// `pom validate [paths…] [--format text|json|sarif]`: diagnostics on stdout, the summary on stderr.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXIT_MODEL_ERRORS, EXIT_OK } from '../errors.js';
import { type LoadedModel, loadModels } from '../load.js';
import { printErr, printOut, printPainted } from '../output.js';
import { collectProblems, summarize, summaryLine } from '../report/diagnostics.js';
import { formatJson } from '../report/json.js';
import { formatSarif } from '../report/sarif.js';
import { formatText, useColour } from '../report/text.js';
import { VERSION } from '../version.js';

export type ValidateFormat = 'text' | 'json' | 'sarif';

export async function validate(paths: string[], options: { format: ValidateFormat; asOf?: string }): Promise<number> {
    // Each project the paths touch is a model of its own; the problems of the files the paths name are reported.
    const models = await loadModels(paths, { asOf: options.asOf });
    const documents = models.flatMap((m) => m.reported);
    const problems = collectProblems(documents);
    const summary = summarize(problems, documents.length);
    if (options.format === 'json') {
        printOut(formatJson(problems, summary));
    } else if (options.format === 'sarif') {
        const texts = new Map(documents.map((d) => [path.relative(process.cwd(), d.uri.fsPath).split(path.sep).join('/'), d.textDocument]));
        const lineText = (file: string, line: number) => {
            const document = texts.get(file);
            return document
                ? document.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } })
                : readLine(file, line);
        };
        printOut(formatSarif(problems, VERSION, lineText));
    } else {
        printPainted(formatText(problems, useColour(process.stdout)));
        printErr(`${summaryLine(summary)}\n`);
        const unresolved = namedFilesOnly(paths) ? unresolvedOutsideProjects(models) : 0;
        if (unresolved > 0) {
            printErr(
                `Only the files named were read, and they are in no project: ${unresolved === 1 ? '1 name is' : `${unresolved} names are`} unresolved that other files of the model may declare. Pass the model's folder, or add a pom.json.\n`,
            );
        }
    }
    return summary.error > 0 ? EXIT_MODEL_ERRORS : EXIT_OK;
}

/**
 * The unresolved names in the named files of models that hold only what was named (files in no project). A file in a
 * project is read with its whole project, so what it leaves unresolved is unresolved in the model.
 */
function unresolvedOutsideProjects(models: readonly LoadedModel[]): number {
    const loose = models.filter((m) => m.project === undefined).flatMap((m) => m.reported);
    return loose.reduce((sum, d) => sum + (d.diagnostics ?? []).filter((p) => p.code === 'unresolved-reference').length, 0);
}

/** Whether every path given is a file (not a folder, and not the default of the current folder). */
function namedFilesOnly(paths: string[]): boolean {
    return paths.length > 0 && paths.every((p) => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false);
}

function readLine(file: string, line: number): string {
    try {
        return readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
    } catch {
        return '';
    }
}

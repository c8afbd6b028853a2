// The invariants every mutant must keep, checked in-process through the language package's API (no process per
// mutant): nothing throws; the file is answered within the time bound; compiling twice gives the same bytes; the
// formatter either leaves the text alone (syntax errors, not POM) or returns a text that formats to itself, holds the
// same tokens and comments (its own guard) and compiles to the same model but for source positions.
import { EmptyFileSystem, URI } from 'langium';
import { buildWorkspace, type CompiledModel, FormatInvariantError, formatText } from '../../packages/language/src/index.js';
import { createPomServices } from '../../packages/language/src/pom-module.js';

export interface CheckOptions {
    /** Milliseconds a file may take, all checks together. */
    readonly timeBound: number;
}

export interface CheckResult {
    /** What went wrong; empty when the mutant kept every invariant. */
    readonly failures: string[];
    readonly milliseconds: number;
}

const FILE = 'mutant.pom';
/** The words of a JavaScript exception, which no diagnostic may carry. */
const INTERNAL_ERROR = /Cannot read propert|is not a function|is not iterable|Maximum call stack|undefined \(reading/;
const AS_OF = '2026-06-01';

const services = createPomServices(EmptyFileSystem, { batch: true }).Pom;
services.pom.EvidenceContext.setAsOf(AS_OF);
let builds = 0;

/**
 * Builds one file and compiles it, as `pom compile` does, in batch services kept from mutant to mutant (each file
 * under a URI of its own, removed afterwards), which also catches state one build leaves to the next.
 */
async function compile(text: string): Promise<CompiledModel> {
    const uri = URI.file(`/fuzz/${builds++}/${FILE}`);
    try {
        const documents = await buildWorkspace(services, [{ uri, text }]);
        return services.pom.ModelCompiler.compile(documents, { relativePath: () => FILE });
    } finally {
        await services.shared.workspace.DocumentBuilder.update([], [uri]);
    }
}

/** The model without where things are: formatting moves lines and columns, nothing else. */
function withoutPositions(model: CompiledModel): string {
    return JSON.stringify(model, (key, value) =>
        key === 'line' || key === 'column' || key === 'endLine' || key === 'endColumn'
            ? undefined
            : typeof value === 'string'
              ? value.replace(/\.pom:\d+/g, '.pom:N')
              : value,
    );
}

export async function checkMutant(text: string, options: CheckOptions): Promise<CheckResult> {
    const failures: string[] = [];
    const started = performance.now();
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
        try {
            return await run();
        } catch (error) {
            failures.push(`${name} threw: ${(error as Error).stack ?? error}`);
            return undefined;
        }
    };

    const first = await step('compile', () => compile(text));
    const second = await step('compile again', () => compile(text));
    if (first && second && JSON.stringify(first) !== JSON.stringify(second)) failures.push('compile is not byte-stable: two runs differ');
    const leaked = first?.diagnostics.find((d) => INTERNAL_ERROR.test(d.message));
    if (leaked) failures.push(`an internal error reached a diagnostic: ${leaked.code} ${leaked.message}`);

    const uri = URI.file(`/fuzz/${FILE}`);
    const formatted = await step('format', async () => {
        try {
            return await formatText(services, uri, text);
        } catch (error) {
            if (error instanceof FormatInvariantError) {
                failures.push(`the formatter's guard refused its result: ${error.message}`);
                return undefined;
            }
            throw error;
        }
    });
    if (formatted?.changed) {
        const again = await step('format again', () => formatText(services, uri, formatted.text));
        if (again && again.text !== formatted.text) failures.push('format is not idempotent: formatting the result changes it');
        const model = await step('compile the formatted text', () => compile(formatted.text));
        if (first && model && withoutPositions(first) !== withoutPositions(model)) {
            failures.push('formatting changed the compiled model');
        }
    }
    if (formatted && !formatted.changed && formatted.text !== text) failures.push('format reports no change but changed the text');

    const milliseconds = performance.now() - started;
    if (milliseconds > options.timeBound) failures.push(`took ${Math.round(milliseconds)} ms, over the bound of ${options.timeBound} ms`);
    return { failures, milliseconds };
}

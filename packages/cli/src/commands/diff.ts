// `pom diff BASE [HEAD] [PATH…] [--format text|json|markdown] [--fail-on error|warning|change] [--select S] [-o FILE]`:
// the semantic diff of two versions of a model (sources.ts reads them; the language package compares and renders).
// Exit 0 whatever changed, unless --fail-on says otherwise; 2 for usage, I/O and git problems.
import { type CompiledModel, diffModels, diffToMarkdown, diffToText, type ModelDiff } from 'pom-language';
import { EXIT_MODEL_ERRORS, EXIT_OK, UsageError } from '../errors.js';
import { escapeStrings, jsonText, writeOutput } from '../output.js';
import { useColour } from '../report/text.js';
import { select } from '../select.js';
import { loadSides, parseSides } from '../sources.js';

export type DiffFormat = 'text' | 'json' | 'markdown';
export type FailOn = 'error' | 'warning' | 'change';

export interface DiffCommandOptions {
    format: DiffFormat;
    failOn?: FailOn;
    select?: string;
    output?: string;
    /** The day date-dependent evidence checks run as of, on both sides read from the model's text. */
    asOf?: string;
}

export async function diff(base: string, rest: string[], options: DiffCommandOptions): Promise<number> {
    const sides = parseSides(base, rest);
    const loaded = await loadSides(sides, { asOf: options.asOf });
    const models = { base: loaded.base.model, head: loaded.head.model };
    const report = diffModels(models.base, models.head, {
        baseLabel: sides.base.label,
        headLabel: sides.head.label,
        select: options.select === undefined ? undefined : selectOnBothSides(options.select, models.base, models.head),
        snapshots: { base: loaded.base.snapshot, head: loaded.head.snapshot },
    });
    const toFile = options.output !== undefined && options.output !== '-';
    // Text and Markdown are rendered from the report with its model text escaped (text may be coloured after).
    const text =
        options.format === 'json'
            ? jsonText(report)
            : options.format === 'markdown'
              ? diffToMarkdown(escapeStrings(report))
              : diffToText(escapeStrings(report), { colour: !toFile && useColour(process.stdout) });
    await writeOutput(text, options.output, { painted: options.format === 'text' });
    return failed(report, options.failOn) ? EXIT_MODEL_ERRORS : EXIT_OK;
}

/** The selected elements of each side; a selector that picks nothing on either side is a mistake worth saying. */
function selectOnBothSides(selector: string, base: CompiledModel, head: CompiledModel): { base: Set<string>; head: Set<string> } {
    const picked = { base: select(base, selector, { strict: false }), head: select(head, selector, { strict: false }) };
    if (picked.base.size === 0 && picked.head.size === 0) throw new UsageError(`\`${selector}\` selects no element on either side`);
    return picked;
}

function failed(report: ModelDiff, failOn: FailOn | undefined): boolean {
    const introduced = report.summary.diagnostics.introduced;
    switch (failOn) {
        case 'error':
            return introduced.error > 0;
        case 'warning':
            return introduced.error + introduced.warning > 0;
        case 'change':
            return report.summary.changed;
        default:
            return false;
    }
}

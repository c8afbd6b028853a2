// `pom metrics pull [paths…] [--select SELECTOR]`: runs the source of every metric (a data file through DuckDB, or a
// query against a named DuckDB or Postgres connection) and writes the observations snapshot beside the model. The
// only command that reads data files or reaches a database; the drivers are loaded here and nowhere else.
//
// Exit codes: 0 every source pulled; 1 a source failed (its previous observations are kept, marked stale, and the
// snapshot is written); 2 usage or project problems (nothing is written).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { CompiledModel, Snapshot } from 'pom-language';
import { EXIT_OK, UsageError } from '../errors.js';
import { displayPath } from '../files.js';
import { compileModel } from '../load.js';
import { type MetricSource, metricSources } from '../metrics/metric-sources.js';
import { progressBar } from '../metrics/progress.js';
import { type PullProject, pullProject } from '../metrics/project.js';
import { printable, SourceError, toObservations } from '../metrics/rows.js';
import { type MetricEntry, readSnapshot, serializeSnapshot, writeSnapshot } from '../metrics/snapshot.js';
import { SourceRunner } from '../metrics/source-runner.js';
import { printErr } from '../output.js';
import { select } from '../select.js';

export const EXIT_SOURCE_FAILED = 1;

export interface PullOptions {
    select?: string;
}

export async function metricsPull(paths: string[], options: PullOptions): Promise<number> {
    const { model: compiled, root: modelRoot } = await compileModel(paths);
    const project = pullProject(modelRoot);
    const all = metricSources(compiled, modelRoot, project);
    const sources = options.select === undefined ? all : selected(compiled, all, options.select);
    if (all.length === 0) throw new UsageError('no metric declares a source (`data`, or `connection` and `query`)');
    if (sources.length === 0) throw new UsageError(`\`${options.select}\` selects no metric with a source`);
    // Read first: a snapshot that cannot be read is left alone, and nothing runs.
    const { snapshot: previous, text: previousText } = readSnapshot(project.observations);

    const entries = await pullAll(sources, project, previous);
    // A pull of the whole model rewrites the snapshot for it; a partial one (paths or --select) touches only its own.
    const whole = options.select === undefined && paths.length === 0;
    const next: Snapshot = { ...previous, metrics: whole ? entries : { ...previous.metrics, ...entries } };
    // The same data gives the same bytes; unchanged, the file is not touched (editors watching it stay quiet).
    const text = serializeSnapshot(next);
    if (text !== previousText) await writeSnapshot(project.observations, text);
    return report(entries, project);
}

/** Sources run side by side, a few at a time: DuckDB and the databases work while the others wait. */
const CONCURRENCY = 4;

async function pullAll(sources: readonly MetricSource[], project: PullProject, previous: Snapshot): Promise<Record<string, MetricEntry>> {
    const results: MetricEntry[] = [];
    const runner = new SourceRunner(sources, project.root);
    const progress = progressBar(sources.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
        for (let index = next++; index < sources.length; index = next++) {
            const source = sources[index];
            results[index] = await pullOne(source, runner, project, previous);
            progress.step(++done, source.metric);
        }
    };
    try {
        progress.step(0, '');
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sources.length) }, worker));
    } finally {
        progress.end();
        await runner.close();
    }
    // Failures are named in the order of the metrics, whichever finished first.
    const entries: Record<string, MetricEntry> = {};
    for (const [index, source] of sources.entries()) {
        const entry = results[index];
        entries[source.metric] = entry;
        if (!entry.stale) continue;
        const at = `${displayPath(source.location.file)}:${source.location.line}:${source.location.column}`;
        printErr(`${at}: ${source.metric} failed (${printable(source.description, 200)}): ${printable(entry.error ?? '', 300)}\n`);
    }
    return entries;
}

async function pullOne(source: MetricSource, runner: SourceRunner, project: PullProject, previous: Snapshot): Promise<MetricEntry> {
    try {
        return { source: source.description, stale: false, observations: toObservations(await runner.run(source)) };
    } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        return {
            source: source.description,
            stale: true,
            error: withoutRoot(error.message, project.root),
            observations: previous.metrics[source.metric]?.observations ?? [],
        };
    }
}

function report(entries: Record<string, MetricEntry>, project: PullProject): number {
    const list = Object.values(entries);
    const failed = list.filter((e) => e.stale).length;
    const rows = list.filter((e) => !e.stale).reduce((sum, e) => sum + e.observations.length, 0);
    const where = displayPath(project.observations);
    const pulled = list.length - failed;
    const summary = `pulled ${pulled} metric${pulled === 1 ? '' : 's'} (${rows} observation${rows === 1 ? '' : 's'}) into ${where}`;
    if (failed === 0) {
        printErr(`${summary}\n`);
        return EXIT_OK;
    }
    printErr(`${summary}; ${failed} source${failed === 1 ? '' : 's'} failed and kept the previous observations, marked stale\n`);
    return EXIT_SOURCE_FAILED;
}

/** The sources of the metrics a selector picks, and of the metrics that measure the elements it picks. */
function selected(model: CompiledModel, sources: readonly MetricSource[], selector: string): MetricSource[] {
    const ids = select(model, selector);
    for (const link of model.links) if (link.relation === 'metric' && ids.has(link.from)) ids.add(link.to);
    return sources.filter((s) => ids.has(s.metric));
}

/** Messages stay the same on every machine: paths inside the project are shown relative to it. */
function withoutRoot(message: string, root: string): string {
    const roots = new Set([root, realpathSync(root)]);
    return [...roots].reduce((text, r) => text.split(`${r}${path.sep}`).join(''), message);
}

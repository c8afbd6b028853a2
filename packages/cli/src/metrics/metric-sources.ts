// Which metrics have a source, and what it is: a data file (CSV, JSON or Parquet, with an optional query over it) or
// a query against a named connection of the project. Read from the compiled model's fields, so the language side
// decides what the model says and this side only runs it.
import path from 'node:path';
import type { CompiledElement, CompiledModel, TypedValue } from 'pom-language';
import type { ConnectionSpec, PullProject } from './project.js';
import { type DataFile, resolveDataFile } from './safe-path.js';

export interface SourceLocation {
    /** The .pom file, absolute. */
    file: string;
    line: number;
    column: number;
}

interface SourceBase {
    metric: string;
    location: SourceLocation;
    /** What the snapshot says about the source: never a credential. */
    description: string;
}

export type MetricSource =
    | (SourceBase & { type: 'file'; file: DataFile; query: string | undefined })
    | (SourceBase & { type: 'connection'; name: string; connection: ConnectionSpec; query: string })
    /** A source that cannot be run as declared; the reason is reported like a failed pull. */
    | (SourceBase & { type: 'invalid'; error: string });

/** Every metric element (of kind `metric` or a kind extending it) that declares a source, sorted by id. */
export function metricSources(model: CompiledModel, modelRoot: string, project: PullProject): MetricSource[] {
    return model.elements
        .filter((e) => e.kindChain.includes('metric') && hasSource(e))
        .map((e) => sourceOf(e, modelRoot, project))
        .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
}

function hasSource(element: CompiledElement): boolean {
    return ['data', 'connection', 'query'].some((key) => element.fields[key] !== undefined);
}

function sourceOf(element: CompiledElement, modelRoot: string, project: PullProject): MetricSource {
    const pomFile = path.resolve(modelRoot, element.source.path);
    const base = {
        metric: element.id,
        location: { file: pomFile, line: element.source.line, column: element.source.column },
    };
    const data = text(element.fields.data);
    const connection = text(element.fields.connection);
    const query = text(element.fields.query);
    const invalid = (description: string, error: string): MetricSource => ({ ...base, type: 'invalid', description, error });
    if (data !== undefined && connection !== undefined) {
        return invalid(`file ${data}`, 'a metric reads either a `data` file or a `connection`, not both');
    }
    if (data !== undefined) {
        const resolved = resolveDataFile(data, path.dirname(pomFile), project.root);
        if ('error' in resolved) return invalid(`file ${data}`, resolved.error);
        return { ...base, type: 'file', file: resolved, query, description: `file ${resolved.relative}` };
    }
    if (connection === undefined) return invalid('query', 'a `query` needs a `data` file or a `connection` to run against');
    const spec = project.connections[connection];
    if (spec === undefined) {
        const known = Object.keys(project.connections).sort();
        const list =
            project.file === undefined
                ? 'connections are declared in a pom.json project file, and there is none'
                : known.length > 0
                  ? `${path.basename(project.file)} declares ${known.map((k) => `\`${k}\``).join(', ')}`
                  : `${path.basename(project.file)} declares no connections`;
        return invalid(`connection ${connection}`, `no connection \`${connection}\` (${list})`);
    }
    const description = `${spec.type} ${connection}`;
    if (query === undefined) return invalid(description, `a \`connection\` needs a \`query\` that returns date and value columns`);
    return { ...base, type: 'connection', name: connection, connection: spec, query, description };
}

function text(value: TypedValue | TypedValue[] | undefined): string | undefined {
    const single = Array.isArray(value) ? value[0] : value;
    return single !== undefined && typeof single.value === 'string' && single.value.trim() !== '' ? single.value : undefined;
}

// The snapshot of observations (`observations.json`) that `pom metrics pull` writes and everything else reads: its
// types and a reader that checks the shape, so a hand-edited or truncated file gives one clear problem, not a crash.

export const SNAPSHOT_FORMAT = 'pom-observations';
export const SNAPSHOT_VERSION = 1;
export const SNAPSHOT_FILE = 'observations.json';

/** A snapshot larger than this is refused: the editor must stay responsive whatever the repository holds. */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export interface Observation {
    /** `YYYY-MM-DD`. */
    date: string;
    /** In the metric's unit: 42.1 means 42.1 % for a percent metric. */
    value: number;
    segment?: string;
}

export interface MetricObservations {
    /** A description of where the numbers come from, for people; never a credential. */
    source: string;
    /** True when the last pull of this source failed and these are the observations of an earlier pull. */
    stale: boolean;
    error?: string;
    observations: Observation[];
}

export interface Snapshot {
    format: typeof SNAPSHOT_FORMAT;
    version: typeof SNAPSHOT_VERSION;
    /** By metric id (qualified name). */
    metrics: Record<string, MetricObservations>;
}

export class SnapshotError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses and checks a snapshot; throws a SnapshotError that says what is wrong and where. */
export function parseSnapshot(text: string): Snapshot {
    if (text.length > MAX_SNAPSHOT_BYTES) throw new SnapshotError(`is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`);
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (error) {
        throw new SnapshotError(`is not valid JSON: ${(error as Error).message}`);
    }
    if (!isObject(data) || data.format !== SNAPSHOT_FORMAT) {
        throw new SnapshotError(`is not a snapshot of observations (\`"format": "${SNAPSHOT_FORMAT}"\`)`);
    }
    if (data.version !== SNAPSHOT_VERSION) {
        throw new SnapshotError(`has format version ${String(data.version)}; this pom reads version ${SNAPSHOT_VERSION}`);
    }
    if (!isObject(data.metrics)) throw new SnapshotError('has no `metrics` object');
    const metrics: Record<string, MetricObservations> = {};
    for (const [id, entry] of Object.entries(data.metrics)) metrics[id] = metricEntry(id, entry);
    return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, metrics };
}

function metricEntry(id: string, entry: unknown): MetricObservations {
    if (!isObject(entry) || !Array.isArray(entry.observations)) {
        throw new SnapshotError(`has no \`observations\` list for \`${id}\``);
    }
    const observations = entry.observations.map((o, index) => {
        const where = `observation ${index + 1} of \`${id}\``;
        if (!isObject(o) || typeof o.date !== 'string' || !DATE.test(o.date)) throw new SnapshotError(`has no YYYY-MM-DD date in ${where}`);
        if (typeof o.value !== 'number' || !Number.isFinite(o.value)) throw new SnapshotError(`has no numeric value in ${where}`);
        const observation: Observation = { date: o.date, value: o.value };
        if (typeof o.segment === 'string') observation.segment = o.segment;
        return observation;
    });
    const result: MetricObservations = {
        source: typeof entry.source === 'string' ? entry.source : '',
        stale: entry.stale === true,
        observations,
    };
    if (typeof entry.error === 'string') result.error = entry.error;
    return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

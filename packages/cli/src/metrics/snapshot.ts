// The observations snapshot (`observations.json`): read the previous one, merge a pull into it, and write it so that
// the same data always gives the same bytes (sorted, fixed key order, no timestamps but the data's own). Written
// atomically beside its target (through a symbolic link to the file it points at), never into a FIFO or a device.
// The format itself (name, version, types, size bound, reader) is the language package's, which every reader shares.
import { existsSync, readFileSync, statSync } from 'node:fs';
import {
    MAX_SNAPSHOT_BYTES,
    type MetricObservations,
    type Observation,
    parseSnapshot,
    SNAPSHOT_FORMAT,
    SNAPSHOT_VERSION,
    type Snapshot,
    SnapshotError,
} from 'pom-language';
import { UsageError } from '../errors.js';
import { writeAtomically } from '../output.js';

// The snapshot's shape is the language package's, which reads it.
export type { Observation, Snapshot };
export type MetricEntry = MetricObservations;

export function emptySnapshot(): Snapshot {
    return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, metrics: {} };
}

/**
 * The snapshot at `file` and its text, an empty one if there is none; a file that is not a snapshot is a usage error
 * (and is kept as it is).
 */
export function readSnapshot(file: string): { snapshot: Snapshot; text: string } {
    if (!existsSync(file)) return { snapshot: emptySnapshot(), text: '' };
    const info = statSync(file);
    if (!info.isFile()) throw new UsageError(`${file} is not a regular file; the snapshot cannot be written there`);
    if (info.size > MAX_SNAPSHOT_BYTES)
        throw new UsageError(`${file} is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB; is it a snapshot?`);
    const text = readFileSync(file, 'utf8');
    try {
        return { snapshot: parseSnapshot(text), text };
    } catch (error) {
        if (!(error instanceof SnapshotError)) throw error;
        throw new UsageError(`${file} ${error.message}; fix it or move it away, it was left as it is`);
    }
}

/**
 * The snapshot's text: 2-space indented JSON with one observation per line (so a pull request shows each new number
 * as one line); entries by metric id, observations by date, then segment (none first), then value.
 */
export function serializeSnapshot(snapshot: Snapshot): string {
    const ids = Object.keys(snapshot.metrics).sort(compareText);
    const entries = ids.map((id) => `    ${JSON.stringify(id)}: ${serializeEntry(snapshot.metrics[id])}`);
    const metrics = entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`;
    return `{\n  "format": "${SNAPSHOT_FORMAT}",\n  "version": ${SNAPSHOT_VERSION},\n  "metrics": ${metrics}\n}\n`;
}

function serializeEntry(entry: MetricEntry): string {
    const lines = [`      "source": ${JSON.stringify(entry.source)}`, `      "stale": ${entry.stale}`];
    if (entry.stale && entry.error !== undefined) lines.push(`      "error": ${JSON.stringify(entry.error)}`);
    const rows = [...entry.observations].sort(compareObservations).map((o) => `        ${serializeObservation(o)}`);
    lines.push(`      "observations": ${rows.length === 0 ? '[]' : `[\n${rows.join(',\n')}\n      ]`}`);
    return `{\n${lines.join(',\n')}\n    }`;
}

function serializeObservation(o: Observation): string {
    const segment = o.segment === undefined ? '' : `, "segment": ${JSON.stringify(o.segment)}`;
    return `{ "date": ${JSON.stringify(o.date)}, "value": ${JSON.stringify(o.value)}${segment} }`;
}

function compareObservations(a: Observation, b: Observation): number {
    return compareText(a.date, b.date) || compareText(a.segment ?? '', b.segment ?? '') || a.value - b.value;
}

/** Code-unit order, the same on every machine and locale. */
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Writes the snapshot's text atomically; through a symbolic link, the file it points at is replaced. */
export async function writeSnapshot(file: string, text: string): Promise<void> {
    if (Buffer.byteLength(text) > MAX_SNAPSHOT_BYTES) {
        throw new UsageError(
            `the snapshot would be larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB, more than the editor reads; aggregate the sources in their queries (for example by week)`,
        );
    }
    await writeAtomically(file, text);
}

// The evidence figures of `npm run bench`: `pom metrics pull` of 200 metrics × 2 years of daily rows (146,000 rows)
// from CSV and from Parquet files, and `pom validate` of the 10,000-element model with and without a snapshot of
// observations for every input. Data files are written by DuckDB itself.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateModel } from './generate-model.js';
import { median, report } from './report.js';

const POM = new URL('../../packages/cli/bin/pom.js', import.meta.url).pathname;
const METRICS = 200;
const DAYS = 730;

/** @param {(args: string[]) => { ms: number, result: import('node:child_process').SpawnSyncReturns<string> }} time */
export async function metricsBenchmarks(work, time) {
    for (const format of ['csv', 'parquet']) {
        const folder = path.join(work, `pull-${format}`);
        await sourcedModel(folder, format);
        const runs = [1, 2, 3].map(() => time(['metrics', 'pull', folder]));
        const failed = runs.find((r) => r.result.status !== 0);
        if (failed) throw new Error(`pom metrics pull failed:\n${failed.result.stderr}`);
        report(`pom metrics pull, ${METRICS} metrics × ${DAYS} days (${format})`, median(runs.map((r) => r.ms)), 3000);
        cpuAndMemory(['metrics', 'pull', folder]);
    }

    // The 10,000-element model with a metric on every input, without and then with a snapshot for all of them.
    const folder = path.join(work, 'model-10000-metrics');
    const count = generateModel(folder, { elements: 10_000, files: 100, metrics: true });
    const without = median([1, 2, 3].map(() => time(['validate', folder, '--format', 'json']).ms));
    const observations = writeSnapshot(folder);
    const withSnapshot = median([1, 2, 3].map(() => time(['validate', folder, '--format', 'json']).ms));
    report(`pom validate, ${count} elements, no snapshot`, without);
    report(`pom validate, same, snapshot of ${observations} observations`, withSnapshot, Math.round(without * 1.1));
}

/** CPU time and peak memory of one run (GNU time, where there is one): on a busy machine, what wall time hides. */
function cpuAndMemory(args) {
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, POM, ...args], { encoding: 'utf8' });
    const [user, system, kb] = (run.stderr ?? '').trim().split('\n').pop().split(' ').map(Number);
    if (![user, system, kb].every(Number.isFinite)) return;
    console.log(
        `${'  CPU (user + system), peak RSS'.padEnd(52)} ${((user + system) * 1000).toFixed(0).padStart(9)} ms ${(kb / 1024).toFixed(0)} MB`,
    );
}

/** 200 metrics, each with a file of its own holding two years of daily values. */
async function sourcedModel(folder, format) {
    mkdirSync(path.join(folder, 'data'), { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const lines = ['namespace bench.evidence', ''];
    for (let m = 0; m < METRICS; m++) {
        const file = `data/metric${String(m).padStart(3, '0')}.${format}`;
        await connection.run(
            `copy (select date '2024-01-01' + i::integer as date, round(40 + ${m % 17} + 10 * sin(i / 30.0), 2) as value
             from range(${DAYS}) as r(i)) to '${path.join(folder, file)}' (format ${format}${format === 'csv' ? ', header true' : ''})`,
        );
        lines.push(`metric Metric${m} "Metric ${m}" {`, `  data: "${file}"`, '}');
    }
    connection.closeSync();
    instance.closeSync();
    writeFileSync(path.join(folder, 'metrics.pom'), `${lines.join('\n')}\n`);
}

/** A snapshot of weekly observations over two years for every metric of the generated model. */
function writeSnapshot(folder) {
    const metrics = {};
    let count = 0;
    for (let f = 0; f < 100; f++) {
        const text = readFileSync(path.join(folder, `unit${String(f).padStart(3, '0')}.pom`), 'utf8');
        for (const [, name] of text.matchAll(/^metric (InputMetric\d+) /gm)) {
            const observations = [];
            for (let w = 0; w < 104; w++) {
                const date = new Date(Date.UTC(2025, 0, 6 + 7 * w)).toISOString().slice(0, 10);
                observations.push({ date, value: Math.round(400 + 100 * Math.sin(w / 8) + w) / 10 });
            }
            metrics[`bench.unit${f}.${name}`] = { source: 'file bench.csv', stale: false, observations };
            count += observations.length;
        }
    }
    const snapshot = path.join(folder, 'observations.json');
    writeFileSync(snapshot, `${JSON.stringify({ format: 'pom-observations', version: 1, metrics }, null, 2)}\n`);
    return count;
}

// Writes examples/acme/data/: 18 months of observations for every acme metric, as CSV and Parquet files, from a
// seeded generator, so the same script always gives the same files. The numbers tell the story the model claims:
// the guided setup lifts onboarding completion from October, the mention prompt lifts invites but barely moves the
// time to first collaboration, SSO adoption climbs after general availability.
//
//   node scripts/acme-data.js            write the data files
//   node scripts/acme-data.js --snapshot also write examples/acme/observations.json (what `pom metrics pull` writes)
//
// Parquet is written with DuckDB (@duckdb/node-api), the engine `pom metrics pull` reads it with.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const ACME = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'acme');
const DATA = path.join(ACME, 'data');

/** Mulberry32: a small seeded generator, the same numbers on every machine. */
function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const day = (d) => d.toISOString().slice(0, 10);
/** Mondays from 2025-06-02 to 2026-11-30: 79 weeks, about 18 months. */
const WEEKS = Array.from({ length: 79 }, (_, i) => day(new Date(Date.UTC(2025, 5, 2 + 7 * i))));
/** First days of the months from 2025-06 to 2026-11: 18 months. */
const MONTHS = Array.from({ length: 18 }, (_, i) => day(new Date(Date.UTC(2025, 5 + i, 1))));

/**
 * A series: `level` before anything happens, a slow `trend` per step, noise of `noise`, and `steps` that ramp the
 * level by `by` over `over` steps from a date on. Rounded to `digits`.
 */
function series(dates, { seed, level, trend = 0, noise = 0, steps = [], digits = 1 }) {
    const next = random(seed);
    return dates.map((date, i) => {
        let value = level + trend * i + (next() - 0.5) * 2 * noise;
        for (const step of steps) {
            const since = dates.filter((d) => d >= step.from && d <= date).length;
            value += step.by * Math.min(1, since / (step.over ?? 1));
        }
        return { date, value: Number(value.toFixed(digits)) };
    });
}

const csv = (header, rows) => `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;

function writeCsv(name, header, rows) {
    writeFileSync(path.join(DATA, name), csv(header, rows));
}

/** Each file: its name, columns and rows. Parquet files are converted from the same rows by DuckDB. */
function files() {
    const plain = (name, options, dates = WEEKS) => ({
        name,
        header: ['date', 'value'],
        rows: series(dates, options).map((p) => [p.date, p.value]),
    });
    const onboarding = plain('onboarding.csv', { seed: 1, level: 42, noise: 0.4, steps: [{ from: '2026-10-01', by: 7.6, over: 5 }] });
    const activationAll = series(WEEKS, { seed: 2, level: 23, trend: 0.02, noise: 0.5 });
    const activationRows = activationAll.flatMap((p, i) => [
        [p.date, 'all', p.value],
        [p.date, 'EU', Number((p.value - 1.2 + (i % 3) * 0.1).toFixed(1))],
        [p.date, 'NA', Number((p.value + 0.9 - (i % 2) * 0.1).toFixed(1))],
    ]);
    const invites = series(WEEKS, { seed: 3, level: 1.1, noise: 0.03, steps: [{ from: '2026-09-10', by: 0.45, over: 2 }], digits: 2 });
    const revenue = MONTHS.map((month, i) => [
        month,
        Number((1.06 + 0.0015 * i).toFixed(4)),
        Number((0.9 + ((i * 7) % 5) * 0.08).toFixed(2)),
    ]);
    return [
        onboarding,
        plain('collab-actions.csv', { seed: 4, level: 146, trend: 0.2, noise: 2, digits: 0 }),
        plain('retention.csv', { seed: 5, level: 61, trend: 0.1, noise: 0.4 }, MONTHS),
        plain('first-collaboration.csv', { seed: 6, level: 41, noise: 0.3, steps: [{ from: '2026-09-10', by: -2.5, over: 2 }] }),
        plain('integrations.csv', { seed: 7, level: 19, trend: 0.08, noise: 0.4 }),
        plain('catch-up.csv', { seed: 8, level: 12, trend: 0.05, noise: 0.3 }),
        plain('sso.csv', { seed: 9, level: 0, steps: [{ from: '2026-09-22', by: 24, over: 10 }] }),
        plain('availability.csv', { seed: 10, level: 99.9, noise: 0.04, digits: 2 }, MONTHS),
        plain('support.csv', { seed: 11, level: 6.2, noise: 0.4 }),
        plain('invite-spam.csv', { seed: 12, level: 0.04, noise: 0.008, digits: 3 }),
        {
            name: 'north-star.parquet',
            header: ['week', 'collaborating_teams'],
            rows: series(WEEKS, { seed: 13, level: 18400, trend: 38, noise: 150, digits: 0 }).map((p) => [p.date, p.value]),
        },
        { name: 'activation.parquet', header: ['week', 'region', 'rate'], rows: activationRows },
        {
            name: 'accounts.parquet',
            header: ['month', 'teams_per_account'],
            rows: series(MONTHS, { seed: 14, level: 2.4, trend: 0.01, noise: 0.03, digits: 2 }).map((p) => [p.date, p.value]),
        },
        { name: 'revenue.parquet', header: ['month', 'nrr', 'new_arr_musd'], rows: revenue },
        {
            name: 'invites.parquet',
            header: ['week', 'workspaces', 'invites'],
            rows: invites.map((p, i) => [p.date, 400 + (i % 5) * 20, Number((p.value * (400 + (i % 5) * 20)).toFixed(0))]),
        },
        {
            name: 'performance.parquet',
            header: ['week', 'cohort', 'p95_ms'],
            rows: series(WEEKS, {
                seed: 15,
                level: 3800,
                noise: 80,
                steps: [{ from: '2026-10-19', by: -500, over: 4 }],
                digits: 0,
            }).flatMap((p) => [
                [p.date, 'large', p.value],
                [p.date, 'all', Math.round(p.value / 3)],
            ]),
        },
    ];
}

async function writeParquet(connection, file) {
    const temporary = path.join(DATA, `${file.name}.csv`);
    writeCsv(path.basename(temporary), file.header, file.rows);
    const target = path.join(DATA, file.name).replaceAll("'", "''");
    const dateColumn = file.header[0];
    await connection.run(
        `copy (select * replace (cast(${dateColumn} as date) as ${dateColumn}) from read_csv('${temporary.replaceAll("'", "''")}') order by all) to '${target}' (format parquet)`,
    );
    writeFileSync(temporary, '');
    (await import('node:fs')).rmSync(temporary);
}

/** What `pom metrics pull` writes for acme, in its layout: one observation per line, sorted, no timestamps. */
async function writeSnapshot(connection) {
    const text = readFileSync(path.join(ACME, 'metrics.pom'), 'utf8');
    const metrics = [...text.matchAll(/^(?:metric|guardrail) (\w+)[^{]*\{([^}]*)\}/gm)].map(([, name, body]) => ({
        id: `acme.metrics.${name}`,
        data: /data: "([^"]+)"/.exec(body)[1],
        query: /query: "([^"]+)"/.exec(body)?.[1],
    }));
    const entries = [];
    for (const metric of metrics.sort((a, b) => (a.id < b.id ? -1 : 1))) {
        const file = path.join(ACME, metric.data).replaceAll("'", "''");
        const reader = file.endsWith('.parquet') ? `read_parquet('${file}')` : `read_csv('${file}')`;
        await connection.run(`create or replace temp view source as select * from ${reader}`);
        const result = await connection.runAndReadAll(metric.query ?? 'select * from source');
        const rows = result.getRowObjectsJson().map((r) => {
            const o = { date: String(r.date).slice(0, 10), value: Number(r.value) };
            if (r.segment !== null && r.segment !== undefined && String(r.segment).trim() !== '') o.segment = String(r.segment);
            return o;
        });
        rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (a.segment ?? '') < (b.segment ?? '') ? -1 : 1));
        const lines = rows.map((o) => {
            const segment = o.segment === undefined ? '' : `, "segment": ${JSON.stringify(o.segment)}`;
            return `        { "date": ${JSON.stringify(o.date)}, "value": ${JSON.stringify(o.value === 0 ? 0 : o.value)}${segment} }`;
        });
        entries.push(
            `    ${JSON.stringify(metric.id)}: {\n      "source": ${JSON.stringify(`file ${metric.data}`)},\n      "stale": false,\n      "observations": [\n${lines.join(',\n')}\n      ]\n    }`,
        );
    }
    const snapshot = `{\n  "format": "pom-observations",\n  "version": 1,\n  "metrics": {\n${entries.join(',\n')}\n  }\n}\n`;
    writeFileSync(path.join(ACME, 'observations.json'), snapshot);
}

mkdirSync(DATA, { recursive: true });
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
for (const file of files()) {
    if (file.name.endsWith('.parquet')) await writeParquet(connection, file);
    else writeCsv(file.name, file.header, file.rows);
}
if (process.argv.includes('--snapshot')) await writeSnapshot(connection);
connection.closeSync();

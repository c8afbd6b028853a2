// Data for the `pom metrics pull` tests, made with DuckDB itself: the shop project (fixtures/metrics/shop) copied to
// a scratch folder with its Parquet, JSON and DuckDB files generated beside the committed CSV.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const SHOP = fileURLToPath(new URL('./fixtures/metrics/shop', import.meta.url));

/** Runs SQL statements in a fresh DuckDB (in memory, or the database file given). */
export async function duckdb(statements: string[], database = ':memory:'): Promise<void> {
    const instance = await DuckDBInstance.create(database);
    const connection = await instance.connect();
    try {
        for (const sql of statements) await connection.run(sql);
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

/** A copy of the shop project under `folder`, with all of its data files. */
export async function shopProject(folder: string): Promise<string> {
    cpSync(SHOP, folder, { recursive: true });
    const data = path.join(folder, 'data');
    await duckdb([
        `copy (select * from (values (date '2026-01-05', 0.31, 'EU'), (date '2026-01-05', 0.28, 'US'), (date '2026-01-12', 0.33, 'EU'),
            (date '2026-01-12', 0.30, 'US')) as t(day, rate, region)) to '${data}/activation.parquet' (format parquet)`,
        `copy (select * from (values ('2026-01-05', 1200), ('2026-01-12', 1350.5)) as t(date, value))
            to '${data}/revenue.json' (format json, array true)`,
    ]);
    await duckdb(
        [
            `create table retention as select * from (values (timestamp '2026-01-01 00:00:00', 101.5::decimal(6,2)),
                (timestamp '2026-02-01 00:00:00', 103.0::decimal(6,2))) as t(month, nrr)`,
        ],
        path.join(data, 'warehouse.duckdb'),
    );
    return folder;
}

/** A CSV of about `megabytes` MB (daily rows over many segments), written by DuckDB without passing through Node. */
export async function largeCsv(file: string, megabytes: number): Promise<void> {
    const rows = Math.ceil((megabytes * 1024 * 1024) / 28);
    await duckdb([
        `copy (select date '2020-01-01' + (i % 2000)::integer as date, (i % 997) / 10.0 as value, 'segment-' || (i % 50) as segment
            from range(${rows}) as r(i)) to '${file}' (format csv, header true)`,
    ]);
}

// DuckDB, the one engine for file sources (CSV, JSON and Parquet, each exposed as the table `source` to the metric's
// query) and for `duckdb` connections (opened read-only). The model's SQL runs locked down: after set-up, DuckDB may
// read only the data files the model declares (so a query cannot reach `/etc/passwd` with `read_csv`), loads no
// extensions, and the configuration cannot be changed back. This module is loaded only by `pom metrics pull`.

import path from 'node:path';
import { DuckDBInstance, type DuckDBResultReader } from '@duckdb/node-api';
import type { DuckDbConnection } from './project.js';
import { MAX_ROWS_PER_SOURCE, SourceError, type SourceResult } from './rows.js';
import type { DataFile } from './safe-path.js';
import { boundedQuery } from './sql-text.js';

/** How long one file query may run before it is interrupted. */
const FILE_TIMEOUT_SECONDS = 60;
const SETTINGS = { threads: '2', memory_limit: '1GB', preserve_insertion_order: 'false' };

export class DuckDbEngine {
    private files: Promise<DuckDBInstance> | undefined;
    private readonly databases = new Map<string, Promise<DuckDBInstance>>();

    /** @param dataFiles every file a source of this pull may read; nothing else is readable. */
    constructor(private readonly dataFiles: readonly DataFile[]) {}

    async runFile(file: DataFile, query: string | undefined): Promise<SourceResult> {
        this.files ??= lockedInstance(
            ':memory:',
            {},
            this.dataFiles.map((f) => f.absolute),
        );
        return runOn(this.files, boundedQuery(query ?? 'select * from source', reader(file)), FILE_TIMEOUT_SECONDS);
    }

    /** A query against a DuckDB database file, opened read-only once per pull and shared by its sources. */
    async runConnection(name: string, spec: DuckDbConnection, root: string, query: string): Promise<SourceResult> {
        if (spec.path === undefined) throw new SourceError('the connection has no `path` to a DuckDB database file');
        let database = this.databases.get(name);
        if (database === undefined) {
            database = lockedInstance(path.resolve(root, spec.path), { access_mode: 'READ_ONLY' }, []);
            this.databases.set(name, database);
        }
        return runOn(database, boundedQuery(query), spec.timeoutSeconds ?? FILE_TIMEOUT_SECONDS);
    }

    async close(): Promise<void> {
        (await this.files?.catch(() => undefined))?.closeSync();
        this.files = undefined;
        for (const database of this.databases.values()) (await database.catch(() => undefined))?.closeSync();
        this.databases.clear();
    }
}

async function lockedInstance(database: string, options: Record<string, string>, readable: readonly string[]): Promise<DuckDBInstance> {
    const instance = await DuckDBInstance.create(database, { ...SETTINGS, ...options });
    const connection = await instance.connect();
    try {
        if (readable.length > 0) await connection.run(`set allowed_paths = [${readable.map(literal).join(', ')}]`);
        for (const setting of [
            'autoinstall_known_extensions = false',
            'autoload_known_extensions = false',
            'enable_external_access = false',
        ]) {
            await connection.run(`set ${setting}`);
        }
        await connection.run('set lock_configuration = true');
    } finally {
        connection.closeSync();
    }
    return instance;
}

function reader(file: DataFile): string {
    switch (file.format) {
        case 'csv':
            // The dialect is given, not sniffed: sniffing costs six times the read of a small file. Column types are
            // still detected.
            return `read_csv(${literal(file.absolute)}, header = true, delim = ',', quote = '"', escape = '"')`;
        case 'json':
            return `read_json_auto(${literal(file.absolute)})`;
        case 'parquet':
            return `read_parquet(${literal(file.absolute)})`;
    }
}

type Connection = Awaited<ReturnType<DuckDBInstance['connect']>>;

/** Runs one query on a connection of its own (so sources can run side by side); every failure is a SourceError. */
async function runOn(instance: Promise<DuckDBInstance>, sql: string, timeoutSeconds: number): Promise<SourceResult> {
    let connection: Connection | undefined;
    try {
        connection = await (await instance).connect();
        return await runBounded(connection, sql, timeoutSeconds);
    } catch (error) {
        throw asSourceError(error);
    } finally {
        connection?.closeSync();
    }
}

/** A bounded query (see sql-text.ts), interrupted when it runs past its timeout. */
async function runBounded(connection: Connection, sql: string, timeoutSeconds: number): Promise<SourceResult> {
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        connection.interrupt();
    }, timeoutSeconds * 1000);
    let result: DuckDBResultReader;
    try {
        result = await connection.runAndReadAll(sql);
    } catch (error) {
        if (timedOut) throw new SourceError(`the query ran longer than ${timeoutSeconds} s and was stopped`);
        throw error;
    } finally {
        clearTimeout(timer);
    }
    const names = result.columnNames();
    const types = result.columnTypes();
    const rows = result.getRowObjectsJson() as Array<Record<string, unknown>>;
    return {
        columns: names.map((name, i) => ({ name, type: String(types[i]) })),
        rows: rows.slice(0, MAX_ROWS_PER_SOURCE),
        truncated: rows.length > MAX_ROWS_PER_SOURCE,
    };
}

function literal(text: string): string {
    return `'${text.replaceAll("'", "''")}'`;
}

/** DuckDB's first line (`Parser Error: syntax error at or near "selec"`), without the echo of our wrapper. */
function asSourceError(error: unknown): SourceError {
    if (error instanceof SourceError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const first = message.split('\n').find((line) => line.trim() !== '') ?? 'the query failed';
    return new SourceError(first.trim().slice(0, 300));
}

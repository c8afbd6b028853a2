// Runs one metric source with the engine it needs. The engines (and with them the DuckDB and Postgres drivers) are
// imported on first use, so a pull of file sources never loads `pg`, and no other command loads either.

import { UsageError } from '../errors.js';
import type { DuckDbEngine } from './duckdb-engine.js';
import type { MetricSource } from './metric-sources.js';
import type { PostgresEngine } from './postgres-engine.js';
import { SourceError, type SourceResult } from './rows.js';
import type { DataFile } from './safe-path.js';

export class SourceRunner {
    private duckdb: DuckDbEngine | undefined;
    private postgres: PostgresEngine | undefined;
    private readonly dataFiles: DataFile[];

    constructor(
        sources: readonly MetricSource[],
        private readonly root: string,
    ) {
        this.dataFiles = sources.flatMap((s) => (s.type === 'file' ? [s.file] : []));
    }

    async run(source: MetricSource): Promise<SourceResult> {
        switch (source.type) {
            case 'invalid':
                throw new SourceError(source.error);
            case 'file':
                return (await this.duckDb()).runFile(source.file, source.query);
            case 'connection':
                if (source.connection.type === 'duckdb')
                    return (await this.duckDb()).runConnection(source.name, source.connection, this.root, source.query);
                return (await this.postgresEngine()).run(source.name, source.connection, source.query);
        }
    }

    private async postgresEngine(): Promise<PostgresEngine> {
        const { PostgresEngine } = await load(() => import('./postgres-engine.js'), 'Postgres driver (pg)');
        this.postgres ??= new PostgresEngine();
        return this.postgres;
    }

    async close(): Promise<void> {
        await this.duckdb?.close();
        await this.postgres?.close();
    }

    private async duckDb(): Promise<DuckDbEngine> {
        const { DuckDbEngine } = await load(() => import('./duckdb-engine.js'), 'DuckDB engine (@duckdb/node-api)');
        this.duckdb ??= new DuckDbEngine(this.dataFiles);
        return this.duckdb;
    }
}

/** A driver that cannot be loaded (a broken install) stops the pull with one line, before anything is written. */
async function load<T>(module: () => Promise<T>, name: string): Promise<T> {
    try {
        return await module();
    } catch (error) {
        const reason = (error as Error).message.split('\n')[0];
        throw new UsageError(`cannot load the ${name}: ${reason}; reinstall pom's dependencies (npm ci)`);
    }
}

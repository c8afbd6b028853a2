// Running the built `pom` binary from tests: the bundle is made once if it is missing, every run is guarded against
// hangs, and each suite works in a scratch folder of its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export { seededRandom } from '../../../test/seeded-random.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = path.join(ROOT, 'packages/cli/bin/pom.js');

export interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

export interface RunOptions {
    /** The working folder; the repository root by default. */
    cwd?: string;
    /** Added to the environment; `undefined` removes a variable. */
    env?: Record<string, string | undefined>;
    timeout?: number;
}

/** Runs `pom …` and fails the test on a timeout or a signal (a hang or a crash). */
export function runPom(args: string[], options: RunOptions = {}): Run {
    const env = { ...process.env, ...options.env };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    const result = spawnSync(process.execPath, [BIN, ...args], {
        cwd: options.cwd ?? ROOT,
        env,
        encoding: 'utf8',
        timeout: options.timeout ?? 20_000,
        maxBuffer: 512 * 1024 * 1024,
    });
    if (result.error) throw new Error(`pom ${args.join(' ')}: ${result.error.message}`);
    expect(result.signal, `pom ${args.join(' ')} was killed (hang or crash)`).toBeNull();
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Bundles the CLI if no build is there yet, and returns a fresh scratch folder (call from `beforeAll`). */
export function prepareScratch(prefix: string): string {
    if (!existsSync(path.join(ROOT, 'packages/cli/dist/main.js'))) {
        const build = spawnSync(process.execPath, ['scripts/bundle.js'], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
        if (build.status !== 0) throw new Error(`bundling the CLI failed: ${build.stderr}`);
    }
    return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeScratch(scratch: string | undefined): void {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
}

/** A fresh folder under `scratch` holding the given files (name → text or bytes). */
export function folderWith(scratch: string, name: string, files: Record<string, string | Uint8Array>): string {
    const folder = path.join(scratch, name);
    mkdirSync(folder, { recursive: true });
    for (const [file, content] of Object.entries(files)) writeFileSync(path.join(folder, file), content);
    return folder;
}

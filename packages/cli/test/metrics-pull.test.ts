// `pom metrics pull` with real DuckDB over CSV, JSON, Parquet and a DuckDB database: the snapshot it writes, its
// byte stability, stale sources and --select; and the drivers kept out of every other command.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareScratch, ROOT, removeScratch, runPom } from './built-cli.js';
import { shopProject } from './metrics-fixtures.js';

let scratch: string;
let shop: string;

beforeAll(async () => {
    scratch = prepareScratch('pom-metrics-');
    shop = await shopProject(path.join(scratch, 'shop'));
});
afterAll(() => removeScratch(scratch));

const snapshotOf = (folder: string) => JSON.parse(readFileSync(path.join(folder, 'observations.json'), 'utf8'));

describe('the database drivers', () => {
    it('are no static import of the CLI: only the pull loads them', () => {
        const dist = path.join(ROOT, 'packages/cli/dist');
        const seen = new Set<string>();
        const visit = (file: string) => {
            if (seen.has(file)) return;
            seen.add(file);
            const code = readFileSync(path.join(dist, file), 'utf8');
            expect(code, file).not.toMatch(/from\s*"(pg|@duckdb\/node-api)"/);
            for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w{},*\s$]+from\s*)?"\.\/([\w.-]+\.js)"/g)) visit(match[1]);
        };
        visit('main.js');
        expect(seen.size).toBeGreaterThan(1);
        // …and the dynamic chunks do import them.
        const chunks = readdirSync(dist).map((f) => readFileSync(path.join(dist, f), 'utf8'));
        expect(chunks.some((c) => c.includes('from"@duckdb/node-api"'))).toBe(true);
        expect(chunks.some((c) => c.includes('from"pg"'))).toBe(true);
    });
});

describe('pom metrics pull', () => {
    it('writes every source into a sorted snapshot whose bytes are the same on the next pull', () => {
        const first = runPom(['metrics', 'pull'], { cwd: shop });
        expect(first.stderr).toContain('pulled 4 metrics (11 observations) into observations.json');
        expect(first.status).toBe(0);
        const bytes = readFileSync(path.join(shop, 'observations.json'), 'utf8');
        const snapshot = JSON.parse(bytes);
        expect(Object.keys(snapshot)).toEqual(['format', 'version', 'metrics']);
        expect(Object.keys(snapshot.metrics)).toEqual(['shop.Activation', 'shop.Onboarding', 'shop.Retention', 'shop.Revenue']);
        expect(snapshot.metrics['shop.Onboarding']).toEqual({
            source: 'file data/onboarding.csv',
            stale: false,
            observations: [
                { date: '2026-01-05', value: 42.1 },
                { date: '2026-01-12', value: 43.5 },
                { date: '2026-01-19', value: 44 },
            ],
        });
        expect(snapshot.metrics['shop.Activation'].observations.slice(0, 2)).toEqual([
            { date: '2026-01-05', value: 0.31, segment: 'EU' },
            { date: '2026-01-05', value: 0.28, segment: 'US' },
        ]);
        expect(snapshot.metrics['shop.Revenue'].observations).toEqual([
            { date: '2026-01-05', value: 1200 },
            { date: '2026-01-12', value: 1350.5 },
        ]);
        // Timestamps become dates, decimals numbers.
        expect(snapshot.metrics['shop.Retention']).toMatchObject({
            source: 'duckdb local',
            observations: [
                { date: '2026-01-01', value: 101.5 },
                { date: '2026-02-01', value: 103 },
            ],
        });
        expect(bytes).toContain('\n        { "date": "2026-01-05", "value": 42.1 },\n');
        expect(bytes.endsWith('}\n')).toBe(true);

        const mtime = statSync(path.join(shop, 'observations.json')).mtimeMs;
        const second = runPom(['metrics', 'pull', '.'], { cwd: shop });
        expect(second.status).toBe(0);
        expect(readFileSync(path.join(shop, 'observations.json'), 'utf8')).toBe(bytes);
        expect(statSync(path.join(shop, 'observations.json')).mtimeMs).toBe(mtime);
    });

    it('keeps the previous observations of a source that fails, marks it stale and exits 1', () => {
        const project = path.join(scratch, 'stale');
        return shopProject(project).then(() => {
            expect(runPom(['metrics', 'pull'], { cwd: project }).status).toBe(0);
            const before = snapshotOf(project);
            writeFileSync(path.join(project, 'data/onboarding.csv'), 'date,value\n2026-01-26,45\n2026-02-02,oops\n');
            const run = runPom(['metrics', 'pull'], { cwd: project });
            expect(run.status).toBe(1);
            const lines = run.stderr.trim().split('\n');
            expect(lines[0]).toBe(
                'shop.pom:4:1: shop.Onboarding failed (file data/onboarding.csv): row 2: the value `oops` is not a number',
            );
            expect(lines[1]).toMatch(/pulled 3 metrics .*; 1 source failed and kept the previous observations, marked stale$/);
            const after = snapshotOf(project);
            expect(after.metrics['shop.Onboarding']).toEqual({
                source: 'file data/onboarding.csv',
                stale: true,
                error: 'row 2: the value `oops` is not a number',
                observations: before.metrics['shop.Onboarding'].observations,
            });
            expect(after.metrics['shop.Revenue']).toEqual(before.metrics['shop.Revenue']);
        });
    });

    it('pulls only what --select picks, and the metric of a selected input; the other entries stay as they were', async () => {
        const project = await shopProject(path.join(scratch, 'select'));
        expect(runPom(['metrics', 'pull'], { cwd: project }).status).toBe(0);
        const before = snapshotOf(project);
        writeFileSync(path.join(project, 'data/onboarding.csv'), 'date,value\n2026-03-02,50\n');
        writeFileSync(path.join(project, 'data/revenue.json'), '[{"date": "2026-03-02", "value": 9}]');
        const run = runPom(['metrics', 'pull', '--select', 'OnboardingInput'], { cwd: project });
        expect(run.status).toBe(0);
        expect(run.stderr).toContain('pulled 1 metric (1 observation)');
        const after = snapshotOf(project);
        expect(after.metrics['shop.Onboarding'].observations).toEqual([{ date: '2026-03-02', value: 50 }]);
        expect(after.metrics['shop.Revenue']).toEqual(before.metrics['shop.Revenue']);
        expect(runPom(['metrics', 'pull', '--select', 'kind:metric,Revenue'], { cwd: project }).status).toBe(0);
        expect(snapshotOf(project).metrics['shop.Revenue'].observations).toEqual([{ date: '2026-03-02', value: 9 }]);
        const bad = runPom(['metrics', 'pull', '--select', 'kind:'], { cwd: project });
        expect(bad.status).toBe(2);
        expect(bad.stderr).toMatch(/^pom: /);
    });
});

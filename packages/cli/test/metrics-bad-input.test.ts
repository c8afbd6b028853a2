// `pom metrics pull` on bad input: each failure is one line at the metric's source, exit 1, and the metric keeps the
// observations of the previous snapshot (marked stale); problems with the project itself exit 2 and write nothing.
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderWith, prepareScratch, removeScratch, runPom } from './built-cli.js';
import { largeCsv } from './metrics-fixtures.js';

let scratch: string;
beforeAll(() => {
    scratch = prepareScratch('pom-metrics-bad-');
});
afterAll(() => removeScratch(scratch));

const HEADER = 'namespace t\n\n';

/** Each metric's source, and the one-line error its pull must fail with. */
const CASES: Array<{ name: string; source: string; error: string | RegExp }> = [
    // Malformed CSV: a bad date, a value that is not a number, missing columns; data text is escaped.
    { name: 'BadDate', source: 'data: "bad-date.csv"', error: 'row 2: `2026-13-05` is not a date (YYYY-MM-DD)' },
    { name: 'BadValue', source: 'data: "bad-value.csv"', error: 'row 2: the value `n/a` is not a number' },
    {
        name: 'NoColumns',
        source: 'data: "no-columns.csv"',
        error: /^the source has no `date` and `value` column \(its columns: day, amount\)/,
    },
    { name: 'Escaped', source: 'data: "escaped.csv"', error: 'row 1: the value `\\u001b[31mred` is not a number' },
    // Files that hold nothing, or are not files.
    { name: 'Empty', source: 'data: "empty.csv"', error: '`empty.csv` is empty' },
    { name: 'HeaderOnly', source: 'data: "header-only.csv"', error: 'the source returned no rows' },
    { name: 'Excel', source: 'data: "book.xlsx"', error: /^`book\.xlsx` is not a CSV, JSON or Parquet file/ },
    { name: 'Missing', source: 'data: "nowhere.csv"', error: '`nowhere.csv` does not exist' },
    { name: 'Fifo', source: 'data: "pipe.csv"', error: '`pipe.csv` is not a regular file' },
    // SQL errors, no rows, wrong column types.
    { name: 'Syntax', source: 'data: "good.csv", query: "select date value from from source"', error: /^Parser Error: syntax error/ },
    { name: 'TwoStatements', source: 'data: "good.csv", query: "select * from source; drop table x"', error: /^Parser Error/ },
    { name: 'NoRows', source: 'data: "good.csv", query: "select * from source where value > 5"', error: 'the source returned no rows' },
    {
        name: 'BoolDate',
        source: 'data: "good.csv", query: "select true as date, value from source"',
        error: 'row 1: the date column has type BOOLEAN; a date or a timestamp is expected',
    },
    {
        name: 'ListValue',
        source: 'data: "good.csv", query: "select date, [1, 2] as value from source"',
        error: 'row 1: the value column has type INTEGER[]; a number is expected',
    },
    { name: 'QueryOnly', source: 'query: "select 1"', error: 'a `query` needs a `data` file or a `connection` to run against' },
    { name: 'NoConnection', source: 'connection: "wh", query: "select 1"', error: /^no connection `wh` / },
    // Paths out of the project, through `..` or a symbolic link, are refused before anything is read; and the query
    // cannot reach other files either: DuckDB may read only the declared data files.
    {
        name: 'DotDot',
        source: 'data: "../elsewhere/secret.csv"',
        error: '`../elsewhere/secret.csv` is outside the project folder; data files must be inside it',
    },
    {
        name: 'Link',
        source: 'data: "link.csv"',
        error: '`link.csv` leads outside the project folder through a symbolic link; data files must be inside it',
    },
    {
        name: 'ReadOther',
        source: 'data: "good.csv", query: "select * from read_csv(\'../elsewhere/secret.csv\')"',
        error: /^Permission Error: Cannot access file/,
    },
];
const PREVIOUS = (name: string) => [{ date: '2025-12-29', value: name.length }];

describe('a source with bad data fails at its metric and keeps the previous observations', () => {
    it('names each failure in one line at its metric, marks it stale, keeps its observations, exits 1', () => {
        const outside = folderWith(scratch, 'elsewhere', { 'secret.csv': 'date,value\n2026-01-05,1\n' });
        const previous = Object.fromEntries(
            CASES.map((c) => [`t.${c.name}`, { source: 'file old.csv', stale: false, observations: PREVIOUS(c.name) }]),
        );
        const folder = folderWith(scratch, 'bad', {
            'm.pom': HEADER + CASES.map((c) => `metric ${c.name} {\n  ${c.source}\n}\n`).join(''),
            'observations.json': `${JSON.stringify({ format: 'pom-observations', version: 1, metrics: previous }, null, 2)}\n`,
            'good.csv': 'date,value\n2026-01-05,1\n',
            'bad-date.csv': 'date,value\n2026-01-05,1\n2026-13-05,2\n',
            'bad-value.csv': 'date,value\n2026-01-05,1\n2026-01-12,n/a\n',
            'no-columns.csv': 'day,amount\n2026-01-05,1\n',
            'escaped.csv': 'date,value\n2026-01-05,\u001b[31mred\n',
            'empty.csv': '',
            'header-only.csv': 'date,value\n',
            'book.xlsx': 'x',
        });
        execFileSync('mkfifo', [path.join(folder, 'pipe.csv')]);
        symlinkSync(path.join(outside, 'secret.csv'), path.join(folder, 'link.csv'));

        const run = runPom(['metrics', 'pull'], { cwd: folder, timeout: 30_000 });
        expect(run.status, run.stderr).toBe(1);
        const lines = run.stderr.trim().split('\n');
        expect(lines).toHaveLength(CASES.length + 1);
        expect(lines.at(-1)).toBe(
            `pulled 0 metrics (0 observations) into observations.json; ${CASES.length} sources failed and kept the previous observations, marked stale`,
        );
        const snapshot = JSON.parse(readFileSync(path.join(folder, 'observations.json'), 'utf8'));
        for (const c of CASES) {
            const entry = snapshot.metrics[`t.${c.name}`];
            expect(entry.stale, c.name).toBe(true);
            expect(entry.observations, c.name).toEqual(PREVIOUS(c.name));
            if (typeof c.error === 'string') expect(entry.error, c.name).toBe(c.error);
            else expect(entry.error, c.name).toMatch(c.error);
            // Sources are pulled in metric id order; the line gives the metric's place in the model.
            const line = lines.find((l) => l.includes(` t.${c.name} failed `));
            expect(line, c.name).toMatch(new RegExp(`^m\\.pom:${3 + 3 * CASES.indexOf(c)}:1: t\\.${c.name} failed \\(`));
            expect(line?.endsWith(`: ${entry.error}`), c.name).toBe(true);
        }
    });

    it('a 100 MB file is read by DuckDB in bounded memory: aggregated it pulls, row by row it is over the bound', async () => {
        const folder = folderWith(scratch, 'large', {
            'm.pom': `${HEADER}metric Daily {\n  data: "big.csv"\n  query: "select date, avg(value) as value from source group by date"\n}\nmetric Raw {\n  data: "big.csv"\n}\n`,
        });
        await largeCsv(path.join(folder, 'big.csv'), 100);
        expect(lstatSync(path.join(folder, 'big.csv')).size).toBeGreaterThan(95 * 1024 * 1024);
        const run = runPom(['metrics', 'pull'], { cwd: folder, timeout: 60_000 });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(
            't.Raw failed (file big.csv): the source returned more than 200,000 rows; aggregate them in the query',
        );
        const snapshot = JSON.parse(readFileSync(path.join(folder, 'observations.json'), 'utf8'));
        expect(snapshot.metrics['t.Daily'].observations).toHaveLength(2000);
    }, 90_000);
});

describe('problems with the project write nothing and exit 2', () => {
    const model = `${HEADER}metric Good {\n  data: "d.csv"\n}\n`;
    const csv = 'date,value\n2026-01-05,1\n';

    it('a snapshot that is not one is left as it is', () => {
        const folder = folderWith(scratch, 'corrupt', { 'm.pom': model, 'd.csv': csv, 'observations.json': '{ "half": ' });
        const run = runPom(['metrics', 'pull'], { cwd: folder });
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/observations\.json is not valid JSON: .*; fix it or move it away, it was left as it is$/m);
        expect(readFileSync(path.join(folder, 'observations.json'), 'utf8')).toBe('{ "half": ');
    });

    it('a snapshot path that is a FIFO is refused; through a symbolic link the target is written', () => {
        const fifo = folderWith(scratch, 'fifo-snapshot', { 'm.pom': model, 'd.csv': csv });
        execFileSync('mkfifo', [path.join(fifo, 'observations.json')]);
        const run = runPom(['metrics', 'pull'], { cwd: fifo });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('is not a regular file');

        const linked = folderWith(scratch, 'linked-snapshot', {
            'm.pom': model,
            'd.csv': csv,
            'real.json': '{ "format": "pom-observations", "version": 1, "metrics": {} }',
        });
        symlinkSync('real.json', path.join(linked, 'observations.json'));
        expect(runPom(['metrics', 'pull'], { cwd: linked }).status).toBe(0);
        expect(lstatSync(path.join(linked, 'observations.json')).isSymbolicLink()).toBe(true);
        expect(JSON.parse(readFileSync(path.join(linked, 'real.json'), 'utf8')).metrics['t.Good'].observations).toEqual([
            { date: '2026-01-05', value: 1 },
        ]);
    });

    it('a project file with a password in it, and a model without sources', () => {
        const secret = folderWith(scratch, 'literal-secret', {
            'm.pom': model,
            'd.csv': csv,
            'pom.json': '{ "name": "t", "connections": { "wh": { "type": "postgres", "password": "hunter2" } } }',
        });
        const run = runPom(['metrics', 'pull'], { cwd: secret });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('must name an environment variable');
        expect(run.stderr).not.toContain('hunter2');

        const bare = folderWith(scratch, 'no-sources', { 'm.pom': 'namespace t\nmetric M { unit: count }\n' });
        const none = runPom(['metrics', 'pull'], { cwd: bare });
        expect(none.status).toBe(2);
        expect(none.stderr).toBe('pom: no metric declares a source (`data`, or `connection` and `query`)\n');
        expect(() => readFileSync(path.join(bare, 'observations.json'))).toThrow();
    });
});

// End to end tests of the built `pom` binary: exit codes, the three report formats, the compiled
// model's schema and determinism, usage errors, and text that is not a model at all. Every test spawns the bundle.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODES, type Code, RULES } from '../../language/src/validation/codes.js';
import {
    BIN,
    folderWith as inScratch,
    prepareScratch,
    ROOT,
    type Run,
    type RunOptions,
    removeScratch,
    runPom,
    seededRandom,
} from './built-cli.js';

const PROBLEMS = 'examples/problems';
const ACME = 'examples/acme';
const SCHEMA = path.join(ROOT, 'packages/language/schema/pom-model.schema.json');

/** Long enough for a loaded machine, short enough that a hang fails the test instead of stalling the run. */
const SPAWN_TIMEOUT = 20_000;
const HEAVY = 120_000;

const TEXT_LINE = /^[^:]+:\d+:\d+ (error|warning|info|hint) [a-z-]+ .+$/;
const ANSI = /\u001b\[/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

interface Diagnostic {
    path: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: string;
    code: string;
    message: string;
}

interface DiagnosticsReport {
    format: string;
    version: number;
    summary: { files: number; error: number; warning: number; info: number; hint: number };
    diagnostics: Diagnostic[];
}

interface Expected {
    file: string;
    line: number;
    code: string;
}

function pom(args: string[], options: RunOptions = {}): Run {
    return runPom(args, { timeout: SPAWN_TIMEOUT, ...options });
}

function json<T>(run: Run): T {
    return JSON.parse(run.stdout) as T;
}

function validateJson(paths: string[], options: { cwd?: string } = {}): { run: Run; report: DiagnosticsReport } {
    const run = pom(['validate', ...paths, '--format', 'json'], options);
    return { run, report: json<DiagnosticsReport>(run) };
}

/** The diagnostics reduced to what expected-diagnostics.json lists, as sortable keys. */
function keys(items: Array<{ file: string; line: number; code: string }>): string[] {
    return [...new Set(items.map((d) => `${d.file}:${d.line}:${d.code}`))].sort();
}

/** Every `.pom` file under a folder, as repository-relative paths, skipping node_modules and .git like the CLI. */
function pomFiles(folder: string): string[] {
    const found: string[] = [];
    const walk = (relative: string) => {
        for (const entry of readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
            const child = path.posix.join(relative, entry.name);
            if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') walk(child);
            else if (entry.isFile() && entry.name.endsWith('.pom')) found.push(child);
        }
    };
    walk(folder);
    return found.sort();
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
    const next = seededRandom(seed);
    const result = [...items];
    for (let i = result.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [result[i], result[j]] = [result[j], result[i]];
    }
    return result;
}

function compileSchema() {
    const ajv = new Ajv2020({ allErrors: true });
    return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}

let scratch: string;

/** Nothing a user should ever see: an uncaught exception, or a check that threw inside the validator. */
function expectNoCrash(run: Run): void {
    expect(run.stderr).not.toMatch(/internal error/i);
    expect(run.stderr).not.toMatch(/An error occurred during validation/);
    expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

/** A bad-input run that behaved: exit 1, diagnostics with known codes, no crash, nothing about `undefined`. */
function expectDiagnosed(folder: string, first?: (diagnostics: Diagnostic[]) => void): Diagnostic[] {
    const { run, report } = validateJson([folder]);
    first?.(report.diagnostics);
    expectNoCrash(run);
    expect(run.status).toBe(1);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    for (const d of report.diagnostics) {
        expect(CODES).toContain(d.code);
        expect(d.severity).toBe(RULES[d.code as Code].severity);
        expect(d.message).not.toContain('`undefined`');
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
    }
    return report.diagnostics;
}

/** `pom compile` on bad input: still a model that fits the schema (errors included), exit 1, no crash. */
function expectCompiles(folder: string): void {
    const run = pom(['compile', folder]);
    expectNoCrash(run);
    expect(run.status).toBe(1);
    const validate = compileSchema();
    expect(validate(json(run)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
}

beforeAll(() => {
    scratch = prepareScratch('pom-cli-test-');
}, HEAVY);

afterAll(() => removeScratch(scratch));

const folderWith = (name: string, files: Record<string, string | Uint8Array>) => inScratch(scratch, name, files);

describe('validate examples/problems (JSON)', () => {
    const expected = JSON.parse(readFileSync(path.join(ROOT, PROBLEMS, 'expected-diagnostics.json'), 'utf8')) as Expected[];
    let run: Run;
    let report: DiagnosticsReport;

    beforeAll(() => {
        ({ run, report } = validateJson([PROBLEMS]));
    }, HEAVY);

    it('exits 1 with the pom-diagnostics envelope', () => {
        expect(run.status).toBe(1);
        expectNoCrash(run);
        expect(report.format).toBe('pom-diagnostics');
        expect(report.version).toBe(1);
    });

    it('reports exactly the diagnostics listed in expected-diagnostics.json', () => {
        const actual = report.diagnostics.map((d) => ({ file: path.posix.relative(PROBLEMS, d.path), line: d.line, code: d.code }));
        expect(keys(actual)).toEqual(keys(expected));
    });

    it('expected-diagnostics.json is sorted by file, line and code and lists every code', () => {
        const order = (a: Expected, b: Expected) =>
            a.file.localeCompare(b.file) || a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
        expect(expected).toEqual([...expected].sort(order));
        expect(new Set(expected.map((e) => e.code))).toEqual(new Set(CODES));
    });

    it('reports every code of codes.ts at least once', () => {
        const seen = new Set(report.diagnostics.map((d) => d.code));
        for (const code of CODES) expect(seen, code).toContain(code);
    });

    it('gives every diagnostic a known code with the severity codes.ts declares', () => {
        for (const d of report.diagnostics) {
            expect(CODES, `${d.path}:${d.line} ${d.code}`).toContain(d.code);
            expect(d.severity, `${d.path}:${d.line} ${d.code}`).toBe(RULES[d.code as Code].severity);
        }
    });

    it('reports no diagnostic twice', () => {
        const all = report.diagnostics.map((d) => JSON.stringify(d));
        expect(new Set(all).size).toBe(all.length);
    });

    it('uses cwd-relative paths and 1-based, ordered ranges', () => {
        for (const d of report.diagnostics) {
            expect(d.path.startsWith(`${PROBLEMS}/`), d.path).toBe(true);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.column).toBeGreaterThanOrEqual(1);
            expect(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), JSON.stringify(d)).toBe(true);
        }
    });

    it('summarises the files and the diagnostics by severity', () => {
        const count = (severity: string) => report.diagnostics.filter((d) => d.severity === severity).length;
        expect(report.summary).toEqual({
            files: pomFiles(PROBLEMS).length,
            error: count('error'),
            warning: count('warning'),
            info: count('info'),
            hint: count('hint'),
        });
    });
});

describe('validate examples/problems (text)', () => {
    it('prints one `path:line:col severity code message` line per diagnostic and the summary on stderr', () => {
        const text = pom(['validate', PROBLEMS]);
        const { report } = validateJson([PROBLEMS]);
        expect(text.status).toBe(1);
        expectNoCrash(text);
        const lines = text.stdout.split('\n');
        expect(lines.pop()).toBe('');
        for (const line of lines) expect(line).toMatch(TEXT_LINE);
        expect(lines).toEqual(report.diagnostics.map((d) => `${d.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`));
        const summary = text.stderr.trim().split('\n');
        expect(summary).toHaveLength(1);
        expect(summary[0]).toMatch(/^\d+ files? checked: .*\d+ errors?.*\.$/);
    });

    it('writes no ANSI escapes when stdout is not a terminal, with or without NO_COLOR', () => {
        for (const env of [{ NO_COLOR: '1' }, { NO_COLOR: undefined, FORCE_COLOR: '1' }]) {
            const run = pom(['validate', PROBLEMS], { env });
            expect(run.status).toBe(1);
            expect(run.stdout).not.toMatch(ANSI);
            expect(run.stderr).not.toMatch(ANSI);
        }
    });

    it('colours only a terminal, and never with NO_COLOR', () => {
        // util-linux `script` gives the CLI a pseudo-terminal; where it is missing, only the pipe case is checked.
        const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
        const onTerminal = (noColor: boolean) =>
            spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" validate ${PROBLEMS}/pricing.pom`, '/dev/null'], {
                cwd: ROOT,
                encoding: 'utf8',
                timeout: SPAWN_TIMEOUT,
                env: { ...process.env, NO_COLOR: noColor ? '1' : '', TERM: 'xterm' },
            }).stdout;
        if (hasScript) {
            expect(onTerminal(false)).toMatch(ANSI);
            expect(onTerminal(true)).not.toMatch(ANSI);
        }
        expect(pom(['validate', `${PROBLEMS}/pricing.pom`]).stdout).not.toMatch(ANSI);
    });
});

describe('validate examples/problems (SARIF)', () => {
    interface SarifResult {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: Array<{
            physicalLocation: {
                artifactLocation: { uri: string; uriBaseId?: string };
                region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
            };
        }>;
        partialFingerprints: Record<string, string>;
    }
    interface SarifLog {
        version: string;
        runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: SarifResult[] }>;
    }
    let run: Run;
    let log: SarifLog;

    beforeAll(() => {
        run = pom(['validate', PROBLEMS, '--format', 'sarif']);
        log = json<SarifLog>(run);
    }, HEAVY);

    it('is SARIF 2.1.0 with a rule for every code, exiting 1', () => {
        expect(run.status).toBe(1);
        expect(log.version).toBe('2.1.0');
        expect(log.runs).toHaveLength(1);
        const ids = log.runs[0].tool.driver.rules.map((r) => r.id);
        for (const code of CODES) expect(ids).toContain(code);
    });

    it('gives each result a rule, a 1-based region, a relative URI with a base and a fingerprint', () => {
        const { rules } = log.runs[0].tool.driver;
        const { report } = validateJson([PROBLEMS]);
        const results = log.runs[0].results;
        expect(results).toHaveLength(report.diagnostics.length);
        for (const result of results) {
            expect(CODES).toContain(result.ruleId);
            expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
            expect(result.message.text.length).toBeGreaterThan(0);
            expect(result.locations).toHaveLength(1);
            const { artifactLocation, region } = result.locations[0].physicalLocation;
            expect(artifactLocation.uri).not.toMatch(/^(\/|[a-z]+:)/i);
            expect(artifactLocation.uri.startsWith(`${PROBLEMS}/`)).toBe(true);
            expect(artifactLocation.uriBaseId).toBeTruthy();
            expect(region.startLine).toBeGreaterThanOrEqual(1);
            expect(region.startColumn).toBeGreaterThanOrEqual(1);
            expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
            expect(Object.keys(result.partialFingerprints).length).toBeGreaterThan(0);
        }
    });

    it('gives every result its own fingerprint', () => {
        const fingerprints = log.runs[0].results.map((r) => JSON.stringify(r.partialFingerprints));
        expect(new Set(fingerprints).size).toBe(fingerprints.length);
    });
});

describe('examples/acme', () => {
    it('validates clean: exit 0, and only what its evidence says on stdout', () => {
        const run = pom(['validate', ACME, '--as-of', '2026-12-02']);
        expectNoCrash(run);
        expect(run.status).toBe(0);
        const codes = run.stdout
            .trim()
            .split('\n')
            .map((line) => line.split(' ')[2]);
        expect([...new Set(codes)].sort()).toEqual(['claim-confirmed', 'claim-contradicted', 'claim-unverified', 'target-missed']);
    });

    it('reports a contradicted and a confirmed claim with their numbers', () => {
        const run = pom(['validate', ACME, '--as-of', '2026-12-02']);
        expect(run.stdout).toContain(
            'claim-confirmed `WizardImpact` claims `OnboardingCompletion` moved +7pts; confirmed: it moved +7.1pts, from 42.2% on 2026-09-28 to 49.3% on 2026-11-23.',
        );
        expect(run.stdout).toContain(
            'claim-contradicted `InvitePromptImpact` claims `TimeToFirstCollab` moved -6; contradicted: it moved by less than claimed, -2.3, from 40.7 on 2026-09-07 to 38.4 on 2026-09-28.',
        );
    });

    it('judges staleness as of the day given, and records it in the compiled model', () => {
        const later = pom(['validate', ACME, '--as-of', '2027-03-01']);
        expect(later.stdout).toMatch(/metric-stale `OnboardingCompletionRate` is stale: its newest observation is from 2026-11-30/);
        const compiled = json(pom(['compile', ACME, '--as-of', '2027-03-01'])) as { asOf?: string };
        expect(compiled.asOf).toBe('2027-03-01');
        const bad = pom(['validate', ACME, '--as-of', '2027-02-30']);
        expect(bad.status).toBe(2);
        expect(bad.stderr).toMatch(/--as-of: `2027-02-30` is not a date/);
    });

    it('compiles to a model that the JSON Schema accepts', () => {
        const run = pom(['compile', ACME]);
        expectNoCrash(run);
        expect(run.status).toBe(0);
        const validate = compileSchema();
        expect(validate(json(run)), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    });

    it(
        'compiles to the same bytes every time and whatever the order of the files',
        () => {
            const first = pom(['compile', ACME]);
            const second = pom(['compile', ACME]);
            expect(first.status).toBe(0);
            expect(second.stdout).toBe(first.stdout);
            const files = pomFiles(ACME);
            expect(files.length).toBeGreaterThan(0);
            const sorted = pom(['compile', ...files]);
            expect(sorted.status).toBe(0);
            expect(pom(['compile', ...[...files].reverse()]).stdout).toBe(sorted.stdout);
            expect(pom(['compile', ...shuffled(files, 42)]).stdout).toBe(sorted.stdout);
            expect(pom(['compile', '--pretty', ...shuffled(files, 7)]).stdout).toBe(
                pom(['compile', '--pretty', ...[...files].reverse()]).stdout,
            );
        },
        HEAVY,
    );
});

describe('compile -o FILE', () => {
    it('writes the model to the file, nothing to stdout, and exits 1 when the model has errors', () => {
        const output = path.join(scratch, 'problems.model.json');
        const run = pom(['compile', PROBLEMS, '-o', output]);
        expectNoCrash(run);
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        const model = JSON.parse(readFileSync(output, 'utf8'));
        const validate = compileSchema();
        expect(validate(model), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
        expect(model.diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);
        expect(readFileSync(output, 'utf8')).toBe(pom(['compile', PROBLEMS]).stdout);
    });

    it('exits 0 for a model without errors and writes what stdout would have shown', () => {
        const folder = folderWith('tiny', { 'tiny.pom': 'namespace tiny\n\ninsight Churn "Teams churn after a month" { source: data }\n' });
        const output = path.join(scratch, 'tiny.model.json');
        const run = pom(['compile', folder, '--pretty', '-o', output]);
        expectNoCrash(run);
        expect(run.status).toBe(0);
        expect(run.stdout).toBe('');
        expect(readFileSync(output, 'utf8')).toBe(pom(['compile', folder, '--pretty']).stdout);
    });
});

describe('usage and I/O errors: exit 2 and one `pom: …` line on stderr', () => {
    const expectUsageError = (run: Run) => {
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        const lines = run.stderr.trim().split('\n');
        expect(lines, run.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(/^pom: \S/);
    };

    it('for a path that does not exist', () => {
        expectUsageError(pom(['validate', 'examples/no-such-folder']));
        expectUsageError(pom(['compile', 'examples/no-such-folder/model.pom']));
    });

    it('for a folder without .pom files', () => {
        const folder = folderWith('no-models', { 'README.md': '# Not a model\n', 'model.pom.bak': 'bet A' });
        expectUsageError(pom(['validate', folder]));
        expectUsageError(pom(['compile', folder]));
    });

    it('for an unknown --format', () => {
        expectUsageError(pom(['validate', PROBLEMS, '--format', 'xml']));
    });

    it('for an unknown command', () => {
        expectUsageError(pom(['frobnicate', PROBLEMS]));
    });

    it('for an unknown option', () => {
        expectUsageError(pom(['validate', '--frobnicate', PROBLEMS]));
        expectUsageError(pom(['compile', PROBLEMS, '--frobnicate']));
    });
});

describe('bad input: diagnostics, never a crash or a hang', () => {
    it('an empty file', () => {
        const diagnostics = expectDiagnosed(folderWith('empty', { 'empty.pom': '' }));
        expect(diagnostics.map((d) => d.code)).toEqual(['not-a-pom-file']);
        expectCompiles(path.join(scratch, 'empty'));
    });

    it('a binary file', () => {
        const next = seededRandom(1);
        const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i % 97 === 0 ? 0 : Math.floor(next() * 256)));
        const diagnostics = expectDiagnosed(folderWith('binary', { 'blob.pom': bytes }));
        expect(diagnostics.map((d) => d.code)).toEqual(['not-a-pom-file']);
        expectCompiles(path.join(scratch, 'binary'));
    });

    it('an XML Maven POM named pom.pom: exactly one not-a-pom-file', () => {
        const maven = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<project xmlns="http://maven.apache.org/POM/4.0.0">',
            '  <modelVersion>4.0.0</modelVersion>',
            '  <groupId>com.example</groupId>',
            '  <artifactId>demo</artifactId>',
            '  <version>1.0.0</version>',
            '</project>',
            '',
        ].join('\n');
        const diagnostics = expectDiagnosed(folderWith('maven', { 'pom.pom': maven }));
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]).toMatchObject({ code: 'not-a-pom-file', line: 1, severity: 'error' });
        expectCompiles(path.join(scratch, 'maven'));
    });

    const WORDS = ['bet', 'kind', 'insight', 'field', 'relation', 'extends', 'horizon:', 'chooses:', 'years', 'Foo', 'Foo.Bar'];
    const PUNCTUATION = [':', ';', ',', '|', '*', '+', '?', '@', '#', '!', '(', ')', '=', '<', '>', '%', '"x"', '42', '2026-13-45'];

    /** Random words, punctuation and braces; `balanced` closes every line's braces so the parser, not the guard, sees it. */
    function garbage(seed: number, balanced: boolean): string {
        const next = seededRandom(seed);
        const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
        const lines: string[] = [];
        for (let i = 0; i < 10_000; i++) {
            const tokens: string[] = [];
            let depth = 0;
            for (let j = 0; j < 8; j++) {
                const roll = next();
                if (roll < 0.12) {
                    tokens.push(pick(['{', '[']));
                    depth++;
                } else if (roll < 0.24) {
                    if (!balanced || depth > 0) tokens.push(pick(['}', ']']));
                    depth = Math.max(0, depth - 1);
                } else tokens.push(roll < 0.6 ? pick(WORDS) : pick(PUNCTUATION));
            }
            lines.push(tokens.join(' ') + (balanced ? ' }'.repeat(depth) : ''));
        }
        return `${lines.join('\n')}\n`;
    }

    it(
        '10,000 lines of garbage',
        () => {
            expectDiagnosed(folderWith('garbage', { 'garbage.pom': garbage(2026, false) }));
            expectCompiles(path.join(scratch, 'garbage'));
        },
        HEAVY,
    );

    it(
        '10,000 lines of garbage with shallow braces, which reach the parser',
        () => {
            // The parser stops recovering after 100 errors: syntax errors, never internal error text.
            expectDiagnosed(folderWith('garbage-shallow', { 'garbage.pom': garbage(7, true) }), (diagnostics) => {
                expect(diagnostics.some((d) => d.code === 'parsing-error' || d.code === 'lexing-error')).toBe(true);
                for (const d of diagnostics) expect(d.message).not.toMatch(/gave up|Cannot read|call stack/);
            });
            expectCompiles(path.join(scratch, 'garbage-shallow'));
        },
        HEAVY,
    );

    it('5,000 nested levels', () => {
        const diagnostics = expectDiagnosed(folderWith('deep', { 'deep.pom': 'bet A{\n'.repeat(5000) }));
        expect(diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(['65:input-too-large']);
        expectCompiles(path.join(scratch, 'deep'));
    });

    it('an unterminated string', () => {
        const text = 'insight Churn "Teams churn after a month {\n  source: data\n}\n';
        const diagnostics = expectDiagnosed(folderWith('string', { 'string.pom': text }));
        expect(diagnostics.some((d) => d.code === 'lexing-error' || d.code === 'parsing-error')).toBe(true);
        expectCompiles(path.join(scratch, 'string'));
    });

    it('an unterminated block comment', () => {
        const text = 'insight Churn "Teams churn after a month" { source: data }\n\n/* to do: add the opportunities\ninsight Later\n';
        const diagnostics = expectDiagnosed(folderWith('comment', { 'comment.pom': text }));
        expect(diagnostics.some((d) => d.code === 'lexing-error' || d.code === 'parsing-error')).toBe(true);
        expectCompiles(path.join(scratch, 'comment'));
    });

    it('a kind whose field lost its type mid-edit', () => {
        const text =
            'kind size "Size" {\n  stage bets\n  field amount:\n}\nkind tshirt extends size { field amount: number }\nsize Big { amount: 3 }\n';
        expectDiagnosed(folderWith('truncated-kind', { 'kinds.pom': text }));
        expectCompiles(path.join(scratch, 'truncated-kind'));
    });

    it('an element whose name is missing', () => {
        const diagnostics = expectDiagnosed(folderWith('nameless', { 'nameless.pom': 'bet "Untitled bet" {\n  hypothesis: "h"\n}\n' }));
        expect(diagnostics.map((d) => d.code)).toContain('parsing-error');
        expectCompiles(path.join(scratch, 'nameless'));
    });
});

describe('--version and --help', () => {
    it('--version prints a semver and exits 0', () => {
        const run = pom(['--version']);
        expect(run.status).toBe(0);
        expect(run.stdout.trim()).toMatch(SEMVER);
    });

    it('--help exits 0 and lists the commands', () => {
        const run = pom(['--help']);
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/validate/);
        expect(run.stdout).toMatch(/compile/);
    });
});

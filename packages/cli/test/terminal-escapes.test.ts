// Control characters never reach the terminal raw: model text, file names and error messages go through the one
// escaping function (packages/cli/src/output.ts) in every command; JSON stays the same JSON; a file printed by
// `pom format` into a pipe stays byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { escapeControl, escapeStrings } from '../src/output.js';
import { folderWith, prepareScratch, type Run, removeScratch, runPom } from './built-cli.js';

const ESC = '\u001b';
const BEL = '\u0007';
/** Any character the escaping must have removed (tab and line feed are kept). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Enough ordinary text that a few control characters do not make a file look binary (over 1% does). */
const PADDING = `// ${'ordinary text '.repeat(40).trim()}\n`;

let scratch: string;

beforeAll(() => {
    scratch = prepareScratch('pom-escapes-test-');
}, 120_000);

afterAll(() => removeScratch(scratch));

function pom(args: string[], cwd: string): Run {
    const run = runPom(args, { cwd });
    expect(run.stdout, 'stdout').not.toMatch(RAW_CONTROL);
    expect(run.stderr, 'stderr').not.toMatch(RAW_CONTROL);
    expect(run.stderr).not.toMatch(/internal error/);
    return run;
}

describe('escapeControl', () => {
    test('shows every control character in its \\u form, keeping tabs and line feeds', () => {
        expect(escapeControl(`a${ESC}[31mb${BEL}\r\u0000\u007f\u009b\tc\nd`)).toBe(
            'a\\u001b[31mb\\u0007\\u000d\\u0000\\u007f\\u009b\tc\nd',
        );
        expect(escapeControl('one\ntwo', { lineBreaks: false })).toBe('one\\u000atwo');
    });

    test('bidirectional overrides and lone surrogates are escaped; pairs, zero-width and other text are not', () => {
        expect(escapeControl('abc\u202edcba\u2066x\u2069')).toBe('abc\\u202edcba\\u2066x\\u2069');
        expect(escapeControl('a\ud800b\udc00c')).toBe('a\\ud800b\\udc00c');
        expect(escapeControl('emoji 😀, zero\u200bwidth, עברית, ü')).toBe('emoji 😀, zero\u200bwidth, עברית, ü');
    });

    test('escaped JSON is the same JSON', () => {
        const value = { title: `x${ESC}\u007f\u009b\u202e😀\ud800`, [`k${BEL}`]: 1 };
        const escaped = escapeControl(JSON.stringify(value));
        expect(escaped).not.toMatch(RAW_CONTROL);
        expect(JSON.parse(escaped)).toEqual(value);
    });

    test('escapeStrings escapes every string of plain data, keys too', () => {
        expect(escapeStrings({ a: [`x${ESC}`, 1, null], [`k${BEL}`]: { b: true } })).toEqual({
            a: ['x\\u001b', 1, null],
            'k\\u0007': { b: true },
        });
    });
});

describe('every command', () => {
    const model = [
        'namespace t',
        `insight I "Seen ${ESC}[2J${BEL} in the data \u202eevil" { evidence: "notes" }`,
        `opportunity B "Bet ${ESC}]0;title${BEL}" { informedBy: I }`,
        PADDING,
    ].join('\n');

    test('validate: an ESC in the text is escaped in the lexing error, and a file name with ESC and BEL too', () => {
        const name = `bad${ESC}[31m${BEL}.pom`;
        const folder = folderWith(scratch, 'validate', { [name]: `namespace t\nteam X ${ESC}[31m\n${PADDING}` });
        const run = pom(['validate', '.'], folder);
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('bad\\u001b[31m\\u0007.pom:2:8 error lexing-error Unexpected character `\\u001b`.');

        const json = pom(['validate', '.', '--format', 'json'], folder);
        const report = JSON.parse(json.stdout);
        const lexing = report.diagnostics.find((d: { code: string }) => d.code === 'lexing-error');
        expect(lexing).toMatchObject({ path: name, line: 2, column: 8, message: 'Unexpected character `\\u001b`.' });
        const sarif = JSON.parse(pom(['validate', '.', '--format', 'sarif'], folder).stdout);
        const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'lexing-error');
        expect(result.message.text).toBe('Unexpected character `\\u001b`.');
        expect(decodeURI(result.locations[0].physicalLocation.artifactLocation.uri)).toBe(name);
    });

    test('errors about paths escape the path', () => {
        const folder = folderWith(scratch, 'errors', {});
        const run = pom(['validate', `no${ESC}such${BEL}`], folder);
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('pom: cannot read no\\u001bsuch\\u0007: no such file or folder\n');
        const option = pom(['validate', `--x${ESC}`], folder);
        expect(option.status).toBe(2);
        expect(option.stderr).toContain("unknown option '--x\\u001b'");
    });

    test('compile: JSON on stdout and in a file is the same bytes and the same values', () => {
        const folder = folderWith(scratch, 'compile', { 'm.pom': model.replace('notes', `notes\u007f\u009b`) });
        const run = pom(['compile', 'm.pom'], folder);
        expect(run.status).toBe(0);
        expect(pom(['compile', 'm.pom', '-o', 'out.json'], folder).stdout).toBe('');
        expect(readFileSync(path.join(folder, 'out.json'), 'utf8')).toBe(run.stdout);
        const insight = JSON.parse(run.stdout).elements.find((e: { id: string }) => e.id === 't.I');
        expect(insight.title).toBe(`Seen ${ESC}[2J${BEL} in the data \u202eevil`);
        expect(insight.fields.evidence.value).toBe('notes\u007f\u009b');
    });

    test('lineage: titles are escaped in text and the JSON keeps their values', () => {
        const folder = folderWith(scratch, 'lineage', { 'm.pom': model });
        const run = pom(['lineage', 'B', 'm.pom'], folder);
        expect(run.stdout).toContain('opportunity t.B — "Bet \\u001b]0;title\\u0007"');
        expect(run.stdout).toContain('↑ informedBy insight I — "Seen \\u001b[2J\\u0007 in the data \\u202eevil"');
        const json = JSON.parse(pom(['lineage', 'B', 'm.pom', '--format', 'json'], folder).stdout);
        expect(json.trees[0].title).toBe(`Bet ${ESC}]0;title${BEL}`);
    });

    test('diff: text and Markdown escape the model text; JSON keeps it', () => {
        const folder = folderWith(scratch, 'diff', {
            'base.pom': 'namespace t\ninsight I "Old" { evidence: "notes" }\n',
            'head.pom': model,
        });
        const text = pom(['diff', 'base.pom', 'head.pom'], folder);
        expect(text.stdout).toContain('\\u001b[2J\\u0007');
        const markdown = pom(['diff', 'base.pom', 'head.pom', '--format', 'markdown'], folder);
        expect(markdown.stdout).toContain('\\u001b');
        const json = JSON.parse(pom(['diff', 'base.pom', 'head.pom', '--format', 'json'], folder).stdout);
        expect(JSON.stringify(json)).toContain('\\u001b[2J\\u0007');
    });

    test('format: names in --check output are escaped; a file printed into a pipe is byte for byte', () => {
        const text = `namespace t\n\n// a comment with ${ESC}[1m in it\nteam   X\n\n${PADDING}`;
        const name = `x${ESC}.pom`;
        const folder = folderWith(scratch, 'format', { [name]: text });
        const check = pom(['format', '--check', '.'], folder);
        expect(check.status).toBe(1);
        expect(check.stdout).toBe('x\\u001b.pom\n');
        const printed = runPom(['format', name], { cwd: folder });
        expect(printed.stdout).toBe(text.replace('team   X', 'team X'));
        expect(printed.stderr).toBe('');
    });

    test('metrics pull: a failing source names its metric and error escaped', () => {
        const folder = folderWith(scratch, 'metrics', {
            'm.pom': `namespace t\nmetric M "M" { unit: count, data: "d.csv" }\n`,
            'pom.json': '{ "name": "t" }',
        });
        writeFileSync(path.join(folder, 'd.csv'), `date,value\n2026-01-0${ESC}1,1\n`);
        const run = pom(['metrics', 'pull'], folder);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('\\u001b');
    });
});

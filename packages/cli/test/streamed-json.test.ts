// `pom compile` writes the compiled model piece by piece (output.ts `jsonChunks`), never as one string: the pieces
// must make exactly the bytes JSON.stringify makes (escaped as jsonText escapes), for real models and for the edge
// cases of JSON.stringify itself, and `-o` must still replace the file atomically.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error: a plain JavaScript module without types
import { generateModel } from '../../../scripts/bench/generate-model.js';
import { compileModel, loadModel } from '../src/load.js';
import { jsonChunks, jsonText, writeAtomically } from '../src/output.js';
import { prepareScratch, ROOT, removeScratch, runPom } from './built-cli.js';

let scratch: string;

beforeAll(() => {
    scratch = prepareScratch('pom-streamed-json-test-');
}, 120_000);

afterAll(() => removeScratch(scratch));

const joined = (value: unknown, pretty?: boolean) => [...jsonChunks(value, pretty)].join('');

describe('jsonChunks', () => {
    test.each([
        ['examples/acme', () => path.join(ROOT, 'examples/acme')],
        ['a generated model', () => generated('generated', 3_000)],
    ])(
        'makes the bytes of JSON.stringify for %s, indented or not',
        async (_name, folder) => {
            const { model } = await compileModel([folder()]);
            expect(model.elements.length).toBeGreaterThan(50);
            for (const pretty of [true, false]) {
                const streamed = joined(model, pretty);
                expect(streamed).toBe(jsonText(model, pretty));
                expect(streamed).toBe(`${JSON.stringify(model, null, pretty ? 2 : undefined)}\n`);
            }
            // Many pieces: the model is not one of them.
            const pieces = [...jsonChunks(model)];
            expect(pieces.length).toBeGreaterThan(model.elements.length);
            expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(joined(model).length / 10);
        },
        120_000,
    );

    test('follows JSON.stringify on the values it takes apart', () => {
        const values: unknown[] = [
            {},
            [],
            { a: [], b: {}, c: [[]], d: [{}], e: undefined, f: () => 1, g: null, h: [undefined, () => 1, 1], '\u001b k': 'x' },
            { nested: { deeper: [{ a: [1, { b: 'two\nlines' }] }] }, list: [1, 'x', true, null, { y: [] }] },
            [{ a: 1 }, [2, [3]], 'four'],
            { date: new Date(0), map: new Map([[1, 2]]), set: new Set([1]), boxed: [Object('s'), Object(1)] },
            { withToJSON: { toJSON: () => ['replaced'] }, listWithToJSON: [{ toJSON: () => 'item' }] },
            { text: `bidi \u202e and DEL \u007f, C1 \u009b, pair \ud83d\ude00, lone \ud800 and ESC \u001b` },
            'top string',
            42,
            null,
        ];
        for (const value of values) {
            for (const pretty of [true, false]) expect(joined(value, pretty)).toBe(jsonText(value, pretty));
        }
    });

    test('writes an iterable in place of an array, consuming it as it is written', () => {
        const taken: number[] = [];
        function* items() {
            for (let i = 0; i < 3; i++) {
                taken.push(i);
                yield { i, empty: [] };
            }
        }
        const pieces = jsonChunks({ before: 1, items: items(), none: (function* () {})() });
        expect(taken).toEqual([]);
        const text = [...pieces].join('');
        expect(taken).toEqual([0, 1, 2]);
        expect(text).toBe(jsonText({ before: 1, items: [0, 1, 2].map((i) => ({ i, empty: [] })), none: [] }));
    });
});

describe('compileStreamed', () => {
    test.each([
        ['examples/acme, whose views need the elements whole', () => path.join(ROOT, 'examples/acme'), true],
        ['a generated model without views, whose elements are made as they are written', () => generated('lazy', 2_000), false],
    ])(
        'writes the bytes of the whole compiled model for %s',
        async (_name, folder, whole) => {
            const loaded = await loadModel([folder()]);
            const model = loaded.compile();
            const streamed = loaded.compileStreamed();
            expect(Array.isArray(streamed.elements)).toBe(whole);
            expect(streamed.views?.length ?? 0).toBe(model.views?.length ?? 0);
            expect(whole ? (model.views?.length ?? 0) > 0 : true).toBe(true);
            expect([...jsonChunks(streamed)].join('')).toBe(jsonText(model));
        },
        120_000,
    );
});

describe('writeAtomically with pieces', () => {
    test('writes every piece, in order, across many batches, keeping the permissions of the file it replaces', async () => {
        const file = path.join(scratch, 'pieces.txt');
        writeFileSync(file, 'old', { mode: 0o640 });
        const piece = (i: number) => `${i.toString().padStart(7, '0')}${'x'.repeat(1_000)}\n`;
        function* pieces() {
            for (let i = 0; i < 3_000; i++) yield piece(i);
        }
        await writeAtomically(file, pieces());
        expect(readFileSync(file, 'utf8')).toBe(Array.from({ length: 3_000 }, (_, i) => piece(i)).join(''));
        expect(statSync(file).mode & 0o777).toBe(0o640);
    });

    test('leaves the previous file whole when making the pieces fails', async () => {
        const file = path.join(scratch, 'kept.txt');
        writeFileSync(file, 'previous');
        function* failing() {
            yield 'x'.repeat(2 << 20);
            throw new Error('cannot make the rest');
        }
        await expect(writeAtomically(file, failing())).rejects.toThrow(/cannot write .*kept\.txt: cannot make the rest/);
        expect(readFileSync(file, 'utf8')).toBe('previous');
    });
});

describe('pom compile', () => {
    test('writes the same bytes to a file and to stdout: the schema-valid model, as JSON.stringify indents it', () => {
        const folder = generated('cli', 2_000);
        const out = path.join(scratch, 'out.json');
        const toFile = runPom(['compile', folder, '-o', out], { timeout: 60_000 });
        const toStdout = runPom(['compile', folder], { timeout: 60_000 });
        expect(toFile.status).toBe(0);
        expect(toStdout.status).toBe(0);
        const text = readFileSync(out, 'utf8');
        expect(toStdout.stdout).toBe(text);
        const model = JSON.parse(text);
        expect(text).toBe(`${JSON.stringify(model, null, 2)}\n`);
        const schema = JSON.parse(readFileSync(path.join(ROOT, 'packages/language/schema/pom-model.schema.json'), 'utf8'));
        const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
        expect(validate(model), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        expect(model.elements.length).toBeGreaterThanOrEqual(1_900);
    }, 120_000);
});

function generated(name: string, elements: number): string {
    const folder = path.join(scratch, name);
    generateModel(folder, { elements, files: 20 });
    return folder;
}

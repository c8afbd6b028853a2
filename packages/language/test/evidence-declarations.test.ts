// Evidence checks that need no data: units that do not fit, sources that leave the project (a path, or a symbolic
// link out of it; the file itself is never read), connections the project file does not declare, and windows.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LoadedFolder, loadFolder, scratchCopy } from './evidence-helpers.js';
import { found, rangeOf } from './helpers.js';

const ERROR = 1;
const WARNING = 2;

describe('declarations', () => {
    let copy: ReturnType<typeof scratchCopy>;
    let model: LoadedFolder;
    let text: string;
    const at = (needle: string, occurrence = 1) => rangeOf(text, needle, occurrence);
    const codes = (code: string) => found(model.document('sources.pom'), code);

    beforeAll(async () => {
        copy = scratchCopy('declarations');
        mkdirSync(path.join(copy.folder, 'data'));
        writeFileSync(path.join(copy.folder, 'data', 'rate.csv'), 'date,value\n');
        // A link inside the project to a file outside it.
        writeFileSync(path.join(copy.folder, '..', 'secret.csv'), 'date,value\n');
        symlinkSync(path.join(copy.folder, '..', 'secret.csv'), path.join(copy.folder, 'data', 'link.csv'));
        model = await loadFolder(copy.folder, '2026-04-30');
        text = model.text('sources.pom');
    });
    afterAll(() => copy.done());

    test('claim-unit: levels and changes that do not fit the metric, on the value', () => {
        expect(codes('claim-unit')).toEqual([
            { code: 'claim-unit', severity: ERROR, range: at('42', 1) },
            { code: 'claim-unit', severity: ERROR, range: at('+5pts') },
            { code: 'claim-unit', severity: ERROR, range: at('42%') },
            { code: 'claim-unit', severity: ERROR, range: at('+0.9') },
            { code: 'claim-unit', severity: ERROR, range: at('+10pts') },
            { code: 'claim-unit', severity: ERROR, range: at('10%') },
        ]);
    });

    test('claim-unit suggests what to write', () => {
        const messages = (model.document('sources.pom').diagnostics ?? []).filter((d) => d.code === 'claim-unit').map((d) => d.message);
        expect(messages).toContain('`baseline` of a percent metric is a percent; did you mean `42%`?');
        expect(messages).toContain(
            '`+0.9` has no unit, but `Rate` is a percent metric; did you mean `+0.9pts` (percentage points) or `+0.9%` (relative)?',
        );
        expect(messages).toContain(
            '`+10pts` is in percentage points, but `Count` is a count metric; did you mean `+10` (in its unit) or `+10%` (relative)?',
        );
    });

    test('data-outside-project: a path that leaves the project, and a link that points out of it', () => {
        expect(codes('data-outside-project')).toEqual([
            { code: 'data-outside-project', severity: ERROR, range: at('"../outside.csv"') },
            { code: 'data-outside-project', severity: ERROR, range: at('"data/link.csv"') },
        ]);
    });

    test('unknown-connection: a name pom.json does not declare, listing the ones it does', () => {
        expect(codes('unknown-connection')).toEqual([{ code: 'unknown-connection', severity: ERROR, range: at('"warehouse"') }]);
        const message = model.document('sources.pom').diagnostics?.find((d) => d.code === 'unknown-connection')?.message;
        expect(message).toBe('No connection `warehouse` in pom.json; it declares `local`.');
    });

    test('window-exceeds-horizon on the declared window only, and an inverted window is a value-type error', () => {
        expect(codes('window-exceeds-horizon')).toEqual([{ code: 'window-exceeds-horizon', severity: WARNING, range: at('2026-01-01') }]);
        expect(codes('value-type')).toEqual([{ code: 'value-type', severity: ERROR, range: at('2026-05-01') }]);
    });
});

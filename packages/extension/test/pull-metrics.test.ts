// "POM: Pull Metrics" against the fake VS Code (fake-vscode.ts) and the real `pom` CLI as its child process: what it
// runs, where, what it says on success and on failure, and that it runs only in a trusted workspace and only when
// invoked (never on activation).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BIN, folderWith, prepareScratch, removeScratch } from '../../cli/test/built-cli.js';
import { registerPullMetricsCommand } from '../src/pull-metrics-command.js';
import { editor, pomEditor, Uri, window } from './fake-vscode.js';

vi.mock('vscode', () => import('./fake-vscode.js'));
// The real client module loads vscode-languageclient, which needs the real editor.
vi.mock('../src/language-client.js', () => ({ POM_LANGUAGE: 'pom' }));

const MODEL = `namespace shop

metric Conversion {
  data: "conversion.csv"
}
`;

let scratch: string;
beforeAll(() => {
    scratch = prepareScratch('pom-pull-command-');
});
afterAll(() => removeScratch(scratch));

beforeEach(() => editor.reset());

/** A workspace folder holding the model and the given CSV, opened with its .pom file in front. */
function workspace(name: string, csv: string): string {
    const folder = folderWith(scratch, name, { 'shop.pom': MODEL, 'conversion.csv': csv });
    editor.workspaceFolders = [{ uri: Uri.file(folder), name, index: 0 }];
    editor.activeTextEditor = pomEditor(Uri.file(path.join(folder, 'shop.pom')).toString(), 0, 0, 'shop');
    editor.settings.set('cliPath', BIN);
    return folder;
}

async function pull(): Promise<void> {
    const output = window.createOutputChannel('POM');
    const registration = registerPullMetricsCommand(output as never);
    try {
        await editor.commands.get('pom.pullMetrics')?.();
    } finally {
        registration.dispose();
    }
}

describe('POM: Pull Metrics', () => {
    it('runs the pull in the workspace folder under a progress notification and reports the summary', async () => {
        const folder = workspace('fresh', 'date,value\n2026-01-05,0.31\n');
        await pull();
        expect(editor.progress).toEqual([expect.objectContaining({ title: 'Pulling metrics', cancellable: true })]);
        expect(editor.messages).toEqual([{ level: 'info', text: 'POM: pulled 1 metric (1 observation) into observations.json' }]);
        expect(JSON.parse(readFileSync(path.join(folder, 'observations.json'), 'utf8')).metrics['shop.Conversion'].observations).toEqual([
            { date: '2026-01-05', value: 0.31 },
        ]);
        expect(editor.log).toContain(`info Running ${BIN} metrics pull in ${folder}`);
    });

    it('names a failing source, keeps the output in the POM channel', async () => {
        workspace('failing', 'date,value\n2026-01-05,lots\n');
        await pull();
        const line = 'shop.pom:3:1: shop.Conversion failed (file conversion.csv): row 1: the value `lots` is not a number';
        expect(editor.messages).toEqual([{ level: 'error', text: `POM: ${line}; their previous observations are kept, marked stale.` }]);
        expect(editor.log).toContain(`info ${line}`);
    });

    it('says when the pom command cannot be found, and what a usage problem was', async () => {
        workspace('no-cli', 'date,value\n2026-01-05,1\n');
        editor.settings.set('cliPath', path.join(scratch, 'no-such-pom'));
        await pull();
        expect(editor.messages).toEqual([
            { level: 'error', text: 'The pom command was not found: install pom-cli in the workspace, or set pom.cliPath.' },
        ]);

        editor.reset();
        const folder = folderWith(scratch, 'no-sources', { 'shop.pom': 'namespace shop\nmetric M { unit: count }\n' });
        editor.workspaceFolders = [{ uri: Uri.file(folder), name: 'no-sources', index: 0 }];
        editor.settings.set('cliPath', BIN);
        await pull();
        expect(editor.messages).toEqual([
            { level: 'error', text: 'POM: pulling metrics failed: no metric declares a source (`data`, or `connection` and `query`)' },
        ]);
    });

    it('refuses in an untrusted workspace, and without a folder', async () => {
        const folder = workspace('untrusted', 'date,value\n2026-01-05,1\n');
        editor.trusted = false;
        await pull();
        expect(editor.messages).toEqual([
            { level: 'error', text: 'Pulling metrics runs the queries of this workspace; trust the workspace first.' },
        ]);
        expect(editor.progress).toEqual([]);
        expect(existsSync(path.join(folder, 'observations.json'))).toBe(false);

        editor.reset();
        await pull();
        expect(editor.messages).toEqual([{ level: 'error', text: 'Open a folder with a POM model to pull its metrics.' }]);
    });
});

// `pom validate` on single files: a file in no project is read alone, so the names the rest of the model declares
// are unresolved, and the summary says so; a file in a project is read with its project, so no such note.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderWith, prepareScratch, removeScratch, runPom } from './built-cli.js';

const STRATEGY = 'namespace fieldnote.intent\n\nopportunity Arrivals {\n  bet LiveEtaBet "Live ETA" { hypothesis: "h" }\n}\n';
const DELIVERY = 'namespace fieldnote.delivery\n\nproject EtaApp "The ETA app" { for: LiveEtaBet }\n';
const NOTE = /Only the files named were read/;

let scratch: string;

beforeAll(() => {
    scratch = prepareScratch('pom-validate-files-');
});

afterAll(() => removeScratch(scratch));

describe('validate on a file in no project', () => {
    it('reports the short name the other file declares as unresolved, and says only the files named were read', () => {
        const folder = folderWith(scratch, 'loose', { 'strategy.pom': STRATEGY, 'delivery.pom': DELIVERY });
        const run = runPom(['validate', path.join(folder, 'delivery.pom')]);
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(/delivery\.pom:3:37 error unresolved-reference Nothing named `LiveEtaBet`/);
        expect(run.stderr).toContain(
            "Only the files named were read, and they are in no project: 1 name is unresolved that other files of the model may declare. Pass the model's folder, or add a pom.json.",
        );
        const whole = runPom(['validate', folder]);
        expect(whole.status).toBe(0);
        expect(whole.stderr).not.toMatch(NOTE);
    });
});

describe('validate on a file in a project', () => {
    it('reads the whole project: the short name resolves, and there is no note', () => {
        const folder = folderWith(scratch, 'project', {
            'pom.json': '{ "name": "fieldnote" }',
            'strategy.pom': STRATEGY,
            'delivery.pom': DELIVERY,
        });
        const run = runPom(['validate', path.join(folder, 'delivery.pom')]);
        expect(run.stdout).toBe('');
        expect(run.status).toBe(0);
    });

    it('a name the project does not declare is unresolved in the model: reported, without the note', () => {
        const typo = DELIVERY.replace('for: LiveEtaBet', 'for: LiveEtaBat');
        const folder = folderWith(scratch, 'typo', {
            'pom.json': '{ "name": "fieldnote" }',
            'strategy.pom': STRATEGY,
            'delivery.pom': typo,
        });
        const run = runPom(['validate', path.join(folder, 'delivery.pom')]);
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(/unresolved-reference Nothing named `LiveEtaBat` .*did you mean `LiveEtaBet`\?/);
        expect(run.stderr).not.toMatch(NOTE);
    });
});

// `pom diff` on views: views added, removed and changed (selectors, title, layout, the elements drawn), a rename that
// changes no view, and the report against its JSON Schema, in text and Markdown.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import type { CompiledModel } from '../src/compile/compiled-model.js';
import { diffModels, diffToMarkdown, diffToText } from '../src/diff/index.js';
import { load } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../schema/pom-diff.schema.json', import.meta.url), 'utf8'));

const MODEL = `namespace acme
insight Learned "Learned"
opportunity Gap "Gap" { informedBy: Learned }
option Fix "Fix" { addresses: Gap }
`;

async function compiled(text: string): Promise<CompiledModel> {
    const { pom, documents } = await load({ 'a.pom': text });
    return pom.pom.ModelCompiler.compile(documents, { relativePath: (uri) => uri.path.replace(/^\/ws\//, '') });
}

describe('view changes', () => {
    test('added, removed and changed views, with what each now draws', async () => {
        const base = await compiled(`${MODEL}view Story "Story" { include: 'Gap+' }\nview Old "Old" {}\n`);
        const head = await compiled(`${MODEL}view Story "The story" { include: '+Gap' }\nview New "New" { layout: force }\n`);
        const diff = diffModels(base, head);
        const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
        expect(validate(diff), JSON.stringify(validate.errors)).toBe(true);
        expect(diff.views.added.map((v) => v.id)).toEqual(['acme.New']);
        expect(diff.views.removed.map((v) => v.id)).toEqual(['acme.Old']);
        expect(diff.views.changed).toEqual([
            {
                id: 'acme.Story',
                title: 'The story',
                changes: [
                    { property: 'title', before: 'Story', after: 'The story' },
                    { property: 'include', before: ['Gap+'], after: ['+Gap'] },
                ],
                elementsAdded: ['acme.Learned'],
                elementsRemoved: ['acme.Fix'],
                source: { path: 'a.pom', line: 5, column: 1 },
            },
        ]);
        expect(diff.summary.changed).toBe(true);
        const text = diffToText(diff);
        expect(text).toContain('Views: 1 added, 1 removed, 1 changed');
        expect(text).toContain("      include: 'Gap+' → '+Gap'");
        expect(text).toContain('      now draws acme.Learned');
        expect(text).toContain('      no longer draws acme.Fix');
        const markdown = diffToMarkdown(diff);
        expect(markdown).toContain('### Views');
        expect(markdown).toContain('**Changed (1)**');
    });

    test('an element renamed in a view changes nothing, and an unchanged view is no change', async () => {
        const view = "view Story { include: 'kind:option' }\n";
        const base = await compiled(`${MODEL}${view}`);
        const head = await compiled(`${MODEL.replace('option Fix', 'option Remedy')}${view}`);
        const diff = diffModels(base, head);
        expect(diff.elements.renamed.map((r) => [r.from, r.to])).toEqual([['acme.Fix', 'acme.Remedy']]);
        expect(diff.views).toEqual({ added: [], removed: [], changed: [] });
        const same = diffModels(base, base);
        expect(same.summary.changed).toBe(false);
    });
});

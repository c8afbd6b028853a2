// A file being typed is compiled as it stands (the language server's graph view and status ask for it after every
// edit): whatever the parser recovered compiles to a model that the schema accepts, never to an internal error.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { expect, test } from 'vitest';
import { load } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../schema/pom-model.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

test('a link whose metadata is cut off after a key compiles without that entry', async () => {
    const loaded = await load({
        'a.pom': `namespace a

input CatchUp "Catch-up rate" {}

bet Digest "Weekly digest" {
  targets: CatchUp [confidence:`,
    });
    const errors = loaded.documents[0].diagnostics?.filter((d) => d.severity === 1) ?? [];
    expect(errors.length).toBeGreaterThan(0);
    const model = loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath: (uri) => uri.path.slice(1) });
    const link = model.links.find((l) => l.from === 'a.Digest' && l.to === 'a.CatchUp');
    expect(link?.relation).toBe('targets');
    expect(link?.metadata).toEqual({});
    expect(validate(model) ? [] : validate.errors).toEqual([]);
});

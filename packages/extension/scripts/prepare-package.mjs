// Gets the extension folder ready for `vsce package`: copies the repository's TextMate grammar in (the grammar has
// one home, /syntaxes, shared with GitHub and Shiki) and checks that the bundles exist, so a missing
// `npm run bundle` fails here with a clear message instead of producing an extension that cannot start.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const extension = new URL('../', import.meta.url);
const grammar = new URL('../../../syntaxes/pom.tmLanguage.json', import.meta.url);
const projectSchema = new URL('../../language/schema/pom-project.schema.json', import.meta.url);

for (const bundle of ['dist/extension.js', 'dist/server.js']) {
    if (!existsSync(new URL(bundle, extension))) {
        console.error(`pom-vscode: ${bundle} is missing; run \`npm run bundle\` at the repository root first.`);
        process.exit(1);
    }
}
mkdirSync(new URL('syntaxes/', extension), { recursive: true });
copyFileSync(grammar, new URL('syntaxes/pom.tmLanguage.json', extension));
// The project file's schema, for completion and checks in `pom.json` (the `jsonValidation` contribution).
mkdirSync(new URL('schemas/', extension), { recursive: true });
copyFileSync(projectSchema, new URL('schemas/pom-project.schema.json', extension));

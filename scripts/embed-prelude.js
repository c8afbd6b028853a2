// Embeds the prelude's .pom source as a TypeScript string, so the language package loads it with no file system
// (the server may run in a browser worker). Run by `npm run generate`.
import { readFileSync, writeFileSync } from 'node:fs';

const source = readFileSync(new URL('../packages/language/src/prelude/prelude.pom', import.meta.url), 'utf8');
const out = new URL('../packages/language/src/prelude/prelude-source.ts', import.meta.url);
writeFileSync(
    out,
    `// Generated from src/prelude/prelude.pom by scripts/embed-prelude.js. Do not edit; not committed.\nexport const PRELUDE_SOURCE = ${JSON.stringify(source)};\n`,
);

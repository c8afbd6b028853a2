// Runs before `npm pack`: the package ships the bundle (dist/, with the language, commander and the starter project
// inside), so a missing bundle must stop the pack with a clear message rather than make a package that cannot run.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/main.js', import.meta.url))) {
    console.error('pom-cli: dist/main.js is missing; run `npm run build` (or `npm run bundle`) at the repository root first.');
    process.exit(1);
}

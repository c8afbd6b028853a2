// Bundles every runnable piece with esbuild: the CLI (ESM, split so `pom --version` loads almost nothing) and,
// when present, the VS Code extension client and language server (CommonJS, as VS Code loads them).
import { existsSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const polyfill = readFileSync(new URL('./group-by-polyfill.js', import.meta.url), 'utf8');
const production = !process.argv.includes('--dev');
const version = (pkg) => JSON.parse(readFileSync(`${root}packages/${pkg}/package.json`, 'utf8')).version;

const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: production ? false : 'inline',
    legalComments: 'none',
    logLevel: 'warning',
};

await esbuild.build({
    ...common,
    entryPoints: { main: `${root}packages/cli/src/main.ts` },
    outdir: `${root}packages/cli/dist`,
    format: 'esm',
    splitting: true,
    define: { POM_VERSION: JSON.stringify(version('cli')) },
    banner: {
        js: `import { createRequire as __pomRequire } from 'node:module';\nconst require = __pomRequire(import.meta.url);\n${polyfill}`,
    },
});

const extension = `${root}packages/extension/src`;
if (existsSync(`${extension}/extension.ts`)) {
    await esbuild.build({
        ...common,
        entryPoints: { extension: `${extension}/extension.ts`, server: `${extension}/server.ts` },
        outdir: `${root}packages/extension/dist`,
        format: 'cjs',
        external: ['vscode'],
        banner: { js: polyfill },
    });
}

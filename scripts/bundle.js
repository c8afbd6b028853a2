// Bundles every runnable piece with esbuild: the graph view for browsers (packages/graph: the webview's script, the
// standalone page's script and their style sheet, built once into packages/graph/dist for both consumers), the CLI (ESM, split so `pom --version` loads almost nothing, with the
// standalone graph embedded) and, when present, the VS Code extension client and language server (CommonJS, as
// VS Code loads them).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const polyfill = readFileSync(new URL('./group-by-polyfill.js', import.meta.url), 'utf8');
const production = !process.argv.includes('--dev');
const version = (pkg) => JSON.parse(readFileSync(`${root}packages/${pkg}/package.json`, 'utf8')).version;

// Start from empty output folders: split chunks get new names each build, and stale ones would pile up.
for (const pkg of ['graph', 'cli', 'extension']) rmSync(`${root}packages/${pkg}/dist`, { recursive: true, force: true });

const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: production ? false : 'inline',
    legalComments: 'none',
    logLevel: 'warning',
    // jsonc-parser's default entry is UMD, whose `require` calls esbuild cannot follow; its ES module build bundles.
    alias: { 'jsonc-parser': `${root}node_modules/jsonc-parser/lib/esm/main.js` },
};

// The graph view, first: the CLI embeds the standalone script and the style sheet (`pom graph` inlines them into
// the page it writes), the extension ships the webview script and the style sheet in dist/media. Always minified,
// no source map: the page has to be self-contained and small.
const graph = `${root}packages/graph/src`;
const graphOut = `${root}packages/graph/dist`;
// The layout workers first: the page scripts carry their text and start them from blob URLs (see layout-engine.ts).
const workerText = async (entry) => {
    const result = await esbuild.build({
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        minify: true,
        legalComments: 'none',
        logLevel: 'warning',
        entryPoints: [`${graph}/layout/${entry}`],
        write: false,
        outdir: graphOut,
    });
    return JSON.stringify(result.outputFiles[0].text);
};
await esbuild.build({
    define: { POM_LAYOUT_WORKER: await workerText('layout-worker.ts'), POM_REFINE_WORKER: await workerText('refine-worker.ts') },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    entryPoints: {
        'graph-webview': `${graph}/webview-main.ts`,
        'graph-standalone': `${graph}/standalone-main.ts`,
        graph: `${graph}/graph.css`,
    },
    outdir: graphOut,
});
const graphAsset = (file) => JSON.stringify(readFileSync(`${graphOut}/${file}`, 'utf8'));

// What `pom init` writes: the starter project (itself a project that validates clean) and the pull-request workflow
// of examples/ci, pointed at the new project's folder.
const initTemplate = (file) => readFileSync(`${root}packages/cli/templates/init/${file}`, 'utf8');
const workflow = readFileSync(`${root}examples/ci/pom.yml`, 'utf8')
    .replace(/^(\s*MODEL:) .*$/m, '$1 .')
    .replace(/pom-cli@\d+\.\d+\.\d+/g, `pom-cli@${version('cli')}`);
const initFiles = {
    'pom.json': initTemplate('pom.json'),
    'org.pom': initTemplate('org.pom'),
    'flow.pom': initTemplate('flow.pom'),
    '.github/workflows/pom.yml': workflow,
};

await esbuild.build({
    ...common,
    entryPoints: { main: `${root}packages/cli/src/main.ts` },
    outdir: `${root}packages/cli/dist`,
    format: 'esm',
    splitting: true,
    // The database drivers carry native binaries; they stay installed packages of the CLI, loaded at run time by
    // `pom metrics pull` alone.
    external: ['@duckdb/node-api', 'pg'],
    define: {
        POM_VERSION: JSON.stringify(version('cli')),
        POM_GRAPH_SCRIPT: graphAsset('graph-standalone.js'),
        POM_GRAPH_STYLE: graphAsset('graph.css'),
        POM_INIT_FILES: JSON.stringify(initFiles),
    },
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
    // The webview loads its script and style from the extension's own dist/media (the only folder it may read).
    mkdirSync(`${root}packages/extension/dist/media`, { recursive: true });
    for (const file of ['graph-webview.js', 'graph.css']) {
        copyFileSync(`${graphOut}/${file}`, `${root}packages/extension/dist/media/${file}`);
    }
}

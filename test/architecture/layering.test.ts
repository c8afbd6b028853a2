// The packages' layering, as docs/architecture.md states it: within a package a folder imports only folders below it,
// packages meet only through their entry points, and the compiled-model consumers (diff, export, query) stay free of
// Langium so a browser bundle can take them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldersOf, type Import, importsOf, REPO_ROOT, sourceFiles } from './import-graph.js';

const DOC = 'docs/architecture.md';
const doc = readFileSync(path.join(REPO_ROOT, DOC), 'utf8');

/** The layers a package's `src` is read in, bottom first, from the `<!-- layers: DIR -->` line of the architecture doc. */
function layersOf(dir: string): string[] {
    const marker = `<!-- layers: ${dir} -->`;
    const at = doc.indexOf(marker);
    if (at < 0) throw new Error(`${DOC} has no \`${marker}\` line followed by the layers of ${dir}`);
    const line = doc
        .slice(at + marker.length)
        .trimStart()
        .split('\n')[0];
    return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\/$/, ''));
}

/** The layer of a file in `src`: its top folder, or its own name for a file that is a layer, or `*.ts` for other root files. */
function layerOf(file: string, src: string, layers: readonly string[]): string {
    const [first, ...rest] = file.slice(src.length + 1).split('/');
    if (rest.length > 0) return first;
    return layers.includes(first) ? first : '*.ts';
}

const PACKAGES = ['packages/language/src', 'packages/cli/src'];
// Langium services get their dependencies through the container, whose type is declared with the module: every
// service names that type, so a type-only import of the module is the one import that may point up.
const SERVICES_TYPE = 'packages/language/src/pom-module.ts';
const BROWSER_SAFE = ['diff', 'export', 'query'].map((f) => `packages/language/src/${f}/`);

function violations(src: string, imports = sourceFiles(src).flatMap(importsOf)): string[] {
    const layers = layersOf(src);
    const rank = (file: string) => layers.indexOf(layerOf(file, src, layers));
    const found: string[] = [];
    for (const i of imports) {
        if (!i.to.startsWith(`${src}/`) || (i.to === SERVICES_TYPE && i.typeOnly)) continue;
        const [from, to] = [layerOf(i.from, src, layers), layerOf(i.to, src, layers)];
        if (from !== to && rank(i.to) >= rank(i.from)) found.push(`${where(i)} imports ${i.to}: ${from}/ may not import ${to}/`);
    }
    return found;
}

function where(i: Import): string {
    return `${i.from}:${i.line}`;
}

const isLangium = (to: string) => to === 'langium' || to.startsWith('langium/') || to.includes('/src/generated/');

describe('layering', () => {
    for (const src of PACKAGES) {
        it(`places every folder of ${src} in the documented order`, () => {
            const layers = layersOf(src);
            expect(layers.length).toBeGreaterThan(1);
            const unplaced = foldersOf(src).filter((f) => !layers.includes(f));
            expect(unplaced, `add these folders to the layers of ${src} in ${DOC}`).toEqual([]);
        });

        it(`has no folder of ${src} import a folder above it`, () => {
            expect(violations(src)).toEqual([]);
        });
    }

    it('has packages meet only through their entry points', () => {
        const crossing = sourceFiles('packages')
            .filter((file) => file.split('/')[2] === 'src')
            .flatMap(importsOf)
            .filter(
                (i) => i.to.startsWith('packages/') && i.to.split('/').slice(0, 3).join('/') !== i.from.split('/').slice(0, 3).join('/'),
            )
            .map((i) => `${where(i)} reaches into ${i.to}; import the package by name`);
        expect(crossing).toEqual([]);
    });

    it('keeps diff/, export/ and query/ free of Langium and the generated AST, also through what they import', () => {
        const seen = new Set<string>();
        const problems: string[] = [];
        const pending = sourceFiles('packages/language/src').filter((f) => BROWSER_SAFE.some((dir) => f.startsWith(dir)));
        for (const file of pending) {
            for (const i of importsOf(file)) {
                if (BROWSER_SAFE.some((dir) => file.startsWith(dir)) && isLangium(i.to)) problems.push(`${where(i)} imports ${i.to}`);
            }
        }
        // Whatever they load at run time must not load Langium either (type-only imports vanish from the bundle).
        while (pending.length > 0) {
            const file = pending.pop() as string;
            if (seen.has(file)) continue;
            seen.add(file);
            for (const i of importsOf(file)) {
                if (i.typeOnly) continue;
                if (isLangium(i.to)) problems.push(`${where(i)} loads ${i.to}`);
                else if (i.to.startsWith('packages/')) pending.push(i.to);
            }
        }
        expect(problems).toEqual([]);
    });

    it('finds the imports it checks', () => {
        // Guards the checks above against passing because nothing was read.
        const imports = sourceFiles('packages/language/src').flatMap(importsOf);
        expect(imports.some((i) => i.to === 'packages/language/src/model/kind-system.ts' && !i.typeOnly)).toBe(true);
        expect(imports.some((i) => i.to === SERVICES_TYPE && i.typeOnly)).toBe(true);
        const language = 'packages/language/src';
        const up: Import = { from: `${language}/model/values.ts`, to: `${language}/lsp/markdown.ts`, typeOnly: true, line: 1 };
        const down: Import = { ...up, from: up.to, to: up.from, typeOnly: false };
        expect(violations(language, [up, down])).toEqual([`${language}/model/values.ts:1 imports ${up.to}: model/ may not import lsp/`]);
    });
});

describe(DOC, () => {
    it('names every folder under packages/*/src', () => {
        const folders = sourceFiles('packages')
            .map((file) => file.split('/'))
            .filter((parts) => parts[2] === 'src' && parts.length > 4)
            .flatMap((parts) => parts.slice(3, -1).map((_, i) => `${parts.slice(3, 4 + i).join('/')}/`));
        const missing = [...new Set(folders)].filter((folder) => !doc.includes(`\`${folder}\``));
        expect(missing, `describe these folders in ${DOC}`).toEqual([]);
    });
});

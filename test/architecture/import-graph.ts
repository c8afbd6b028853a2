// The imports of every source file of the packages, read with the TypeScript parser (no type checking), so tests can
// hold the code to the layering that docs/architecture.md describes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Import {
    /** The file that imports, relative to the repository root, `/`-separated. */
    readonly from: string;
    /** What it names: a package (`langium/lsp`) or a file relative to the repository root (`packages/…/x.ts`). */
    readonly to: string;
    /** Whether the import is erased at run time (`import type`, or only type specifiers). */
    readonly typeOnly: boolean;
    /** Line of the import, for messages. */
    readonly line: number;
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Every `.ts` file below `dir` (relative to the repository root), skipping generated code and build output. */
export function sourceFiles(dir: string): string[] {
    const found: string[] = [];
    const walk = (relative: string) => {
        for (const name of readdirSync(path.join(REPO_ROOT, relative)).sort()) {
            const child = `${relative}/${name}`;
            if (statSync(path.join(REPO_ROOT, child)).isDirectory()) {
                if (name !== 'node_modules' && name !== 'dist') walk(child);
            } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
                found.push(child);
            }
        }
    };
    walk(dir);
    return found;
}

/** The folders directly below `dir` (relative to the repository root). */
export function foldersOf(dir: string): string[] {
    return readdirSync(path.join(REPO_ROOT, dir))
        .filter((name) => statSync(path.join(REPO_ROOT, dir, name)).isDirectory())
        .sort();
}

export function importsOf(file: string): Import[] {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const found: Import[] = [];
    const add = (specifier: ts.Expression | undefined, typeOnly: boolean, node: ts.Node) => {
        if (!specifier || !ts.isStringLiteral(specifier)) return;
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ from: file, to: resolve(file, specifier.text), typeOnly, line });
    };
    const visit = (node: ts.Node) => {
        if (ts.isImportDeclaration(node)) {
            add(node.moduleSpecifier, isTypeOnlyImport(node), node);
        } else if (ts.isExportDeclaration(node)) {
            const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
            add(
                node.moduleSpecifier,
                node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)),
                node,
            );
        } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
            add(node.arguments[0], false, node);
        } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
            add(node.argument.literal, true, node);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
    const clause = node.importClause;
    if (!clause) return false; // a side-effect import runs
    if (clause.isTypeOnly) return true;
    if (clause.name) return false;
    const bindings = clause.namedBindings;
    return (
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly)
    );
}

/** A relative specifier as a repository path of the `.ts` file it names; a package name as it is. */
function resolve(from: string, specifier: string): string {
    if (!specifier.startsWith('.')) return specifier;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
    return target.replace(/\.js$/, '.ts');
}

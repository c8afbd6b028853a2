// Shared test helpers: a fresh workspace per test, fixtures read from disk, and diagnostics reduced to what the
// tests assert (code, severity, range).
import { readFileSync } from 'node:fs';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPomServices, type PomServices } from '../src/pom-module.js';
import { buildWorkspace } from '../src/workspace/pom-workspace.js';

export type Services = ReturnType<typeof createPomServices>;

export interface Loaded {
    services: Services;
    pom: PomServices;
    documents: LangiumDocument[];
}

export function fixture(name: string): string {
    return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

export function uri(name: string): URI {
    return URI.parse(`file:///ws/${name}`);
}

/** Loads the files (name → text) into fresh services and builds them with validation. */
export async function load(files: Record<string, string>): Promise<Loaded> {
    const services = createPomServices(EmptyFileSystem);
    const documents = await buildWorkspace(
        services.Pom,
        Object.entries(files).map(([name, text]) => ({ uri: uri(name), text })),
    );
    return { services, pom: services.Pom, documents };
}

/** Loads one file as `a.pom` and returns its document. */
export async function loadOne(text: string): Promise<LangiumDocument> {
    return (await load({ 'a.pom': text })).documents[0];
}

export function diagnostics(document: LangiumDocument, code?: string): Diagnostic[] {
    const all = document.diagnostics ?? [];
    return code === undefined ? all : all.filter((d) => d.code === code);
}

export interface Expected {
    code: string;
    severity: 1 | 2 | 3 | 4;
    /** [line, startCharacter, endLine, endCharacter], 0-based. */
    range: [number, number, number, number];
}

export function summary(d: Diagnostic): Expected {
    return {
        code: String(d.code),
        severity: (d.severity ?? 1) as Expected['severity'],
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    };
}

/** The diagnostics of one code, as code + severity + range, in document order. */
export function found(document: LangiumDocument, code: string): Expected[] {
    const byPosition = (a: Expected, b: Expected) => a.range[0] - b.range[0] || a.range[1] - b.range[1];
    return diagnostics(document, code).map(summary).sort(byPosition);
}

/** Diagnostics other than the info/hint lineage notes, which most snippets trigger. */
export function problems(document: LangiumDocument): Diagnostic[] {
    return diagnostics(document).filter((d) => (d.severity ?? 1) <= 2);
}

/** The 0-based [line, start, line, end] range of the `occurrence`-th occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 1): [number, number, number, number] {
    let index = -1;
    for (let i = 0; i < occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
    }
    const before = text.slice(0, index);
    const line = before.split('\n').length - 1;
    const character = index - (before.lastIndexOf('\n') + 1);
    return [line, character, line, character + needle.length];
}

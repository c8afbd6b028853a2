// Files that are not POM at all: a Maven `.pom` (XML), a binary file, an empty file. They get one clear
// `not-a-pom-file` diagnostic instead of a cascade of syntax errors, and export no names.
import type { LangiumDocument } from 'langium';

export type ForeignReason = 'xml' | 'binary' | 'empty';

// Keyed by the parse's root node, not the document: an editor keeps one document while its text changes, and every
// parse of a new text makes a new root. Every caller runs after the parse.
const cache = new WeakMap<object, ForeignReason | null>();

export function foreignReason(document: LangiumDocument): ForeignReason | undefined {
    const key: object = document.parseResult?.value ?? document;
    let reason = cache.get(key);
    if (reason === undefined) {
        reason = classify(document.textDocument.getText()) ?? null;
        cache.set(key, reason);
    }
    return reason ?? undefined;
}

export function isForeignDocument(document: LangiumDocument): boolean {
    return foreignReason(document) !== undefined;
}

export function classify(text: string): ForeignReason | undefined {
    const head = text.slice(0, 4096);
    // NUL and most C0 controls never occur in text a person wrote; U+FFFD marks bytes that were not UTF-8.
    const controls = head.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
    if (head.includes('\u0000') || controls > head.length / 100) return 'binary';
    const start = head.replace(/^\uFEFF/, '').trimStart();
    if (start.startsWith('<')) return 'xml';
    if (start.length === 0 && text.trim().length === 0) return 'empty';
    return undefined;
}

export function foreignMessage(reason: ForeignReason): string {
    switch (reason) {
        case 'xml':
            return 'This file is XML (a Maven POM?), not a POM operating model; rename it or move it out of the model folder.';
        case 'binary':
            return 'This file is binary, not a POM operating model.';
        case 'empty':
            return 'This file is empty: a .pom file declares at least one element or kind.';
    }
}

// A private copy of examples/acme for one suite, so that edits and renames never touch the repository, and the
// text helpers the suites use to find positions and ranges in it.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, REPO_ROOT } from './lsp-client.js';

export const ACME_SOURCE = path.join(REPO_ROOT, 'examples/acme');

export class AcmeWorkspace {
    readonly root: string;

    /** `extra` adds files (name → text) next to acme's, for a suite that needs one more shape of model. */
    constructor(extra: Record<string, string> = {}) {
        this.root = mkdtempSync(path.join(tmpdir(), 'pom-lsp-'));
        // Without the observations snapshot: these suites are about the model's own rules, so acme starts with no
        // diagnostics at all; the evidence verdicts, which depend on the date, have suites of their own.
        cpSync(ACME_SOURCE, this.root, { recursive: true, filter: (source) => path.basename(source) !== 'observations.json' });
        for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(this.root, name), text);
    }

    /** The `.pom` files, by name (`growth.pom`). */
    files(): string[] {
        return readdirSync(this.root)
            .filter((f) => f.endsWith('.pom'))
            .sort();
    }

    uri(file: string): string {
        return LspClient.uri(path.join(this.root, file));
    }

    uris(): string[] {
        return this.files().map((f) => this.uri(f));
    }

    /** The file's text on disk: the original acme text, since tests edit through the server, not the disk. */
    text(file: string): string {
        return readFileSync(path.join(this.root, file), 'utf8');
    }

    /** The file name a uri of this workspace stands for. */
    fileOf(uri: string): string {
        return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    }

    dispose(): void {
        rmSync(this.root, { recursive: true, force: true });
    }
}

/** A fresh copy of acme (plus `extra` files), a server started on it, and every file's start-up diagnostics received. */
export async function startAcme(extra: Record<string, string> = {}): Promise<{ ws: AcmeWorkspace; client: LspClient }> {
    const ws = new AcmeWorkspace(extra);
    const client = await LspClient.start(ws.root);
    console.info(`pom lsp: initialize answered in ${client.initializeMs.toFixed(0)} ms`);
    await client.waitForDiagnostics((view) => ws.uris().every((uri) => view.published(uri) > 0), 'start-up diagnostics for every file');
    return { ws, client };
}

/** Edits acme through the server as an editor would, and puts it back. */
export class AcmeEditor {
    /** The files edited since the last `restoreTouched`, so that every test can start from clean acme. */
    private touched = new Set<string>();

    constructor(
        readonly ws: AcmeWorkspace,
        readonly client: LspClient,
    ) {}

    /**
     * Makes `text` the content of `file` (opened with it on first use, a full-text change afterwards) and waits
     * until the server has built it: diagnostics published for the file and the build settled.
     */
    async edit(file: string, text: string): Promise<void> {
        this.touched.add(file);
        const uri = this.ws.uri(file);
        const before = this.client.published(uri);
        if (this.client.isOpen(uri)) await this.client.change(uri, text);
        else await this.client.open(uri, text);
        await this.client.waitForDiagnostics((view) => view.published(uri) > before, `diagnostics for the edit of ${file}`);
        await this.client.settle();
    }

    /** Records a file changed outside `edit` (straight through the client), so `restoreTouched` puts it back. */
    markTouched(file: string): void {
        this.touched.add(file);
    }

    /** Puts back every file edited since the last call (run after each test). */
    async restoreTouched(): Promise<void> {
        const files = [...this.touched];
        this.touched = new Set();
        await this.restore(...files);
    }

    /** Puts the acme text of `files` back and waits until every acme file is clean again. */
    async restore(...files: string[]): Promise<void> {
        for (const file of files) await this.edit(file, this.ws.text(file));
        await this.waitClean('acme is clean again once restored');
    }

    waitClean(description: string): Promise<void> {
        return this.client.waitForDiagnostics((view) => this.ws.uris().every((uri) => view.get(uri)?.length === 0), description);
    }
}

export function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function offsetAt(text: string, position: Position): number {
    const lines = text.split('\n');
    let offset = 0;
    for (let i = 0; i < position.line; i++) offset += lines[i].length + 1;
    return offset + position.character;
}

/**
 * The offset of `needle` in `text` (its `occurrence`-th appearance, from 0), plus `within`; throws when absent, so
 * a fixture that drifted fails loudly instead of probing the wrong place.
 */
export function offsetOf(text: string, needle: string, within = 0, occurrence = 0): number {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`\`${needle}\` (occurrence ${occurrence}) is not in the text`);
    }
    return index + within;
}

/** The position `within` characters into the first appearance of `needle` after `after` (when given). */
export function positionOf(text: string, needle: string, within = 0, after?: string): Position {
    const start = after === undefined ? 0 : offsetOf(text, after);
    const index = text.indexOf(needle, start);
    if (index < 0) throw new Error(`\`${needle}\` is not in the text${after ? ` after \`${after}\`` : ''}`);
    return positionAt(text, index + within);
}

/** The range of the first appearance of `part` inside the first appearance of `context` (or of `part` alone). */
/** A file and a range as one comparable string, `growth.pom:3:2-3:9`: sets of places compare with it. */
export function rangeKey(file: string, range: Range): string {
    return `${file}:${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function rangeOf(text: string, part: string, context = part): Range {
    const start = offsetOf(text, context) + context.indexOf(part);
    if (context.indexOf(part) < 0) throw new Error(`\`${part}\` is not in \`${context}\``);
    return { start: positionAt(text, start), end: positionAt(text, start + part.length) };
}

/** The text of `text` at `range`. */
export function textAt(text: string, range: Range): string {
    return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/**
 * The ranges where `word` appears as a whole name (or one segment of a qualified name such as `growth.word.Child`)
 * in code, outside strings and comments.
 */
export function nameRanges(text: string, word: string): Range[] {
    const code = maskStringsAndComments(text);
    const pattern = new RegExp(`(?<![\\w-])${word}(?![\\w-])`, 'g');
    return [...code.matchAll(pattern)].map((m) => ({
        start: positionAt(text, m.index),
        end: positionAt(text, m.index + word.length),
    }));
}

/** The text with every string and comment replaced by spaces (newlines kept), so offsets and positions still hold. */
export function maskStringsAndComments(text: string): string {
    return text.replace(/"""(?:[^\\]|\\[\s\S])*?"""(?!")|"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) =>
        m.replace(/[^\n]/g, ' '),
    );
}

/** Applies non-overlapping text edits, as an editor applies a WorkspaceEdit to one document. */
export function applyEdits(text: string, edits: TextEdit[]): string {
    const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
    let result = text;
    for (const edit of sorted) {
        result = result.slice(0, offsetAt(text, edit.range.start)) + edit.newText + result.slice(offsetAt(text, edit.range.end));
    }
    return result;
}

/** `text` with the first `from` replaced by `to`; throws when `from` is absent, so a drifted fixture fails loudly. */
export function replaceOnce(text: string, from: string, to: string): string {
    if (!text.includes(from)) throw new Error(`\`${from.slice(0, 60)}\` is not in the text`);
    return text.replace(from, () => to);
}

export function compareRanges(a: Range, b: Range): number {
    return (
        a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character
    );
}

/** Whether `outer` holds all of `inner`. */
export function containsRange(outer: Range, inner: Range): boolean {
    const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return le(outer.start, inner.start) && le(inner.end, outer.end);
}

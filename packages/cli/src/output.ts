// Everything pom writes. To the terminal (stdout, stderr): control characters in model text, file names and error
// messages are escaped, so a model cannot drive the terminal. To files: atomically (a temporary file beside the
// target, then a rename), so a reader never sees half a file and a failed run never truncates the previous one;
// through symbolic links to the file they point at, and never onto a pipe, device, socket or folder.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, lstat, mkdir, open, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';

/**
 * The control characters a terminal could act on: C0 (but tab and line feed), DEL, C1, the bidirectional
 * embeddings, overrides, isolates and marks (which reorder what is shown), and lone surrogates.
 */
const CONTROL =
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const HAS_CONTROL = new RegExp(CONTROL.source);

/**
 * Text safe for a terminal: each control character becomes its visible `\u001b` form. Tabs stay, and line feeds
 * unless `lineBreaks` is false (for a value shown within one line: a name, a title). Inside JSON strings the form is
 * JSON's own escape, so escaped JSON is the same JSON.
 */
export function escapeControl(text: string, options: { lineBreaks?: boolean } = {}): string {
    // The usual case, text with nothing to escape (a compiled model of 100 MB, say), is returned as it is, uncopied.
    if (!HAS_CONTROL.test(text) && (options.lineBreaks !== false || !text.includes('\n'))) return text;
    const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    const escaped = text.replace(CONTROL, visible);
    return options.lineBreaks === false ? escaped.replace(/\n/g, visible) : escaped;
}

/** A copy of plain data with every string escaped for the terminal: for reports rendered after it (with colour). */
export function escapeStrings<T>(value: T): T {
    if (typeof value === 'string') return escapeControl(value) as T;
    if (Array.isArray(value)) return value.map(escapeStrings) as T;
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, v]) => [escapeControl(key), escapeStrings(v)])) as T;
    }
    return value;
}

/** Writes a message or report to stdout, escaped. */
export function printOut(text: string): void {
    process.stdout.write(escapeControl(text));
}

/** Writes a message to stderr, escaped. */
export function printErr(text: string): void {
    process.stderr.write(escapeControl(text));
}

/** Prints a file's text: byte for byte into a pipe or file (so it can be saved), escaped on a terminal. */
export function printFileText(text: string): void {
    if (process.stdout.isTTY) printOut(text);
    else process.stdout.write(text);
}

/** Writes text whose model parts are already escaped and which carries pom's own colour codes. */
export function printPainted(text: string): void {
    process.stdout.write(text);
}

/** JSON for stdout or a file: JSON.stringify, with DEL, C1 and bidirectional controls as `\u` escapes too. */
export function jsonText(value: unknown, pretty = true): string {
    return `${escapeControl(JSON.stringify(value, null, pretty ? 2 : undefined))}\n`;
}

/**
 * The bytes of `jsonText(value, pretty)` in pieces, so a large value is written without one string of all of it:
 * the members of the top object and the items of its arrays are stringified one at a time. An array there may be
 * given as any iterable (a generator, say), consumed as it is written. Every piece is whole JSON values and
 * punctuation, so escaping piece by piece is escaping the whole.
 */
export function* jsonChunks(value: unknown, pretty = true): Generator<string> {
    for (const chunk of jsonPieces(value, pretty, 0)) yield escapeControl(chunk);
    yield '\n';
}

/** How deep `jsonPieces` takes a value apart: the top object and the arrays it holds. */
const STREAMED_DEPTH = 2;

function* jsonPieces(value: unknown, pretty: boolean, depth: number): Generator<string> {
    const newline = (level: number) => (pretty ? `\n${'  '.repeat(level)}` : '');
    const list = depth < STREAMED_DEPTH ? streamedList(value) : undefined;
    if (list) {
        let first = true;
        for (const item of list) {
            yield `${first ? '[' : ','}${newline(depth + 1)}`;
            first = false;
            // As in JSON.stringify, an item that has no JSON (undefined, a function) is null.
            yield* jsonPieces(
                item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item,
                pretty,
                depth + 1,
            );
        }
        yield first ? '[]' : `${newline(depth)}]`;
        return;
    }
    if (depth < STREAMED_DEPTH && isPlainObject(value)) {
        let first = true;
        for (const [key, member] of Object.entries(value)) {
            if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
            yield `${first ? '{' : ','}${newline(depth + 1)}${JSON.stringify(key)}:${pretty ? ' ' : ''}`;
            first = false;
            yield* jsonPieces(member, pretty, depth + 1);
        }
        yield first ? '{}' : `${newline(depth)}}`;
        return;
    }
    // JSON strings hold no raw line breaks, so indenting the text's line breaks indents its lines.
    const text = JSON.stringify(value, null, pretty ? 2 : undefined);
    yield pretty && depth > 0 ? text.replaceAll('\n', newline(depth)) : text;
}

/** The items of an array, or of another iterable that is not a string, Map or Set (which JSON does not list). */
function streamedList(value: unknown): Iterable<unknown> | undefined {
    if (Array.isArray(value)) return value;
    if (value === null || typeof value !== 'object' || value instanceof Map || value instanceof Set) return undefined;
    if ('toJSON' in value) return undefined;
    return Symbol.iterator in value ? (value as Iterable<unknown>) : undefined;
}

/** An object JSON.stringify writes member by member: no toJSON of its own, no boxed primitive. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== 'object' || 'toJSON' in value) return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
}

/** Pieces of text gathered into strings of about this many characters before each write. */
const WRITE_BATCH = 1 << 16;

function* batched(chunks: Iterable<string>): Generator<string> {
    let batch = '';
    for (const chunk of chunks) {
        batch += chunk;
        if (batch.length >= WRITE_BATCH) {
            yield batch;
            batch = '';
        }
    }
    if (batch) yield batch;
}

/**
 * A result: to stdout (no file or `-`), escaped unless `painted` says its model text is escaped already; else to
 * the file, exactly as given.
 */
export async function writeOutput(text: string, file?: string, options: { painted?: boolean } = {}): Promise<void> {
    if (!file || file === '-') {
        if (options.painted) printPainted(text);
        else printOut(text);
        return;
    }
    await writeAtomically(file, text, { stdoutHint: true });
}

/**
 * JSON (`jsonChunks`) to stdout (no file or `-`) or, atomically, to the file, written piece by piece as it is made:
 * for a compiled model, which is too large to hold twice as text.
 */
export async function writeJsonOutput(value: unknown, options: { pretty?: boolean; file?: string }): Promise<void> {
    const chunks = jsonChunks(value, options.pretty);
    if (options.file && options.file !== '-') {
        await writeAtomically(options.file, chunks, { stdoutHint: true });
        return;
    }
    for (const batch of batched(chunks)) {
        if (!process.stdout.write(batch)) await once(process.stdout, 'drain');
    }
}

/** How many symbolic links a dangling chain may go through before it is taken for a loop (Linux's MAXSYMLINKS). */
const MAX_LINKS = 40;

/**
 * Replaces `file` with `text` (or the pieces of text given, written as they come) atomically. Through a symbolic
 * link (or a chain of them) the file it points at is replaced and the link kept; a dangling link gets its target
 * created. An existing file keeps its permissions. A pipe, device, socket or folder is refused with a UsageError, as
 * is a link loop; `stdoutHint` adds how to write to stdout instead.
 */
export async function writeAtomically(
    file: string,
    text: string | Iterable<string>,
    options: { stdoutHint?: boolean } = {},
): Promise<void> {
    const { target, mode } = await writableTarget(file, options.stdoutHint ?? false);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
        // `wx`: never through a file or link that is already at the temporary name.
        const handle = await open(temporary, 'wx', mode ?? 0o666);
        try {
            if (typeof text === 'string') await handle.writeFile(text);
            else for (const batch of batched(text)) await handle.writeFile(batch);
        } finally {
            await handle.close();
        }
        if (mode !== undefined) await chmod(temporary, mode);
        await rename(temporary, target);
    } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw new UsageError(`cannot write ${file}: ${reasonOf(error as NodeJS.ErrnoException, temporary, file)}`);
    }
}

/**
 * The real path a write to `file` replaces, with the permissions of the file there: the end of its chain of links,
 * a regular file or nothing yet, in a folder that exists.
 */
async function writableTarget(file: string, stdoutHint: boolean): Promise<{ target: string; mode?: number }> {
    const fail = (reason: string): never => {
        throw new UsageError(`cannot write ${file}: ${reason}`);
    };
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        return fail(reasonOf(error));
    });
    if (info) {
        const kind = notAFile(info);
        if (kind) fail(`it is ${kind}, not a regular file${stdoutHint ? '; to write to stdout, give -o - or no -o' : ''}`);
        return { target: await realpath(file).catch((error: NodeJS.ErrnoException) => fail(reasonOf(error))), mode: info.mode & 0o7777 };
    }
    // Nothing there yet, or a dangling link: follow the links to the name to create.
    let target = path.resolve(file);
    for (let hops = 0; ; hops++) {
        const link = await lstat(target).catch(() => undefined);
        if (!link?.isSymbolicLink()) break;
        if (hops === MAX_LINKS) fail(reasonOf({ code: 'ELOOP' } as NodeJS.ErrnoException));
        target = path.resolve(path.dirname(target), await readlink(target).catch((error: NodeJS.ErrnoException) => fail(reasonOf(error))));
    }
    // The folder may itself be reached through links; the temporary file goes in the real one.
    const folder = await realpath(path.dirname(target)).catch((error: NodeJS.ErrnoException) => fail(reasonOf(error)));
    return { target: path.join(folder, path.basename(target)) };
}

/** Makes a folder (and its parents) unless it exists; through links as well. A UsageError says why it cannot. */
export async function ensureFolder(folder: string): Promise<void> {
    try {
        await mkdir(folder, { recursive: true });
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const info = await stat(folder).catch(() => undefined);
        const dangling = !info && (await lstat(folder).catch(() => undefined))?.isSymbolicLink();
        const reason = dangling
            ? 'it is a symbolic link to nothing'
            : code === 'EEXIST' || code === 'ENOTDIR'
              ? info
                  ? `it is ${notAFile(info) ?? 'a file'}, not a folder`
                  : 'a part of the path is a file or a broken symbolic link, not a folder'
              : reasonOf(error as NodeJS.ErrnoException);
        throw new UsageError(`cannot create the folder ${folder}: ${reason}`);
    }
}

/** What a file system entry is when it is no regular file: the phrase for a message. */
export function notAFile(info: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string | undefined {
    if (info.isFile()) return undefined;
    if (info.isDirectory()) return 'a folder';
    if (info.isFIFO()) return 'a pipe (FIFO)';
    if (info.isSocket()) return 'a socket';
    return 'a device';
}

function reasonOf(error: NodeJS.ErrnoException, temporary?: string, file?: string): string {
    switch (error.code) {
        case 'ENOENT':
            return 'no such folder';
        case 'EACCES':
        case 'EPERM':
        case 'EROFS':
            return 'permission denied';
        case 'EISDIR':
            return 'is a folder';
        case 'ENOTDIR':
            return 'a part of the path is a file, not a folder';
        case 'ELOOP':
            return 'too many symbolic links (a loop?)';
        case 'ENOSPC':
            return 'no space left on the device';
        default:
            return temporary && file ? error.message.replace(temporary, file) : error.message;
    }
}

// Everything pom writes. To the terminal (stdout, stderr): control characters in model text, file names and error
// messages are escaped, so a model cannot drive the terminal. To files: atomically (a temporary file beside the
// target, then a rename), so a reader never sees half a file and a failed run never truncates the previous one;
// through symbolic links to the file they point at, and never onto a pipe, device, socket or folder.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readlink, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
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

/** How many symbolic links a dangling chain may go through before it is taken for a loop (Linux's MAXSYMLINKS). */
const MAX_LINKS = 40;

/**
 * Replaces `file` with `text` atomically. Through a symbolic link (or a chain of them) the file it points at is
 * replaced and the link kept; a dangling link gets its target created. An existing file keeps its permissions. A
 * pipe, device, socket or folder is refused with a UsageError, as is a link loop; `stdoutHint` adds how to write to
 * stdout instead.
 */
export async function writeAtomically(file: string, text: string, options: { stdoutHint?: boolean } = {}): Promise<void> {
    const { target, mode } = await writableTarget(file, options.stdoutHint ?? false);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
        // `wx`: never through a file or link that is already at the temporary name.
        await writeFile(temporary, text, { flag: 'wx', mode: mode ?? 0o666 });
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

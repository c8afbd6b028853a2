// Writing results: to stdout, or to a file atomically (a temporary file beside it, then a rename), so a reader
// never sees half a file and a failed run never truncates the previous one.
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';

export async function writeOutput(text: string, file?: string): Promise<void> {
    if (!file || file === '-') {
        process.stdout.write(text);
        return;
    }
    await writeAtomically(file, text);
}

export async function writeAtomically(file: string, text: string): Promise<void> {
    const target = path.resolve(file);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
        await writeFile(temporary, text);
        await rename(temporary, target);
    } catch (error) {
        await unlink(temporary).catch(() => undefined);
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
            code === 'ENOENT'
                ? 'no such folder'
                : code === 'EACCES' || code === 'EPERM'
                  ? 'permission denied'
                  : code === 'EISDIR'
                    ? 'is a folder'
                    : (error as Error).message.replace(temporary, file);
        throw new UsageError(`cannot write ${file}: ${reason}`);
    }
}

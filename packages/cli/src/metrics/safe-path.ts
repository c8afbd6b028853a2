// Data paths from the model may only reach files inside the project: checked on the path as written and again on
// the real path (so a symlink cannot lead out), before anything is read. Only regular files are read: a FIFO or a
// device would block or never end.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

// The same extensions the language's checks accept for `data`.
export const FILE_FORMATS = { '.csv': 'csv', '.json': 'json', '.parquet': 'parquet' } as const;
export type FileFormat = (typeof FILE_FORMATS)[keyof typeof FILE_FORMATS];

export interface DataFile {
    /** The real path of the file, absolute. */
    absolute: string;
    /** Relative to the project root, `/`-separated: what the snapshot and messages show. */
    relative: string;
    format: FileFormat;
}

/** `data` (relative to the folder of the .pom file) → a readable file inside `root`, or why not. */
export function resolveDataFile(data: string, pomFolder: string, root: string): DataFile | { error: string } {
    const format = FILE_FORMATS[path.extname(data).toLowerCase() as keyof typeof FILE_FORMATS];
    if (format === undefined) {
        return { error: `\`${data}\` is not a CSV, JSON or Parquet file (by its extension: .csv, .json or .parquet)` };
    }
    const written = path.resolve(pomFolder, data);
    if (!isInside(root, written)) return { error: `\`${data}\` is outside the project folder; data files must be inside it` };
    let real: string;
    let realRoot: string;
    try {
        real = realpathSync(written);
        realRoot = realpathSync(root);
    } catch {
        return { error: `\`${data}\` does not exist` };
    }
    if (!isInside(realRoot, real))
        return { error: `\`${data}\` leads outside the project folder through a symbolic link; data files must be inside it` };
    const info = statSync(real);
    if (!info.isFile()) return { error: `\`${data}\` is not a regular file` };
    if (info.size === 0) return { error: `\`${data}\` is empty` };
    return { absolute: real, relative: path.relative(realRoot, real).split(path.sep).join('/'), format };
}

export function isInside(root: string, file: string): boolean {
    const relative = path.relative(root, file);
    return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

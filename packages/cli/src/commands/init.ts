// `pom init [DIR]`: a new project in an empty or new folder: the project file, a starter model that walks the whole
// flow (insight → … → outcome, with teams and a funding line), the pull-request workflow and a .gitignore line.
// It never overwrites: a folder that holds anything is refused, with the list of what would have been written.
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT_OK, UsageError } from '../errors.js';
import { displayPath } from '../files.js';
import { ensureFolder, printErr, printOut } from '../output.js';

/** The starter project and workflow, embedded by the bundler (scripts/bundle.js) from packages/cli/templates/init. */
declare const POM_INIT_FILES: Record<string, string> | undefined;

/** Compiled outputs (`pom compile -o build/…`, `pom graph -o build/…`) are rebuilt from the model, not committed. */
const GITIGNORE = '# Outputs of pom compile -o build/… and pom graph -o build/…, rebuilt from the model\n/build/\n';

/** The template's namespace and project name, replaced by the new project's. */
const TEMPLATE_NAME = 'starter';

export async function init(dir: string | undefined, options: { name?: string }): Promise<number> {
    const target = path.resolve(dir ?? '.');
    const shown = displayPath(target) || '.';
    if (options.name !== undefined && (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.name) || KEYWORDS.has(options.name))) {
        throw new UsageError(`--name ${JSON.stringify(options.name)} cannot be a namespace: letters, digits and _, not a keyword`);
    }
    const name = options.name ?? projectName(path.basename(target));
    const files = starterFiles(name);

    const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw new UsageError(`cannot read ${shown}: ${error.message}`);
    });
    if (info && !info.isDirectory()) throw new UsageError(`${shown} is a file; pom init makes a project in a folder that is empty or new`);
    const present = info
        ? await readdir(target).catch((error: NodeJS.ErrnoException) => {
              throw new UsageError(`cannot read ${shown}: ${error.code === 'EACCES' ? 'permission denied' : error.message}`);
          })
        : [];
    if (present.length > 0) {
        const listed = present.sort().slice(0, 5).join(', ') + (present.length > 5 ? ` and ${present.length - 5} more` : '');
        throw new UsageError(
            `${shown} is not empty (it holds ${listed}); pom init writes only into an empty or new folder and changes nothing here. ` +
                `It would have written: ${Object.keys(files).join(', ')}`,
        );
    }

    for (const [relative, text] of Object.entries(files)) {
        const file = path.join(target, relative);
        await ensureFolder(path.dirname(file));
        // `wx`: fail rather than replace a file (or follow a link) that appeared meanwhile.
        await writeFile(file, text, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
            throw new UsageError(`cannot write ${displayPath(file)}: ${error.code === 'EEXIST' ? 'it appeared meanwhile' : error.message}`);
        });
        printOut(`${displayPath(file)}\n`);
    }
    const where = dir === undefined ? '' : ` ${shown}`;
    printErr(`Created the POM project \`${name}\`${dir === undefined ? '' : ` in ${shown}`}. Next: pom validate${where}\n`);
    return EXIT_OK;
}

/** What pom init writes, path → text, for a project called `name`. */
function starterFiles(name: string): Record<string, string> {
    if (typeof POM_INIT_FILES !== 'object') throw new UsageError('this build of pom has no starter project; run `npm run bundle`');
    const files: Record<string, string> = {};
    for (const [relative, text] of Object.entries(POM_INIT_FILES)) {
        if (relative === 'pom.json') files[relative] = text.replace(`"name": "${TEMPLATE_NAME}"`, `"name": ${JSON.stringify(name)}`);
        else if (relative.endsWith('.pom')) files[relative] = text.replace(/^namespace starter\b/m, `namespace ${name}`);
        else files[relative] = text;
    }
    files['.gitignore'] = GITIGNORE;
    return files;
}

/** The language's keywords (src/grammar/pom.langium), which cannot be a namespace. */
const KEYWORDS = new Set(
    'abstract date default downstream duration enum extends feedback field kind namespace number percent quarter relation required stage string upstream'.split(
        ' ',
    ),
);

/** A folder name as a project name that is also a namespace: `My Model 2` → `mymodel2`; `model` when nothing is left. */
function projectName(folder: string): string {
    const name = folder.toLowerCase().replace(/[^a-z0-9_]/g, '');
    if (!/^[a-z_]/.test(name)) return 'model';
    return KEYWORDS.has(name) ? `${name}_model` : name;
}

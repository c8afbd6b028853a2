// The `pom` command line. Argument parsing only: each command's module (and the language package with it) is
// loaded when the command runs, so `pom --version` and `pom --help` start instantly.
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, UsageError } from './errors.js';
import { escapeControl, printErr } from './output.js';
import { VERSION } from './version.js';

const AS_OF = '--as-of <date>';
const AS_OF_HELP = 'the day (YYYY-MM-DD) that staleness and ended windows are judged on (default: today)';

function run(action: () => Promise<number>): Promise<void> {
    return action().then((code) => {
        process.exitCode = code;
    });
}

export function createProgram(): Command {
    const program = new Command('pom')
        .description('POM: product operating models as code')
        .version(VERSION, '-V, --version')
        .exitOverride()
        // Usage mistakes get one line, like every other error: `pom: unknown option '--x' (see pom --help)`.
        .configureOutput({
            outputError: (message, write) => write(escapeControl(`pom: ${message.replace(/^error: /, '').trim()} (see pom --help)\n`)),
        });

    program
        .command('validate')
        .description('check .pom files and report problems')
        .argument('[paths...]', 'files or folders (default: the current folder)')
        .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
        .option(AS_OF, AS_OF_HELP)
        .action((paths: string[], options) => run(async () => (await import('./commands/validate.js')).validate(paths, options)));

    program
        .command('compile')
        .description('compile .pom files to the JSON model')
        .argument('[paths...]', 'files or folders (default: the current folder)')
        .option('-o, --output <file>', 'write to a file instead of stdout')
        .option('--pretty', 'indent the JSON')
        .option(AS_OF, AS_OF_HELP)
        .action((paths: string[], options) => run(async () => (await import('./commands/compile.js')).compile(paths, options)));

    program
        .command('lineage')
        .description('print the upstream and downstream lineage of the elements a selector picks')
        .argument('<selector>', 'what to show: `WizardBet`, `+X`, `X+`, `2+X+3`, `kind:bet,horizon:quarters`, `A B` (either)')
        .argument('[paths...]', 'files or folders (default: the current folder)')
        .option('-d, --depth <n>', 'levels of lineage to show (default: all)')
        .addOption(new Option('--direction <direction>', 'which side of the lineage').choices(['up', 'down', 'both']).default('both'))
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('--feedback', 'follow feedback links too (learning loops such as learnedFrom), marked in the output')
        .option(AS_OF, AS_OF_HELP)
        .action((selector: string, paths: string[], options) =>
            run(async () => (await import('./commands/lineage.js')).lineage(selector, paths, options)),
        );

    program
        .command('format')
        .description('lay out .pom files the one canonical way (prints one file unless --check or --write)')
        .argument('[paths...]', 'files or folders (default: the current folder)')
        .option('--check', 'name the files that are not formatted, and exit 1 if any')
        .option('--write', 'rewrite the files that are not formatted, in place')
        .action((paths: string[], options) => run(async () => (await import('./commands/format.js')).format(paths, options)));

    program
        .command('graph')
        .description('draw the model: one self-contained HTML page with the interactive graph, or SVG, Mermaid or DOT')
        .argument('[paths...]', 'files or folders (default: the current folder)')
        .option('-o, --output <file>', 'write to a file instead of stdout')
        .addOption(new Option('-f, --format <format>', 'output format').choices(['html', 'svg', 'mermaid', 'dot']).default('html'))
        .option('-s, --select <selector>', 'draw only these elements and the links among them (see pom lineage)')
        .option('--view <name>', 'draw one named view (a `view` declaration): its elements and the links among them')
        .option('--all-views', 'write a page per view and an index.html linking them to the folder given with -o')
        .option(AS_OF, AS_OF_HELP)
        .action((paths: string[], options) => run(async () => (await import('./commands/graph.js')).graph(paths, options)));

    program
        .command('diff')
        .description('compare two versions of a model: elements, links, diagnostics and lineage consequences')
        .argument('<base>', 'the base: a folder, a file, files as a,b.pom, a compiled JSON model or a git revision')
        .argument('[head-and-paths...]', 'the head (default: the working tree), then paths to compare under')
        .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'markdown']).default('text'))
        .addOption(
            new Option('--fail-on <what>', 'exit 1 when the head introduces errors, errors or warnings, or any change').choices([
                'error',
                'warning',
                'change',
            ]),
        )
        .option('--select <selector>', 'report only on the elements a lineage selector picks on either side')
        .option(AS_OF, AS_OF_HELP)
        .option('-o, --output <file>', 'write to a file instead of stdout')
        .addHelpText(
            'after',
            `
BASE and HEAD are each a folder or file, several files as a,b.pom, a compiled model
(pom compile output, recognised by its content) or a git revision (HEAD~1, origin/main,
a sha) read from git objects without a checkout. HEAD defaults to the working tree. An
argument that exists as a path is a path; otherwise it is a revision. Paths after HEAD
restrict both sides; with a revision on either side, paths are compared from the
repository's top folder.

Examples:
  pom diff HEAD~1                              working tree against the previous commit
  pom diff origin/main HEAD examples/acme --format markdown -o comment.md
  pom diff before/ after/                      two folders
  pom diff base.json head.json --format json   two compiled models

Exit codes: 0 whatever changed, unless --fail-on: error (1 if HEAD introduces an error),
warning (an error or a warning), change (any change); 2 for usage, I/O or git problems.`,
        )
        .action((base: string, rest: string[], options) => run(async () => (await import('./commands/diff.js')).diff(base, rest, options)));

    program
        .command('init')
        .description('start a project: pom.json, a starter model, the pull-request workflow (only in an empty or new folder)')
        .argument('[dir]', 'the folder to create the project in (default: the current folder)')
        .option('--name <name>', 'the project name and namespace (default: from the folder name)')
        .action((dir: string | undefined, options) => run(async () => (await import('./commands/init.js')).init(dir, options)));

    program
        .command('metrics')
        .description('work with the observations of metrics')
        .command('pull')
        .description('run every metric source (data files, DuckDB, Postgres) and write the observations snapshot')
        .argument('[paths...]', 'files or folders (default: the current folder)')
        .option('-s, --select <selector>', 'pull only the metrics a lineage selector picks (and those measuring what it picks)')
        .addHelpText(
            'after',
            `
A metric's source is a data file (CSV, JSON or Parquet, relative to its .pom file and inside
the project, with an optional \`query\` over the table \`source\`) or a \`connection\` named in
pom.json with a \`query\`. The snapshot (pom.json's \`observations\`, by default
observations.json) is sorted and has no timestamps, so the same data gives the same bytes:
commit it. Credentials come only from the environment variables pom.json names.

Exit codes: 0 every source pulled; 1 a source failed (named on stderr; its previous
observations are kept and marked stale); 2 usage or project problems (nothing written).`,
        )
        .action((paths: string[], options) => run(async () => (await import('./commands/metrics-pull.js')).metricsPull(paths, options)));

    program
        .command('lsp')
        .description('start the POM language server (for editors other than VS Code)')
        .option('--stdio', 'talk over stdin and stdout (the default)')
        .option('--node-ipc', 'talk over Node IPC')
        .option('--socket <port>', 'talk over a socket')
        .action(async (options: { stdio?: boolean; nodeIpc?: boolean; socket?: string }) => {
            // The connection reads its transport from the process arguments; default to stdio.
            if (!options.nodeIpc && !options.socket && !process.argv.includes('--stdio')) process.argv.push('--stdio');
            (await import('pom-language/server')).startServer();
        });

    return program;
}

export async function main(argv: string[]): Promise<void> {
    try {
        await createProgram().parseAsync(argv);
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version end with code 0; usage mistakes (already explained by commander) with 2.
            process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
        } else if (error instanceof UsageError) {
            printErr(`pom: ${error.message}\n`);
            process.exitCode = EXIT_USAGE;
        } else {
            printErr(`pom: internal error: ${(error as Error).stack ?? error}\n`);
            process.exitCode = EXIT_USAGE;
        }
    }
}

// A reader that stops early (`pom compile | head`) is not an error: stop writing and exit quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
});

await main(process.argv);

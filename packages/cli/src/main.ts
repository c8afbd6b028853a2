// The `pom` command line. Argument parsing only: each command's module (and the language package with it) is
// loaded when the command runs, so `pom --version` and `pom --help` start instantly.
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, UsageError } from './errors.js';
import { VERSION } from './version.js';

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
            outputError: (message, write) => write(`pom: ${message.replace(/^error: /, '').trim()} (see pom --help)\n`),
        });

    program
        .command('validate')
        .description('check .pom files and report problems')
        .argument('[paths...]', 'files or folders (default: the current folder)')
        .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
        .action((paths: string[], options) => run(async () => (await import('./commands/validate.js')).validate(paths, options)));

    program
        .command('compile')
        .description('compile .pom files to the JSON model')
        .argument('[paths...]', 'files or folders (default: the current folder)')
        .option('-o, --output <file>', 'write to a file instead of stdout')
        .option('--pretty', 'indent the JSON')
        .action((paths: string[], options) => run(async () => (await import('./commands/compile.js')).compile(paths, options)));

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
            process.stderr.write(`pom: ${error.message}\n`);
            process.exitCode = EXIT_USAGE;
        } else {
            process.stderr.write(`pom: internal error: ${(error as Error).stack ?? error}\n`);
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

// The language server over stdio or IPC (chosen by the process arguments, e.g. `--stdio`), for VS Code, Neovim and
// any other LSP client.
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { rebuildOnObservationsChange } from './lsp/observations-watcher.js';
import { createPomServices } from './pom-module.js';

export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Pom } = createPomServices({ connection, ...NodeFileSystem });
    startLanguageServer(shared);
    rebuildOnObservationsChange(Pom);
}

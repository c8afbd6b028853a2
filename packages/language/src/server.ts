// The language server over stdio or IPC (chosen by the process arguments, e.g. `--stdio`), for VS Code, Neovim and
// any other LSP client.
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createNodePomServices } from './node.js';

export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared } = createNodePomServices({ connection });
    startLanguageServer(shared);
}

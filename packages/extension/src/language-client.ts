// Creates the client for the bundled POM language server. The client id `pom` ties it to the `pom.trace.server`
// setting (see trace-channel.ts). The prelude needs no code here: the server announces the `builtin:` scheme and
// vscode-languageclient's text-document-content feature registers a provider for it that asks the server
// (`workspace/textDocumentContent`), so go-to-definition on a kind opens the prelude, read-only.
import type * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SettingTraceChannel } from './trace-channel.js';

export const POM_LANGUAGE = 'pom';

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const trace = new SettingTraceChannel(outputChannel, `${POM_LANGUAGE}.trace.server`);
    context.subscriptions.push(trace);
    const clientOptions: LanguageClientOptions = {
        // The server reads unopened files from disk, so only documents it can reach are synchronised: `builtin:`
        // documents (the prelude) are the server's own and must not be sent back to it.
        documentSelector: [
            { scheme: 'file', language: POM_LANGUAGE },
            { scheme: 'untitled', language: POM_LANGUAGE },
        ],
        outputChannel,
        traceOutputChannel: trace,
    };
    return new LanguageClient(POM_LANGUAGE, 'POM Language Server', serverOptions, clientOptions);
}

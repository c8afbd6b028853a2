// "Compile Model to JSON": asks the server for the compiled model (`pom/compiledModel`), exactly what `pom compile`
// writes, and opens it in an untitled JSON editor, ready to read or save.
import { CompiledModelRequest } from 'pom-language/protocol';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { POM_LANGUAGE } from './language-client.js';

export function registerCompileCommand(client: LanguageClient): vscode.Disposable {
    return vscode.commands.registerCommand('pom.compileModel', () => compileModel(client));
}

async function compileModel(client: LanguageClient): Promise<void> {
    const active = vscode.window.activeTextEditor?.document;
    // The model of the project that holds the .pom file in front (the workspace's, without project files).
    const uri = active?.languageId === POM_LANGUAGE ? client.code2ProtocolConverter.asUri(active.uri) : undefined;
    const model = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Compiling the POM model…' }, () =>
        client.sendRequest(CompiledModelRequest, { uri }),
    );
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(model, null, 2)}\n` });
    await vscode.window.showTextDocument(document, { preview: false });
}

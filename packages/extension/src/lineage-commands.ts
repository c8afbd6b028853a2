// Lineage navigation: "Go to Upstream…/Downstream…" list the whole lineage of the element under the cursor
// (`pom/lineage`) in a quick pick, and the code lenses' `pom.showLineage` opens the call hierarchy at an element.
import { type LineageEntry, type LineageParams, LineageRequest } from 'pom-language/protocol';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { POM_LANGUAGE } from './language-client.js';

interface EntryItem extends vscode.QuickPickItem {
    entry: LineageEntry;
}

export function registerLineageCommands(client: LanguageClient): vscode.Disposable {
    return vscode.Disposable.from(
        vscode.commands.registerCommand('pom.goToUpstream', () => goToLineage(client, 'upstream')),
        vscode.commands.registerCommand('pom.goToDownstream', () => goToLineage(client, 'downstream')),
        vscode.commands.registerCommand('pom.showLineage', showLineage),
    );
}

async function goToLineage(client: LanguageClient, direction: LineageParams['direction']): Promise<void> {
    const editor = pomEditor();
    if (!editor) return;
    const position = editor.selection.active;
    const entries = await client.sendRequest(LineageRequest, {
        uri: client.code2ProtocolConverter.asUri(editor.document.uri),
        position: client.code2ProtocolConverter.asPosition(position),
        direction,
    });
    const name = elementName(editor.document, position);
    if (entries.length === 0) {
        vscode.window.showInformationMessage(
            `Nothing ${direction} of ${name}. Put the cursor on an element's name, or on a reference to it, on the value flow.`,
        );
        return;
    }
    const items: EntryItem[] = entries
        .filter((entry) => entry.uri !== '')
        .map((entry) => ({
            label: entry.name,
            description: entry.title === null ? entry.kind : `${entry.kind} · ${entry.title}`,
            detail: `${entry.distance} ${entry.distance === 1 ? 'step' : 'steps'} ${direction}`,
            entry,
        }));
    const picked = await vscode.window.showQuickPick(items, {
        title: `${direction === 'upstream' ? 'Upstream' : 'Downstream'} of ${name} (${items.length})`,
        placeHolder: direction === 'upstream' ? 'Everything that flows into it, nearest first' : 'Everything it flows into, nearest first',
        matchOnDescription: true,
    });
    if (picked) await reveal(client.protocol2CodeConverter.asUri(picked.entry.uri), picked.entry.range.start);
}

/** The code lenses' command: arguments are the document's URI (a string) and the element's LSP position. */
async function showLineage(uri?: string, position?: { line: number; character: number }): Promise<void> {
    if (uri !== undefined && position !== undefined) {
        await reveal(vscode.Uri.parse(uri), position);
    } else if (!pomEditor()) {
        return;
    }
    await vscode.commands.executeCommand('editor.showCallHierarchy');
}

/** Opens the element that starts at `at` with the cursor on its name, where lineage and the call hierarchy work. */
async function reveal(uri: vscode.Uri, at: { line: number; character: number }): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const name = namePosition(document, new vscode.Position(at.line, at.character));
    const editor = await vscode.window.showTextDocument(document, { selection: new vscode.Range(name, name) });
    editor.revealRange(new vscode.Range(name, name), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * The server places lineage entries and code lenses at an element's start, its kind (`bet WizardBet …`), and a
 * kind is no element: step over it to the name when one follows on the same line.
 */
function namePosition(document: Pick<vscode.TextDocument, 'lineAt'>, start: vscode.Position): vscode.Position {
    const rest = document.lineAt(start.line).text.slice(start.character);
    const kind = /^[_a-zA-Z][\w.-]*[ \t]+(?=[_a-zA-Z])/.exec(rest);
    return kind ? new vscode.Position(start.line, start.character + kind[0].length) : start;
}

function pomEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === POM_LANGUAGE) return editor;
    vscode.window.showInformationMessage('Put the cursor on an element in a .pom file first.');
    return undefined;
}

function elementName(document: vscode.TextDocument, position: vscode.Position): string {
    const range = document.getWordRangeAtPosition(position);
    return range ? `“${document.getText(range)}”` : 'the cursor';
}

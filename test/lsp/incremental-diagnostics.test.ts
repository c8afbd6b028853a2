// The language server keeps each document's part of the lineage graph (lineage/lineage-index.ts) and what its
// elements state (model/element-context.ts) between builds, while the document is neither reparsed nor relinked.
// After every step of a sequence of edits (a rename that breaks references from other files and one that fixes
// them, an element's kind changed, a kind's parent changed, a horizon and owners changed, a file deleted), every
// file's diagnostics must be those a server started fresh on the same texts publishes: by code, severity, range and
// message.
import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Diagnostic, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { AcmeEditor, AcmeWorkspace, replaceOnce, startAcme } from './acme-workspace.js';
import { LspClient } from './lsp-client.js';

let ws: AcmeWorkspace;
let client: LspClient;
let editor: AcmeEditor;
/** The text each file has in the edited server, where it differs from the disk; deleted files are gone from both. */
const texts = new Map<string, string>();

/**
 * A kind that extends acme's `spike` from a file of its own, and a file with an element of it: a change to `spike`
 * changes that element's stage, though its file references nothing in kinds.pom and so is not relinked.
 */
const EXTRA = {
    'probe-kind.pom': 'namespace acme\n\nkind probe extends spike "Probe" {}\n',
    'probes.pom': 'namespace acme.probes\n\nbet ProbeBet "Probe bet" {\n  probe SlackProbe "Slack probe"\n}\n',
};

beforeAll(async () => {
    ({ ws, client } = await startAcme(EXTRA));
    editor = new AcmeEditor(ws, client);
});

afterAll(async () => {
    await client?.stop();
    ws?.dispose();
});

function summary(diagnostics: Diagnostic[] | undefined): string[] {
    return (diagnostics ?? [])
        .map(
            (d) =>
                `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
        )
        .sort();
}

async function edit(file: string, from: string, to: string): Promise<void> {
    const text = replaceOnce(texts.get(file) ?? ws.text(file), from, to);
    texts.set(file, text);
    await editor.edit(file, text);
}

/** Every file's diagnostics in the edited server, and in a server started on a copy of the same texts. */
async function compareWithFreshServer(): Promise<{ edited: Record<string, string[]>; fresh: Record<string, string[]> }> {
    await client.settle();
    const copy = new AcmeWorkspace(EXTRA);
    try {
        for (const file of copy.files()) if (!ws.files().includes(file)) rmSync(path.join(copy.root, file));
        for (const [file, text] of texts) writeFileSync(path.join(copy.root, file), text);
        const fresh = await LspClient.start(copy.root);
        try {
            await fresh.waitForDiagnostics((view) => copy.uris().every((uri) => view.published(uri) > 0), 'start-up diagnostics');
            await fresh.settle();
            const edited: Record<string, string[]> = {};
            const started: Record<string, string[]> = {};
            for (const file of ws.files()) {
                edited[file] = summary(client.diagnostics(ws.uri(file)));
                started[file] = summary(fresh.diagnostics(copy.uri(file)));
            }
            return { edited, fresh: started };
        } finally {
            await fresh.stop();
        }
    } finally {
        copy.dispose();
    }
}

test('after each edit of a sequence, every file has the diagnostics of a fresh build', async () => {
    const steps: [string, () => Promise<void>][] = [
        [
            'an insight renamed, breaking references from other files',
            () => edit('discovery.pom', 'insight WorkHappensInSlack "', 'insight WorkHappensInSlackX "'),
        ],
        ['a title edited elsewhere', () => edit('growth.pom', '"', '"Edited ')],
        [
            'the rename undone, fixing those references',
            () => edit('discovery.pom', 'insight WorkHappensInSlackX "', 'insight WorkHappensInSlack "'),
        ],
        ['an element of another kind', () => edit('discovery.pom', 'insight LoneCreatorsChurn "', 'opportunity LoneCreatorsChurn "')],
        ['a kind extending another kind', () => edit('kinds.pom', 'kind spike extends experiment', 'kind spike extends insight')],
        ['the kind restored', () => edit('kinds.pom', 'kind spike extends insight', 'kind spike extends experiment')],
        [
            'a horizon shortened, which inputs in another file contribute to',
            () => edit('strategy.pom', 'horizon: years\n  // Growth brings', 'horizon: weeks\n  // Growth brings'),
        ],
        ['an owner changed', () => edit('strategy.pom', 'owner: org.GrowthTeam, org.CollaborationTeam', 'owner: org.PlatformTeam')],
        [
            'a file deleted',
            async () => {
                const uri = ws.uri('strategy.pom');
                if (client.isOpen(uri)) await client.close(uri);
                unlinkSync(path.join(ws.root, 'strategy.pom'));
                texts.delete('strategy.pom');
                await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
                    changes: [{ uri, type: FileChangeType.Deleted }],
                });
            },
        ],
        ['an edit after the deletion', () => edit('discovery.pom', 'opportunity LoneCreatorsChurn "', 'insight LoneCreatorsChurn "')],
    ];
    const changed = new Set<string>();
    for (const [step, run] of steps) {
        await run();
        const { edited, fresh } = await compareWithFreshServer();
        expect(edited, step).toEqual(fresh);
        for (const [file, list] of Object.entries(edited)) if (list.length > 0) changed.add(file);
    }
    // The sequence did change diagnostics, in more files than the edited ones.
    expect(changed.size).toBeGreaterThan(3);
    expect(client.problems()).toEqual([]);
}, 240_000);

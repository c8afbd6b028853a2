// End to end through the bundled language server over stdio: what the server says while a model
// is being edited — diagnostics for a typo, rename across files, completion, quick fixes and formatting. Every test
// edits a private copy of examples/acme through the server and puts it back.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
    type CodeAction,
    CodeActionKind,
    CodeActionRequest,
    CodeActionResolveRequest,
    type Command,
    type CompletionItem,
    type CompletionList,
    CompletionRequest,
    DefinitionRequest,
    type Diagnostic,
    DiagnosticSeverity,
    DocumentFormattingRequest,
    type LocationLink,
    PrepareRenameRequest,
    RenameRequest,
    type TextEdit,
    type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { CompiledModelRequest, ModelChangedNotification, type ModelStats } from '../../packages/language/src/protocol/lsp-protocol.js';
import {
    AcmeEditor,
    type AcmeWorkspace,
    applyEdits,
    maskStringsAndComments,
    nameRanges,
    positionAt,
    positionOf,
    rangeKey,
    rangeOf,
    replaceOnce,
    startAcme,
} from './acme-workspace.js';
import { type LspClient, WAIT_MS } from './lsp-client.js';

let ws: AcmeWorkspace;
let client: LspClient;
let editor: AcmeEditor;

beforeAll(async () => {
    ({ ws, client } = await startAcme());
    editor = new AcmeEditor(ws, client);
});

afterEach(() => editor.restoreTouched());

afterAll(async () => {
    await client?.stop();
    ws?.dispose();
});

const edit = (file: string, text: string) => editor.edit(file, text);

function found(uri: string, code: string): Diagnostic[] {
    return (client.diagnostics(uri) ?? []).filter((d) => d.code === code);
}

function labels(result: CompletionItem[] | CompletionList | null): string[] {
    return (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);
}

/** The text edits a WorkspaceEdit makes to one document, whether it lists them as `changes` or `documentChanges`. */
function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
    const fromChanges = edit?.changes?.[uri] ?? [];
    const fromDocumentChanges = (edit?.documentChanges ?? []).flatMap((change) =>
        'textDocument' in change && change.textDocument.uri === uri
            ? change.edits.filter((e): e is TextEdit => !('annotationId' in e))
            : [],
    );
    return [...fromChanges, ...fromDocumentChanges];
}

describe('diagnostics while editing', () => {
    test('a misspelt reference is an unresolved-reference error on the name, with "did you mean"', async () => {
        const file = 'collaboration.pom';
        const uri = ws.uri(file);
        const text = replaceOnce(ws.text(file), 'informedBy: discovery.WorkHappensInSlack', 'informedBy: discovery.WorkHappensInSlak');
        await edit(file, text);
        await client.waitForDiagnostics(() => found(uri, 'unresolved-reference').length > 0, 'unresolved-reference in collaboration.pom');
        const [diagnostic, ...others] = found(uri, 'unresolved-reference');
        expect(others).toEqual([]);
        expect(diagnostic.severity).toBe(DiagnosticSeverity.Error);
        expect(diagnostic.range).toEqual(rangeOf(text, 'discovery.WorkHappensInSlak'));
        expect(diagnostic.message).toMatch(/did you mean .*WorkHappensInSlack/);
    });

    test('fixing the typo clears the error', async () => {
        const file = 'collaboration.pom';
        const uri = ws.uri(file);
        await edit(file, replaceOnce(ws.text(file), 'informedBy: discovery.WorkHappensInSlack', 'informedBy: discovery.WorkHappensInSlak'));
        await client.waitForDiagnostics(() => found(uri, 'unresolved-reference').length > 0, 'the typo is reported');
        await edit(file, ws.text(file));
        await client.waitForDiagnostics((view) => view.get(uri)?.length === 0, 'collaboration.pom is clean again');
    });

    test('a 950 KB line pasted in: one input-too-large where the line passes 10,000 characters, as in the CLI', async () => {
        const file = 'collaboration.pom';
        const uri = ws.uri(file);
        const text = `${ws.text(file)}// ${'x'.repeat(950_000)}\n`;
        const line = text.split('\n').length - 2;
        await edit(file, text);
        await client.waitForDiagnostics(() => found(uri, 'input-too-large').length > 0, 'input-too-large in collaboration.pom');
        expect(client.diagnostics(uri)?.map((d) => [d.code, d.range])).toEqual([
            ['input-too-large', { start: { line, character: 10_000 }, end: { line, character: 10_001 } }],
        ]);
        expect(found(uri, 'input-too-large')[0].message).toBe(
            `Line ${line + 1} has 950,003 characters, more than the limit of 10,000; this file is not parsed. Break the line.`,
        );
        await edit(file, ws.text(file));
        await client.waitForDiagnostics((view) => view.get(uri)?.length === 0, 'collaboration.pom is clean again');
    });
});

describe('the live model', () => {
    test('pom/compiledModel asked right after an edit answers with the edited model, and pom/modelChanged follows', async () => {
        const before = await client.connection.sendRequest(CompiledModelRequest, {});
        const changed: ModelStats[] = [];
        const listener = client.connection.onNotification(ModelChangedNotification, (stats) => {
            changed.push(stats);
        });
        try {
            const file = 'org.pom';
            const uri = ws.uri(file);
            editor.markTouched(file);
            if (!client.isOpen(uri)) await client.open(uri, ws.text(file));
            await client.change(uri, `${ws.text(file)}\n/** Pricing and packaging. */\nscope Pricing "Pricing" { relatesTo: Strategy }\n`);
            const after = await client.connection.sendRequest(CompiledModelRequest, {});
            expect(after.elements.length).toBe(before.elements.length + 1);
            expect(after.elements.map((e) => e.id)).toContain('acme.org.Pricing');

            const deadline = Date.now() + WAIT_MS;
            while (!changed.some((c) => c.elements === after.elements.length) && Date.now() < deadline) {
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
            expect(changed.at(-1)).toEqual({ elements: after.elements.length, errors: 0, warnings: 0 });
        } finally {
            listener.dispose();
        }
    });
});

describe('rename', () => {
    const OLD = 'TeamActivation';
    const NEW = 'FirstWeekTogether';

    test('prepare on a qualified reference offers only the segment that names the element', async () => {
        const cadence = ws.text('cadence.pom');
        const range = await client.connection.sendRequest(PrepareRenameRequest.type, {
            textDocument: { uri: ws.uri('cadence.pom') },
            position: positionOf(cadence, 'growth.TeamActivation,', 10),
        });
        expect(range).toEqual(rangeOf(cadence, 'TeamActivation', 'growth.TeamActivation,'));
    });

    test('an opportunity referenced from other files, plainly and through qualified names: every reference, and the prefixes kept', async () => {
        const growth = ws.text('growth.pom');
        const result = (await client.connection.sendRequest(RenameRequest.type, {
            textDocument: { uri: ws.uri('growth.pom') },
            position: positionOf(growth, `opportunity ${OLD}`, 13),
            newName: NEW,
        })) as WorkspaceEdit | null;
        const changes = result?.changes ?? {};
        const edits = Object.entries(changes).flatMap(([uri, list]) => list.map((e) => ({ file: ws.fileOf(uri), ...e })));
        expect(edits.every((e) => e.newText === NEW)).toBe(true);

        // Every place the name is written in code, in every file: the declaration, `addresses: TeamActivation`,
        // `growth.TeamActivation` and the middle segment of `growth.TeamActivation.WizardBet.ClickablePrototype`.
        const expected = ws.files().flatMap((f) => nameRanges(ws.text(f), OLD).map((r) => rangeKey(f, r)));
        expect(new Set(expected.map((k) => k.split(':')[0]))).toEqual(new Set(['cadence.pom', 'discovery.pom', 'growth.pom']));
        expect(edits.map((e) => rangeKey(e.file, e.range)).sort()).toEqual(expected.sort());

        const renamed = Object.fromEntries(
            Object.entries(changes).map(([uri, list]) => [ws.fileOf(uri), applyEdits(ws.text(ws.fileOf(uri)), list)]),
        );
        expect(renamed['cadence.pom']).toContain(`relatesTo: growth.${NEW}.TemplatesBet, growth.${NEW}.StarterProjectBet,`);
        // A reference by short name does not spell the parent: renaming the parent leaves it as it is.
        expect(renamed['cadence.pom']).toContain('reviews: TemplatesBet, StarterProjectBet,');
        expect(renamed['discovery.pom']).toContain(`learnedFrom: growth.${NEW}.WizardBet.ClickablePrototype`);
        expect(renamed['growth.pom']).toContain(`ships: ${NEW}.WizardBet.BuildWizard, ${NEW}.WizardBet`);
        for (const text of Object.values(renamed)) expect(maskStringsAndComments(text)).not.toMatch(new RegExp(`\\b${OLD}\\b`));

        // Apply the edit as an editor does, and let the server validate the result: nothing new to report.
        for (const [file, text] of Object.entries(renamed)) await edit(file, text);
        await client.settle();
        const reported = Object.fromEntries(ws.uris().map((uri) => [ws.fileOf(uri), client.diagnostics(uri)]));
        expect(reported).toEqual(Object.fromEntries(ws.files().map((f) => [f, []])));

        // And the renamed references resolve: a qualified one in another file leads to the renamed declaration.
        const cadence = renamed['cadence.pom'];
        const target = (await client.connection.sendRequest(DefinitionRequest.type, {
            textDocument: { uri: ws.uri('cadence.pom') },
            position: positionOf(cadence, `growth.${NEW},`, 10),
        })) as LocationLink[] | null;
        expect(target?.map((l) => [ws.fileOf(l.targetUri), l.targetSelectionRange])).toEqual([
            ['growth.pom', rangeOf(renamed['growth.pom'], NEW, `opportunity ${NEW}`)],
        ]);
    });

    test('a name that is not a POM name is refused', async () => {
        const growth = ws.text('growth.pom');
        await expect(
            client.connection.sendRequest(RenameRequest.type, {
                textDocument: { uri: ws.uri('growth.pom') },
                position: positionOf(growth, `opportunity ${OLD}`, 13),
                newName: 'two words',
            }),
        ).rejects.toThrow(/not a valid POM name/);
    });
});

describe('completion', () => {
    /** growth.pom with `probe` appended, and the position of the `|` in it (which is not part of the text). */
    async function probe(text: string): Promise<{ uri: string; position: { line: number; character: number } }> {
        const base = `${ws.text('growth.pom')}\n`;
        const offset = base.length + text.indexOf('|');
        await edit('growth.pom', base + text.replace('|', ''));
        return { uri: ws.uri('growth.pom'), position: positionAt(base + text.replace('|', ''), offset) };
    }

    async function complete(text: string): Promise<string[]> {
        const { uri, position } = await probe(text);
        return labels(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
    }

    test('in a bet body, after an entry: the keys of a bet, no key of another kind, no abstract kind', async () => {
        const offered = await complete('bet Probe "Probe" {\n  hypothesis: "h"\n  |\n}\n');
        // `hypothesis` is stated already, so offering it again is optional.
        expect(offered).toEqual(
            expect.arrayContaining([
                'chooses',
                'targets',
                'toward',
                'type',
                'appetite',
                'confidence',
                'horizon',
                'owner',
                'funding',
                'status',
                'tags',
                'relatesTo',
                'starts',
                'ends',
            ]),
        );
        const foreign = ['informedBy', 'addresses', 'learnedFrom', 'contributesTo', 'feeds', 'leads', 'ships', 'moves', 'for', 'timebox'];
        expect(offered.filter((l) => foreign.includes(l))).toEqual([]);
        // Nested elements may start here, but not of an abstract kind (`abstract-kind` would flag them).
        expect(offered.filter((l) => ['element', 'execution'].includes(l))).toEqual([]);
    });

    test('in an empty bet body: the keys of a bet', async () => {
        const offered = await complete('bet Probe "Probe" {\n  |\n}\n');
        expect(offered).toEqual(expect.arrayContaining(['chooses', 'targets', 'toward', 'hypothesis', 'appetite', 'horizon', 'owner']));
        expect(offered).not.toContain('informedBy');
    });

    test('after `chooses:`: options, every option, and nothing else', async () => {
        const options = new Set(
            ws.files().flatMap((f) => [...maskStringsAndComments(ws.text(f)).matchAll(/\boption\s+([\w-]+)/g)].map((m) => m[1])),
        );
        expect(options.size).toBeGreaterThan(10);
        const offered = await complete('bet Probe "Probe" { hypothesis: "h"; chooses: | }\n');
        const names = offered.map((l) => l.slice(l.lastIndexOf('.') + 1));
        expect(names.filter((n) => !options.has(n))).toEqual([]);
        expect(new Set(names)).toEqual(options);
    });

    test('after `horizon:`: months, quarters and years', async () => {
        const offered = await complete('bet Probe "Probe" { hypothesis: "h"; horizon: | }\n');
        expect([...offered].sort()).toEqual(['months', 'quarters', 'years']);
    });
});

describe('quick fixes', () => {
    test('the server offers code actions', () => {
        expect(client.capabilities.codeActionProvider).toBeTruthy();
    });

    test('a missing-required warning has a quick fix that adds the missing entry', async () => {
        const file = 'platform.pom';
        const uri = ws.uri(file);
        const hypothesis =
            '    hypothesis: "If admins can export an audit log to their SIEM, the security review stops naming Acme as a gap in at least 8 of 10 reviews"\n';
        const text = replaceOnce(ws.text(file), hypothesis, '');
        await edit(file, text);
        await client.waitForDiagnostics(() => found(uri, 'missing-required').length > 0, 'missing-required in platform.pom');
        const [diagnostic] = found(uri, 'missing-required');
        expect(diagnostic.severity).toBe(DiagnosticSeverity.Warning);
        expect(diagnostic.range).toEqual(rangeOf(text, 'AuditLogBet', 'bet AuditLogBet'));

        const actions = ((await client.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] },
        })) ?? []) as Array<Command | CodeAction>;
        const fixes = actions.filter((a): a is CodeAction => 'kind' in a && a.kind === CodeActionKind.QuickFix);
        expect(fixes.length).toBeGreaterThan(0);
        const fix = fixes.find((a) => /hypothesis/.test(a.title)) ?? fixes[0];
        const resolved = fix.edit ? fix : await client.connection.sendRequest(CodeActionResolveRequest.type, fix);
        const edits = editsFor(resolved.edit, uri);
        expect(edits.length).toBeGreaterThan(0);

        const fixed = applyEdits(text, edits);
        const body = fixed.slice(fixed.indexOf('bet AuditLogBet'), fixed.indexOf('project AuditLogBuild'));
        expect(body).toMatch(/\n\s+hypothesis:/);
        await edit(file, fixed);
        expect(found(uri, 'missing-required')).toEqual([]);
    });
});

describe('formatting', () => {
    test('the server formats documents', () => {
        expect(client.capabilities.documentFormattingProvider).toBeTruthy();
    });

    test('a messy document is indented and tidied; no token or comment is lost; formatting again changes nothing', async () => {
        const file = 'funding.pom';
        const uri = ws.uri(file);
        const original = ws.text(file);
        // Strip the indentation, pad after colons and leave trailing blanks, outside comments.
        const messy = original
            .split('\n')
            .map((line) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? line : `${line.trim().replace(/^([\w-]+):\s*/, '$1:    ')}   `))
            .join('\n');
        expect(messy).not.toBe(original);
        const options = { tabSize: 2, insertSpaces: true };

        await edit(file, messy);
        const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options })) ?? [];
        expect(edits.length).toBeGreaterThan(0);
        const formatted = applyEdits(messy, edits);
        const tokens = (text: string) => text.replace(/\s+/g, '');
        expect(tokens(formatted)).toBe(tokens(original));
        expect(formatted).not.toMatch(/[ \t]+$/m);
        const entries = formatted.split('\n').filter((line) => /^\s*[\w-]+:\s/.test(line));
        expect(entries.length).toBeGreaterThan(20);
        for (const line of entries) expect(line).toMatch(/^ {2}[\w-]+: \S/);

        // Formatting is canonical: the messy text and the original format alike, and a second pass is a no-op.
        await edit(file, formatted);
        const again = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options })) ?? [];
        expect(applyEdits(formatted, again)).toBe(formatted);
        await edit(file, original);
        const fromOriginal =
            (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options })) ?? [];
        expect(applyEdits(original, fromOriginal)).toBe(formatted);
    });
});

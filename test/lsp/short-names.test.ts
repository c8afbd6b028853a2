// Short names and backlinks end to end through the bundled language server: acme's bet review names its bets by
// short name; references, rename and hover treat a short reference as they treat a qualified one; a second element
// of the same name, added in another file, makes the short name ambiguous in a file nobody touched, with one quick
// fix per candidate; and hover lists the backlinks of an element by relation, each a link to its place.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
    type CodeAction,
    CodeActionRequest,
    type Diagnostic,
    DiagnosticSeverity,
    type Hover,
    HoverRequest,
    type MarkupContent,
    ReferencesRequest,
    RenameRequest,
    type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import {
    AcmeEditor,
    type AcmeWorkspace,
    applyEdits,
    maskStringsAndComments,
    nameRanges,
    positionOf,
    rangeKey,
    rangeOf,
    startAcme,
} from './acme-workspace.js';
import type { LspClient } from './lsp-client.js';

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

const BET = 'TemplatesBet';
const SHORT = `reviews: ${BET},`;
const QUALIFIED = `growth.TeamActivation.${BET}`;

async function hoverText(file: string, needle: string, within: number): Promise<string> {
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: ws.uri(file) },
        position: positionOf(ws.text(file), needle, within),
    })) as Hover | null;
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('acme refers to its bets by short name', () => {
    test('the bet review names bets by short name, and another element by qualified name: both resolve, acme is clean', () => {
        const cadence = ws.text('cadence.pom');
        expect(cadence).toContain(SHORT);
        expect(cadence).toContain(QUALIFIED);
        expect(ws.uris().map((uri) => client.diagnostics(uri))).toEqual(ws.uris().map(() => []));
    });

    test('references of the bet list the short and the qualified reference alike', async () => {
        const growth = ws.text('growth.pom');
        const result = await client.connection.sendRequest(ReferencesRequest.type, {
            textDocument: { uri: ws.uri('growth.pom') },
            position: positionOf(growth, `bet ${BET}`, 5),
            context: { includeDeclaration: false },
        });
        const found = (result ?? []).map((l) => rangeKey(ws.fileOf(l.uri), l.range)).sort();
        const cadence = ws.text('cadence.pom');
        expect(found).toEqual(
            [rangeKey('cadence.pom', rangeOf(cadence, BET, SHORT)), rangeKey('cadence.pom', rangeOf(cadence, QUALIFIED))].sort(),
        );
    });

    test('rename rewrites the short reference whole and the qualified one in its last segment; the result is clean', async () => {
        // A bet no view selector names (selectors are strings, which rename leaves alone).
        const [OLD, NEW] = ['AiSummariesBet', 'CatchUpSummariesBet'];
        const collaboration = ws.text('collaboration.pom');
        const result = (await client.connection.sendRequest(RenameRequest.type, {
            textDocument: { uri: ws.uri('collaboration.pom') },
            position: positionOf(collaboration, `bet ${OLD}`, 5),
            newName: NEW,
        })) as WorkspaceEdit | null;
        const changes = result?.changes ?? {};
        const edits = Object.entries(changes).flatMap(([uri, list]) => list.map((e) => rangeKey(ws.fileOf(uri), e.range)));
        const expected = ['collaboration.pom', 'cadence.pom'].flatMap((f) => nameRanges(ws.text(f), OLD).map((r) => rangeKey(f, r)));
        expect(expected).toHaveLength(3);
        expect(edits.sort()).toEqual(expected.sort());
        const renamed = Object.fromEntries(
            Object.entries(changes).map(([uri, list]) => [ws.fileOf(uri), applyEdits(ws.text(ws.fileOf(uri)), list)]),
        );
        expect(renamed['cadence.pom']).toContain(`DigestBet, ${NEW}, SlackSyncBet`);
        expect(renamed['cadence.pom']).toContain(`collaboration.CatchUpOnChanges.${NEW},`);
        expect(maskStringsAndComments(renamed['cadence.pom'])).not.toMatch(new RegExp(`\\b${OLD}\\b`));
        for (const [file, text] of Object.entries(renamed)) await editor.edit(file, text);
        await client.settle();
        expect(ws.uris().map((uri) => client.diagnostics(uri))).toEqual(ws.uris().map(() => []));
    });

    test('rename to a short name another bet has is refused when a reference by that short name would become ambiguous', async () => {
        const collaboration = ws.text('collaboration.pom');
        await expect(
            client.connection.sendRequest(RenameRequest.type, {
                textDocument: { uri: ws.uri('collaboration.pom') },
                position: positionOf(collaboration, 'bet AiSummariesBet', 5),
                newName: 'SlackSyncBet',
            }),
        ).rejects.toThrow(
            '`acme.collaboration.MeetTeamsInSlack.SlackSyncBet` is also called `SlackSyncBet`, and references by that short name would become ambiguous.',
        );
    });

    test('moving the bet to another opportunity breaks the short reference nowhere; the qualified one is reported', async () => {
        const growth = ws.text('growth.pom');
        const start = growth.indexOf('  /** Q4: give leads a starting point');
        const end = growth.indexOf('\n  }\n', growth.indexOf(`bet ${BET}`)) + '\n  }\n'.length;
        const block = growth.slice(start, end);
        // Out of TeamActivation, to the top level of the file (as if moved under another parent).
        await editor.edit('growth.pom', `${growth.slice(0, start)}${growth.slice(end)}\n${block.replace(/^ {2}/gm, '')}`);
        const cadenceUri = ws.uri('cadence.pom');
        await client.waitForDiagnostics(
            () => (client.diagnostics(cadenceUri) ?? []).some((d) => d.code === 'unresolved-reference'),
            'the qualified reference no longer resolves',
        );
        const cadence = ws.text('cadence.pom');
        const reported = (client.diagnostics(cadenceUri) ?? []).map((d) => [d.code, rangeKey('cadence.pom', d.range), d.message]);
        expect(reported).toEqual([
            [
                'unresolved-reference',
                rangeKey('cadence.pom', rangeOf(cadence, QUALIFIED)),
                expect.stringMatching(new RegExp(`did you mean \`${BET}\``)),
            ],
        ]);
    });
});

describe('a short name made ambiguous from another file', () => {
    // In a file cadence.pom has no reference into, so only the name it writes can tell the server to look again.
    const SECOND = `\n/** Templates for admins. */\nbet ${BET} "Admin templates" {\n  hypothesis: "h"\n  chooses: ClientTreeVirtualisation\n}\n`;

    test('the file that uses it, untouched, gets ambiguous-reference; each quick fix picks a candidate and clears it', async () => {
        expect(maskStringsAndComments(ws.text('cadence.pom'))).not.toMatch(/\bmetrics\./);
        await editor.edit('metrics.pom', ws.text('metrics.pom') + SECOND);
        const uri = ws.uri('cadence.pom');
        const ambiguous = () => (client.diagnostics(uri) ?? []).filter((d) => d.code === 'ambiguous-reference');
        await client.waitForDiagnostics(() => ambiguous().length > 0, 'ambiguous-reference in cadence.pom');
        const cadence = ws.text('cadence.pom');
        const [diagnostic, ...others] = ambiguous() as Diagnostic[];
        expect(others).toEqual([]);
        expect(diagnostic.severity).toBe(DiagnosticSeverity.Error);
        expect(diagnostic.range).toEqual(rangeOf(cadence, BET, SHORT));
        expect(diagnostic.message).toBe(
            `\`${BET}\` could be \`acme.growth.TeamActivation.${BET}\` or \`acme.metrics.${BET}\`; ` +
                `qualify it to say which (\`TeamActivation.${BET}\` or \`metrics.${BET}\`).`,
        );

        const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] },
        })) as CodeAction[];
        expect(actions.map((a) => a.title)).toEqual([
            `Use TeamActivation.${BET} (acme.growth.TeamActivation.${BET})`,
            `Use metrics.${BET} (acme.metrics.${BET})`,
        ]);
        const fixed = applyEdits(cadence, actions[0].edit?.changes?.[uri] ?? []);
        expect(fixed).toContain(`reviews: TeamActivation.${BET},`);
        await editor.edit('cadence.pom', fixed);
        await client.waitForDiagnostics(() => ambiguous().length === 0, 'the ambiguity is resolved');
        expect(client.diagnostics(uri)).toEqual([]);
    });
});

describe('hover', () => {
    test('on a bet: its backlinks by relation, each a link to the element that states it, with metadata', async () => {
        const text = await hoverText('growth.pom', `bet ${BET}`, 5);
        const cadence = ws.text('cadence.pom');
        const at = (name: string, kind: string) => {
            const { line, character } = positionOf(cadence, `${kind} ${name}`);
            return `${ws.uri('cadence.pom')}#L${line + 1},${character + 1}`;
        };
        const backlinks = text.slice(text.indexOf('**Backlinks**'));
        expect(backlinks).toMatch(/^\*\*Backlinks\*\* \d+ links point here {2}\n/);
        expect(backlinks).toContain(`\`relatesTo\` ← [Roadmap](${at('Roadmap', 'artifact')})`);
        expect(backlinks).toContain(`\`reviews\` ← [MonthlyBetReview](${at('MonthlyBetReview', 'ritual')})`);
        // The nested experiment and project are `for` the bet by nesting.
        expect(backlinks).toMatch(/`for` ← \[LaunchTemplates\]\([^)]+\) \(nested\), \[TemplateFakeDoor\]\([^)]+\) \(nested\)/);
        // Relations in order, one per line.
        const relations = [...backlinks.matchAll(/^`(\w+)` ←/gm)].map((m) => m[1]);
        expect(relations).toEqual([...relations].sort());
    });

    test('on an input: a backlink with its metadata', async () => {
        const text = await hoverText('growth.pom', 'input OnboardingCompletion', 8);
        expect(text).toMatch(/`targets` ← .*\[TemplatesBet\]\([^)]+\) \(confidence: \*\*medium\*\*, expected: \*\*\\\+5pts\*\*\)/);
    });

    test('on a team: no lineage (a team is context), its backlinks capped with a count of the rest', async () => {
        const text = await hoverText('org.pom', 'team GrowthTeam', 6);
        expect(text).not.toContain('**Lineage**');
        expect(text).not.toContain('upstream');
        const owner = /`owner` ← (.*)$/m.exec(text)?.[1] ?? '';
        expect(owner.match(/\]\(/g)).toHaveLength(5);
        expect(owner).toMatch(/ and \d+ more$/);
    });
});

// End to end through the bundled language server over stdio: capabilities, start-up diagnostics, hover,
// definition, references, lineage navigation (call hierarchy and `pom/lineage`), the compiled model and symbols, on
// a private copy of examples/acme. Nothing here edits a document.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    CallHierarchyIncomingCallsRequest,
    type CallHierarchyItem,
    CallHierarchyOutgoingCallsRequest,
    CallHierarchyPrepareRequest,
    CodeLensRequest,
    DefinitionRequest,
    type DocumentSymbol,
    DocumentSymbolRequest,
    FoldingRangeRequest,
    type Hover,
    HoverRequest,
    InlayHintRequest,
    type Location,
    type LocationLink,
    type MarkupContent,
    type Position,
    type Range,
    ReferencesRequest,
    type SymbolInformation,
    TextDocumentContentRequest,
    TextDocumentSyncKind,
    TypeHierarchyPrepareRequest,
    TypeHierarchySupertypesRequest,
    type WorkspaceSymbol,
    WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import type { CompiledModel } from '../../packages/language/src/compile/compiled-model.js';
import { CompiledModelRequest, type LineageEntry, LineageRequest } from '../../packages/language/src/protocol/lsp-protocol.js';
import {
    type AcmeWorkspace,
    containsRange,
    maskStringsAndComments,
    positionAt,
    positionOf,
    rangeKey,
    rangeOf,
    startAcme,
    textAt,
} from './acme-workspace.js';
import { type LspClient, REPO_ROOT } from './lsp-client.js';

let ws: AcmeWorkspace;
let client: LspClient;

beforeAll(async () => {
    ({ ws, client } = await startAcme());
});

afterAll(async () => {
    await client?.stop();
    ws?.dispose();
});

/**
 * The request params that point `within` characters into `needle` in `file` (after `after`, when given); by default
 * into its last word, so that `bet WizardBet` points at the bet's name, not at its kind.
 */
function at(file: string, needle: string, within?: number, after?: string): { textDocument: { uri: string }; position: Position } {
    const offset = within ?? needle.lastIndexOf(' ') + 2;
    return { textDocument: { uri: ws.uri(file) }, position: positionOf(ws.text(file), needle, offset, after) };
}

async function hoverText(file: string, needle: string, within?: number, after?: string): Promise<string> {
    const hover = (await client.connection.sendRequest(HoverRequest.type, at(file, needle, within, after))) as Hover | null;
    expect(hover, `a hover on ${needle} in ${file}`).not.toBeNull();
    const contents = hover?.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    return contents.value;
}

interface Target {
    uri: string;
    range: Range;
}

function targets(result: Location | Location[] | LocationLink[] | null): Target[] {
    if (!result) return [];
    return (Array.isArray(result) ? result : [result]).map((l) =>
        'targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange } : { uri: l.uri, range: l.range },
    );
}

async function prelude(): Promise<string> {
    const { text } = await client.connection.sendRequest(TextDocumentContentRequest.type, { uri: 'builtin:///prelude.pom' });
    return text;
}

async function lineage(file: string, needle: string, direction: 'upstream' | 'downstream'): Promise<LineageEntry[]> {
    const { textDocument, position } = at(file, needle);
    return client.connection.sendRequest(LineageRequest, { uri: textDocument.uri, position, direction });
}

/** Every item reachable from `start` through incoming or outgoing calls, breadth first, each once. */
async function walk(start: CallHierarchyItem, direction: 'incoming' | 'outgoing'): Promise<CallHierarchyItem[]> {
    const key = (item: CallHierarchyItem) => `${item.uri}#${(item.data as { id?: string } | undefined)?.id ?? item.name}`;
    const seen = new Map<string, CallHierarchyItem>([[key(start), start]]);
    const queue = [start];
    while (queue.length > 0 && seen.size < 1_000) {
        const item = queue.shift() as CallHierarchyItem;
        const next =
            direction === 'incoming'
                ? ((await client.connection.sendRequest(CallHierarchyIncomingCallsRequest.type, { item })) ?? []).map((c) => c.from)
                : ((await client.connection.sendRequest(CallHierarchyOutgoingCallsRequest.type, { item })) ?? []).map((c) => c.to);
        for (const other of next) {
            if (seen.has(key(other))) continue;
            seen.set(key(other), other);
            queue.push(other);
        }
    }
    seen.delete(key(start));
    return [...seen.values()];
}

async function prepare(file: string, needle: string): Promise<CallHierarchyItem> {
    const items = await client.connection.sendRequest(CallHierarchyPrepareRequest.type, at(file, needle));
    expect(items, `a call hierarchy item for ${needle}`).toHaveLength(1);
    return (items as CallHierarchyItem[])[0];
}

describe('initialize', () => {
    test('advertises every feature an editor needs from the POM server', () => {
        const caps = client.capabilities;
        const advertised = {
            hover: caps.hoverProvider,
            definition: caps.definitionProvider,
            references: caps.referencesProvider,
            rename: caps.renameProvider,
            completion: caps.completionProvider,
            callHierarchy: caps.callHierarchyProvider,
            typeHierarchy: caps.typeHierarchyProvider,
            codeLens: caps.codeLensProvider,
            inlayHint: caps.inlayHintProvider,
            documentSymbol: caps.documentSymbolProvider,
            workspaceSymbol: caps.workspaceSymbolProvider,
            folding: caps.foldingRangeProvider,
        };
        const missing = Object.entries(advertised)
            .filter(([, value]) => !value)
            .map(([name]) => name);
        expect(missing).toEqual([]);
    });

    test('synchronises open documents, so edits reach the server as the user types', () => {
        const sync = client.capabilities.textDocumentSync;
        const change = typeof sync === 'number' ? sync : sync?.change;
        expect([TextDocumentSyncKind.Full, TextDocumentSyncKind.Incremental]).toContain(change);
        expect(typeof sync === 'object' && sync.openClose).toBe(true);
    });
});

describe('start-up diagnostics', () => {
    test('every acme file is validated on start-up, none of them opened, and acme is clean', () => {
        const found = Object.fromEntries(ws.files().map((f) => [f, client.diagnostics(ws.uri(f))]));
        expect(found).toEqual(Object.fromEntries(ws.files().map((f) => [f, []])));
    });
});

describe('hover', () => {
    test('on a bet name: kind, title, effective horizon and a lineage summary that agrees with pom/lineage', async () => {
        const text = await hoverText('growth.pom', 'WizardBet', 2, 'bet WizardBet');
        expect(text).toContain('**bet** `acme.growth.TeamActivation.WizardBet` — A guided setup lifts completion');
        expect(text).toContain('horizon: **quarters**');
        expect(text).not.toContain('horizon: **quarters** (from');

        const up = await lineage('growth.pom', 'bet WizardBet', 'upstream');
        const down = await lineage('growth.pom', 'bet WizardBet', 'downstream');
        expect(text).toContain(`↑ ${up.length} upstream · ↓ ${down.length} downstream`);
        const insights = up.filter((e) => e.kind === 'insight').map((e) => e.name);
        expect(insights.length).toBeGreaterThan(0);
        expect(text).toContain(`traces to ${insights.length} insights: ${[...insights].sort().join(', ')}`);
        expect(text).toMatch(/reaches north star WeeklyCollaboratingTeams\b/);
    });

    test('on a nested element: the horizon, owner and funding it inherits, each with where it comes from', async () => {
        const text = await hoverText('collaboration.pom', 'SlackAppBuild', 2);
        expect(text).toContain('**project** `acme.collaboration.MeetTeamsInSlack.SlackSyncBet.SlackAppBuild` — Build the Slack app');
        expect(text).toContain('horizon: **quarters** (from SlackSyncBet)');
        expect(text).toContain('owner: **IntegrationsTeam** (from MeetTeamsInSlack)');
        expect(text).toContain('funding: **SlackAppProject** (from SlackSyncBet)');
    });

    test('context along links: work linked `for` a bet takes its horizon, owner and funding, each with its path', async () => {
        const text = await hoverText('platform.pom', 'workstream SsoAdminGuide');
        expect(text).toContain('horizon: **quarters** (from SsoBet via for)');
        expect(text).toContain('owner: **PlatformTeam** (from EnterpriseReadiness via for)');
        expect(text).toContain('funding: **EnterpriseVenture** (from SsoBet via for)');
    });

    test('an owning team’s funding reaches its work; several owners and a counted horizon show as written', async () => {
        const reliability = await hoverText('platform.pom', 'bet ReliabilityBet');
        expect(reliability).toContain('funding: **PlatformPersistent** (from PlatformTeam via owner)');
        expect(reliability).toContain('owner: **PlatformTeam** (from FastAtScale)');
        const activation = await hoverText('strategy.pom', 'driver Activation');
        expect(activation).toContain('owners: **GrowthTeam, CollaborationTeam**');
        const performance = await hoverText('platform.pom', 'bet PerformanceBet');
        expect(performance).toContain('horizon: **2 quarters** (quarters band)');
    });

    test('a multi-line hypothesis renders as Markdown, on the bet and inside the string itself', async () => {
        const markdown =
            '**hypothesis**\n\nIf new workspaces get a **guided setup** instead of a checklist, onboarding completion rises\n' +
            "from 42% to 55% within a quarter.\n\nWe are wrong if completion moves less than 5 pts, or if setup takes longer than today's median of 9 minutes.";
        expect(await hoverText('growth.pom', 'WizardBet', 2, 'bet WizardBet')).toContain(markdown);
        expect(await hoverText('growth.pom', 'within a quarter', 2)).toBe(markdown);
        const sso = await hoverText('platform.pom', 'SsoBet', 2, 'bet SsoBet');
        expect(sso).toContain('**hypothesis**\n\nIf we ship SAML SSO and SCIM:\n- 15 of the 23 blocked deals close within two quarters;\n');
    });

    test('on a reference with link metadata: the link, its metadata, then the target', async () => {
        const text = await hoverText('growth.pom', 'OnboardingCompletion [confidence: medium', 3);
        const [link, target] = text.split('\n\n---\n\n');
        expect(link).toBe('**Link** `targets` → `OnboardingCompletion` · confidence: **medium** · expected: **\\+10pts**');
        expect(target).toContain('**input** `acme.growth.OnboardingCompletion` — Onboarding completion');
    });

    test('on a plain reference: the target alone, no link line', async () => {
        const text = await hoverText('collaboration.pom', 'WorkHappensInSlack', 2, 'informedBy: discovery.WorkHappensInSlack');
        expect(text).not.toContain('**Link**');
        expect(text).toContain('**insight** `acme.discovery.WorkHappensInSlack`');
    });
});

describe('definition', () => {
    test('on an element reference: the declaration in another file', async () => {
        const result = await client.connection.sendRequest(
            DefinitionRequest.type,
            at('collaboration.pom', 'WorkHappensInSlack', 2, 'informedBy: discovery.WorkHappensInSlack'),
        );
        const discovery = ws.text('discovery.pom');
        expect(targets(result)).toEqual([
            { uri: ws.uri('discovery.pom'), range: rangeOf(discovery, 'WorkHappensInSlack', 'insight WorkHappensInSlack') },
        ]);
    });

    test('on a kind name: the kind in the prelude, a read-only builtin: document the server serves', async () => {
        const found = targets(await client.connection.sendRequest(DefinitionRequest.type, at('growth.pom', 'bet WizardBet', 1)));
        expect(found).toHaveLength(1);
        expect(found[0].uri).toMatch(/^builtin:/);
        const text = await prelude();
        expect(textAt(text, found[0].range)).toBe('bet');
        expect(text.split('\n')[found[0].range.start.line]).toMatch(/^kind bet\b/);
    });

    test('on an entry key: its field declaration in the prelude', async () => {
        const found = targets(
            await client.connection.sendRequest(DefinitionRequest.type, at('growth.pom', 'hypothesis', 2, 'bet WizardBet')),
        );
        expect(found).toHaveLength(1);
        expect(found[0].uri).toMatch(/^builtin:/);
        const text = await prelude();
        expect(textAt(text, found[0].range)).toBe('hypothesis');
        expect(text.split('\n')[found[0].range.start.line].trim()).toMatch(/^field hypothesis: string\b/);
    });
});

describe('references', () => {
    test('of a driver: every reference in every file, qualified or not, and not the declaration', async () => {
        const result = await client.connection.sendRequest(ReferencesRequest.type, {
            ...at('strategy.pom', 'driver Activation', 8),
            context: { includeDeclaration: false },
        });
        const found = (result ?? []).map((l) => rangeKey(ws.fileOf(l.uri), l.range)).sort();

        // Every place the name is written as a reference: `Activation` or `strategy.Activation`, outside strings
        // and comments, not as the first segment of a longer path, and not the declaration.
        const expected: string[] = [];
        for (const file of ws.files()) {
            const text = ws.text(file);
            const code = maskStringsAndComments(text);
            for (const m of code.matchAll(/(?<![\w.-])((?:[\w-]+\.)*Activation)(?![\w.-])/g)) {
                if (/driver\s+$/.test(code.slice(0, m.index))) continue;
                expected.push(rangeKey(file, { start: positionAt(text, m.index), end: positionAt(text, m.index + m[1].length) }));
            }
        }
        expect(new Set(expected.map((k) => k.split(':')[0]))).toEqual(
            new Set(['cadence.pom', 'discovery.pom', 'growth.pom', 'strategy.pom']),
        );
        expect(found).toEqual(expected.sort());
    });
});

describe('call hierarchy: lineage navigation', () => {
    test('prepare on a bet name gives the bet', async () => {
        const item = await prepare('growth.pom', 'bet WizardBet');
        expect(item).toMatchObject({ name: 'WizardBet', uri: ws.uri('growth.pom'), detail: 'bet · A guided setup lifts completion' });
        expect(item.selectionRange).toEqual(rangeOf(ws.text('growth.pom'), 'WizardBet', 'bet WizardBet'));
    });

    test('incoming calls are upstream: from a bet, walked transitively, they reach the insights it rests on', async () => {
        const bet = await prepare('growth.pom', 'bet WizardBet');
        const direct = (await client.connection.sendRequest(CallHierarchyIncomingCallsRequest.type, { item: bet })) ?? [];
        expect(direct.map((c) => c.from.name)).toContain('GuidedSetup');
        const upstream = await walk(bet, 'incoming');
        const insights = upstream.filter((i) => i.detail?.startsWith('insight'));
        expect(insights.map((i) => i.name)).toContain('LoneCreatorsChurn');
        expect(insights.every((i) => i.uri === ws.uri('discovery.pom'))).toBe(true);
    });

    test('outgoing calls are downstream: from a bet, walked transitively, they reach the north star of acme.strategy', async () => {
        const bet = await prepare('growth.pom', 'bet WizardBet');
        const downstream = await walk(bet, 'outgoing');
        const northstars = downstream.filter((i) => i.detail?.split(' · ')[0] === 'northstar');
        expect(northstars.map((i) => [i.name, ws.fileOf(i.uri)])).toEqual([['WeeklyCollaboratingTeams', 'strategy.pom']]);
        expect(northstars[0].selectionRange).toEqual(
            rangeOf(ws.text('strategy.pom'), 'WeeklyCollaboratingTeams', 'northstar WeeklyCollaboratingTeams'),
        );
    });

    test('the execution nested in a bet is its direct downstream (the implied `for`)', async () => {
        const bet = await prepare('growth.pom', 'bet WizardBet');
        const direct = (await client.connection.sendRequest(CallHierarchyOutgoingCallsRequest.type, { item: bet })) ?? [];
        expect(direct.map((c) => c.to.name)).toEqual(expect.arrayContaining(['ClickablePrototype', 'WizardAbTest', 'BuildWizard']));
        const experiment = await prepare('growth.pom', 'experiment ClickablePrototype');
        const incoming = (await client.connection.sendRequest(CallHierarchyIncomingCallsRequest.type, { item: experiment })) ?? [];
        expect(incoming.map((c) => c.from.name)).toEqual(['WizardBet']);
    });
});

describe('pom/lineage', () => {
    test('upstream of a bet, nearest first: the option it chooses, the opportunity, then the insights', async () => {
        const up = await lineage('growth.pom', 'bet WizardBet', 'upstream');
        const at = (name: string) => up.find((e) => e.name === name);
        expect(at('GuidedSetup')).toMatchObject({ kind: 'option', distance: 1, id: 'acme.growth.TeamActivation.GuidedSetup' });
        expect(at('TeamActivation')).toMatchObject({ kind: 'opportunity', distance: 2, uri: ws.uri('growth.pom') });
        expect(at('LoneCreatorsChurn')).toMatchObject({ kind: 'insight', distance: 3, uri: ws.uri('discovery.pom') });
        expect(up.map((e) => e.distance)).toEqual([...up.map((e) => e.distance)].sort((a, b) => a - b));
        expect(new Set(up.map((e) => e.id)).size).toBe(up.length);
    });

    test('downstream of a bet reaches the north star, with the range of its declaration', async () => {
        const down = await lineage('growth.pom', 'bet WizardBet', 'downstream');
        const northstar = down.find((e) => e.kind === 'northstar');
        expect(northstar).toMatchObject({ id: 'acme.strategy.WeeklyCollaboratingTeams', uri: ws.uri('strategy.pom') });
        // The range is the declaration's: the whole element or its name, either way holding the name.
        const strategy = ws.text('strategy.pom');
        const name = rangeOf(strategy, 'WeeklyCollaboratingTeams', 'northstar WeeklyCollaboratingTeams');
        expect(northstar && containsRange(northstar.range, name)).toBe(true);
        expect(down.map((e) => e.kind)).not.toContain('insight');
    });

    test('nothing upstream of an insight that learned from nothing', async () => {
        expect(await lineage('discovery.pom', 'insight LoneCreatorsChurn', 'upstream')).toEqual([]);
    });
});

describe('pom/compiledModel', () => {
    test('is the model `pom compile examples/acme` writes: the same elements', async () => {
        const served = await client.connection.sendRequest(CompiledModelRequest, {});
        const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'packages/cli/bin/pom.js'), 'compile', 'examples/acme'], {
            cwd: REPO_ROOT,
            encoding: 'utf8',
            timeout: 60_000,
        });
        expect(cli.status, cli.stderr).toBe(0);
        const compiled = JSON.parse(cli.stdout) as CompiledModel;
        expect(compiled.elements.length).toBeGreaterThan(100);
        expect(served.elements.length).toBe(compiled.elements.length);
        expect(served.elements.map((e) => e.id).sort()).toEqual(compiled.elements.map((e) => e.id).sort());
        expect(served.links.length).toBe(compiled.links.length);
    });
});

describe('symbols', () => {
    test('a workspace symbol query with an element’s simple name finds it', async () => {
        const result = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'WizardBet' })) as
            | SymbolInformation[]
            | WorkspaceSymbol[]
            | null;
        const found = (result ?? []).map((s) => ({
            name: s.name,
            uri: s.location.uri,
            range: 'range' in s.location ? s.location.range : undefined,
        }));
        expect(found).toContainEqual({
            name: 'acme.growth.TeamActivation.WizardBet',
            uri: ws.uri('growth.pom'),
            range: rangeOf(ws.text('growth.pom'), 'WizardBet', 'bet WizardBet'),
        });
    });

    test('a workspace symbol query with a namespace finds the elements in it', async () => {
        const result = ((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'acme.investment' })) ??
            []) as SymbolInformation[];
        const funding = result.filter((s) => s.location.uri === ws.uri('funding.pom')).map((s) => s.name);
        expect(funding.sort()).toEqual(
            ['CollaborationQ4', 'EnterpriseVenture', 'GrowthQ3', 'GrowthQ4', 'PlatformPersistent', 'SlackAppProject'].map(
                (n) => `acme.investment.${n}`,
            ),
        );
    });

    test('document symbols are a nested outline: opportunity › bet › experiment', async () => {
        const symbols = ((await client.connection.sendRequest(DocumentSymbolRequest.type, {
            textDocument: { uri: ws.uri('growth.pom') },
        })) ?? []) as DocumentSymbol[];
        const child = (list: DocumentSymbol[] | undefined, name: string) => list?.find((s) => s.name === name);
        const opportunity = child(symbols, 'TeamActivation');
        const bet = child(opportunity?.children, 'WizardBet');
        const growth = ws.text('growth.pom');
        expect(bet?.selectionRange).toEqual(rangeOf(growth, 'WizardBet', 'bet WizardBet'));
        expect(bet?.children?.map((s) => s.name)).toEqual(['ClickablePrototype', 'WizardAbTest', 'BuildWizard']);
        expect(opportunity?.children?.map((s) => s.name)).toEqual(
            expect.arrayContaining(['GuidedSetup', 'WizardBet', 'InviteBet', 'TemplatesBet', 'StarterProjectBet']),
        );
        for (const name of ['OnboardingCompletion', 'GuidedSetupGa', 'WizardImpact']) expect(child(symbols, name)).toBeDefined();
        expect(child(symbols, 'WizardBet')).toBeUndefined();
    });
});

describe('code lens, inlay hints, type hierarchy, folding', () => {
    test('a code lens above a bet summarises its lineage as the hover does', async () => {
        const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: ws.uri('growth.pom') } })) ?? [];
        const growth = ws.text('growth.pom');
        const lens = lenses.find((l) => l.range.start.line === positionOf(growth, 'bet WizardBet').line);
        const up = await lineage('growth.pom', 'bet WizardBet', 'upstream');
        const insights = up.filter((e) => e.kind === 'insight').length;
        expect(lens?.command?.title).toMatch(
            new RegExp(`^↑ ${up.length} upstream \\(${insights} insights\\) · ↓ \\d+ downstream, reaching WeeklyCollaboratingTeams`),
        );
    });

    test('an inlay hint after a nested element shows the horizon and owner it inherits, in the range asked for', async () => {
        // An editor asks for the hints of the lines on screen, here those of the element alone.
        const collaboration = ws.text('collaboration.pom');
        const line = positionOf(collaboration, 'project SlackAppBuild').line;
        const hints =
            (await client.connection.sendRequest(InlayHintRequest.type, {
                textDocument: { uri: ws.uri('collaboration.pom') },
                range: { start: { line, character: 0 }, end: { line: line + 4, character: 0 } },
            })) ?? [];
        const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).trim());
        expect(labels).toEqual(['horizon: quarters, owner: IntegrationsTeam, funding: SlackAppProject']);
        expect(hints[0].position).toEqual(rangeOf(collaboration, '"Build the Slack app"').end);
    });

    test('inlay hints show context inherited along `for` and an owner’s funding, with where each comes from', async () => {
        const platform = ws.text('platform.pom');
        const hintsOn = async (needle: string) => {
            const line = positionOf(platform, needle).line;
            const hints =
                (await client.connection.sendRequest(InlayHintRequest.type, {
                    textDocument: { uri: ws.uri('platform.pom') },
                    range: { start: { line, character: 0 }, end: { line, character: 200 } },
                })) ?? [];
            return hints.map((h) => ({
                label: (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).trim(),
                tooltip: h.tooltip,
            }));
        };
        expect(await hintsOn('workstream SsoAdminGuide')).toEqual([
            {
                label: 'horizon: quarters, owner: PlatformTeam, funding: EnterpriseVenture',
                tooltip: 'Inherited: horizon from SsoBet via for; owner from EnterpriseReadiness via for; funding from SsoBet via for',
            },
        ]);
        expect(await hintsOn('bet ReliabilityBet')).toEqual([
            {
                label: 'owner: PlatformTeam, funding: PlatformPersistent',
                tooltip: 'Inherited: owner from FastAtScale; funding from PlatformTeam via owner',
            },
        ]);
    });

    test('the type hierarchy of a user kind goes up through the prelude', async () => {
        const items =
            (await client.connection.sendRequest(
                TypeHierarchyPrepareRequest.type,
                at('collaboration.pom', 'spike SummaryQualitySpike', 1),
            )) ?? [];
        expect(items.map((i) => i.name)).toEqual(['acme.spike']);
        const up = (await client.connection.sendRequest(TypeHierarchySupertypesRequest.type, { item: items[0] })) ?? [];
        expect(up.map((i) => i.name)).toEqual(['experiment']);
        expect(up[0].uri).toMatch(/^builtin:/);
    });

    test('an element body folds from its first to its last line', async () => {
        const ranges =
            (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: ws.uri('growth.pom') } })) ?? [];
        const growth = ws.text('growth.pom');
        const start = positionOf(growth, 'opportunity TeamActivation').line;
        const folded = ranges.find((r) => r.startLine === start);
        expect(folded).toBeDefined();
        expect(growth.split('\n')[folded?.endLine ?? 0].trim()).toMatch(/^}?$/);
        expect(folded?.endLine).toBeGreaterThan(positionOf(growth, 'bet StarterProjectBet').line);
    });
});

describe('views', () => {
    test('hover on a name inside a selector is the element’s hover', async () => {
        const text = await hoverText('views.pom', "'+WizardBet+'", 4);
        expect(text).toContain('**bet** `acme.growth.TeamActivation.WizardBet` — A guided setup lifts completion');
    });

    test('hover on `kind:` inside a selector is the kind', async () => {
        const text = await hoverText('views.pom', "'kind:outcome'", 8);
        expect(text).toMatch(/outcome/);
        expect(text).not.toContain('acme.');
    });

    test('definition on a name inside a selector opens the element, from the name in the string', async () => {
        const result = await client.connection.sendRequest(DefinitionRequest.type, at('views.pom', "'1+ClickablePrototype'", 6));
        expect(targets(result)).toEqual([
            {
                uri: ws.uri('growth.pom'),
                range: rangeOf(ws.text('growth.pom'), 'ClickablePrototype', 'experiment ClickablePrototype'),
            },
        ]);
    });

    test('the served model has the views `pom compile` writes', async () => {
        const served = await client.connection.sendRequest(CompiledModelRequest, {});
        expect(served.views?.map((v) => v.name)).toEqual(['GrowthStory', 'GrowthTeamBets', 'LearningLoops', 'WholeModel']);
        const growth = served.views?.find((v) => v.name === 'GrowthStory');
        expect(growth?.elements).toContain('acme.growth.TeamActivation.WizardBet');
        expect(growth?.elements.some((id) => id.startsWith('acme.metrics.'))).toBe(false);
    });

    test('views are in the outline and fold', async () => {
        const symbols = ((await client.connection.sendRequest(DocumentSymbolRequest.type, {
            textDocument: { uri: ws.uri('views.pom') },
        })) ?? []) as DocumentSymbol[];
        expect(symbols.map((s) => [s.name, s.detail])).toContainEqual(['GrowthStory', 'view · How growth bets reach the north star']);
        const ranges =
            (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: ws.uri('views.pom') } })) ?? [];
        const start = positionOf(ws.text('views.pom'), 'view GrowthStory "').line;
        expect(ranges.find((r) => r.startLine === start)?.endLine).toBe(positionOf(ws.text('views.pom'), 'layout: flow').line);
    });
});

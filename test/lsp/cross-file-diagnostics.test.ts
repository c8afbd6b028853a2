// End to end through the bundled language server over stdio: workspace-wide diagnostics stay true in
// files nobody edited. An edit in one file of a private acme copy must turn a rule on in another file, published for
// that other file without any edit to it, and undoing the edit must turn it off again.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { AcmeEditor, type AcmeWorkspace, rangeOf, replaceOnce, startAcme } from './acme-workspace.js';
import type { LspClient } from './lsp-client.js';

let ws: AcmeWorkspace;
let client: LspClient;
let editor: AcmeEditor;

/**
 * A bet that rests on WorkHappensInSlack only through collaboration.pom: this file never names discovery.pom, so
 * no reference of its own breaks when that insight goes, and only a workspace-wide re-check can tell it.
 */
const FOLLOWUPS = `// Follow-up bets, kept apart from the areas they build on.
namespace acme.followups

bet SlackDigestBet "A Slack digest keeps at-risk teams engaged" {
  chooses: collaboration.MeetTeamsInSlack.SlackNotificationsOnly
  toward: strategy.TeamRetention
  hypothesis: "If at-risk teams get a weekly digest in Slack, their week-12 retention rises by 2 points"
}
`;

beforeAll(async () => {
    ({ ws, client } = await startAcme({ 'followups.pom': FOLLOWUPS }));
    editor = new AcmeEditor(ws, client);
});

afterEach(() => editor.restoreTouched());

afterAll(async () => {
    await client?.stop();
    ws?.dispose();
});

const edit = (file: string, text: string) => editor.edit(file, text);

function found(file: string, code: string): Diagnostic[] {
    return (client.diagnostics(ws.uri(file)) ?? []).filter((d) => d.code === code);
}

/** Waits until `file` has a `code` diagnostic (when `on`) or none (when not). */
function waitFor(file: string, code: string, on: boolean): Promise<void> {
    return client.waitForDiagnostics(
        () => found(file, code).length > 0 === on,
        `${code} ${on ? 'reported' : 'no longer reported'} in ${file}`,
    );
}

/** `text` without the element declared by `declaration`, its doc comment and the blank line after it. */
function withoutElement(text: string, declaration: string): string {
    const start = text.lastIndexOf('/**', text.indexOf(declaration));
    const end = text.indexOf('\n}\n', start) + 3;
    const removed = text.slice(start, end);
    expect(removed.match(/^(insight|opportunity|option|bet)(?= )/gm)).toEqual([declaration.split(' ')[0]]);
    return text.slice(0, start) + text.slice(end).replace(/^\n/, '');
}

describe('diagnostics stay true across files', () => {
    test('acme and the follow-up bet start clean', () => {
        expect(Object.fromEntries(ws.files().map((f) => [f, client.diagnostics(ws.uri(f))]))).toEqual(
            Object.fromEntries(ws.files().map((f) => [f, []])),
        );
        expect(ws.files()).toContain('followups.pom');
    });

    test('deleting the one insight behind an opportunity turns no-upstream on in the opportunity’s file; undoing turns it off', async () => {
        // MeetTeamsInSlack (collaboration.pom) is informed by one insight, WorkHappensInSlack (discovery.pom).
        const collaboration = ws.text('collaboration.pom');
        expect(collaboration).toMatch(
            /opportunity MeetTeamsInSlack [^{]*\{\n {2}horizon: years\n.*\n {2}informedBy: discovery\.WorkHappensInSlack\n/,
        );
        expect(found('collaboration.pom', 'no-upstream')).toEqual([]);

        await edit('discovery.pom', withoutElement(ws.text('discovery.pom'), 'insight WorkHappensInSlack'));
        await waitFor('collaboration.pom', 'no-upstream', true);
        const opportunity = found('collaboration.pom', 'no-upstream').filter(
            (d) => d.range.start.line === rangeOf(collaboration, 'MeetTeamsInSlack', 'opportunity MeetTeamsInSlack').start.line,
        );
        expect(opportunity.map((d) => [d.severity, d.range])).toEqual([
            [DiagnosticSeverity.Information, rangeOf(collaboration, 'MeetTeamsInSlack', 'opportunity MeetTeamsInSlack')],
        ]);
        expect(opportunity[0].message).toContain('`MeetTeamsInSlack`');
        // The other file was never opened or edited: the server published this on its own.
        expect(client.isOpen(ws.uri('collaboration.pom'))).toBe(false);
        // Downstream of it, in a file that names neither discovery.pom nor the insight, the bet loses its upstream too.
        await waitFor('followups.pom', 'no-upstream', true);
        expect(found('followups.pom', 'no-upstream').map((d) => d.range)).toEqual([rangeOf(FOLLOWUPS, 'SlackDigestBet')]);
        expect(client.isOpen(ws.uri('followups.pom'))).toBe(false);
        // An opportunity resting on other insights is untouched.
        expect(client.diagnostics(ws.uri('platform.pom'))).toEqual([]);

        await edit('discovery.pom', ws.text('discovery.pom'));
        await waitFor('collaboration.pom', 'no-upstream', false);
        await waitFor('followups.pom', 'no-upstream', false);
        await editor.waitClean('acme is clean once the insight is back');
    });

    test('an edit that closes a flow cycle through another file’s element reports flow-cycle there; undoing clears it', async () => {
        // growth.pom states OnboardingCompletion → strategy.Activation. Making Activation (strategy.pom) flow back
        // into OnboardingCompletion closes a cycle whose other link is written in growth.pom.
        const strategy = ws.text('strategy.pom');
        const cyclic = replaceOnce(
            replaceOnce(
                strategy,
                'namespace acme.strategy\n',
                'namespace acme.strategy\n\nkind cluster extends driver "Driver cluster" { relation drives: input* downstream }\n',
            ),
            'driver Activation "Activation: new teams collaborate in week one" {\n',
            'cluster Activation "Activation: new teams collaborate in week one" {\n  drives: growth.OnboardingCompletion\n',
        );
        await edit('strategy.pom', cyclic);
        await waitFor('growth.pom', 'flow-cycle', true);
        const growth = ws.text('growth.pom');
        expect(found('growth.pom', 'flow-cycle').map((d) => [d.severity, d.range])).toEqual([
            [DiagnosticSeverity.Error, rangeOf(growth, 'strategy.Activation', 'contributesTo: strategy.Activation [weight: 0.3]')],
        ]);
        expect(found('strategy.pom', 'flow-cycle').map((d) => d.range)).toEqual([rangeOf(cyclic, 'growth.OnboardingCompletion')]);
        expect(client.isOpen(ws.uri('growth.pom'))).toBe(false);

        await edit('strategy.pom', strategy);
        await waitFor('growth.pom', 'flow-cycle', false);
        await editor.waitClean('acme is clean once the cycle is undone');
    });

    test('removing the only reference to an element in another file makes it an orphan there; undoing clears it', async () => {
        // metrics.InviteSpamRate has no relations of its own; growth.pom's InviteBet is all that links to it.
        const referencing = ws.files().filter((f) => f !== 'metrics.pom' && ws.text(f).includes('InviteSpamRate'));
        expect(referencing).toEqual(['growth.pom']);
        const growth = ws.text('growth.pom');
        await edit('growth.pom', replaceOnce(growth, '    relatesTo: metrics.InviteSpamRate\n', ''));
        await waitFor('metrics.pom', 'orphan', true);
        const metrics = ws.text('metrics.pom');
        expect(found('metrics.pom', 'orphan').map((d) => [d.severity, d.range])).toEqual([
            [DiagnosticSeverity.Hint, rangeOf(metrics, 'InviteSpamRate', 'guardrail InviteSpamRate')],
        ]);
        expect(client.isOpen(ws.uri('metrics.pom'))).toBe(false);

        await edit('growth.pom', growth);
        await waitFor('metrics.pom', 'orphan', false);
        await editor.waitClean('acme is clean once the reference is back');
    });

    test('a duplicate name added in a new file is reported in the file that had the name first; undoing clears it', async () => {
        const notes = ws.uri('notes.pom');
        const empty = '// Scratch notes on the strategy.\nnamespace acme.strategy\n';
        await client.open(notes, empty);
        await client.waitForDiagnostics((view) => view.published(notes) > 0, 'notes.pom validated');
        await client.settle();
        expect(client.diagnostics(notes)).toEqual([]);

        const before = client.published(notes);
        const duplicate = `${empty}\ndriver Activation "Activation, again" { feeds: WeeklyCollaboratingTeams }\n`;
        await client.change(notes, duplicate);
        await waitFor('strategy.pom', 'duplicate-name', true);
        const strategy = ws.text('strategy.pom');
        const [inStrategy, ...more] = found('strategy.pom', 'duplicate-name');
        expect(more).toEqual([]);
        expect([inStrategy.severity, inStrategy.range]).toEqual([
            DiagnosticSeverity.Error,
            rangeOf(strategy, 'Activation', 'driver Activation'),
        ]);
        expect(inStrategy.message).toContain('notes.pom:4');
        await client.waitForDiagnostics((view) => view.published(notes) > before, 'notes.pom validated again');
        expect((client.diagnostics(notes) ?? []).filter((d) => d.code === 'duplicate-name').map((d) => d.range)).toEqual([
            rangeOf(duplicate, 'Activation', 'driver Activation'),
        ]);

        await client.change(notes, empty);
        await waitFor('strategy.pom', 'duplicate-name', false);
        await client.close(notes);
        await editor.waitClean('acme is clean once the duplicate is gone');
    });
});

// Quick fixes: each is applied to the text, the workspace is validated again, and the diagnostic it fixes must
// be gone (and the text must still parse).
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { PomCodeActionProvider } from '../src/lsp/pom-code-action-provider.js';
import { fixture, type Loaded, load } from './helpers.js';

const MODEL = { 'growth.pom': fixture('lsp/growth.pom'), 'kinds.pom': fixture('lsp/kinds.pom') };
const PROBLEMS = fixture('lsp/problems.pom');

interface Problem {
    loaded: Loaded;
    document: LangiumDocument;
    diagnostic: Diagnostic;
    actions: CodeAction[];
}

/** Loads `text` as c.pom beside the model and asks for the fixes of its diagnostic `code` on `line` (1-based). */
async function problem(text: string, code: string, line: number, message?: RegExp): Promise<Problem> {
    const loaded = await load({ ...MODEL, 'c.pom': text });
    const document = loaded.documents[2];
    const diagnostic = document.diagnostics?.find(
        (d) =>
            d.code === code &&
            d.range.start.line === line - 1 &&
            (!message || message.test(String(typeof d.message === 'string' ? d.message : d.message.value))),
    );
    if (!diagnostic)
        throw new Error(
            `no ${code} on line ${line}: ${JSON.stringify(document.diagnostics?.map((d) => [d.code, d.range.start.line + 1]))}`,
        );
    const provider = loaded.pom.lsp.CodeActionProvider;
    expect(provider).toBeInstanceOf(PomCodeActionProvider);
    const actions = await provider?.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
    });
    return { loaded, document, diagnostic, actions: (actions ?? []) as CodeAction[] };
}

function action(p: Problem, title: string): CodeAction {
    const found = p.actions.find((a) => a.title === title);
    if (!found) throw new Error(`no action "${title}"; got ${p.actions.map((a) => a.title).join(', ')}`);
    return found;
}

/** The document's text with the action's edits applied, last edit first so earlier offsets stay valid. */
function applied(p: Problem, a: CodeAction): string {
    const edits = a.edit?.changes?.[p.document.uri.toString()] ?? [];
    const doc = p.document.textDocument;
    let text = doc.getText();
    const byOffset = [...edits].sort((x: TextEdit, y: TextEdit) => doc.offsetAt(y.range.start) - doc.offsetAt(x.range.start));
    for (const edit of byOffset) {
        text = text.slice(0, doc.offsetAt(edit.range.start)) + edit.newText + text.slice(doc.offsetAt(edit.range.end));
    }
    return text;
}

/** Applies the action and validates the workspace again; returns the fixed text and its diagnostics. */
async function fix(p: Problem, title: string): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const a = action(p, title);
    expect(a.kind).toBe('quickfix');
    expect(a.diagnostics).toEqual([p.diagnostic]);
    const text = applied(p, a);
    const { documents } = await load({ ...MODEL, 'c.pom': text });
    const diagnostics = documents[2].diagnostics ?? [];
    expect(diagnostics.filter((d) => d.code === 'parsing-error' || d.code === 'lexing-error')).toEqual([]);
    return { text, diagnostics };
}

const codes = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

describe('unresolved-reference', () => {
    test('"Use" a close name replaces the reference', async () => {
        const p = await problem(PROBLEMS, 'unresolved-reference', 7);
        // The misspelt qualified name is matched by its last segment; the fix writes the short name, unique here.
        expect(p.actions.map((a) => a.title)).toEqual(['Use Templates']);
        const { text, diagnostics } = await fix(p, 'Use Templates');
        expect(text).toContain('  chooses: Templates\n');
        expect(codes(diagnostics, 'unresolved-reference').map((d) => d.data?.refText)).toEqual(['InvitePrompt']);
    });

    test('"Create" adds an element of the kind the relation takes after the current one, with required entries stubbed', async () => {
        const p = await problem(PROBLEMS, 'unresolved-reference', 14);
        expect(p.actions.map((a) => a.title)).toEqual(['Create option InvitePrompt']);
        const { text, diagnostics } = await fix(p, 'Create option InvitePrompt');
        expect(text).toContain(
            '  hypothesis: "If we prompt new teams to invite a colleague on day one, week-one invites double"\n}\n\noption InvitePrompt {\n  addresses: TodoOpportunity\n}\n\noption InviteEarlier',
        );
        const unresolved = codes(diagnostics, 'unresolved-reference').map((d) => d.data?.refText);
        expect(unresolved).toEqual(['TeamActivation.Templats', 'TodoOpportunity']);
    });

    test('a relation to an abstract kind creates its first concrete subkind; the first concrete target wins', async () => {
        const relatesTo = await problem('namespace acme.growth\n\ninsight Seen {\n  relatesTo: Elsewhere\n}\n', 'unresolved-reference', 4);
        const created = await fix(relatesTo, 'Create insight Elsewhere');
        expect(created.text).toBe('namespace acme.growth\n\ninsight Seen {\n  relatesTo: Elsewhere\n}\n\ninsight Elsewhere\n');
        expect(codes(created.diagnostics, 'unresolved-reference')).toEqual([]);
        const ships = await problem('namespace acme.growth\n\nrelease R1 {\n  ships: Wizard\n}\n', 'unresolved-reference', 4);
        expect(ships.actions.map((a) => a.title)).toEqual(['Create bet Wizard']);
    });

    test('a user-defined kind is written under the name that reaches it, its required fields stubbed', async () => {
        const text = 'namespace acme.growth\n\nkind review "Review" {\n  relation of: acme.kinds.spike\n}\n\nreview R { of: DbProbe }\n';
        const p = await problem(text, 'unresolved-reference', 7);
        const { text: fixed, diagnostics } = await fix(p, 'Create spike DbProbe');
        expect(fixed).toContain('\n\nkinds.spike DbProbe {\n  timebox: 1 week\n  question: ""\n}');
        expect(diagnostics.filter((d) => (d.severity ?? 1) <= 2)).toEqual([]);
    });

    test('an unknown kind gets "Use" for the close kinds, and nothing to create', async () => {
        const p = await problem('namespace acme.growth\n\nbett Guess {\n  hypothesis: "h"\n}\n', 'unresolved-reference', 3);
        expect(p.actions.map((a) => a.title)).toEqual(['Use bet']);
        const { text } = await fix(p, 'Use bet');
        expect(text).toBe('namespace acme.growth\n\nbet Guess {\n  hypothesis: "h"\n}\n');
    });

    test('a qualified name that resolves nowhere gets no "Create": it would not know where to put it', async () => {
        const p = await problem(
            'namespace acme.growth\nbet B {\n  chooses: Nowhere.Option\n  hypothesis: "h"\n}\n',
            'unresolved-reference',
            3,
        );
        expect(p.actions).toEqual([]);
    });
});

test('wrong-target-kind: "Use" a close name of the right kind', async () => {
    const p = await problem(PROBLEMS, 'wrong-target-kind', 22);
    expect(p.actions.map((a) => a.title)).toEqual(['Use InviteEarlier']);
    const { text, diagnostics } = await fix(p, 'Use InviteEarlier');
    expect(text).toContain('  chooses: InviteEarlier\n');
    expect(codes(diagnostics, 'wrong-target-kind')).toEqual([]);
});

describe('ambiguous-reference', () => {
    const TWO =
        'namespace acme.other\n\nopportunity Elsewhere { option Templates { addresses: Elsewhere } }\n\nbet Pick {\n  hypothesis: "h"\n  chooses: Templates\n}\n';

    test('one fix per candidate, each writing the tail that picks it and leaving the reference resolved', async () => {
        const p = await problem(TWO, 'ambiguous-reference', 7);
        expect(p.diagnostic.range).toEqual({ start: { line: 6, character: 11 }, end: { line: 6, character: 20 } });
        expect(p.actions.map((a) => a.title)).toEqual([
            'Use TeamActivation.Templates (acme.growth.TeamActivation.Templates)',
            'Use Elsewhere.Templates (acme.other.Elsewhere.Templates)',
        ]);
        expect(p.actions.every((a) => !a.isPreferred)).toBe(true);
        const chosen = await fix(p, 'Use TeamActivation.Templates (acme.growth.TeamActivation.Templates)');
        expect(chosen.text).toContain('  chooses: TeamActivation.Templates\n');
        expect(codes(chosen.diagnostics, 'ambiguous-reference')).toEqual([]);
        expect(codes(chosen.diagnostics, 'unresolved-reference')).toEqual([]);
        const other = await fix(p, 'Use Elsewhere.Templates (acme.other.Elsewhere.Templates)');
        expect(other.text).toContain('  chooses: Elsewhere.Templates\n');
        expect(codes(other.diagnostics, 'ambiguous-reference')).toEqual([]);
    });
});

describe('misspelt keys and enum literals', () => {
    test('unknown-member: "Use" the close key, which then validates', async () => {
        const p = await problem(
            'namespace acme.growth\nbet B {\n  hypotesis: "h"\n  chooses: TeamActivation.Templates\n}\n',
            'unknown-member',
            3,
        );
        expect(p.actions.map((a) => a.title)).toEqual(['Use hypothesis']);
        const { text, diagnostics } = await fix(p, 'Use hypothesis');
        expect(text).toContain('  hypothesis: "h"\n');
        expect(codes(diagnostics, 'unknown-member')).toEqual([]);
    });

    test('the text of a multi-line string does not set the indentation of a new body', async () => {
        const text =
            'namespace acme.growth\nbet B {\n    hypothesis: """\n an outdented line\n      """\n    chooses: TeamActivation.Templates\n}\nbet Q\n';
        const p = await problem(text, 'missing-required', 8, /`chooses`/);
        const { text: fixed } = await fix(p, 'Add chooses');
        expect(fixed).toContain('bet Q {\n    chooses: TodoOption\n}');
    });

    test('value-type: "Use" the close enum literal, which then validates', async () => {
        const p = await problem('namespace acme.growth\nbet B {\n  horizon: quartrs\n  hypothesis: "h"\n}\n', 'value-type', 3);
        expect(p.actions.map((a) => a.title)).toEqual(['Use quarters']);
        const { text, diagnostics } = await fix(p, 'Use quarters');
        expect(text).toContain('  horizon: quarters\n');
        expect(codes(diagnostics, 'value-type')).toEqual([]);
    });
});

describe('missing-required', () => {
    test('"Add" puts the entry on a new line after the last one', async () => {
        const p = await problem(PROBLEMS, 'missing-required', 5);
        const { text, diagnostics } = await fix(p, 'Add hypothesis');
        expect(text).toContain('  toward: Activation\n  hypothesis: ""\n}');
        expect(codes(diagnostics, 'missing-required')).toHaveLength(4); // QuickBet's two and DbSpike's two remain
        expect(codes(diagnostics, 'missing-required').some((d) => d.range.start.line === 4)).toBe(false);
    });

    test('an element without a body gets one; each missing entry has its own fix', async () => {
        const p = await problem(PROBLEMS, 'missing-required', 27, /`chooses`/);
        expect(p.actions.map((a) => a.title)).toEqual(['Add chooses']);
        const { text, diagnostics } = await fix(p, 'Add chooses');
        expect(text).toContain('bet QuickBet "Quick win" {\n  chooses: TodoOption\n}\n');
        const left = codes(diagnostics, 'missing-required').filter((d) => d.range.start.line === 26);
        expect(left.map((d) => d.message)).toEqual([expect.stringContaining('`hypothesis`')]);
    });

    test('a one-line body is opened up, and a user-defined kind gets its own placeholders', async () => {
        const p = await problem(PROBLEMS, 'missing-required', 30, /`timebox`/);
        const { text, diagnostics } = await fix(p, 'Add timebox');
        expect(text).toContain('acme.kinds.spike DbSpike "Can the database take it?" { for: WizardBet\n  timebox: 1 week\n}\n');
        const left = codes(diagnostics, 'missing-required').filter((d) => d.range.start.line === 29);
        expect(left.map((d) => d.message)).toEqual([expect.stringContaining('`question`')]);
        expect(codes(diagnostics, 'value-type')).toEqual([]);
    });

    test('the entry goes after the last entry, before nested elements, and a trailing comment stays put', async () => {
        const text = [
            'namespace acme.growth',
            '',
            'bet Nested {',
            '  horizon: quarters',
            '  chooses: TeamActivation.Templates // the cheaper option',
            '',
            '  experiment Try { horizon: months }',
            '}',
            '',
        ].join('\n');
        const p = await problem(text, 'missing-required', 3);
        const fixed = await fix(p, 'Add hypothesis');
        expect(fixed.text).toContain(
            '  chooses: TeamActivation.Templates // the cheaper option\n  hypothesis: ""\n\n  experiment Try { horizon: months }\n}',
        );
        expect(codes(fixed.diagnostics, 'missing-required')).toEqual([]);
    });

    test('a file with CRLF line ends keeps them', async () => {
        const text = 'namespace acme.growth\r\n\r\nbet Crlf {\r\n\thorizon: quarters\r\n\tchooses: TeamActivation.Templates\r\n}\r\n';
        const p = await problem(text, 'missing-required', 3);
        const fixed = await fix(p, 'Add hypothesis');
        expect(fixed.text).toBe(
            'namespace acme.growth\r\n\r\nbet Crlf {\r\n\thorizon: quarters\r\n\tchooses: TeamActivation.Templates\r\n\thypothesis: ""\r\n}\r\n',
        );
        expect(codes(fixed.diagnostics, 'missing-required')).toEqual([]);
    });

    test('every placeholder is a valid value of its type', async () => {
        const kind = [
            'namespace acme.growth',
            'kind audit "Audit" {',
            '  field note: string required',
            '  field score: number required',
            '  field share: percent required',
            '  field due: date required',
            '  field quarter: quarter required',
            '  field effort: duration required',
            '  field level: enum { light, deep } required',
            '  relation of: execution required',
            '}',
            '',
            'audit Yearly {',
            '  horizon: years',
            '}',
            '',
        ].join('\n');
        const added: string[] = [];
        let text = kind;
        for (const member of ['note', 'score', 'share', 'due', 'quarter', 'effort', 'level', 'of']) {
            const p = await problem(text, 'missing-required', 13, new RegExp(`\`${member}\``));
            text = (await fix(p, `Add ${member}`)).text;
            added.push(text.split('\n').find((l) => l.startsWith(`  ${member}:`)) ?? '');
        }
        expect(added).toEqual([
            '  note: ""',
            '  score: 0',
            '  share: 0%',
            '  due: 2026-01-01',
            '  quarter: 2026-Q1',
            '  effort: 1 week',
            '  level: light',
            '  of: TodoExperiment',
        ]);
        const { documents } = await load({ ...MODEL, 'c.pom': text });
        const left = documents[2].diagnostics ?? [];
        expect(codes(left, 'missing-required')).toEqual([]);
        expect(codes(left, 'value-type')).toEqual([]);
        expect(codes(left, 'unresolved-reference').map((d) => d.data?.refText)).toEqual(['TodoExperiment']);
    });
});

test("horizon-exceeds-parent: use the parent's horizon", async () => {
    const p = await problem(PROBLEMS, 'horizon-exceeds-parent', 39);
    expect(p.actions.map((a) => a.title)).toEqual(["Use the parent's horizon (quarters)"]);
    const { text, diagnostics } = await fix(p, "Use the parent's horizon (quarters)");
    expect(text).toContain('  experiment Pilot "Five-account pilot" {\n    horizon: quarters\n  }');
    expect(codes(diagnostics, 'horizon-exceeds-parent')).toEqual([]);
});

test('context-conflict: state the value of one source or the other', async () => {
    const text = [
        'namespace conflict',
        'bet A { hypothesis: "h"; horizon: quarters }',
        'bet B { hypothesis: "h"; horizon: 18 months }',
        'workstream Both { for: A, B }',
    ].join('\n');
    const p = await problem(text, 'context-conflict', 4);
    expect(p.actions.map((a) => a.title)).toEqual(['State horizon: quarters', 'State horizon: 18 months']);
    const { text: fixed, diagnostics } = await fix(p, 'State horizon: 18 months');
    expect(fixed.split('\n').slice(3)).toEqual(['workstream Both { for: A, B', '  horizon: 18 months', '}']);
    expect(codes(diagnostics, 'context-conflict')).toEqual([]);
});

test('only quick fixes, and only when quick fixes are asked for', async () => {
    const p = await problem(PROBLEMS, 'missing-required', 5);
    const provider = p.loaded.pom.lsp.CodeActionProvider as PomCodeActionProvider;
    const params = { textDocument: { uri: p.document.uri.toString() }, range: p.diagnostic.range };
    const refactor = await provider.getCodeActions(p.document, { ...params, context: { diagnostics: [p.diagnostic], only: ['refactor'] } });
    expect(refactor).toEqual([]);
    const quick = await provider.getCodeActions(p.document, { ...params, context: { diagnostics: [p.diagnostic], only: ['quickfix'] } });
    expect(quick?.map((a) => a.title)).toEqual(['Add hypothesis']);
    const other = p.document.diagnostics?.find((d) => d.code === 'no-upstream');
    expect(other).toBeDefined();
    expect(await provider.getCodeActions(p.document, { ...params, context: { diagnostics: [other as Diagnostic] } })).toEqual([]);
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { folderWith as inScratch, prepareScratch, type Run, removeScratch, runPom } from './built-cli.js';

const ACME = 'examples/acme';
const WIZARD = 'acme.growth.TeamActivation.WizardBet';

interface TreeNode {
    id: string;
    kind: string;
    title: string | null;
    relations: string[];
    seen: boolean;
    truncated: boolean;
    children: TreeNode[];
}

interface LineageJson {
    selector: string;
    elements: string[];
    trees: Array<{ id: string; kind: string; title: string | null; upstream?: TreeNode[]; downstream?: TreeNode[] }>;
}

function pom(args: string[]): Run {
    const run = runPom(args);
    expect(run.stderr).not.toMatch(/internal error/);
    return run;
}

let scratch: string;

beforeAll(() => {
    scratch = prepareScratch('pom-lineage-test-');
}, 120_000);

afterAll(() => removeScratch(scratch));

const folderWith = (name: string, files: Record<string, string>) => inScratch(scratch, name, files);

describe('pom lineage (text) on examples/acme', () => {
    test('prints the upstream and downstream trees of one bet', () => {
        const run = pom(['lineage', 'WizardBet', ACME]);
        expect(run.status).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe(
            [
                `bet ${WIZARD} — "A guided setup lifts completion"`,
                '  ↑ chooses option GuidedSetup — "A guided setup wizard"',
                '    ↑ addresses opportunity TeamActivation — "New teams never get to the moment they work together"',
                '      ↑ informedBy insight EmptyProjectsDontActivate — "Completing setup alone does not make a team collaborate"',
                `      ↑ informedBy insight LeadsDontKnowWhereToStart — "Team leads don't know what to set up first"`,
                '      ↑ informedBy insight LoneCreatorsChurn — "Workspaces that never get a second active member churn"',
                `      ↑ informedBy insight SetupStepDropoff — "New workspaces stall at 'create your first project'"`,
                '      ↑ informedBy insight WizardInviteStepDrivesActivation — "The invite step is the part of the wizard that works"',
                '  ↓ ships release GuidedSetupGa — "Guided setup, generally available"',
                '    ↓ from impact WizardImpact — "Guided setup lifted completion, not activation"',
                '      ↓ moves input OnboardingCompletion — "Onboarding completion" (see below)',
                '  ↓ targets input OnboardingCompletion — "Onboarding completion"',
                '    ↓ contributesTo driver Activation — "Activation: new teams collaborate in week one" (see below)',
                '  ↓ toward driver Activation — "Activation: new teams collaborate in week one"',
                '    ↓ feeds northstar WeeklyCollaboratingTeams — "Weekly collaborating teams"',
                '      ↓ leads outcome NetRevenueRetention — "Net revenue retention of 115%"',
                '      ↓ leads outcome NewArr — "New ARR of $18M in FY2026"',
                '  ↓ for project BuildWizard — "Build the guided setup"',
                '    ↓ ships release GuidedSetupGa — "Guided setup, generally available" (see above)',
                '  ↓ for experiment ClickablePrototype — "Clickable prototype with 20 teams"',
                '  ↓ for experiment WizardAbTest — "Wizard vs checklist A/B test"',
                '',
            ].join('\n'),
        );
    });

    test('every selected element gets a tree, in model order, separated by a blank line', () => {
        const run = pom(['lineage', 'kind:bet,owner:Growth', ACME, '--direction', 'up', '--depth', '1']);
        expect(run.status).toBe(0);
        const headers = run.stdout.split('\n').filter((l) => l.startsWith('bet '));
        expect(headers.map((h) => h.split(' ')[1])).toEqual([
            'acme.growth.TeamActivation.InviteBet',
            'acme.growth.TeamActivation.StarterProjectBet',
            'acme.growth.TeamActivation.TemplatesBet',
            'acme.growth.TeamActivation.WizardBet',
        ]);
        expect(run.stdout.split('\n\n')).toHaveLength(4);
        expect(run.stdout).not.toContain('↓');
        // Depth 1: only direct sources, each cut where it has more lineage.
        expect(run.stdout.split('\n').filter((l) => l.startsWith('    '))).toEqual([]);
        expect(run.stdout).toContain('  ↑ chooses option GuidedSetup — "A guided setup wizard" …\n');
    });

    test('an element with nothing on one side says so', () => {
        const run = pom(['lineage', 'NewArr', ACME, '--direction', 'down']);
        expect(run.stdout).toBe('outcome acme.strategy.NewArr — "New ARR of $18M in FY2026"\n  ↓ (no downstream)\n');
    });

    test('feedback links are not followed', () => {
        const run = pom(['lineage', 'ClickablePrototype', ACME, '--direction', 'down']);
        expect(run.stdout).toContain('↓ (no downstream)');
        expect(run.stdout).not.toContain('WizardInviteStepDrivesActivation');
    });
});

describe('pom lineage --format json', () => {
    test('gives the selector, the selected ids and the trees', () => {
        const run = pom(['lineage', '+WizardBet', ACME, '--format', 'json']);
        expect(run.status).toBe(0);
        const result = JSON.parse(run.stdout) as LineageJson;
        expect(result.selector).toBe('+WizardBet');
        expect(result.elements).toContain(WIZARD);
        expect(result.elements).toContain('acme.discovery.LoneCreatorsChurn');
        expect(result.elements).not.toContain('acme.strategy.Activation');
        expect(result.trees.map((t) => t.id)).toEqual(result.elements);
        const wizard = result.trees.find((t) => t.id === WIZARD)!;
        expect(wizard).toMatchObject({ kind: 'bet', title: 'A guided setup lifts completion' });
        const [chooses] = wizard.upstream!;
        expect(chooses).toMatchObject({
            id: 'acme.growth.TeamActivation.GuidedSetup',
            kind: 'option',
            relations: ['chooses'],
            seen: false,
            truncated: false,
        });
        expect(chooses.children[0].id).toBe('acme.growth.TeamActivation');
        const viaRelease = wizard.downstream!.find((n) => n.id === 'acme.growth.GuidedSetupGa')!.children[0].children[0];
        expect(viaRelease).toMatchObject({ id: 'acme.growth.OnboardingCompletion', seen: true, children: [] });
    });

    test('leaves out the side the direction excludes', () => {
        const result = JSON.parse(pom(['lineage', 'WizardBet', ACME, '-f', 'json', '--direction', 'down']).stdout) as LineageJson;
        expect(result.trees[0].upstream).toBeUndefined();
        expect(result.trees[0].downstream?.length).toBeGreaterThan(0);
    });

    test('an empty selection is an empty result, with a note on stderr', () => {
        const run = pom(['lineage', 'kind:bet,horizon:months', ACME, '--format', 'json']);
        expect(run.status).toBe(0);
        expect(JSON.parse(run.stdout)).toEqual({ selector: 'kind:bet,horizon:months', elements: [], trees: [] });
        expect(run.stderr).toBe('pom: `kind:bet,horizon:months` selects no element\n');
    });
});

describe('pom lineage errors', () => {
    test.each([
        [['WizardBt'], 'pom: no element matches `WizardBt`; did you mean `WizardBet`? (at column 1 of `WizardBt`)'],
        [['kind:'], 'pom: expected a value in `kind:` (at column 6 of `kind:`)'],
        [['knd:bet'], 'pom: unknown method `knd:`; did you mean `kind`? (at column 1 of `knd:bet`)'],
        [['WizardBet', '--depth', '0'], 'pom: --depth takes a whole number of 1 or more, not `0`'],
        [['WizardBet', '--direction', 'sideways'], "pom: option '--direction <direction>' argument 'sideways' is invalid."],
    ])('%j is a usage error: exit 2, one line', (args, message) => {
        const run = pom(['lineage', ...args, ACME]);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(run.stderr).toContain(message);
    });

    test('a model with errors still prints its trees, marks a cycle, and exits 1', () => {
        const folder = folderWith('cycle', {
            'loop.pom': [
                'kind loop extends driver "Loop" {',
                '  relation back: input* downstream',
                '}',
                'input In "In" { contributesTo: L }',
                'loop L "L" { back: In }',
                '',
            ].join('\n'),
        });
        const run = pom(['lineage', 'In', folder, '--direction', 'down']);
        expect(run.status).toBe(1);
        expect(run.stdout).toBe(
            ['input In — "In"', '  ↓ contributesTo loop L — "L"', '    ↓ back input In — "In" (see above)', ''].join('\n'),
        );
        expect(run.stderr).toMatch(/^pom: the model has \d+ errors?; see pom validate\n$/);
    });

    test('model text reaches the terminal without control characters', () => {
        // Long enough that two control characters do not make the file look binary.
        const doc = `/** ${'A title written to clear the screen and ring the bell. '.repeat(4)}*/`;
        const folder = folderWith('hostile', { 'a.pom': `${doc}\ninsight Loud "\u001b[2Jred\u0007" {}\n` });
        const run = pom(['lineage', 'Loud', folder]);
        expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        expect(run.stdout).toContain('"\\u001b[2Jred\\u0007"');
    });
});

// Lineage selectors (`pom lineage`, `pom graph --select`, `pom diff --select`): the grammar and its errors with
// positions, and every form evaluated against the compiled examples/acme model.
import { readdirSync, readFileSync } from 'node:fs';
import { EmptyFileSystem, URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledModel } from '../src/compile/compiled-model.js';
import { ModelGraph } from '../src/compile/model-graph.js';
import { createPomServices } from '../src/pom-module.js';
import { lineageTree } from '../src/query/lineage-tree.js';
import { parseSelector, SelectorError, selectElements, shortNames } from '../src/query/selectors.js';
import { buildWorkspace } from '../src/workspace/pom-workspace.js';

const ACME = new URL('../../../examples/acme/', import.meta.url);

async function compileFiles(files: Record<string, string>): Promise<CompiledModel> {
    const services = createPomServices(EmptyFileSystem);
    const documents = await buildWorkspace(
        services.Pom,
        Object.entries(files).map(([name, text]) => ({ uri: URI.parse(`file:///ws/${name}`), text })),
    );
    return services.Pom.pom.ModelCompiler.compile(documents, { relativePath: (uri) => uri.path.slice('/ws/'.length) });
}

let graph: ModelGraph;

beforeAll(async () => {
    const names = readdirSync(ACME).filter((f) => f.endsWith('.pom'));
    const model = await compileFiles(Object.fromEntries(names.map((f) => [f, readFileSync(new URL(f, ACME), 'utf8')])));
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    graph = new ModelGraph(model);
});

const WIZARD = 'acme.growth.TeamActivation.WizardBet';
const GUIDED = 'acme.growth.TeamActivation.GuidedSetup';
const OPPORTUNITY = 'acme.growth.TeamActivation';
const ACTIVATION = 'acme.strategy.Activation';
const NORTH_STAR = 'acme.strategy.WeeklyCollaboratingTeams';

function select(selector: string): string[] {
    return [...selectElements(graph, selector)];
}

function selectError(selector: string): SelectorError {
    try {
        selectElements(graph, selector);
    } catch (error) {
        expect(error).toBeInstanceOf(SelectorError);
        return error as SelectorError;
    }
    throw new Error(`\`${selector}\` was accepted`);
}

function parseError(selector: string): SelectorError {
    try {
        parseSelector(selector);
    } catch (error) {
        expect(error).toBeInstanceOf(SelectorError);
        return error as SelectorError;
    }
    throw new Error(`\`${selector}\` parsed`);
}

describe('parsing', () => {
    test('spaces make a union, commas an intersection, + and digits the lineage and its depth', () => {
        const parsed = parseSelector('+A B+ 2+C+3 kind:bet,!horizon:quarters');
        expect(parsed.union.map((i) => i.map((t) => t.text))).toEqual([['+A'], ['B+'], ['2+C+3'], ['kind:bet', '!horizon:quarters']]);
        const [[a], [b], [c], [kind, horizon]] = parsed.union;
        expect([a.upstream, a.downstream]).toEqual([Number.POSITIVE_INFINITY, undefined]);
        expect([b.upstream, b.downstream]).toEqual([undefined, Number.POSITIVE_INFINITY]);
        expect([c.upstream, c.downstream, c.position]).toEqual([2, 3, 6]);
        expect(kind.atom).toEqual({ method: 'kind', value: 'bet', position: 12 });
        expect([horizon.negated, horizon.atom.method, horizon.atom.value]).toEqual([true, 'horizon', 'quarters']);
    });

    test('spaces around a comma belong to the intersection; quotes allow any value', () => {
        const parsed = parseSelector('  kind:bet , tag:"needs review"  ');
        expect(parsed.union).toHaveLength(1);
        expect(parsed.union[0].map((t) => t.atom.value)).toEqual(['bet', 'needs review']);
    });

    test.each([
        ['', 0, 'the selector is empty'],
        ['   ', 0, 'the selector is empty'],
        ['kind:', 5, 'expected a value in `kind:`'],
        ['knd:bet', 0, 'unknown method `knd:`; did you mean `kind`?'],
        ['colour:red', 0, 'unknown method `colour:`; the methods are `kind`'],
        ['A,', 1, 'expected a selector after `,`'],
        ['A, ', 1, 'expected a selector after `,`'],
        ['A+b', 2, 'unexpected `b`'],
        ['0+A', 0, 'a depth must be 1 or more'],
        ['A+0', 2, 'a depth must be 1 or more'],
        ['@A', 0, '`@` is not supported'],
        ['+', 1, 'expected an element name or `method:value`'],
        ['++A', 1, 'expected an element name or `method:value` after `+`'],
        ['+!A', 1, '`!` goes before `+`'],
        ['tag:"open', 4, 'unterminated `"`'],
        ['a..b', 0, '`a..b` is not an element name'],
        ['kind:bet 1x', 9, '`1x` is not an element name'],
    ])('`%s` is an error at offset %i', (selector, position, message) => {
        const error = parseError(selector);
        expect(error.position).toBe(position);
        expect(error.message).toContain(message);
        expect(error.message).toContain(`(at column ${position + 1} of \`${selector}\`)`);
    });
});

describe('names', () => {
    test('an id, a unique suffix at a dot, or a longer suffix', () => {
        expect(select(WIZARD)).toEqual([WIZARD]);
        expect(select('WizardBet')).toEqual([WIZARD]);
        expect(select('growth.TeamActivation.WizardBet')).toEqual([WIZARD]);
        // A suffix counts only at a dot: `Bet` is not the end of a name here.
        expect(selectError('Bet').message).toContain('no element matches `Bet`');
    });

    test('an unknown name suggests the nearest ones by their short names', () => {
        const error = selectError('WizardBt');
        expect(error.message).toBe('no element matches `WizardBt`; did you mean `WizardBet`? (at column 1 of `WizardBt`)');
        expect([error.position, error.length]).toEqual([0, 8]);
        expect(selectError('kind:bet WizzardBet').position).toBe(9);
    });

    test('globs: `*` runs across dots, matched against the id or a suffix of it', () => {
        const growth = select('acme.growth.*');
        expect(growth).toContain(WIZARD);
        expect(growth).toContain(`${WIZARD}.BuildWizard`);
        expect(growth.every((id) => id.startsWith('acme.growth.'))).toBe(true);
        expect(select('growth.*')).toEqual(growth);
        const bets = select('*Bet');
        expect(bets).toContain(WIZARD);
        expect(bets.every((id) => id.endsWith('Bet'))).toBe(true);
        expect(bets).toEqual(select('kind:bet'));
        expect(select('Wizard?et')).toEqual([WIZARD]);
        expect(selectError('acme.grwth.*').message).toContain('no element matches `acme.grwth.*`');
    });

    test('a name two elements end with is ambiguous', async () => {
        const model = await compileFiles({
            'a.pom': 'namespace one\ninsight Churn "Churn"',
            'b.pom': 'namespace two\ninsight Churn "Churn too"',
        });
        const two = new ModelGraph(model);
        expect(() => selectElements(two, 'Churn')).toThrow('`Churn` is ambiguous: it could be `one.Churn` or `two.Churn`');
        expect([...selectElements(two, 'two.Churn')]).toEqual(['two.Churn']);
        expect([...selectElements(two, 'Churn*')]).toEqual(['one.Churn', 'two.Churn']);
        expect(shortNames(two.elements.keys())).toEqual(
            new Map([
                ['one.Churn', 'one.Churn'],
                ['two.Churn', 'two.Churn'],
            ]),
        );
    });
});

describe('lineage operators', () => {
    test('+X is X and everything upstream, along flow links only', () => {
        const up = select('+WizardBet');
        expect(up).toContain(WIZARD);
        expect(up).toContain(GUIDED);
        expect(up).toContain(OPPORTUNITY);
        expect(up).toContain('acme.discovery.LoneCreatorsChurn');
        expect(up).not.toContain(ACTIVATION);
        expect(new Set(up)).toEqual(new Set([WIZARD, ...graph.upstream(WIZARD)]));
    });

    test('X+ is X and everything downstream; +X+ both', () => {
        const down = select('WizardBet+');
        expect(down).toContain(ACTIVATION);
        expect(down).toContain(NORTH_STAR);
        expect(down).not.toContain(GUIDED);
        expect(new Set(select('+WizardBet+'))).toEqual(new Set([...select('+WizardBet'), ...down]));
    });

    test('feedback links are not followed: an experiment’s insight is not downstream of it', () => {
        const prototype = `${WIZARD}.ClickablePrototype`;
        expect(select('ClickablePrototype+')).toEqual([prototype]);
        expect(select('+WizardInviteStepDrivesActivation')).toEqual(['acme.discovery.WizardInviteStepDrivesActivation']);
    });

    test('depths count steps: 1+X is X and its direct sources, X+2 two steps down', () => {
        expect(select('1+WizardBet')).toEqual([GUIDED, WIZARD].sort(byModel));
        expect(select('2+WizardBet')).toContain(OPPORTUNITY);
        expect(select('2+WizardBet')).not.toContain('acme.discovery.LoneCreatorsChurn');
        expect(select('3+WizardBet')).toContain('acme.discovery.LoneCreatorsChurn');
        const two = select('WizardBet+2');
        expect(two).toContain(ACTIVATION);
        expect(two).toContain(NORTH_STAR);
        expect(two).not.toContain('acme.strategy.NewArr');
        expect(select('WizardBet+3')).toContain('acme.strategy.NewArr');
    });

    test('operators apply to method selections too', () => {
        const upstreamOfOutcomes = select('+stage:outcomes');
        expect(upstreamOfOutcomes).toContain(NORTH_STAR);
        expect(upstreamOfOutcomes).toContain(WIZARD);
        expect(select('stage:outcomes')).toEqual(['acme.strategy.NetRevenueRetention', 'acme.strategy.NewArr']);
    });
});

describe('methods', () => {
    test('kind: the kind or any kind it extends, by name or qualified name', () => {
        const experiments = select('kind:experiment');
        const spikes = select('kind:spike');
        expect(spikes).toContain('acme.growth.TeamActivation.InviteBet.DeliverabilitySpike');
        expect(spikes.every((id) => experiments.includes(id))).toBe(true);
        expect(experiments.length).toBeGreaterThan(spikes.length);
        expect(select('kind:acme.spike')).toEqual(spikes);
        expect(select('kind:execution')).toEqual(expect.arrayContaining([...experiments, `${WIZARD}.BuildWizard`]));
        expect(selectError('kind:bett').message).toContain('no kind `bett` in the model; did you mean `bet`?');
    });

    test('stage, and an unknown stage lists the stages', () => {
        expect(select('stage:bets')).toEqual(select('kind:bet'));
        expect(selectError('stage:bet').message).toContain('unknown stage `bet`; did you mean `bets`?');
        expect(selectError('stage:zzz').message).toContain('the stages are `insights`, `opportunities`');
    });

    test('horizon: the effective horizon, inherited ones included', () => {
        const options = select('kind:option,horizon:years');
        expect(options).toContain(GUIDED);
        expect(graph.elements.get(GUIDED)?.horizon).toEqual({
            declared: null,
            effective: 'years',
            inheritedFrom: OPPORTUNITY,
            via: 'nesting',
            length: null,
            months: null,
        });
        expect(options.every((id) => graph.elements.get(id)?.horizon.effective === 'years')).toBe(true);
        expect(select('horizon:quarters,kind:bet')).toContain(WIZARD);
        expect(select('horizon:months,kind:bet')).toEqual([]);
        expect(selectError('horizon:weeks').message).toContain('unknown horizon `weeks`');
    });

    test('owner: the effective owner, by team id, suffix or title', () => {
        const growth = select('owner:acme.org.GrowthTeam');
        expect(growth).toContain(WIZARD);
        expect(growth).toContain(`${WIZARD}.BuildWizard`); // inherited from the bet
        expect(growth).not.toContain(`${WIZARD}.ClickablePrototype`); // owned by the insights team
        expect(select('owner:GrowthTeam')).toEqual(growth);
        expect(select('owner:org.GrowthTeam')).toEqual(growth);
        expect(select('owner:Growth')).toEqual(growth);
        expect(select('owner:"research & analytics"')).toEqual(select('owner:InsightsTeam'));
        expect(selectError('owner:GrowthTeem').message).toContain('no team `GrowthTeem` in the model; did you mean');
    });

    test('tag, status, namespace and file', () => {
        expect(select('tag:plg')).toEqual([OPPORTUNITY]);
        expect(select('tag:2026-plan')).toEqual([NORTH_STAR]);
        expect(selectError('tag:plgg').message).toContain('no tag `plgg` in the model; did you mean `plg`?');
        expect(select('status:done,kind:bet')).toEqual(expect.arrayContaining([WIZARD]));
        expect(select('status:done,kind:bet')).not.toContain('acme.growth.TeamActivation.TemplatesBet');
        expect(select('namespace:strategy')).toEqual(select('file:strategy.pom'));
        expect(select('file:growth.pom,kind:bet')).toEqual(select('acme.growth.*,kind:bet'));
        expect(select('file:*.pom')).toHaveLength(graph.elements.size);
        expect(selectError('file:grwth.pom').message).toContain('did you mean `growth.pom`?');
    });
});

describe('sets', () => {
    test('a union keeps model order and each element once', () => {
        expect(select('WizardBet GuidedSetup WizardBet')).toEqual([GUIDED, WIZARD]);
        expect(select('+WizardBet WizardBet+')).toEqual(select('+WizardBet+'));
    });

    test('an intersection keeps what every term picks; ! leaves out', () => {
        expect(select('+Activation,kind:bet')).toEqual(expect.arrayContaining([WIZARD]));
        expect(select('+Activation,kind:bet').every((id) => graph.elements.get(id)?.kind === 'bet')).toBe(true);
        const notDone = select('kind:bet,!status:done');
        expect(notDone).not.toContain(WIZARD);
        expect(notDone).toContain('acme.growth.TeamActivation.TemplatesBet');
        expect(notDone.length + select('kind:bet,status:done').length).toBe(select('kind:bet').length);
        expect(select('WizardBet+,!WizardBet')).not.toContain(WIZARD);
        const otherInsights = select('kind:insight,!+WizardBet');
        expect(otherInsights).not.toContain('acme.discovery.LoneCreatorsChurn');
        expect(otherInsights).toContain('acme.discovery.LargeWorkspacesSlow');
    });

    test('only ! terms start from every element', () => {
        const all = select('!kind:insight');
        expect(all.length).toBe(graph.elements.size - select('kind:insight').length);
        expect(select('!kind:insight,stage:insights')).toEqual([]);
    });

    test('lenient selection (for comparing two models) lets unknown names select nothing', () => {
        expect([...selectElements(graph, 'Gone WizardBet', { strict: false })]).toEqual([WIZARD]);
        expect([...selectElements(graph, 'tag:gone', { strict: false })]).toEqual([]);
        // A fixed vocabulary is still checked.
        expect(() => selectElements(graph, 'horizon:weeks', { strict: false })).toThrow(SelectorError);
    });

    test('a parsed selector can be reused', () => {
        const parsed = parseSelector('kind:bet,owner:Growth');
        expect([...selectElements(graph, parsed)]).toEqual(select('kind:bet,owner:Growth'));
    });
});

describe('lineage trees', () => {
    test('a shared element is expanded once, nearest the root, and referred to elsewhere', () => {
        const tree = lineageTree(graph, WIZARD, { direction: 'down' });
        expect(tree.upstream).toBeUndefined();
        const onboarding = tree.downstream?.find((n) => n.id === 'acme.growth.OnboardingCompletion');
        expect(onboarding?.relations).toEqual(['targets']);
        expect(onboarding?.seen).toBe(false);
        const viaRelease = tree.downstream?.find((n) => n.id === 'acme.growth.GuidedSetupGa')?.children[0]?.children[0];
        expect(viaRelease).toMatchObject({ id: 'acme.growth.OnboardingCompletion', seen: true, children: [] });
    });

    test('a depth limit marks where it cut', () => {
        const tree = lineageTree(graph, ACTIVATION, { direction: 'up', depth: 1 });
        expect(tree.upstream?.every((n) => n.children.length === 0)).toBe(true);
        expect(tree.upstream?.find((n) => n.id === OPPORTUNITY)?.truncated).toBe(true);
    });
});

function byModel(a: string, b: string): number {
    const order = [...graph.elements.keys()];
    return order.indexOf(a) - order.indexOf(b);
}

// Backlinks in the compiled model: every element lists the links that point at it (`incoming`, by relation, with
// their metadata) and where its lineage leads (`reaches`), valid against the JSON Schema.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import type { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledElement, CompiledModel } from '../src/compile/compiled-model.js';
import { fixture, load } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../schema/pom-model.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const relativePath = (uri: URI) => uri.path.slice(1);
const ACME = ['kinds.pom', 'context.pom', 'growth.pom', 'product.pom'];

describe('incoming and reaches on the Acme fixture', () => {
    let model: CompiledModel;
    const byId = (id: string): CompiledElement => {
        const element = model.elements.find((e) => e.id === id);
        if (!element) throw new Error(`no element ${id}`);
        return element;
    };

    beforeAll(async () => {
        const loaded = await load(Object.fromEntries(ACME.map((f) => [f, fixture(`acme/${f}`)])));
        model = loaded.pom.pom.ModelCompiler.compile(loaded.documents, { relativePath });
    });

    test('the model with backlinks validates against the schema, and the schema rejects a malformed backlink', () => {
        expect(validate(model) ? [] : validate.errors).toEqual([]);
        const broken = structuredClone(model);
        const target = broken.elements.find((e) => Object.keys(e.incoming).length > 0) as CompiledElement;
        const [relation] = Object.keys(target.incoming);
        (target.incoming[relation][0] as unknown as Record<string, unknown>).to = 'x';
        (broken.elements[0].reaches as unknown as Record<string, unknown>).insight = 'yes';
        delete (broken.elements[1] as Partial<CompiledElement>).reaches;
        validate(broken);
        expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(
            [`/elements/${broken.elements.indexOf(target)}/incoming/${relation}/0`, '/elements/0/reaches/insight', '/elements/1'].sort(),
        );
    });

    test('incoming groups the links that point at an element by relation, sorted, with metadata', () => {
        expect(byId('acme.growth.WizardBet').incoming).toEqual({
            about: [{ from: 'acme.product.WizardGo', metadata: {} }],
            for: [
                { from: 'acme.growth.WizardBet.Build', metadata: {} },
                { from: 'acme.growth.WizardBet.DbSpike', metadata: {} },
                { from: 'acme.growth.WizardBet.Prototype', metadata: {} },
            ],
            reviews: [{ from: 'acme.QuarterlyReview', metadata: {} }],
        });
        expect(byId('acme.growth.OnboardingCompletion').incoming.targets).toEqual([
            {
                from: 'acme.growth.WizardBet',
                metadata: { confidence: { type: 'symbol', value: 'medium' }, expected: { type: 'string', value: '+10pts' } },
            },
        ]);
        expect(byId('acme.growth.WizardBet.Launch').incoming).toEqual({ from: [{ from: 'acme.growth.CompletionUp', metadata: {} }] });
        // Nothing points at the decision: an empty object, never absent.
        expect(byId('acme.product.WizardGo').incoming).toEqual({});
    });

    test('every link appears once as a backlink of its target, and nothing else does', () => {
        const backlinks = model.elements.flatMap((e) =>
            Object.entries(e.incoming).flatMap(([relation, list]) => list.map((l) => `${l.from} ${relation} ${e.id}`)),
        );
        expect(backlinks.sort()).toEqual(model.links.map((l) => `${l.from} ${l.relation} ${l.to}`).sort());
    });

    test('reaches says where lineage leads: back to an insight, forward to inputs, drivers, the north star, outcomes', () => {
        expect(byId('acme.growth.WizardBet').reaches).toEqual({ insight: true, input: true, driver: true, northStar: true, outcome: true });
        // An insight is at the start: nothing upstream; its flow reaches everything downstream.
        expect(byId('acme.growth.ChurnInterviews').reaches).toEqual({
            insight: false,
            input: true,
            driver: true,
            northStar: true,
            outcome: true,
        });
        // The north star leads to the outcome, and traces back to insights; it is not its own north star.
        expect(byId('acme.product.WeeklyActiveTeams').reaches).toEqual({
            insight: true,
            input: false,
            driver: false,
            northStar: false,
            outcome: true,
        });
        // Context is outside the flow.
        expect(byId('acme.Growth').reaches).toEqual({ insight: false, input: false, driver: false, northStar: false, outcome: false });
    });
});

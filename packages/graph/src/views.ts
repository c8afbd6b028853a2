// The pictures the view picker offers: the whole model, each named view the model declares (its `elements` and the
// links among them, under its title), and the evidence view: the whole model with the impacts whose claims are
// contradicted or unverified, and what they claim to move, lit.
import type { CompiledModel, CompiledView as ModelView } from 'pom-language/model';
import { verdictOf } from './evidence.js';

/** A named view as the compiled model carries it (where it was declared is not needed to draw it). */
export type CompiledView = Omit<ModelView, 'source'>;

export const WHOLE_MODEL = '';
export const EVIDENCE_VIEW = 'evidence:claims';

export interface ViewChoice {
    id: string;
    label: string;
}

export function viewsOf(model: CompiledModel): CompiledView[] {
    const views = (model as CompiledModel & { views?: unknown }).views;
    return Array.isArray(views) ? (views as CompiledView[]).filter((v) => typeof v?.id === 'string' && Array.isArray(v.elements)) : [];
}

export function viewChoices(model: CompiledModel): ViewChoice[] {
    const choices: ViewChoice[] = [{ id: WHOLE_MODEL, label: 'Whole model' }];
    for (const view of viewsOf(model)) choices.push({ id: view.id, label: view.title ?? view.name });
    if (model.elements.some((e) => verdictOf(e) !== undefined)) choices.push({ id: EVIDENCE_VIEW, label: 'Evidence: claims to check' });
    return choices;
}

/** The title a picture of the view carries. */
export function viewTitle(model: CompiledModel, id: string): string {
    if (id === EVIDENCE_VIEW) return 'Claims that are contradicted or unverified';
    const view = viewsOf(model).find((v) => v.id === id);
    return view ? (view.title ?? view.name) : 'Whole model';
}

/** The part of the model a view draws: exactly its elements and the links among them. */
export function viewModel(model: CompiledModel, id: string): CompiledModel {
    const view = viewsOf(model).find((v) => v.id === id);
    if (!view) return model;
    const keep = new Set(view.elements);
    return {
        ...model,
        elements: model.elements.filter((e) => keep.has(e.id)),
        links: model.links.filter((l) => keep.has(l.from) && keep.has(l.to)),
    };
}

/** The elements the evidence view lights: impacts with a claim in doubt, and both ends of their flow links. */
export function claimsInDoubt(model: CompiledModel): Set<string> {
    const doubtful = new Set(
        model.elements
            .filter((e) => {
                const verdict = verdictOf(e);
                return verdict === 'contradicted' || verdict === 'unverified';
            })
            .map((e) => e.id),
    );
    const lit = new Set(doubtful);
    for (const link of model.links) {
        if (link.flow === 'none') continue;
        if (doubtful.has(link.from)) lit.add(link.to);
        if (doubtful.has(link.to)) lit.add(link.from);
    }
    return lit;
}

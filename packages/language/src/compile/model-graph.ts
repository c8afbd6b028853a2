// Lineage over a compiled model: the flow graph over element ids, for the consumers that only see JSON (the graph
// view, `pom graph`, `pom diff`, lineage selectors). Pure data, no AST, safe in a browser.
import { FlowGraph, linkEnds } from '../util/flow-graph.js';
import type { CompiledElement, CompiledLink, CompiledModel } from './compiled-model.js';

/** A compiled link is stated at `from` and points at `to`. */
const ENDS = linkEnds({ from: (link: CompiledLink) => link.from, to: (link: CompiledLink) => link.to });

/** The upstream end of a flow link: where the value comes from. */
export const linkFlowSource = ENDS.flowSource;
/** The downstream end of a flow link: where the value goes. */
export const linkFlowTarget = ENDS.flowTarget;

/**
 * The ends of a link as pictures draw it: flow and feedback links point the way value goes (insight → … → outcome,
 * results → new insights), as the graph view and `pom lineage` read them; context links point from the element that
 * states them.
 */
export function drawnEnds(link: Pick<CompiledLink, 'from' | 'to' | 'flow'>): { source: string; target: string } {
    if (link.flow === 'none') return { source: link.from, target: link.to };
    return { source: ENDS.flowSource(link as CompiledLink), target: ENDS.flowTarget(link as CompiledLink) };
}

export class ModelGraph extends FlowGraph<string, CompiledLink> {
    readonly elements = new Map<string, CompiledElement>();

    constructor(readonly model: CompiledModel) {
        super(ENDS);
        for (const element of model.elements) this.elements.set(element.id, element);
        for (const link of model.links) this.addLink(link);
    }

    /** The ids of the elements that have an element of `stage` upstream (`direction: 'up'`) or downstream. */
    reachingStage(stage: string, direction: 'up' | 'down'): Set<string> {
        const seeds = [...this.elements.values()].filter((e) => e.stage === stage).map((e) => e.id);
        return this.reaching(seeds, direction);
    }
}

// Lineage over a compiled model: the same flow orientation as the lineage index, for the consumers that only see
// JSON (the graph view, `pom graph`, `pom diff`, lineage selectors). Pure data, no AST, safe in a browser.

import { pushTo, reachable } from '../util/graph-walk.js';
import type { CompiledElement, CompiledLink, CompiledModel } from './compiled-model.js';

export interface ModelLineageOptions {
    /** Follow feedback links (learning loops) too; off by default, as in the lineage index. */
    feedback?: boolean;
    /** Stop after this many steps. */
    depth?: number;
}

/** The upstream end of a flow link: where the value comes from. */
export function linkFlowSource(link: CompiledLink): string {
    return link.flow === 'downstream' ? link.from : link.to;
}

/** The downstream end of a flow link: where the value goes. */
export function linkFlowTarget(link: CompiledLink): string {
    return link.flow === 'downstream' ? link.to : link.from;
}

export class ModelGraph {
    readonly elements = new Map<string, CompiledElement>();
    private readonly flowsIn = new Map<string, CompiledLink[]>();
    private readonly flowsOut = new Map<string, CompiledLink[]>();
    private readonly linksOf = new Map<string, CompiledLink[]>();

    constructor(readonly model: CompiledModel) {
        for (const element of model.elements) this.elements.set(element.id, element);
        for (const link of model.links) {
            pushTo(this.linksOf, link.from, link);
            if (link.to !== link.from) pushTo(this.linksOf, link.to, link);
            if (link.flow === 'none') continue;
            pushTo(this.flowsOut, linkFlowSource(link), link);
            pushTo(this.flowsIn, linkFlowTarget(link), link);
        }
    }

    /** Every link that starts or ends at the element, flow or not. */
    links(id: string): CompiledLink[] {
        return this.linksOf.get(id) ?? [];
    }

    upstreamLinks(id: string, options: ModelLineageOptions = {}): CompiledLink[] {
        return (this.flowsIn.get(id) ?? []).filter((l) => options.feedback || l.flow !== 'feedback');
    }

    downstreamLinks(id: string, options: ModelLineageOptions = {}): CompiledLink[] {
        return (this.flowsOut.get(id) ?? []).filter((l) => options.feedback || l.flow !== 'feedback');
    }

    /** Everything that flows into the element, transitively; the element itself is not included. */
    upstream(id: string, options: ModelLineageOptions = {}): Set<string> {
        return reachable(id, (e) => this.upstreamLinks(e, options).map(linkFlowSource), options.depth);
    }

    /** Everything the element flows into, transitively; the element itself is not included. */
    downstream(id: string, options: ModelLineageOptions = {}): Set<string> {
        return reachable(id, (e) => this.downstreamLinks(e, options).map(linkFlowTarget), options.depth);
    }

    /** The element, its upstream and its downstream: what a selection highlights. */
    lineage(id: string, options: ModelLineageOptions = {}): Set<string> {
        return new Set([id, ...this.upstream(id, options), ...this.downstream(id, options)]);
    }
}

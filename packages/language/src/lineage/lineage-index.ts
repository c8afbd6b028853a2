// The one place lineage is derived from the AST: a graph per workspace build, cached until the next change.
// Validators, the compiler, hover, code lens and the call hierarchy all read it from here.
import { DocumentState, type LangiumDocuments } from 'langium';
import { type Element, isElement, isRefValue, isRelationDecl, type Model, type RelationDecl } from '../generated/ast.js';
import { entriesFor, entriesOf } from '../model/element-context.js';
import { type Flow, flowOf, type KindSystem } from '../model/kind-system.js';
import { elementPath, parentElement, qualifiedName } from '../model/qualified-names.js';
import { FLOW_STAGES } from '../model/stages.js';
import { forEachElement } from '../model/walk.js';
import type { PomServices } from '../pom-module.js';
import { BuildCache } from '../util/build-cache.js';
import { isForeignDocument } from '../workspace/foreign-files.js';
import { LineageGraph } from './lineage-graph.js';

export class LineageIndex {
    private readonly documents: LangiumDocuments;
    private readonly kinds: KindSystem;
    private readonly cache: BuildCache<'graph', LineageGraph>;

    constructor(services: PomServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.kinds = services.pom.KindSystem;
        this.cache = new BuildCache(services.shared, DocumentState.Linked);
    }

    /** The graph of the current workspace; valid once every document is linked. */
    graph(): LineageGraph {
        return this.cache.get('graph', () => this.build());
    }

    private build(): LineageGraph {
        const graph = new LineageGraph();
        const documents = this.documents.all.filter((d) => !isForeignDocument(d)).toArray();
        for (const document of documents) {
            forEachElement(document.parseResult.value as Model, (element) => {
                // An element, or one it is nested in, that a syntax error left without a name has no id: it is no node.
                if (elementPath(element).every((e) => e.name)) {
                    graph.addNode({ element, id: qualifiedName(element), stage: this.kinds.stageOf(element), document });
                }
            });
        }
        for (const element of graph.nodes.keys()) this.addLinks(graph, element);
        return graph;
    }

    private addLinks(graph: LineageGraph, element: Element): void {
        for (const entry of entriesOf(element)) {
            const relation = entry.key.ref;
            if (!isRelationDecl(relation)) continue;
            for (const value of entry.values) {
                if (!isRefValue(value)) continue;
                const target = value.target.ref;
                if (isElement(target) && graph.node(target)) {
                    graph.addLink({
                        source: element,
                        target,
                        relation,
                        flow: this.linkFlow(element, target, relation),
                        implied: false,
                        entry,
                        value,
                    });
                }
            }
        }
        const implied = this.impliedFor(element);
        if (implied)
            graph.addLink({
                source: element,
                target: implied.bet,
                relation: implied.relation,
                flow: flowOf(implied.relation),
                implied: true,
            });
    }

    /**
     * A relation's flow, except that an upstream link to an element further down the flow is a learning loop: an
     * opportunity `informedBy` an impact is feedback, like `learnedFrom`, and may close a cycle.
     */
    private linkFlow(source: Element, target: Element, relation: RelationDecl): Flow {
        const flow = flowOf(relation);
        if (flow !== 'upstream') return flow;
        const [from, to] = [stageRank(this.kinds.stageOf(source)), stageRank(this.kinds.stageOf(target))];
        return from >= 0 && to > from ? 'feedback' : flow;
    }

    /**
     * An execution element nested in a bet implicitly has `for: thatBet`: when the kind has a `for`
     * relation, the element states none, and an ancestor is of a kind that relation takes, the nearest one is it.
     */
    impliedFor(element: Element): { bet: Element; relation: RelationDecl } | undefined {
        const relation = this.kinds.member(element.kind.ref, 'for');
        if (!isRelationDecl(relation) || entriesFor(element, 'for').length > 0) return undefined;
        for (let ancestor = parentElement(element); ancestor; ancestor = parentElement(ancestor)) {
            if (this.kinds.accepts(relation, ancestor.kind.ref)) return { bet: ancestor, relation };
        }
        return undefined;
    }
}

function stageRank(stage: string | undefined): number {
    return stage === undefined ? -1 : (FLOW_STAGES as readonly string[]).indexOf(stage);
}

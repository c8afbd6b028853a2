// The one place lineage is derived from the AST: a graph per workspace build, cached until the next change.
// Validators, the compiler, hover, code lens and the call hierarchy all read it from here.
//
// The graph is rebuilt per build, but each document's part of it (its nodes and the links its elements state) is
// kept and reused while the document is neither reparsed nor relinked: while the same AST root and the same resolved
// references (Langium replaces `document.references` whenever it unlinks a document) are there, the document's
// elements, names, references and so its links are what they were. A link's flow and a node's stage depend on kinds,
// which may be declared in any document, so a build that reparsed, relinked, added or deleted a document declaring a
// kind rebuilds every part.
import { type AstNode, DocumentState, type LangiumDocument, type LangiumDocuments } from 'langium';
import { type Element, isElement, isRefValue, isRelationDecl, type Model, type RelationDecl } from '../generated/ast.js';
import { entriesFor, entriesOf } from '../model/element-context.js';
import { type Flow, flowOf, type KindSystem } from '../model/kind-system.js';
import { parentElement } from '../model/qualified-names.js';
import { FLOW_STAGES } from '../model/stages.js';
import { forEachQualifiedElement, kindsOf } from '../model/walk.js';
import type { PomServices } from '../pom-module.js';
import { BuildCache } from '../util/build-cache.js';
import { isForeignDocument } from '../workspace/foreign-files.js';
import { LineageGraph, type LineageLink, type LineageNode } from './lineage-graph.js';

/** One document's share of the graph, and what it was derived from. */
interface DocumentPart {
    readonly root: AstNode;
    readonly references: LangiumDocument['references'];
    readonly declaresKinds: boolean;
    readonly nodes: LineageNode[];
    readonly links: LineageLink[];
}

export class LineageIndex {
    private readonly documents: LangiumDocuments;
    private readonly kinds: KindSystem;
    private readonly cache: BuildCache<'graph', LineageGraph>;
    /** The parts of the last graph built, by document URI: only of documents that were linked then. */
    private parts = new Map<string, DocumentPart>();

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
        const previous = this.parts;
        const kept = (document: LangiumDocument): DocumentPart | undefined => {
            const part = previous.get(document.uri.toString());
            const same =
                part?.root === document.parseResult.value &&
                part.references === document.references &&
                document.state >= DocumentState.Linked;
            return same ? part : undefined;
        };
        const reused = documents.map(kept);
        const present = new Set(documents.map((d) => d.uri.toString()));
        const kindsChanged =
            documents.some((d, i) => !reused[i] && (previous.get(d.uri.toString())?.declaresKinds || declaresKinds(d))) ||
            [...previous].some(([uri, part]) => part.declaresKinds && !present.has(uri));
        const nodes = documents.map((document, i) => {
            const part = kindsChanged ? undefined : reused[i];
            if (part) return part.nodes;
            const own: LineageNode[] = [];
            forEachQualifiedElement(document.parseResult.value as Model, (element, id, named) => {
                // An element, or one it is nested in, that a syntax error left without a name has no id: it is no node.
                if (named) own.push({ element, id, stage: this.kinds.stageOf(element), document });
            });
            return own;
        });
        for (const own of nodes) for (const node of own) graph.addNode(node);
        this.parts = new Map();
        documents.forEach((document, i) => {
            const part = kindsChanged ? undefined : reused[i];
            // A kept link's target is a node still: its document was not reparsed, or this one would have been relinked.
            const links = part
                ? part.links.filter((link) => graph.node(link.target))
                : nodes[i].flatMap((n) => this.linksOf(graph, n.element));
            for (const link of links) graph.addLink(link);
            if (document.state >= DocumentState.Linked) {
                this.parts.set(document.uri.toString(), {
                    root: document.parseResult.value,
                    references: document.references,
                    declaresKinds: declaresKinds(document),
                    nodes: nodes[i],
                    links,
                });
            }
        });
        return graph;
    }

    /** The links an element states, to elements that are nodes of the graph. */
    private linksOf(graph: LineageGraph, element: Element): LineageLink[] {
        const links: LineageLink[] = [];
        for (const entry of entriesOf(element)) {
            const relation = entry.key.ref;
            if (!isRelationDecl(relation)) continue;
            for (const value of entry.values) {
                if (!isRefValue(value)) continue;
                const target = value.target.ref;
                if (isElement(target) && graph.node(target)) {
                    links.push({
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
            links.push({
                source: element,
                target: implied.bet,
                relation: implied.relation,
                flow: flowOf(implied.relation),
                implied: true,
            });
        return links;
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

function declaresKinds(document: LangiumDocument): boolean {
    return kindsOf(document.parseResult.value as Model).length > 0;
}

function stageRank(stage: string | undefined): number {
    return stage === undefined ? -1 : (FLOW_STAGES as readonly string[]).indexOf(stage);
}

// Rules that no single document can decide: names duplicated across files, flow cycles, lineage that reaches no
// insight or no result, orphans, overcommitted funding and horizons inverted along links. One pass over the
// lineage graph computes them for every document; the result is cached until the next build.
import { type AstNode, AstUtils, DocumentState, type LangiumDocument } from 'langium';
import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import { type Element, isDurationValue, isKindDecl } from '../generated/ast.js';
import { flowSource, flowTarget, type LineageGraph, type LineageLink } from '../lineage/lineage-graph.js';
import type { LineageIndex } from '../lineage/lineage-index.js';
import { contextValue, effectiveHorizon, entriesFor } from '../model/element-context.js';
import { horizonRank } from '../model/stages.js';
import { parseDuration } from '../model/values.js';
import type { PomServices } from '../pom-module.js';
import { BuildCache } from '../util/build-cache.js';
import type { NameIndex } from '../workspace/name-index.js';
import type { Code } from './codes.js';
import { relatedPlace } from './related-places.js';

export interface WorkspaceDiagnostic {
    readonly code: Code;
    readonly message: string;
    readonly node: AstNode;
    readonly property?: string;
    /** A narrower range than the node's, such as the part of a selector string that names nothing. */
    readonly range?: Range;
    /** The other places the message cites. */
    readonly related?: DiagnosticRelatedInformation[];
}

export type WorkspaceRule = (graph: LineageGraph, add: (diagnostic: WorkspaceDiagnostic) => void) => void;

/** Relations along which a source must not look further ahead than its target. */
const HORIZON_ORDERED_RELATIONS = new Set(['contributesTo', 'feeds']);

export class WorkspaceRules {
    private readonly lineage: LineageIndex;
    private readonly names: NameIndex;
    /** Rules of later layers (the evidence and view checks), registered when the services are wired. */
    private readonly rules: WorkspaceRule[] = [];
    private readonly cache: BuildCache<'all', Map<string, WorkspaceDiagnostic[]>>;

    constructor(services: PomServices) {
        this.lineage = services.pom.LineageIndex;
        this.names = services.pom.NameIndex;
        this.cache = new BuildCache(services.shared, DocumentState.Linked);
    }

    /** Adds a rule that runs with the others on every build. */
    addRule(rule: WorkspaceRule): void {
        this.rules.push(rule);
        this.cache.clear();
    }

    /** Forget the computed diagnostics: the snapshot of observations or the as-of date changed. */
    invalidate(): void {
        this.cache.clear();
    }

    /** The workspace-wide diagnostics that fall in one document. */
    forDocument(document: LangiumDocument): WorkspaceDiagnostic[] {
        return this.all().get(document.uri.toString()) ?? [];
    }

    /** Workspace-wide diagnostics by document URI. */
    all(): Map<string, WorkspaceDiagnostic[]> {
        return this.cache.get('all', () => this.compute(this.lineage.graph()));
    }

    private compute(graph: LineageGraph): Map<string, WorkspaceDiagnostic[]> {
        const result = new Map<string, WorkspaceDiagnostic[]>();
        const add = (diagnostic: WorkspaceDiagnostic) => {
            const uri = AstUtils.getDocument(diagnostic.node).uri.toString();
            const list = result.get(uri);
            if (list) list.push(diagnostic);
            else result.set(uri, [diagnostic]);
        };
        this.duplicateNames(graph, add);
        this.flowCycles(graph, add);
        this.reach(graph, add);
        this.orphans(graph, add);
        this.funding(graph, add);
        this.invertedHorizons(graph, add);
        for (const rule of this.rules) rule(graph, add);
        return result;
    }

    private duplicateNames(graph: LineageGraph, add: (d: WorkspaceDiagnostic) => void): void {
        for (const [id, all] of graph.ids()) {
            if (all.length < 2) continue;
            for (const elements of this.byModel(all)) duplicates(elements, `\`${id}\``, add);
        }
        for (const [id, descriptions] of this.names.kinds()) {
            const all = descriptions.map((d) => d.node).filter(isKindDecl);
            if (all.length < 2) continue;
            for (const kinds of this.byModel(all)) duplicates(kinds, `Kind \`${id}\``, add);
        }
    }

    /**
     * Nodes grouped by the model (project) that holds them, keeping groups of two or more: a name may recur across
     * projects. The prelude belongs to every model.
     */
    private byModel<T extends AstNode>(nodes: readonly T[]): T[][] {
        const isBuiltin = (node: T) => AstUtils.getDocument(node).uri.scheme === 'builtin';
        const builtin = nodes.filter(isBuiltin);
        const groups = new Map<string, T[]>();
        for (const node of nodes) {
            if (isBuiltin(node)) continue;
            const key = this.names.modelOf(AstUtils.getDocument(node).uri);
            const group = groups.get(key);
            if (group) group.push(node);
            else groups.set(key, [...builtin, node]);
        }
        return [...groups.values()].filter((group) => group.length > 1);
    }

    private flowCycles(graph: LineageGraph, add: (d: WorkspaceDiagnostic) => void): void {
        for (const cycle of graph.flowCycles()) {
            if (cycle.length < 2) continue; // a link to itself is a `self-reference`, reported where it is written
            const members = new Set(cycle);
            const names = [...cycle.map((e) => e.name), cycle[0].name].join(' → ');
            for (const element of cycle) {
                for (const link of graph.downstreamLinks(element)) {
                    if (!members.has(flowTarget(link))) continue;
                    add({
                        code: 'flow-cycle',
                        message: `This \`${link.relation.name}\` link closes a flow cycle: ${names}. Only feedback relations such as \`learnedFrom\` may loop.`,
                        ...linkSite(link),
                        related: cycle.filter((e) => e !== element).map((e) => relatedPlace(e, `\`${e.name}\` is on the cycle.`)),
                    });
                }
            }
        }
    }

    private reach(graph: LineageGraph, add: (d: WorkspaceDiagnostic) => void): void {
        const fromInsight = graph.reachingStages(['insights'], 'up');
        const toResult = graph.reachingStages(['inputs', 'drivers', 'northstar'], 'down');
        for (const node of graph.nodes.values()) {
            const { element, stage } = node;
            if ((stage === 'opportunities' || stage === 'options' || stage === 'bets') && !fromInsight.has(element)) {
                add({
                    code: 'no-upstream',
                    message: `${element.kind.$refText} \`${element.name}\` traces back to no insight: nothing learned supports it yet.`,
                    node: element,
                    property: 'name',
                });
            }
            if ((stage === 'bets' || stage === 'impacts') && !toResult.has(element)) {
                add({
                    code: 'no-downstream',
                    message: `${element.kind.$refText} \`${element.name}\` reaches no input, driver or north star: it is cut off from the results it should move.`,
                    node: element,
                    property: 'name',
                });
            }
        }
    }

    private orphans(graph: LineageGraph, add: (d: WorkspaceDiagnostic) => void): void {
        for (const { element } of graph.nodes.values()) {
            if (!graph.isLinked(element)) {
                add({
                    code: 'orphan',
                    message: `\`${element.name}\` has no valid links: nothing links to it and it links to nothing.`,
                    node: element,
                    property: 'name',
                });
            }
        }
    }

    private funding(graph: LineageGraph, add: (d: WorkspaceDiagnostic) => void): void {
        const committed = new Map<Element, { days: number; bets: string[]; places: DiagnosticRelatedInformation[] }>();
        for (const { element, stage } of graph.nodes.values()) {
            if (stage !== 'bets') continue;
            const funding = contextValue(element, 'funding').effective;
            const appetite = entriesFor(element, 'appetite')[0]?.values[0];
            if (typeof funding !== 'object' || !isDurationValue(appetite)) continue;
            const days = parseDuration(appetite.value)?.days ?? 0;
            const line = committed.get(funding) ?? { days: 0, bets: [], places: [] };
            line.days += days;
            line.bets.push(`${element.name} (${appetite.value})`);
            line.places.push(relatedPlace(element, `\`${element.name}\` asks for ${appetite.value}.`));
            committed.set(funding, line);
        }
        for (const [funding, line] of committed) {
            const capacityValue = entriesFor(funding, 'capacity')[0]?.values[0];
            if (!isDurationValue(capacityValue)) continue;
            const capacity = parseDuration(capacityValue.value);
            if (capacity && line.days > capacity.days) {
                add({
                    code: 'funding-overcommitted',
                    message: `\`${funding.name}\` has a capacity of ${capacityValue.value} (${capacity.days} days) but its bets ask for ${line.days} days: ${line.bets.sort().slice(0, 8).join(', ')}${line.bets.length > 8 ? ` and ${line.bets.length - 8} more` : ''}.`,
                    node: funding,
                    property: 'name',
                    related: line.places,
                });
            }
        }
    }

    private invertedHorizons(graph: LineageGraph, add: (d: WorkspaceDiagnostic) => void): void {
        for (const link of graph.links) {
            if (!HORIZON_ORDERED_RELATIONS.has(link.relation.name)) continue;
            const from = flowSource(link);
            const to = flowTarget(link);
            const [fromHorizon, toHorizon] = [effectiveHorizon(from), effectiveHorizon(to)];
            if (fromHorizon && toHorizon && horizonRank(fromHorizon) > horizonRank(toHorizon)) {
                add({
                    code: 'horizon-inverted-link',
                    message: `\`${from.name}\` looks ${fromHorizon} ahead but flows into \`${to.name}\`, which looks only ${toHorizon} ahead; along \`${link.relation.name}\` the horizon should widen, not narrow.`,
                    ...linkSite(link),
                    related: [relatedPlace(link.target, `\`${link.target.name}\` looks ${effectiveHorizon(link.target)} ahead.`)],
                });
            }
        }
    }
}

function linkSite(link: LineageLink): { node: AstNode; property?: string } {
    return link.value ? { node: link.value, property: 'target' } : { node: link.source, property: 'name' };
}

/** Places a message names (and points to as related information); the others are counted. */
const MAX_PLACES = 5;

function listPlaces(places: string[], total = places.length): string {
    const shown = places.slice(0, MAX_PLACES);
    return total > shown.length ? `${shown.join(', ')} and ${total - shown.length} more places` : shown.join(', ');
}

/**
 * One `duplicate-name` for each declaration of a name (the prelude's own are not reported), naming the first
 * MAX_PLACES others. Only the first MAX_PLACES + 1 declarations are ever cited, so n declarations cost O(n), not
 * the n² of listing every other place at every one (20,000 copies of one name did not finish in two minutes).
 */
function duplicates(nodes: readonly AstNode[], subject: string, add: (d: WorkspaceDiagnostic) => void): void {
    const cited = nodes.slice(0, MAX_PLACES + 1);
    const places = cited.map(where);
    const related = cited.map((node) => relatedPlace(node, `${subject} is also declared here.`));
    for (const node of nodes) {
        if (AstUtils.getDocument(node).uri.scheme === 'builtin') continue;
        const others = cited.flatMap((other, i) => (other === node ? [] : [i])).slice(0, MAX_PLACES);
        add({
            code: 'duplicate-name',
            message: `${subject} is declared more than once; also at ${listPlaces(
                others.map((i) => places[i]),
                nodes.length - 1,
            )}.`,
            node,
            property: 'name',
            related: others.map((i) => related[i]),
        });
    }
}

function where(node: AstNode): string {
    const document = AstUtils.getDocument(node);
    const path = document.uri.path.split('/').pop();
    const line = (node.$cstNode?.range.start.line ?? 0) + 1;
    return `${path}:${line}`;
}

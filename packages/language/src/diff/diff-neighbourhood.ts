// The changed neighbourhood: every changed element, its direct neighbours on either side, and the links between
// them with what happened to each. The Markdown picture draws it; JSON consumers get it as data.
import type { CompiledModel } from '../compile/compiled-model.js';
import type { Flow } from '../model/kind-system.js';
import { compareStrings } from '../util/compare.js';
import type { EdgeStatus, LineageChange, ModelDiff, Neighbourhood, NodeStatus } from './diff-report.js';

/** The most elements a neighbourhood keeps; a picture of more tells a reviewer nothing. */
export const NEIGHBOURHOOD_LIMIT = 200;

interface Inputs {
    base: CompiledModel;
    head: CompiledModel;
    rename: (id: string) => string;
    elements: ModelDiff['elements'];
    links: ModelDiff['links'];
    lineage: LineageChange[];
}

const key = (l: { from: string; relation: string; to: string }) => `${l.from}\u0000${l.relation}\u0000${l.to}`;

export function changedNeighbourhood({ base, head, rename, elements, links, lineage }: Inputs): Neighbourhood {
    const info = new Map<string, { kind: string; title: string | null }>();
    for (const e of base.elements) info.set(rename(e.id), { kind: e.kind, title: e.title });
    for (const e of head.elements) info.set(e.id, { kind: e.kind, title: e.title });

    const status = new Map<string, NodeStatus>();
    const mark = (id: string, s: NodeStatus) => {
        if (!status.has(id)) status.set(id, s);
    };
    for (const e of elements.added) mark(e.id, 'added');
    for (const e of elements.removed) mark(e.id, 'removed');
    for (const e of elements.changed) mark(e.id, 'changed');
    for (const e of elements.renamed) mark(e.to, 'renamed');
    // The element that states a link changed with it; the other end is only a neighbour.
    for (const l of [...links.added, ...links.removed, ...links.changed]) mark(l.from, 'changed');
    const core = [...status.keys()].sort(compareStrings);
    const coreIds = new Set(core);

    const all = new Map<string, { from: string; relation: string; to: string; flow: Flow }>();
    for (const l of base.links) {
        const renamed = { from: rename(l.from), relation: l.relation, to: rename(l.to), flow: l.flow };
        all.set(key(renamed), renamed);
    }
    for (const l of head.links) all.set(key(l), { from: l.from, relation: l.relation, to: l.to, flow: l.flow });

    const affected = new Set(lineage.map((l) => l.id));
    const neighbours = new Set<string>();
    for (const l of all.values()) {
        if (status.has(l.from) && !status.has(l.to)) neighbours.add(l.to);
        if (status.has(l.to) && !status.has(l.from)) neighbours.add(l.from);
    }
    for (const id of neighbours) status.set(id, affected.has(id) ? 'affected' : 'neighbour');

    const order = [...core, ...[...neighbours].sort(compareStrings)];
    const kept = new Set(order.slice(0, NEIGHBOURHOOD_LIMIT));
    const edgeStatus = new Map<string, EdgeStatus>();
    for (const l of links.changed) edgeStatus.set(key(l), 'changed');
    for (const l of links.removed) edgeStatus.set(key(l), 'removed');
    for (const l of links.added) edgeStatus.set(key(l), 'added');

    return {
        elements: [...kept]
            .sort(compareStrings)
            .map((id) => ({ id, kind: info.get(id)?.kind ?? '', title: info.get(id)?.title ?? null, status: status.get(id)! })),
        links: [...all.entries()]
            // Links between two unchanged neighbours say nothing about the change.
            .filter(([, l]) => kept.has(l.from) && kept.has(l.to) && (coreIds.has(l.from) || coreIds.has(l.to)))
            .sort(([a], [b]) => compareStrings(a, b))
            .map(([k, l]) => ({ ...l, status: edgeStatus.get(k) ?? 'unchanged' })),
        omitted: order.length - kept.size,
    };
}

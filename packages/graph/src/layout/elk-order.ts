// The layered refinement: elkjs (the Eclipse Layout Kernel's layered algorithm) orders the units of each stage column,
// with the columns as partitions and a bet with its experiments as one tall node; the stage × horizon layout then
// places the units in that order, so bands, slots and nesting stay as they are. Run in the layout worker, and only
// for pictures small enough to finish quickly (see layout-engine.ts).
import type { ELK } from 'elkjs/lib/elk-api.js';
import { FLOW_COLUMNS } from 'pom-language/export';
import type { LayoutInput, StageLayout } from './layout-types.js';
import { CARD, SLOT, stageLayout, type Unit } from './stage-layout.js';

export async function elkOrder(input: LayoutInput, elk: ELK): Promise<StageLayout> {
    const headOf = new Map<string, string>();
    for (const n of input.nodes) headOf.set(n.id, n.nestedIn ?? n.id);
    const heads = input.nodes.filter((n) => !n.nestedIn && FLOW_COLUMNS.includes(n.column));
    const members = new Map<string, number>();
    for (const n of input.nodes) members.set(headOf.get(n.id)!, (members.get(headOf.get(n.id)!) ?? 0) + 1);
    const flow = new Set(heads.map((n) => n.id));
    const seen = new Set<string>();
    const edges: Array<{ id: string; sources: string[]; targets: string[] }> = [];
    for (const e of input.edges) {
        if (e.kind !== 'flow') continue;
        const s = headOf.get(e.source)!;
        const t = headOf.get(e.target)!;
        const key = `${s}\u0000${t}`;
        if (s === t || !flow.has(s) || !flow.has(t) || seen.has(key)) continue;
        seen.add(key);
        edges.push({ id: `e${edges.length}`, sources: [s], targets: [t] });
    }
    const graph = await elk.layout({
        id: 'root',
        layoutOptions: {
            'elk.algorithm': 'layered',
            'elk.direction': 'RIGHT',
            'elk.partitioning.activate': 'true',
            'elk.layered.spacing.nodeNodeBetweenLayers': String(CARD.columnGap),
            'elk.spacing.nodeNode': String(CARD.gapY),
            'elk.layered.thoroughness': '4',
        },
        children: heads.map((n) => ({
            id: n.id,
            width: CARD.width,
            height: (members.get(n.id) ?? 1) * SLOT - CARD.gapY,
            layoutOptions: { 'elk.partitioning.partition': String(FLOW_COLUMNS.indexOf(n.column)) },
        })),
        edges,
    });
    const y = new Map((graph.children ?? []).map((c) => [c.id, (c.y ?? 0) + (c.height ?? 0) / 2]));
    const layout = stageLayout(input, (cells) => {
        for (const units of cells.values()) {
            const index = new Map(units.map((u, i) => [u, i]));
            const key = (u: Unit) => y.get(u.members[0]) ?? Number.POSITIVE_INFINITY;
            units.sort((a, b) => key(a) - key(b) || index.get(a)! - index.get(b)!);
        }
    });
    return { ...layout, engine: 'elk' };
}

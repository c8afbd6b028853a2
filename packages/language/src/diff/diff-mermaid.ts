// The changed neighbourhood as a Mermaid flowchart for a PR comment: node ids are generated (`n1`, `n2`, …) so no
// model name ever reaches Mermaid syntax, and every label is quoted with its special characters as entity codes.
// Arrows point the way value flows (insight → … → outcome), like the graph view's.
import { drawnEnds } from '../compile/model-graph.js';
import type { EdgeStatus, Neighbourhood, NodeStatus } from './diff-report.js';
import { clip, mermaidText } from './markdown-text.js';

const NODE_ORDER: readonly NodeStatus[] = ['added', 'removed', 'renamed', 'changed', 'affected', 'neighbour'];

const CLASS_DEFS: Record<NodeStatus, string> = {
    added: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
    removed: 'fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray: 5 3',
    renamed: 'fill:#ddf4ff,stroke:#0969da,color:#1f2328',
    changed: 'fill:#fff8c5,stroke:#9a6700,color:#1f2328',
    affected: 'fill:#ffffff,stroke:#9a6700,color:#1f2328,stroke-dasharray: 3 3',
    neighbour: 'fill:#f6f8fa,stroke:#d0d7de,color:#57606a',
};

const ARROWS: Record<EdgeStatus, string> = { added: '==>', removed: '-.->', changed: '-->', unchanged: '-->' };
const EDGE_STYLES: Partial<Record<EdgeStatus, string>> = {
    added: 'stroke:#1a7f37,stroke-width:2px',
    removed: 'stroke:#cf222e',
    changed: 'stroke:#9a6700,stroke-width:2px',
};

export const MERMAID_LEGEND =
    'Green: added · red, dashed: removed · blue: renamed · yellow: changed · dashed outline: lineage changed · ' +
    'grey: unchanged neighbour. Thick green arrows are links added, dotted red ones links removed, yellow ones links with new metadata.';

export interface MermaidPicture {
    /** The flowchart source, without the fence. */
    text: string;
    shown: number;
    total: number;
}

/** Draws up to `maxNodes` elements of the neighbourhood, changed ones first. */
export function neighbourhoodMermaid(neighbourhood: Neighbourhood, maxNodes: number): MermaidPicture {
    const total = neighbourhood.elements.length + neighbourhood.omitted;
    const chosen = [...neighbourhood.elements]
        .sort((a, b) => NODE_ORDER.indexOf(a.status) - NODE_ORDER.indexOf(b.status))
        .slice(0, maxNodes)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ids = new Map(chosen.map((e, i) => [e.id, `n${i + 1}`]));
    const lines = ['flowchart LR'];
    for (const e of chosen) {
        const name = e.id.slice(e.id.lastIndexOf('.') + 1);
        const kind = mermaidText(clip(e.kind, 30));
        const title = e.title ? `: ${mermaidText(clip(e.title, 40))}` : '';
        lines.push(`    ${ids.get(e.id)}["${mermaidText(clip(name, 40))}<br/>${kind}${title}"]`);
    }
    const styled = new Map<EdgeStatus, number[]>();
    let index = 0;
    for (const link of neighbourhood.links) {
        // Arrows follow the value flow, as the graph view and `pom lineage` do: insight → opportunity, not back.
        const { source, target } = drawnEnds(link);
        const from = ids.get(source);
        const to = ids.get(target);
        if (!from || !to) continue;
        lines.push(`    ${from} ${ARROWS[link.status]}|"${mermaidText(clip(link.relation, 30))}"| ${to}`);
        if (EDGE_STYLES[link.status]) styled.set(link.status, [...(styled.get(link.status) ?? []), index]);
        index++;
    }
    for (const status of NODE_ORDER) {
        const members = chosen.filter((e) => e.status === status).map((e) => ids.get(e.id));
        if (members.length === 0) continue;
        lines.push(`    classDef ${status} ${CLASS_DEFS[status]}`);
        lines.push(`    class ${members.join(',')} ${status}`);
    }
    for (const [status, indices] of styled) lines.push(`    linkStyle ${indices.join(',')} ${EDGE_STYLES[status]}`);
    return { text: lines.join('\n'), shown: chosen.length, total };
}

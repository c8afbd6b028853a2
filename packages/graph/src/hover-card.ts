// The hover card: what an element is (title, kind, id, effective horizon and owner with where they come from, doc,
// lineage counts, source) or what a link says (relation, ends, flow, metadata). Built from text nodes only.
import { elementLabel, valueText } from 'pom-language/export';
import type { ContextEntry, HorizonEntry, OwnersEntry } from 'pom-language/model';
import { html } from './dom.js';
import type { GraphData, GraphEdge, GraphNode } from './graph-data.js';

const MAX_DOC = 600;

export class HoverCard {
    readonly element: HTMLDivElement;

    constructor(parent: HTMLElement) {
        this.element = html('div', { class: 'pom-card', role: 'tooltip' });
        this.element.hidden = true;
        parent.append(this.element);
    }

    showNode(node: GraphNode, data: GraphData, at: { x: number; y: number }): void {
        const e = node.element;
        const rows: HTMLElement[] = [html('div', { class: 'card-title' }, node.label)];
        const kind = e.kindChain.length > 2 ? `${e.kind} (a ${e.kindChain[1]})` : e.kind;
        rows.push(html('div', { class: 'card-kind' }, `${kind} · ${e.stage ?? 'no stage'}`));
        rows.push(html('div', { class: 'card-id' }, e.id));
        rows.push(this.field('Horizon', context(e.horizon, data)));
        rows.push(this.field(e.owners.effective.length > 1 ? 'Owners' : 'Owner', ownersText(e.owners, data)));
        if (e.funding.effective) rows.push(this.field('Funding', context(e.funding, data)));
        if (e.doc) rows.push(html('div', { class: 'card-doc' }, e.doc.length > MAX_DOC ? `${e.doc.slice(0, MAX_DOC)}…` : e.doc));
        const up = data.lineage.upstream(node.id).size;
        const down = data.lineage.downstream(node.id).size;
        rows.push(html('div', { class: 'card-lineage' }, `↑ ${up} upstream · ↓ ${down} downstream`));
        rows.push(html('div', { class: 'card-source' }, `${e.source.path}:${e.source.line}:${e.source.column}`));
        this.show(rows, at);
    }

    showEdge(edge: GraphEdge, at: { x: number; y: number }): void {
        const l = edge.link;
        const rows: HTMLElement[] = [
            html('div', { class: 'card-title' }, `${l.relation}${l.implied ? ' (implied by nesting)' : ''}`),
            html(
                'div',
                { class: 'card-kind' },
                edge.kind === 'context' ? 'context link' : edge.kind === 'feedback' ? 'feedback (learning loop)' : `flow: ${l.flow}`,
            ),
            this.field('From', elementLabel(edgeEnd(edge, l.from))),
            this.field('To', elementLabel(edgeEnd(edge, l.to))),
        ];
        for (const [key, value] of Object.entries(l.metadata)) rows.push(this.field(key, valueText(value)));
        rows.push(html('div', { class: 'card-source' }, `${l.source.path}:${l.source.line}:${l.source.column}`));
        this.show(rows, at);
    }

    hide(): void {
        this.element.hidden = true;
    }

    private field(name: string, value: string): HTMLElement {
        const row = html('div', { class: 'card-field' });
        row.append(html('span', { class: 'card-key' }, `${name}: `), html('span', {}, value));
        return row;
    }

    /** Places the card beside the point (relative to the card's parent), inside the parent's box. */
    private show(rows: HTMLElement[], at: { x: number; y: number }): void {
        this.element.replaceChildren(...rows);
        this.element.hidden = false;
        const parent = this.element.parentElement!.getBoundingClientRect();
        const box = this.element.getBoundingClientRect();
        const x = at.x + 16 + box.width > parent.width ? Math.max(4, at.x - 16 - box.width) : at.x + 16;
        const y = Math.max(4, Math.min(at.y + 12, parent.height - box.height - 4));
        this.element.style.left = `${x}px`;
        this.element.style.top = `${y}px`;
    }
}

function edgeEnd(edge: GraphEdge, id: string) {
    return (edge.source.id === id ? edge.source : edge.target).element;
}

function context(entry: ContextEntry, data: GraphData): string {
    if (!entry.effective) return '—';
    const length = (entry as Partial<HorizonEntry>).length;
    const name = data.byId.get(entry.effective)?.label;
    const value = length
        ? `${length} (${entry.effective})`
        : name && name !== entry.effective
          ? `${name} (${entry.effective})`
          : entry.effective;
    return value + fromText(entry, data);
}

function ownersText(entry: OwnersEntry, data: GraphData): string {
    if (entry.effective.length === 0) return '—';
    const named = entry.effective.map((id) => {
        const name = data.byId.get(id)?.label;
        return name && name !== id ? `${name} (${id})` : id;
    });
    return named.join(', ') + fromText(entry, data);
}

/** `, from WizardBet via for`: where an inherited value is stated and the path it took. */
function fromText(entry: ContextEntry | OwnersEntry, data: GraphData): string {
    if (!entry.inheritedFrom) return '';
    const via = entry.via && entry.via !== 'nesting' ? ` via ${entry.via}` : '';
    return `, from ${data.byId.get(entry.inheritedFrom)?.label ?? entry.inheritedFrom}${via}`;
}

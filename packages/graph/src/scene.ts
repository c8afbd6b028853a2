// The SVG the view draws into: guides (bands and column headers of the flow layout), edges, nodes, and the classes
// that filtering, highlighting and level of detail switch. Every node is a `<g data-id>` and, below the large-model
// threshold, every link a `<path data-link>`; above it, links are drawn as one path per style (with the highlighted
// lineage on top, one path each), so ten thousand elements still open and pan.
import { select } from 'd3';
import { edgePath, type FlowLayout, NODE_RADIUS, STAGE_STYLES, shapePath, shortLabel } from 'pom-language/export';
import { svg } from './dom.js';
import type { GraphData, GraphEdge, GraphNode } from './graph-data.js';

/** Below this zoom, labels are not drawn at all. */
const FAR_SCALE = 0.3;

/** Above this many elements the view switches to its level-of-detail drawing. */
export const LARGE_MODEL = 3000;
/** At most this many highlighted edges are drawn one by one in a large model. */
const MAX_LIT_EDGES = 4000;

export interface Rect {
    x0: number;
    y0: number;
    x1: number;
    y1: number;
}

export class Scene {
    readonly svg: SVGSVGElement;
    readonly viewport: SVGGElement;
    private readonly guideLayer: SVGGElement;
    private readonly edgeLayer: SVGGElement;
    private readonly litEdgeLayer: SVGGElement;
    readonly nodeLayer: SVGGElement;
    readonly nodeElements = new Map<string, SVGGElement>();
    /** Parallel to `data.edges`; empty in a large model. */
    private edgeElements: SVGPathElement[] = [];
    private bundles = new Map<string, SVGPathElement>();
    private data: GraphData | null = null;
    private shown: Set<string> | null = null;
    private litEdges: GraphEdge[] = [];
    large = false;
    curved = true;

    constructor(parent: HTMLElement) {
        this.svg = svg('svg', { class: 'pom-canvas', role: 'application', 'aria-label': 'Model graph' });
        const defs = svg('defs');
        for (const kind of ['flow', 'feedback', 'context', 'lit']) {
            const marker = svg('marker', {
                id: `pom-arrow-${kind}`,
                class: `arrow arrow-${kind}`,
                viewBox: '0 -4 8 8',
                refX: String(NODE_RADIUS + 10),
                markerWidth: '8',
                markerHeight: '8',
                markerUnits: 'userSpaceOnUse',
                orient: 'auto',
            });
            marker.append(svg('path', { d: 'M0,-4L8,0L0,4Z' }));
            defs.append(marker);
        }
        this.viewport = svg('g', { class: 'viewport' });
        this.guideLayer = svg('g', { class: 'guides' });
        this.edgeLayer = svg('g', { class: 'edges' });
        this.litEdgeLayer = svg('g', { class: 'edges lit-edges' });
        this.nodeLayer = svg('g', { class: 'nodes' });
        this.viewport.append(this.guideLayer, this.edgeLayer, this.litEdgeLayer, this.nodeLayer);
        this.svg.append(defs, this.viewport);
        parent.append(this.svg);
    }

    /** Draws the model from scratch at the nodes' current positions. */
    draw(data: GraphData): void {
        this.data = data;
        this.large = data.nodes.length > LARGE_MODEL;
        this.svg.classList.toggle('large', this.large);
        this.nodeElements.clear();
        this.litEdges = [];
        this.litEdgeLayer.replaceChildren();

        const nodes = select(this.nodeLayer)
            .selectAll<SVGGElement, GraphNode>('g.node')
            .data(data.nodes, (d) => d.id)
            .join('g')
            .attr('class', (d) => `node stage-${d.column}`)
            .attr('data-id', (d) => d.id)
            .attr('data-kind', (d) => d.element.kind)
            .attr('data-stage', (d) => d.column)
            .attr('tabindex', '-1')
            .attr('role', 'button')
            .attr('aria-label', (d) => `${d.element.kind} ${d.label}`);
        nodes.selectAll('*').remove();
        nodes
            .append('path')
            .attr('class', 'shape')
            .attr('d', (d) => shapePath(STAGE_STYLES[d.column].shape, NODE_RADIUS))
            .attr('fill', (d) => STAGE_STYLES[d.column].color);
        nodes
            .append('text')
            .attr('class', 'label')
            .attr('x', NODE_RADIUS + 5)
            .attr('y', 4)
            .text((d) => shortLabel(d.label));
        nodes.each((d, i, group) => {
            this.nodeElements.set(d.id, group[i]);
        });

        this.edgeLayer.replaceChildren();
        this.bundles.clear();
        if (this.large) {
            this.edgeElements = [];
            for (const kind of ['context', 'feedback', 'flow']) {
                const path = svg('path', { class: `edge-bundle ${kind}` });
                this.bundles.set(kind, path);
                this.edgeLayer.append(path);
            }
        } else {
            this.edgeElements = data.edges.map((edge) => this.edgeElement(edge));
            this.edgeLayer.append(...this.edgeElements);
        }
        this.shown = null;
        this.updatePositions();
    }

    private edgeElement(edge: GraphEdge): SVGPathElement {
        const classes = ['edge', edge.kind];
        if (edge.link.implied) classes.push('implied');
        return svg('path', {
            class: classes.join(' '),
            'data-link': String(edge.index),
            'data-from': edge.link.from,
            'data-to': edge.link.to,
            'data-relation': edge.link.relation,
            'marker-end': `url(#pom-arrow-${edge.kind})`,
        });
    }

    /** The bands, the side area and the column headers of a flow layout, or none (the force layout). */
    drawGuides(layout: FlowLayout | null): void {
        this.guideLayer.replaceChildren();
        if (!layout) return;
        const left = -40;
        const width = layout.width + 80;
        const area = (cls: string, y: number, height: number, label: string) =>
            this.guideLayer.append(
                svg('rect', { class: cls, x: String(left), y: String(y), width: String(width), height: String(height) }),
                svg('text', { class: `band-label ${cls}`, x: String(left + 12), y: String(y + 20) }, label),
            );
        layout.bands.forEach((band, i) => {
            area(`band band-${i % 2}`, band.y, band.height, band.label);
        });
        if (layout.side) area('band side', layout.side.y, layout.side.height, 'Out of the flow');
        for (const column of layout.columns) {
            const cls = `column-label${column.side ? ' side' : ''}`;
            this.guideLayer.append(svg('text', { class: cls, x: String(column.x), y: String(column.labelY) }, column.label));
        }
    }

    updatePositions(): void {
        const data = this.data;
        if (!data) return;
        for (const node of data.nodes) {
            this.nodeElements.get(node.id)?.setAttribute('transform', `translate(${round(node.x)},${round(node.y)})`);
        }
        if (this.large) {
            this.drawBundles();
            for (const [i, edge] of this.litEdges.entries()) {
                (this.litEdgeLayer.children[i] as SVGPathElement).setAttribute('d', edgePath(edge.source, edge.target, this.curved));
            }
        } else {
            data.edges.forEach((edge, i) => {
                this.edgeElements[i].setAttribute('d', edgePath(edge.source, edge.target, this.curved));
            });
        }
    }

    private drawBundles(): void {
        const data = this.data!;
        const parts = new Map<string, string[]>([
            ['flow', []],
            ['feedback', []],
            ['context', []],
        ]);
        for (const edge of data.edges) {
            if (this.shown && (!this.shown.has(edge.source.id) || !this.shown.has(edge.target.id))) continue;
            parts.get(edge.kind)!.push(`M${round(edge.source.x)},${round(edge.source.y)}L${round(edge.target.x)},${round(edge.target.y)}`);
        }
        for (const [kind, list] of parts) this.bundles.get(kind)!.setAttribute('d', list.join(''));
    }

    /** Shows only these elements (null: all) and the edges between them. */
    applyVisibility(shown: Set<string> | null): void {
        const data = this.data;
        if (!data) return;
        this.shown = shown;
        for (const node of data.nodes) this.nodeElements.get(node.id)?.classList.toggle('filtered', shown !== null && !shown.has(node.id));
        if (this.large) {
            this.drawBundles();
            this.filterLitEdges();
        } else {
            data.edges.forEach((edge, i) => {
                const hidden = shown !== null && (!shown.has(edge.source.id) || !shown.has(edge.target.id));
                this.edgeElements[i].classList.toggle('filtered', hidden);
            });
        }
    }

    /** Lights a lineage (null: none) and dims the rest; marks the selected element and the editor's cursor. */
    applyHighlight(lit: Set<string> | null, selected: string | null, cursor: string | null): void {
        const data = this.data;
        if (!data) return;
        this.svg.classList.toggle('highlighting', lit !== null);
        for (const node of data.nodes) {
            const el = this.nodeElements.get(node.id);
            if (!el) continue;
            el.classList.toggle('lit', lit?.has(node.id) === true);
            el.classList.toggle('selected', node.id === selected);
            el.classList.toggle('cursor', node.id === cursor);
        }
        const isLit = (edge: GraphEdge) => lit !== null && edge.kind === 'flow' && lit.has(edge.source.id) && lit.has(edge.target.id);
        if (this.large) {
            this.litEdges = lit ? data.edges.filter(isLit).slice(0, MAX_LIT_EDGES) : [];
            this.litEdgeLayer.replaceChildren(
                ...this.litEdges.map((edge) => {
                    const path = this.edgeElement(edge);
                    path.classList.add('lit');
                    path.setAttribute('d', edgePath(edge.source, edge.target, this.curved));
                    return path;
                }),
            );
            this.filterLitEdges();
        } else {
            data.edges.forEach((edge, i) => {
                this.edgeElements[i].classList.toggle('lit', isLit(edge));
            });
        }
    }

    private filterLitEdges(): void {
        const shown = this.shown;
        this.litEdges.forEach((edge, i) => {
            const hidden = shown !== null && (!shown.has(edge.source.id) || !shown.has(edge.target.id));
            this.litEdgeLayer.children[i].classList.toggle('filtered', hidden);
        });
    }

    /**
     * Labels only where they can be read. Between full size and the cut-off, labels grow in layout units as the view
     * shrinks, so a model of a hundred or two elements is legible at the zoom that fits it.
     */
    setDetail(scale: number): void {
        this.svg.classList.toggle('far', scale < FAR_SCALE);
        this.svg.style.setProperty('--label-scale', String(Math.min(1 / FAR_SCALE, Math.max(1, 0.9 / scale))));
    }

    /** In a large model, takes the elements outside the visible area (in layout units) out of rendering. */
    cull(view: Rect | null): void {
        const data = this.data;
        if (!data || !this.large) return;
        for (const node of data.nodes) {
            const out = view !== null && (node.x < view.x0 || node.x > view.x1 || node.y < view.y0 || node.y > view.y1);
            this.nodeElements.get(node.id)?.classList.toggle('culled', out);
        }
    }

    edgeAt(target: EventTarget | null): GraphEdge | undefined {
        const el = target instanceof Element ? target.closest('[data-link]') : null;
        if (!el || !this.data) return undefined;
        const index = Number(el.getAttribute('data-link'));
        return this.data.edges.find((e) => e.index === index);
    }

    nodeAt(target: EventTarget | null): GraphNode | undefined {
        const el = target instanceof Element ? target.closest('.node[data-id]') : null;
        const id = el?.getAttribute('data-id');
        return id ? this.data?.byId.get(id) : undefined;
    }
}

function round(v: number): number {
    return Math.round(v * 10) / 10;
}

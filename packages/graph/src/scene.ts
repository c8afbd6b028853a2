// The SVG the view draws into: guides (bands, nesting frames and column labels of the stage layout), edges, cards,
// and the classes that filtering, highlighting and level of detail switch. Every node is a `<g data-id>` and, below
// the large-model threshold, every link a `<path data-link>`; above it, links are drawn as one path per style (with
// the highlighted lineage on top, one path each), so ten thousand elements still open and pan. Context links are
// drawn but hidden until asked for (the switch, or the selected element's own).
import { select } from 'd3';
import { cardStyle } from './card-style.js';
import { CardPainter } from './cards.js';
import { svg } from './dom.js';
import { edgeCurve } from './edge-path.js';
import type { GraphData, GraphEdge, GraphNode } from './graph-data.js';
import type { StageLayout } from './layout/layout-types.js';

/** Zoom levels of detail: a coloured block below `dot`, the title up to `full`, the whole card above. */
export const LOD = { dot: 0.3, full: 0.85 } as const;

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
    private readonly painter = new CardPainter();

    constructor(parent: HTMLElement) {
        this.svg = svg('svg', { class: 'pom-canvas', role: 'application', 'aria-label': 'Model graph' });
        const defs = svg('defs');
        for (const kind of ['flow', 'feedback', 'context', 'lit']) {
            const marker = svg('marker', {
                id: `pom-arrow-${kind}`,
                class: `arrow arrow-${kind}`,
                viewBox: '0 -4 8 8',
                refX: '7',
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
        nodes.each((d, i, group) => {
            this.nodeElements.set(d.id, group[i]);
            this.painter.paint(group[i], d, data);
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

    /**
     * The bands (with their labels in the strip above their cards), the frames around nested cards, and the column
     * labels (in the side area drawn here; above the flow, the view's header strip shows them, and exports draw them).
     */
    drawGuides(layout: StageLayout | null): void {
        this.guideLayer.replaceChildren();
        if (!layout) return;
        const left = -24;
        const width = layout.width + 48;
        layout.bands.forEach((band, i) => {
            const side = band.key === 'side';
            const cls = side ? 'band side' : `band band-${i % 2}`;
            this.guideLayer.append(
                svg('rect', { class: cls, x: String(left), y: String(band.y), width: String(width), height: String(band.height) }),
            );
            if (!side)
                this.guideLayer.append(svg('text', { class: 'band-label', x: String(left + 8), y: String(band.y + 19) }, band.label));
        });
        for (const group of layout.groups) {
            this.guideLayer.append(
                svg('rect', {
                    class: 'group-frame',
                    'data-group': group.id,
                    x: String(group.x),
                    y: String(group.y),
                    width: String(group.width),
                    height: String(group.height),
                    rx: '8',
                }),
            );
        }
        for (const column of layout.columns) {
            const cls = `column-label${column.side ? ' side' : ''}`;
            const y = column.side && layout.side ? layout.side.y + 19 : -12;
            this.guideLayer.append(
                svg('text', { class: cls, x: String(column.x + 4), y: String(y), 'data-column': column.key }, cardStyle(column.key).label),
            );
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
                (this.litEdgeLayer.children[i] as SVGPathElement).setAttribute('d', edgeCurve(edge.source, edge.target, this.curved));
            }
        } else {
            data.edges.forEach((edge, i) => {
                this.edgeElements[i].setAttribute('d', edgeCurve(edge.source, edge.target, this.curved));
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
                    path.setAttribute('d', edgeCurve(edge.source, edge.target, this.curved));
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

    /** The level of detail for a zoom: a coloured block far out, the title in the middle, the whole card close in. */
    setDetail(scale: number): void {
        const lod = scale < LOD.dot ? 'dot' : scale < LOD.full ? 'title' : 'full';
        for (const name of ['dot', 'title', 'full']) this.svg.classList.toggle(`lod-${name}`, name === lod);
        this.svg.classList.toggle('far', lod === 'dot');
    }

    /** Context links of these elements are shown even when the switch hides context links. */
    showContextOf(ids: ReadonlySet<string>): void {
        if (this.large || !this.data) return;
        this.data.edges.forEach((edge, i) => {
            const own = edge.kind === 'context' && (ids.has(edge.source.id) || ids.has(edge.target.id));
            this.edgeElements[i].classList.toggle('context-shown', own);
        });
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

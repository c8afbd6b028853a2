// Zoom and pan (d3-zoom) over the scene: fitting the visible elements, bringing one into view, level of detail as
// the scale changes, and, in a large model, culling what is off screen once the view comes to rest.
import { select, type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity, zoomTransform } from 'd3';
import type { GraphNode } from './graph-data.js';
import type { Scene } from './scene.js';

export class Viewport {
    private readonly zoomer: ZoomBehavior<SVGSVGElement, unknown>;
    private cullTimer: ReturnType<typeof setTimeout> | undefined;
    /** A fit asked for while the view had no size (a panel opened in the background): done once it gets one. */
    private pending: (() => void) | null = null;

    constructor(
        private readonly scene: Scene,
        onZoom: () => void,
    ) {
        this.zoomer = zoom<SVGSVGElement, unknown>()
            .scaleExtent([0.02, 4])
            .on('zoom', (event: { transform: ZoomTransform }) => {
                scene.viewport.setAttribute('transform', event.transform.toString());
                scene.setDetail(event.transform.k);
                onZoom();
            })
            .on('end', () => this.scheduleCull());
        select(scene.svg).call(this.zoomer);
        new ResizeObserver(() => {
            const pending = this.pending;
            this.pending = null;
            pending?.();
            this.scheduleCull();
        }).observe(scene.svg);
    }

    /** Zooms so the nodes fill the view, with room for labels, the column headers and, if asked, the band labels. */
    fit(nodes: GraphNode[], room: { bandLabels: boolean; headers: boolean }): void {
        if (nodes.length === 0) return;
        let x0 = Number.POSITIVE_INFINITY;
        let y0 = Number.POSITIVE_INFINITY;
        let x1 = Number.NEGATIVE_INFINITY;
        let y1 = Number.NEGATIVE_INFINITY;
        for (const n of nodes) {
            x0 = Math.min(x0, n.x);
            y0 = Math.min(y0, n.y);
            x1 = Math.max(x1, n.x);
            y1 = Math.max(y1, n.y);
        }
        // The flow layout's band labels sit left of the first column, its headers above the first band.
        x0 = room.bandLabels ? Math.min(x0 - 40, -40) : x0 - 40;
        y0 -= room.headers ? 60 : 30;
        x1 += 180;
        y1 += 30;
        const { width, height } = this.scene.svg.getBoundingClientRect();
        if (width === 0 || height === 0) {
            this.pending = () => this.fit(nodes, room);
            return;
        }
        const k = Math.min(width / (x1 - x0), height / (y1 - y0), 1.5);
        const t = zoomIdentity.translate((width - (x1 - x0) * k) / 2 - x0 * k, (height - (y1 - y0) * k) / 2 - y0 * k).scale(k);
        select(this.scene.svg).call(this.zoomer.transform, t);
    }

    zoomBy(factor: number): void {
        select(this.scene.svg).call(this.zoomer.scaleBy, factor);
    }

    /** Pans (without zooming) so the node is on screen. */
    ensureVisible(node: GraphNode): void {
        const t = zoomTransform(this.scene.svg);
        const { width, height } = this.scene.svg.getBoundingClientRect();
        const x = t.applyX(node.x);
        const y = t.applyY(node.y);
        if (x > 20 && x < width - 20 && y > 20 && y < height - 20) return;
        select(this.scene.svg).call(this.zoomer.translateTo, node.x, node.y);
        this.scene.nodeElements.get(node.id)?.classList.remove('culled');
    }

    scheduleCull(): void {
        if (!this.scene.large) return;
        clearTimeout(this.cullTimer);
        this.cullTimer = setTimeout(() => {
            const t = zoomTransform(this.scene.svg);
            const { width, height } = this.scene.svg.getBoundingClientRect();
            const margin = 200 / t.k;
            this.scene.cull({
                x0: t.invertX(0) - margin,
                y0: t.invertY(0) - margin,
                x1: t.invertX(width) + margin,
                y1: t.invertY(height) + margin,
            });
        }, 60);
    }
}

// Zoom and pan (d3-zoom) over the scene: fitting a box (every card inside the view, room left for the header strip),
// bringing one element into view, level of detail as the scale changes, and, in a large model, culling what is off
// screen once the view comes to rest.
import { select, type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity, zoomTransform } from 'd3';
import type { GraphNode } from './graph-data.js';
import { HEADER_HEIGHT } from './headers.js';
import type { Scene } from './scene.js';

export interface Bounds {
    x0: number;
    y0: number;
    x1: number;
    y1: number;
}

/** Pixels left free around a fitted picture. */
const MARGIN = 12;

export class Viewport {
    private readonly zoomer: ZoomBehavior<SVGSVGElement, unknown>;
    private cullTimer: ReturnType<typeof setTimeout> | undefined;
    /** A fit asked for while the view had no size (a panel opened in the background): done once it gets one. */
    private pending: (() => void) | null = null;

    constructor(
        private readonly scene: Scene,
        onZoom: (transform: ZoomTransform) => void,
        onRest: () => void,
    ) {
        this.zoomer = zoom<SVGSVGElement, unknown>()
            .scaleExtent([0.01, 4])
            .on('zoom', (event: { transform: ZoomTransform }) => {
                scene.viewport.setAttribute('transform', event.transform.toString());
                scene.setDetail(event.transform.k);
                onZoom(event.transform);
            })
            .on('end', () => {
                this.scheduleCull();
                onRest();
            });
        select(scene.svg).call(this.zoomer);
        new ResizeObserver(() => {
            const pending = this.pending;
            this.pending = null;
            pending?.();
            this.scheduleCull();
        }).observe(scene.svg);
    }

    /** The box around the cards of these nodes (layout units). */
    static bounds(nodes: readonly GraphNode[]): Bounds | null {
        if (nodes.length === 0) return null;
        const b = {
            x0: Number.POSITIVE_INFINITY,
            y0: Number.POSITIVE_INFINITY,
            x1: Number.NEGATIVE_INFINITY,
            y1: Number.NEGATIVE_INFINITY,
        };
        for (const n of nodes) {
            b.x0 = Math.min(b.x0, n.x - n.width / 2);
            b.y0 = Math.min(b.y0, n.y - n.height / 2);
            b.x1 = Math.max(b.x1, n.x + n.width / 2);
            b.y1 = Math.max(b.y1, n.y + n.height / 2);
        }
        return b;
    }

    /** Zooms and pans so the box fills the view below the header strip, with a margin all round. */
    fit(box: Bounds | null, headers: boolean): void {
        if (!box) return;
        const { width, height } = this.scene.svg.getBoundingClientRect();
        if (width === 0 || height === 0) {
            this.pending = () => this.fit(box, headers);
            return;
        }
        const top = (headers ? HEADER_HEIGHT : 0) + MARGIN;
        const w = Math.max(1, box.x1 - box.x0);
        const h = Math.max(1, box.y1 - box.y0);
        const k = Math.max(0.01, Math.min((width - 2 * MARGIN) / w, (height - top - MARGIN) / h, 1.5));
        const t = zoomIdentity.translate((width - w * k) / 2 - box.x0 * k, top + (height - top - MARGIN - h * k) / 2 - box.y0 * k).scale(k);
        select(this.scene.svg).call(this.zoomer.transform, t);
    }

    get transform(): ZoomTransform {
        return zoomTransform(this.scene.svg);
    }

    restore(t: { x: number; y: number; k: number }): void {
        select(this.scene.svg).call(this.zoomer.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
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

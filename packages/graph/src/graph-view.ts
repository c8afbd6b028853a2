// The graph view: one renderer for the VS Code webview and the standalone page. It takes compiled models (and the
// editor's cursor), lays them out, draws them with d3, and reports back through a host: reveal a source, export
// a picture, an error. Live updates keep every surviving element where it was and put new ones near their parent
// or a neighbour.
import { type FlowLayout, flowLayout } from 'pom-language/export';
import type { CompiledModel } from 'pom-language/model';
import { html } from './dom.js';
import { type Filters, isFiltering, kindChoices, NO_FILTERS, ownerChoices, passes } from './filters.js';
import { type ForceRun, flowAnchors, runForce } from './force-layout.js';
import { GraphData, type GraphNode } from './graph-data.js';
import { HoverCard } from './hover-card.js';
import { type Box, pngDataUrl, svgMarkup } from './image-export.js';
import { type Direction, type Travel, travel } from './keyboard.js';
import { legend } from './legend.js';
import { keepPositions } from './live-positions.js';
import { Scene } from './scene.js';
import { type Action, type LayoutName, Toolbar } from './toolbar.js';
import { Viewport } from './viewport.js';

export interface SourceTarget {
    id: string;
    path: string;
    line: number;
    column: number;
}

export interface GraphHost {
    /** Open the source of an element or link; without it, the location shows in the status line. */
    reveal?(target: SourceTarget): void;
    /** SVG as text, PNG as a data URL. */
    exportImage(format: 'svg' | 'png', data: string): void;
    error(message: string): void;
}

const ARROWS: Record<string, Direction> = { ArrowRight: 'right', ArrowLeft: 'left', ArrowUp: 'up', ArrowDown: 'down' };

export class GraphView {
    readonly root: HTMLElement;
    private readonly toolbar: Toolbar;
    private readonly stage: HTMLElement;
    private readonly scene: Scene;
    private readonly card: HoverCard;
    private readonly viewport: Viewport;
    private data: GraphData | null = null;
    /** The flow layout the guides and the force layout's anchors come from. */
    private guides: FlowLayout | null = null;
    private layout: LayoutName = 'flow';
    private filters: Filters = { ...NO_FILTERS };
    private shown: Set<string> | null = null;
    private selected: string | null = null;
    private cursor: string | null = null;
    private focused: string | null = null;
    private lastTravel: Travel | null = null;
    private force: ForceRun | null = null;

    constructor(
        parent: HTMLElement,
        private readonly host: GraphHost,
    ) {
        this.root = html('div', { class: 'pom-graph', 'data-state': 'empty', 'data-layout': 'flow' });
        parent.append(this.root);
        this.toolbar = new Toolbar(this.root, {
            layout: (name) => this.setLayout(name),
            filters: (filters) => {
                this.filters = filters;
                this.applyFilters();
            },
            action: (name) => this.act(name),
        });
        this.stage = html('div', { class: 'pom-stage' });
        this.root.append(this.stage);
        this.scene = new Scene(this.stage);
        this.card = new HoverCard(this.stage);
        legend(this.root);
        this.viewport = new Viewport(this.scene, () => this.card.hide());
        this.listen();
    }

    // ---- models ---------------------------------------------------------------------------------------------------

    /** Draws a model: the first one laid out and fitted, a later one with every surviving element kept in place. */
    setModel(model: CompiledModel): void {
        const next = new GraphData(model);
        const fresh = flowLayout(model);
        const previous = this.data;
        const survivors = previous ? next.nodes.filter((n) => previous.byId.has(n.id)).length : 0;
        const interrupted = this.force !== null;
        this.force?.cancel();
        this.force = null;
        this.data = next;
        if (!previous || survivors === 0) {
            for (const node of next.nodes) Object.assign(node, fresh.positions.get(node.id));
            this.guides = fresh;
        } else {
            keepPositions(next, previous, fresh);
        }
        if (this.selected && !next.byId.has(this.selected)) this.selected = null;
        if (this.cursor && !next.byId.has(this.cursor)) this.cursor = null;
        if (this.focused && !next.byId.has(this.focused)) this.focused = null;
        this.lastTravel = null;
        this.toolbar.setChoices(kindChoices(model.elements), ownerChoices(model.elements));
        this.filters = this.toolbar.filters;
        this.scene.curved = this.layout === 'flow';
        this.scene.draw(next);
        this.scene.drawGuides(this.layout === 'flow' ? this.guides : null);
        this.applyFilters();
        this.highlight();
        this.setRoving(this.focused ?? next.nodes[0]?.id ?? null);
        if (!previous || survivors === 0) {
            this.fit();
            if (this.layout === 'force') this.startForce();
        } else if (interrupted && this.layout === 'force') {
            // The update stopped a force layout half way: let it settle from where everything is now.
            this.startForce();
        }
        this.viewport.scheduleCull();
        this.root.dataset.state = 'drawn';
        performance.mark('pom-graph-drawn');
        requestAnimationFrame(() => setTimeout(() => performance.mark('pom-graph-painted'), 0));
    }

    /** The element under the editor's cursor: marked, its lineage lit when nothing is selected, scrolled into view. */
    setCursor(id: string | null): void {
        const node = id ? this.data?.byId.get(id) : undefined;
        this.cursor = node ? node.id : null;
        this.highlight();
        if (node) this.viewport.ensureVisible(node);
    }

    // ---- layout ---------------------------------------------------------------------------------------------------

    private setLayout(name: LayoutName): void {
        this.layout = name;
        this.toolbar.setLayout(name);
        this.root.dataset.layout = name;
        this.relayout();
    }

    /** Lays the current model out from scratch in the current layout. */
    private relayout(): void {
        const data = this.data;
        this.force?.cancel();
        this.force = null;
        if (!data) return;
        this.guides = flowLayout(data.model);
        for (const node of data.nodes) Object.assign(node, this.guides.positions.get(node.id));
        this.scene.curved = this.layout === 'flow';
        this.scene.drawGuides(this.layout === 'flow' ? this.guides : null);
        this.scene.updatePositions();
        this.fit();
        if (this.layout === 'force') this.startForce();
    }

    private startForce(): void {
        const data = this.data!;
        const anchor = flowAnchors(data, this.guides ?? flowLayout(data.model));
        this.root.dataset.settled = 'false';
        let drawn = performance.now();
        // Redrawing thousands of elements costs more than a slice of ticks: show progress a few times a second.
        const interval = data.nodes.length > 1000 ? 400 : 120;
        this.force = runForce(data, anchor, {
            progress: (done) => {
                const now = performance.now();
                if (done || now - drawn > interval) {
                    this.scene.updatePositions();
                    drawn = now;
                }
                if (done) {
                    this.force = null;
                    this.fit();
                    this.root.dataset.settled = 'true';
                    performance.mark('pom-layout-settled');
                }
            },
        });
    }

    // ---- view -----------------------------------------------------------------------------------------------------

    /** Zooms to show every visible element (and, in the flow layout, the band labels when nothing is filtered). */
    fit(): void {
        const data = this.data;
        if (!data) return;
        const nodes = this.shown ? data.nodes.filter((n) => this.shown!.has(n.id)) : data.nodes;
        this.viewport.fit(nodes, { bandLabels: this.layout === 'flow' && !this.shown, headers: this.layout === 'flow' });
    }

    // ---- filters and highlight ------------------------------------------------------------------------------------

    private applyFilters(): void {
        const data = this.data;
        if (!data) return;
        this.shown = isFiltering(this.filters) ? new Set(data.nodes.filter((n) => passes(n.element, this.filters)).map((n) => n.id)) : null;
        this.scene.applyVisibility(this.shown);
        this.root.classList.toggle('no-side', !this.filters.side);
        const total = data.nodes.length;
        const count = this.shown ? this.shown.size : total;
        const links = data.edges.length;
        this.toolbar.setStatus(
            this.shown
                ? `${count} of ${total} elements`
                : `${total} element${total === 1 ? '' : 's'} · ${links} link${links === 1 ? '' : 's'}`,
        );
    }

    private highlight(): void {
        const data = this.data;
        if (!data) return;
        const focus = this.selected ?? this.cursor;
        this.scene.applyHighlight(focus ? data.lineageOf(focus) : null, this.selected, this.cursor);
        if (this.selected) this.root.dataset.selected = this.selected;
        else delete this.root.dataset.selected;
    }

    select(id: string | null, reveal = false): void {
        const node = id ? this.data?.byId.get(id) : undefined;
        this.selected = node ? node.id : null;
        this.highlight();
        if (node && reveal) this.reveal({ id: node.id, ...node.element.source });
    }

    private reveal(target: SourceTarget): void {
        if (this.host.reveal) this.host.reveal(target);
        else this.toolbar.setStatus(`${target.id} — ${target.path}:${target.line}:${target.column}`);
    }

    // ---- interaction ----------------------------------------------------------------------------------------------

    private listen(): void {
        const { scene, card } = this;
        const at = (event: MouseEvent) => {
            const box = this.stage.getBoundingClientRect();
            return { x: event.clientX - box.left, y: event.clientY - box.top };
        };
        scene.nodeLayer.addEventListener('pointerover', (event) => {
            const node = scene.nodeAt(event.target);
            if (node && this.data) card.showNode(node, this.data, at(event));
        });
        scene.svg.addEventListener('pointerout', (event) => {
            const to = event.relatedTarget instanceof Element ? event.relatedTarget : null;
            if (!to || (!scene.nodeAt(to) && !scene.edgeAt(to))) card.hide();
        });
        scene.svg.addEventListener('pointerover', (event) => {
            const edge = scene.nodeAt(event.target) ? undefined : scene.edgeAt(event.target);
            if (edge) card.showEdge(edge, at(event));
        });
        scene.svg.addEventListener('click', (event) => {
            const node = scene.nodeAt(event.target);
            if (node) {
                this.select(node.id, true);
                this.focusNode(node, false);
                return;
            }
            const edge = scene.edgeAt(event.target);
            if (edge) {
                this.reveal({ id: edge.link.from, ...edge.link.source });
                return;
            }
            this.select(null);
        });
        scene.svg.addEventListener('keydown', (event) => this.onKey(event));
        scene.nodeLayer.addEventListener('focusin', (event) => {
            const node = scene.nodeAt(event.target);
            if (!node || !this.data) return;
            this.setRoving(node.id);
            const box = this.nodeElement(node.id)?.getBoundingClientRect();
            const stage = this.stage.getBoundingClientRect();
            if (box) card.showNode(node, this.data, { x: box.right - stage.left, y: box.bottom - stage.top });
        });
        scene.nodeLayer.addEventListener('focusout', () => card.hide());
        this.root.addEventListener('keydown', (event) => {
            if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement)) {
                this.select(null);
                card.hide();
            }
        });
    }

    private onKey(event: KeyboardEvent): void {
        const data = this.data;
        const node = this.scene.nodeAt(event.target);
        if (!data) return;
        if (event.key === '+' || event.key === '=') this.viewport.zoomBy(1.25);
        else if (event.key === '-') this.viewport.zoomBy(0.8);
        else if (event.key === '0') this.fit();
        else if (!node) return;
        else if (event.key in ARROWS) {
            const shown = (id: string) => !this.shown || this.shown.has(id);
            const step = travel(data, node, ARROWS[event.key], shown, this.lastTravel);
            if (step) {
                this.lastTravel = step.travel ?? (this.lastTravel?.choices.includes(step.next.id) ? this.lastTravel : null);
                this.focusNode(step.next, true);
            }
        } else if (event.key === 'Enter' || event.key === ' ') {
            this.select(node.id, true);
        } else if (event.key === 'Escape') {
            this.select(null);
            this.card.hide();
        } else return;
        event.preventDefault();
        event.stopPropagation();
    }

    private focusNode(node: GraphNode, scroll: boolean): void {
        if (scroll) this.viewport.ensureVisible(node);
        this.setRoving(node.id);
        this.nodeElement(node.id)?.focus({ preventScroll: true });
    }

    /** One node is in the tab order at a time (a roving tabindex); arrows move it. */
    private setRoving(id: string | null): void {
        if (this.focused && this.focused !== id) this.nodeElement(this.focused)?.setAttribute('tabindex', '-1');
        this.focused = id;
        if (id) this.nodeElement(id)?.setAttribute('tabindex', '0');
    }

    private nodeElement(id: string): SVGGElement | undefined {
        return this.scene.nodeElements.get(id);
    }

    private act(action: Action): void {
        switch (action) {
            case 'fit':
                this.fit();
                return;
            case 'relayout':
                this.relayout();
                return;
            case 'export-svg':
                this.host.exportImage('svg', svgMarkup(this.scene.svg, this.exportBox()));
                return;
            case 'export-png': {
                const box = this.exportBox();
                pngDataUrl(svgMarkup(this.scene.svg, box), box.width, box.height).then(
                    (url) => this.host.exportImage('png', url),
                    (error: unknown) => this.host.error(`PNG export failed: ${error instanceof Error ? error.message : String(error)}`),
                );
            }
        }
    }

    private exportBox(): Box {
        const box = this.scene.viewport.getBBox();
        // Labels are not laid out while zoomed out; leave room for them.
        const labels = this.scene.svg.classList.contains('far') ? 200 : 0;
        return { x: box.x - 20, y: box.y - 20, width: box.width + 40 + labels, height: box.height + 40 };
    }
}

// The graph view: one renderer for the VS Code webview and the standalone page. It takes compiled models (and the
// editor's cursor), shows the picture chosen in the view picker, lays it out in a worker, draws it with d3, and
// reports back through a host: reveal a source, export a picture, an error. Live updates keep every surviving
// element where it was and put new ones near their parent or a neighbour. What the reader chose (view, zoom,
// filters, context links, selection) is kept in the host's state store, so a reload restores it.
import type { CompiledModel } from 'pom-language/model';
import { html } from './dom.js';
import { type Filters, isFiltering, kindChoices, ownerChoices, passes } from './filters.js';
import { type ForceRun, flowAnchors, runForce } from './force-layout.js';
import { GraphData, type GraphNode } from './graph-data.js';
import { ColumnHeaders } from './headers.js';
import { HoverCard } from './hover-card.js';
import { exportPicture } from './image-export.js';
import { type Direction, type Travel, travel } from './keyboard.js';
import { LayoutEngine } from './layout/layout-engine.js';
import { layoutInput, type StageLayout } from './layout/layout-types.js';
import { legend } from './legend.js';
import { keepPositions } from './live-positions.js';
import { Scene } from './scene.js';
import { type Action, type LayoutName, Toolbar } from './toolbar.js';
import { parseState, type StateStore, type ViewState } from './view-state.js';
import { type Bounds, Viewport } from './viewport.js';
import { claimsInDoubt, EVIDENCE_VIEW, viewChoices, viewModel, viewTitle, WHOLE_MODEL } from './views.js';

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
    /** Where the view keeps what the reader chose; without it, nothing is remembered. */
    store?: StateStore;
}

const ARROWS: Record<string, Direction> = { ArrowRight: 'right', ArrowLeft: 'left', ArrowUp: 'up', ArrowDown: 'down' };

export class GraphView {
    readonly root: HTMLElement;
    private readonly toolbar: Toolbar;
    private readonly stage: HTMLElement;
    private readonly scene: Scene;
    private readonly card: HoverCard;
    private readonly headers: ColumnHeaders;
    private readonly viewport: Viewport;
    private readonly engine: LayoutEngine;
    private model: CompiledModel | null = null;
    private data: GraphData | null = null;
    /** The stage layout the guides, the header strip and the force layout's anchors come from. */
    private guides: StageLayout | null = null;
    private state: ViewState;
    /** A saved zoom to restore instead of fitting, once, when the first picture is drawn. */
    private restoreZoom: ViewState['zoom'];
    private shown: Set<string> | null = null;
    private cursor: string | null = null;
    private focused: string | null = null;
    private lastTravel: Travel | null = null;
    private force: ForceRun | null = null;
    private generation = 0;

    constructor(
        parent: HTMLElement,
        private readonly host: GraphHost,
    ) {
        this.state = parseState(host.store?.load());
        this.restoreZoom = this.state.zoom;
        this.root = html('div', { class: 'pom-graph', 'data-state': 'empty', 'data-layout': this.state.layout });
        parent.append(this.root);
        this.toolbar = new Toolbar(this.root, {
            view: (id) => this.setView(id),
            context: (shown) => this.setContextShown(shown),
            layout: (name) => this.setLayout(name),
            filters: (filters) => {
                this.state.filters = filters;
                this.applyFilters();
                this.save();
            },
            action: (name) => this.act(name),
        });
        this.toolbar.setLayout(this.state.layout);
        this.toolbar.setContext(this.state.context);
        this.root.classList.toggle('show-context', this.state.context);
        this.stage = html('div', { class: 'pom-stage' });
        this.root.append(this.stage);
        this.scene = new Scene(this.stage);
        this.headers = new ColumnHeaders(this.stage);
        this.card = new HoverCard(this.stage);
        legend(this.root);
        this.viewport = new Viewport(
            this.scene,
            (t) => {
                this.card.hide();
                this.headers.place(t);
            },
            () => this.save(),
        );
        this.engine = new LayoutEngine((message) => host.error(message));
        this.listen();
    }

    // ---- models ---------------------------------------------------------------------------------------------------

    /** Draws a model: the first one laid out and fitted, a later one with every surviving element kept in place. */
    setModel(model: CompiledModel): void {
        this.model = model;
        const choices = viewChoices(model);
        if (!choices.some((c) => c.id === this.state.view)) this.state.view = WHOLE_MODEL;
        this.toolbar.setViews(choices, this.state.view);
        this.show(true);
    }

    /** The element under the editor's cursor: marked, its lineage lit when nothing is selected, scrolled into view. */
    setCursor(id: string | null): void {
        const node = id ? this.data?.byId.get(id) : undefined;
        this.cursor = node ? node.id : null;
        this.highlight();
        if (node) this.viewport.ensureVisible(node);
    }

    private setView(id: string): void {
        this.state.view = id;
        this.state.selected = null;
        this.show(false);
        this.save();
    }

    /** Lays out and draws the current view of the model; `keep` keeps the places of elements already drawn. */
    private show(keep: boolean): void {
        const model = this.model;
        if (!model) return;
        const next = new GraphData(viewModel(model, this.state.view));
        const previous = keep ? this.data : null;
        const survivors = previous ? next.nodes.filter((n) => previous.byId.has(n.id)).length : 0;
        const interrupted = this.force !== null;
        this.force?.cancel();
        this.force = null;
        const generation = ++this.generation;
        let drawn = false;
        this.root.dataset.layoutState = 'pending';
        performance.mark('pom-layout-requested');
        this.engine.layout(layoutInput(next.model), (layout, final) => {
            if (generation !== this.generation) return;
            if (!drawn) {
                drawn = true;
                performance.mark('pom-layout-received');
                this.draw(next, layout, previous && survivors > 0 ? previous : null, interrupted);
            } else if (!previous || survivors === 0) {
                this.refine(layout);
            }
            if (final) {
                this.root.dataset.layoutState = 'final';
                performance.mark('pom-layout-final');
            }
        });
    }

    private draw(next: GraphData, layout: StageLayout, previous: GraphData | null, interrupted: boolean): void {
        this.data = next;
        if (previous) {
            keepPositions(next, previous, layout);
        } else {
            this.place(layout);
        }
        if (this.state.selected && !next.byId.has(this.state.selected)) this.state.selected = null;
        if (this.cursor && !next.byId.has(this.cursor)) this.cursor = null;
        if (this.focused && !next.byId.has(this.focused)) this.focused = null;
        this.lastTravel = null;
        const elements = next.model.elements;
        this.toolbar.setChoices(kindChoices(elements), ownerChoices(elements));
        this.toolbar.setFilters(this.state.filters);
        this.state.filters = this.toolbar.filters;
        this.toolbar.setTitle(viewTitle(this.model!, this.state.view));
        this.scene.curved = this.state.layout === 'flow';
        this.scene.draw(next);
        this.drawGuides();
        this.applyFilters();
        this.highlight();
        this.setRoving(this.focused ?? next.nodes[0]?.id ?? null);
        if (!previous) {
            if (this.restoreZoom) this.viewport.restore(this.restoreZoom);
            else this.fit();
            this.restoreZoom = null;
            if (this.state.layout === 'force') this.startForce();
        } else if (interrupted && this.state.layout === 'force') {
            // The update stopped a force layout half way: let it settle from where everything is now.
            this.startForce();
        }
        this.headers.place(this.viewport.transform);
        this.viewport.scheduleCull();
        this.root.dataset.state = 'drawn';
        performance.mark('pom-graph-drawn');
        requestAnimationFrame(() => setTimeout(() => performance.mark('pom-graph-painted'), 0));
    }

    /** Puts every node where the layout says. */
    private place(layout: StageLayout): void {
        this.guides = layout;
        for (const node of this.data?.nodes ?? []) {
            const card = layout.cards.get(node.id);
            if (card) Object.assign(node, card);
        }
    }

    /** A better-ordered layout arrived from the worker: move to it without refitting (the reader may be zooming). */
    private refine(layout: StageLayout): void {
        if (this.state.layout !== 'flow') {
            this.guides = layout;
            return;
        }
        this.place(layout);
        this.drawGuides();
        this.scene.updatePositions();
    }

    private drawGuides(): void {
        const flow = this.state.layout === 'flow';
        this.scene.drawGuides(flow ? this.guides : null);
        this.headers.set(flow ? this.guides : null);
        this.headers.place(this.viewport.transform);
    }

    // ---- layout ---------------------------------------------------------------------------------------------------

    private setLayout(name: LayoutName): void {
        this.state.layout = name;
        this.toolbar.setLayout(name);
        this.root.dataset.layout = name;
        this.relayout();
        this.save();
    }

    /** Lays the current picture out from scratch in the current layout. */
    private relayout(): void {
        this.force?.cancel();
        this.force = null;
        if (!this.data) return;
        this.show(false);
    }

    private startForce(): void {
        const data = this.data!;
        const anchor = flowAnchors(this.guides!);
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

    /** Zooms so every visible card fits (and, in the flow layout with nothing filtered, the bands and their labels). */
    fit(): void {
        const data = this.data;
        if (!data) return;
        const nodes = this.shown ? data.nodes.filter((n) => this.shown!.has(n.id)) : data.nodes;
        const flow = this.state.layout === 'flow';
        let box: Bounds | null = Viewport.bounds(nodes);
        if (box && flow && !this.shown && this.guides) {
            box = {
                x0: Math.min(box.x0, -24),
                y0: Math.min(box.y0, 0),
                x1: Math.max(box.x1, this.guides.width),
                y1: Math.max(box.y1, this.guides.height),
            };
        }
        this.viewport.fit(box, flow);
    }

    private setContextShown(shown: boolean): void {
        this.state.context = shown;
        this.root.classList.toggle('show-context', shown);
        this.save();
    }

    private save(): void {
        if (!this.host.store || !this.data) return;
        const t = this.viewport.transform;
        this.host.store.save({ ...this.state, filters: { ...this.state.filters }, zoom: { x: t.x, y: t.y, k: t.k } });
    }

    // ---- filters and highlight ------------------------------------------------------------------------------------

    private applyFilters(): void {
        const data = this.data;
        if (!data) return;
        const filters: Filters = this.state.filters;
        this.shown = isFiltering(filters) ? new Set(data.nodes.filter((n) => passes(n.element, filters)).map((n) => n.id)) : null;
        this.scene.applyVisibility(this.shown);
        this.root.classList.toggle('no-side', !filters.side);
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
        const selected = this.state.selected;
        const focus = selected ?? this.cursor;
        const evidence = this.state.view === EVIDENCE_VIEW && this.model ? claimsInDoubt(this.model) : null;
        this.scene.applyHighlight(focus ? data.lineageOf(focus) : evidence, selected, this.cursor);
        this.scene.showContextOf(new Set(focus ? [focus] : []));
        if (selected) this.root.dataset.selected = selected;
        else delete this.root.dataset.selected;
    }

    select(id: string | null, reveal = false): void {
        const node = id ? this.data?.byId.get(id) : undefined;
        const changed = this.state.selected !== (node ? node.id : null);
        this.state.selected = node ? node.id : null;
        this.highlight();
        if (changed) this.save();
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
            case 'export-png': {
                const format = action === 'export-svg' ? 'svg' : 'png';
                const title = this.model ? viewTitle(this.model, this.state.view) : 'Model';
                exportPicture(this.scene, title, format).then(
                    (data) => this.host.exportImage(format, data),
                    (error: unknown) =>
                        this.host.error(`${format.toUpperCase()} export failed: ${error instanceof Error ? error.message : String(error)}`),
                );
            }
        }
    }
}

// Runs layouts off the UI thread: a small Web Worker for the stage × horizon layout, and, for pictures of up to
// REFINE_MAX elements, a second one that refines it with elkjs; each is started from a blob of its bundled text. The
// layout of each model structure is cached (so a title edit, which keeps the structure, moves nothing). Where no
// worker can start (no Worker, or a policy that forbids it), the fast layout runs here and there is no refinement.
import { type LayoutInput, layoutKey, type StageLayout } from './layout-types.js';
import { stageLayout } from './stage-layout.js';

export interface LayoutRequest {
    id: number;
    input: LayoutInput;
}

export interface LayoutResponse {
    id: number;
    /** Null: keep the layout already sent. */
    layout: StageLayout | null;
    /** No more layouts will come from this worker for this request. */
    final: boolean;
    error?: string;
}

/** The workers' bundled sources, put in by scripts/bundle.js. */
declare const POM_LAYOUT_WORKER: string | undefined;
declare const POM_REFINE_WORKER: string | undefined;

/** Above this many elements the layered refinement would not finish in time: the fast layout is final. */
export const REFINE_MAX = 300;
const CACHE_SIZE = 16;

export type LayoutListener = (layout: StageLayout, final: boolean) => void;

interface Pending {
    id: number;
    key: string;
    input: LayoutInput;
    listener: LayoutListener;
}

export class LayoutEngine {
    private fast: Worker | null | undefined;
    private refiner: Worker | null | undefined;
    private next = 1;
    /** Only the newest request matters: answers to older ones are dropped. */
    private pending: Pending | null = null;
    private readonly cache = new Map<string, { layout: StageLayout; final: boolean }>();

    constructor(private readonly onError: (message: string) => void) {}

    /** Calls `listener` with a layout (at once when cached), and again with `final` once no better one will come. */
    layout(input: LayoutInput, listener: LayoutListener): void {
        const key = layoutKey(input);
        const request: Pending = { id: this.next++, key, input, listener };
        this.pending = request;
        const cached = this.cache.get(key);
        if (cached) {
            this.cache.delete(key);
            this.cache.set(key, cached);
            listener(cached.layout, cached.final);
            if (!cached.final) this.refine(request, cached.layout);
            return;
        }
        const worker = this.fastWorker();
        if (worker) worker.postMessage({ id: request.id, input } satisfies LayoutRequest);
        else this.laidOut(request, stageLayout(input));
    }

    dispose(): void {
        this.fast?.terminate();
        this.refiner?.terminate();
        this.fast = this.refiner = null;
    }

    private laidOut(request: Pending, layout: StageLayout): void {
        const refine = request.input.nodes.length <= REFINE_MAX && this.refineWorker() !== null;
        this.remember(request.key, layout, !refine);
        request.listener(layout, !refine);
        if (refine) this.refine(request, layout);
    }

    private refine(request: Pending, layout: StageLayout): void {
        const worker = this.refineWorker();
        if (!worker) {
            this.remember(request.key, layout, true);
            request.listener(layout, true);
            return;
        }
        worker.postMessage({ id: request.id, input: request.input } satisfies LayoutRequest);
    }

    private fastWorker(): Worker | null {
        if (this.fast === undefined) {
            this.fast = start(
                typeof POM_LAYOUT_WORKER === 'string' ? POM_LAYOUT_WORKER : undefined,
                (response) => {
                    const request = this.pending;
                    if (!request || request.id !== response.id) return;
                    if (response.error) this.onError(`layout: ${response.error}`);
                    this.laidOut(request, response.layout ?? stageLayout(request.input));
                },
                (message) => this.failed('fast', message),
            );
        }
        return this.fast;
    }

    private refineWorker(): Worker | null {
        if (this.refiner === undefined) {
            this.refiner = start(
                typeof POM_REFINE_WORKER === 'string' ? POM_REFINE_WORKER : undefined,
                (response) => {
                    const request = this.pending;
                    if (!request || request.id !== response.id) return;
                    if (response.error) this.onError(`layout refinement: ${response.error}`);
                    const layout = response.layout ?? this.cache.get(request.key)?.layout;
                    if (!layout) return;
                    this.remember(request.key, layout, true);
                    request.listener(layout, true);
                },
                (message) => this.failed('refine', message),
            );
        }
        return this.refiner;
    }

    /** A worker could not run (a policy blocked it): do its work here, or without refinement, from now on. */
    private failed(which: 'fast' | 'refine', message: string): void {
        this.onError(`the layout worker failed: ${message}`);
        const request = this.pending;
        if (which === 'fast') {
            this.fast?.terminate();
            this.fast = null;
            if (request && !this.cache.has(request.key)) this.laidOut(request, stageLayout(request.input));
        } else {
            this.refiner?.terminate();
            this.refiner = null;
            const layout = request ? this.cache.get(request.key)?.layout : undefined;
            if (request && layout) {
                this.remember(request.key, layout, true);
                request.listener(layout, true);
            }
        }
    }

    private remember(key: string, layout: StageLayout, final: boolean): void {
        this.cache.set(key, { layout, final });
        if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
}

function start(source: string | undefined, receive: (response: LayoutResponse) => void, fail: (message: string) => void): Worker | null {
    if (typeof Worker === 'undefined' || source === undefined) return null;
    try {
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(url);
        worker.onmessage = (event: MessageEvent<LayoutResponse>) => receive(event.data);
        worker.onerror = (event) => {
            event.preventDefault();
            fail(event.message);
        };
        return worker;
    } catch {
        return null;
    }
}

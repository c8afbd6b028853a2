// Runs layouts off the UI thread: a Web Worker started from a blob of the worker's bundled text, with the layout of
// each model structure cached (so a title edit, which keeps the structure, moves nothing). Where no worker can start
// (no Worker, or a policy that forbids it), the fast layout runs here and there is no refinement.
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
    /** No more layouts will come for this request. */
    final: boolean;
    error?: string;
}

/** The worker's bundled source, put in by scripts/bundle.js. */
declare const POM_LAYOUT_WORKER: string | undefined;

const CACHE_SIZE = 16;

export type LayoutListener = (layout: StageLayout, final: boolean) => void;

export class LayoutEngine {
    private worker: Worker | null | undefined;
    private next = 1;
    private pending = new Map<number, { key: string; input: LayoutInput; listener: LayoutListener }>();
    private readonly cache = new Map<string, { layout: StageLayout; final: boolean }>();

    constructor(private readonly onError: (message: string) => void) {}

    /** Calls `listener` with a layout (at once when cached), and again if a better one follows. */
    layout(input: LayoutInput, listener: LayoutListener): void {
        const key = layoutKey(input);
        const cached = this.cache.get(key);
        if (cached) {
            this.cache.delete(key);
            this.cache.set(key, cached);
            listener(cached.layout, cached.final);
            if (cached.final) return;
        }
        const worker = this.start();
        // Only the newest request matters: answers to older ones are dropped.
        this.pending.clear();
        if (!worker) {
            const layout = stageLayout(input);
            this.remember(key, layout, true);
            listener(layout, true);
            return;
        }
        const id = this.next++;
        this.pending.set(id, { key, input, listener });
        worker.postMessage({ id, input } satisfies LayoutRequest);
    }

    dispose(): void {
        this.worker?.terminate();
        this.worker = null;
    }

    private start(): Worker | null {
        if (this.worker !== undefined) return this.worker;
        this.worker = null;
        if (typeof Worker === 'undefined' || typeof POM_LAYOUT_WORKER !== 'string') return null;
        try {
            const url = URL.createObjectURL(new Blob([POM_LAYOUT_WORKER], { type: 'text/javascript' }));
            const worker = new Worker(url);
            worker.onmessage = (event: MessageEvent<LayoutResponse>) => this.receive(event.data);
            worker.onerror = (event) => {
                event.preventDefault();
                this.onError(`the layout worker failed: ${event.message}`);
                this.fallBack();
            };
            this.worker = worker;
        } catch {
            this.worker = null;
        }
        return this.worker;
    }

    /** The worker could not run (a policy blocked it): lay out pending requests here from now on. */
    private fallBack(): void {
        this.worker?.terminate();
        this.worker = null;
        const pending = [...this.pending.values()];
        this.pending.clear();
        for (const p of pending) {
            const layout = stageLayout(p.input);
            this.remember(p.key, layout, true);
            p.listener(layout, true);
        }
    }

    private receive(response: LayoutResponse): void {
        const request = this.pending.get(response.id);
        if (!request) return;
        if (response.final) this.pending.delete(response.id);
        if (response.error) this.onError(`layout: ${response.error}`);
        const layout = response.layout ?? this.cache.get(request.key)?.layout;
        if (!layout) return;
        this.remember(request.key, layout, response.final);
        if (response.layout) request.listener(layout, response.final);
        else if (response.final) request.listener(layout, true);
    }

    private remember(key: string, layout: StageLayout, final: boolean): void {
        this.cache.set(key, { layout, final });
        if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
}

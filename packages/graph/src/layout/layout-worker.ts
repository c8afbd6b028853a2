// The layout worker: the stage × horizon layout of each request. It is small, so it starts at once; the layered
// refinement runs in a worker of its own (refine-worker.ts), which carries elkjs. Both are bundled on their own and
// carried as text by the page scripts, then started from blob URLs (the page's CSP needs only `worker-src blob:`).
import type { LayoutRequest, LayoutResponse } from './layout-engine.js';
import { stageLayout } from './stage-layout.js';

const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
    postMessage(message: LayoutResponse): void;
};

scope.onmessage = (event) => {
    const { id, input } = event.data;
    try {
        scope.postMessage({ id, layout: stageLayout(input), final: true });
    } catch (error) {
        scope.postMessage({ id, layout: null, final: true, error: error instanceof Error ? error.message : String(error) });
    }
};

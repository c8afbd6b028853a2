// The layout worker (bundled on its own, then carried as text by the page scripts and started from a blob URL, so
// the page's CSP needs only `worker-src blob:`). For each request it posts the stage × horizon layout at once, then,
// for pictures small enough that the layered engine finishes in about a second, the same grid ordered by elkjs if
// that crosses fewer edges.
import ELK from 'elkjs/lib/elk.bundled.js';
import { countCrossings } from './crossings.js';
import { elkOrder } from './elk-order.js';
import type { LayoutRequest, LayoutResponse } from './layout-engine.js';
import { stageLayout } from './stage-layout.js';

/** Above this many elements the layered refinement would not finish in time: the sweeps' layout is final. */
export const REFINE_MAX = 300;

const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
    postMessage(message: LayoutResponse): void;
};
let elk: InstanceType<typeof ELK> | null = null;
let latest = 0;

const handle = (event: MessageEvent<LayoutRequest>) => {
    const { id, input } = event.data;
    latest = id;
    try {
        const fast = stageLayout(input);
        scope.postMessage({ id, layout: fast, final: input.nodes.length > REFINE_MAX });
        if (input.nodes.length > REFINE_MAX) return;
        // Let a newer request that is already queued go first.
        setTimeout(async () => {
            if (latest !== id) return;
            try {
                if (!elk) {
                    elk = new ELK();
                    // elkjs loads its engine on first use, and that engine, seeing a worker, takes over `onmessage`.
                    scope.onmessage = handle;
                }
                const refined = await elkOrder(input, elk);
                if (latest !== id) return;
                const drawn = input.edges.filter((e) => e.kind !== 'context');
                const better = countCrossings(refined.cards, drawn) < countCrossings(fast.cards, drawn);
                scope.postMessage({ id, layout: better ? refined : null, final: true });
            } catch (error) {
                scope.postMessage({ id, layout: null, final: true, error: String(error) });
            }
        }, 0);
    } catch (error) {
        scope.postMessage({ id, layout: null, final: true, error: error instanceof Error ? error.message : String(error) });
    }
};
scope.onmessage = handle;

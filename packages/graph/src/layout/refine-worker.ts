// The refinement worker: orders the stage × horizon grid with elkjs (see elk-order.ts) and answers with that layout
// when it crosses fewer drawn edges than the one the view already shows, else with null. Requests are only sent for
// pictures small enough to finish in a second or two (layout-engine.ts).
import ELK from 'elkjs/lib/elk.bundled.js';
import { countCrossings } from './crossings.js';
import { elkOrder } from './elk-order.js';
import type { LayoutRequest, LayoutResponse } from './layout-engine.js';
import { stageLayout } from './stage-layout.js';

const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
    postMessage(message: LayoutResponse): void;
};
let elk: InstanceType<typeof ELK> | null = null;
let latest = 0;

const handle = (event: MessageEvent<LayoutRequest>) => {
    const { id, input } = event.data;
    latest = id;
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
            const better = countCrossings(refined.cards, drawn) < countCrossings(stageLayout(input).cards, drawn);
            scope.postMessage({ id, layout: better ? refined : null, final: true });
        } catch (error) {
            scope.postMessage({ id, layout: null, final: true, error: error instanceof Error ? error.message : String(error) });
        }
    }, 0);
};
scope.onmessage = handle;

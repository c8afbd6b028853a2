// The graph in the VS Code webview (bundled to dist/graph-webview.js, which the extension ships in its dist/media).
// The page is graph-panel.ts's: a strict CSP, graph.css, this script by nonce, an empty body the view builds under.
// Messages are webview-protocol.ts's: `ready` once loaded, then `model` and `cursor` in; `reveal`, `export` and `error` out.

import { GraphView } from './graph-view.js';
import type { HostMessage, WebviewMessage } from './webview-protocol.js';

interface VsCodeApi {
    postMessage(message: WebviewMessage): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage) => vscode.postMessage(message);
const failed = (error: unknown) =>
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });

window.addEventListener('error', (event) => failed(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => failed(event.reason));

const view = new GraphView(document.body, {
    reveal: (target) => post({ type: 'reveal', ...target }),
    exportImage: (format, data) => post({ type: 'export', format, data }),
    error: (message) => post({ type: 'error', message }),
    // VS Code keeps this across reloads of the webview (and of the window, with the panel serializer).
    store: { load: () => vscode.getState(), save: (state) => vscode.setState(state) },
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as HostMessage | null;
    try {
        if (message?.type === 'model') {
            if (!Array.isArray(message.model?.elements) || !Array.isArray(message.model?.links))
                throw new Error('the model message holds no model');
            view.setModel(message.model);
        } else if (message?.type === 'cursor') {
            view.setCursor(typeof message.id === 'string' ? message.id : null);
        }
    } catch (error) {
        failed(error);
    }
});

post({ type: 'ready' });

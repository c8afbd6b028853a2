// The graph in the page `pom graph` writes (bundled to dist/graph-standalone.js and inlined by the CLI): the model
// comes from the page's JSON data block; exports download through an <a download> and a blob or data URL.
import { MODEL_SCRIPT_ID } from 'pom-language/export';
import type { CompiledModel } from 'pom-language/model';
import { html } from './dom.js';
import { GraphView } from './graph-view.js';
import { historyStore } from './view-state.js';

function download(name: string, href: string): void {
    const link = html('a', { download: name, href });
    document.body.append(link);
    link.click();
    link.remove();
}

function showError(message: string): void {
    document.body.append(html('p', { class: 'pom-error', role: 'alert' }, message));
}

try {
    const text = document.getElementById(MODEL_SCRIPT_ID)?.textContent;
    if (!text) throw new Error('this page holds no model');
    const model = JSON.parse(text) as CompiledModel;
    const view = new GraphView(document.body, {
        exportImage(format, data) {
            if (format === 'png') {
                download('model.png', data);
                return;
            }
            const url = URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' }));
            download('model.svg', url);
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
        },
        error: showError,
        store: historyStore(),
    });
    view.setModel(model);
} catch (error) {
    showError(`The graph could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
}

// The self-contained HTML page of `pom graph`: the compiled model as a JSON data block, the renderer's script and
// style inline, and a Content-Security-Policy that lets in exactly those two by hash and nothing from anywhere.
// The hash function is passed in, so this stays free of Node (and testable).
import type { CompiledModel } from '../compile/compiled-model.js';
import { htmlPage } from './html-page.js';

/** The id of the data block the standalone renderer reads the model from. */
export const MODEL_SCRIPT_ID = 'pom-model';

export interface StandalonePage {
    model: CompiledModel;
    /** The standalone renderer bundle (graph-standalone.js). */
    script: string;
    /** The renderer's style sheet (graph.css). */
    style: string;
    /** The page title, plain text. */
    title: string;
    /** SHA-256 of UTF-8 text, base64: what CSP hash sources take. */
    sha256: (text: string) => string;
}

/** JSON that is safe inside `<script type="application/json">`: no `<`, so neither `</script>` nor `<!--` can occur. */
export function jsonForScript(value: unknown): string {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}

export function standaloneGraphHtml(page: StandalonePage): string {
    // A bundle could hold these sequences in a string literal; escaped, they end or comment out nothing, and the
    // JavaScript and CSS meaning is the same (`\/` is `/` in both).
    const script = page.script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
    const style = page.style.replace(/<\/(style)/gi, '<\\/$1');
    const csp = [
        "default-src 'none'",
        `script-src 'sha256-${page.sha256(script)}'`,
        `style-src 'sha256-${page.sha256(style)}'`,
        'img-src data: blob:',
        // The graph's layout workers start from blobs of the page script's own text.
        'worker-src blob:',
    ];
    return htmlPage({
        csp: csp.join('; '),
        title: page.title,
        head: `<meta name="generator" content="pom graph">\n<style>${style}</style>`,
        body: `<script type="application/json" id="${MODEL_SCRIPT_ID}">${jsonForScript(page.model)}</script>\n<script>${script}</script>`,
    });
}

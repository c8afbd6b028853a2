// The graph webview's page: a Content-Security-Policy that lets in one script (by nonce) and the extension's own
// styles, images and fonts, and nothing else; no inline script or style, nothing remote. Pure, so tests read it.
import { randomBytes } from 'node:crypto';
import { htmlPage, htmlText } from 'pom-language/export';

export interface GraphHtmlOptions {
    /** `webview.cspSource`: the origin the webview loads the extension's resources from. */
    cspSource: string;
    /** `webview.asWebviewUri` of dist/media/graph-webview.js. */
    scriptUri: string;
    /** `webview.asWebviewUri` of dist/media/graph.css. */
    styleUri: string;
    /** A fresh value from `createNonce()` for every page. */
    nonce: string;
}

/** 144 random bits, base64: a new one for every page, so a nonce seen once is worth nothing. */
export function createNonce(): string {
    return randomBytes(18).toString('base64');
}

export function graphCsp(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        `style-src ${cspSource}`,
        `img-src ${cspSource} data: blob:`,
        `font-src ${cspSource}`,
        // The layout worker starts from a blob of the script's own text: nothing is loaded to run it.
        'worker-src blob:',
    ].join('; ');
}

/** The page the renderer script draws into: it builds its own elements under `<body>`. */
export function graphHtml(options: GraphHtmlOptions): string {
    return htmlPage({
        csp: graphCsp(options.cspSource, options.nonce),
        title: 'POM Graph',
        head: `<link rel="stylesheet" href="${htmlText(options.styleUri)}">`,
        body: `<script nonce="${htmlText(options.nonce)}" src="${htmlText(options.scriptUri)}"></script>`,
    });
}

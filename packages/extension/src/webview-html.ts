// The graph webview's page: a Content-Security-Policy that lets in one script (by nonce) and the extension's own
// styles, images and fonts, and nothing else; no inline script or style, nothing remote. Pure, so tests read it.
import { randomBytes } from 'node:crypto';

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
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(graphCsp(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(options.styleUri)}">
<title>POM Graph</title>
</head>
<body>
<script nonce="${attribute(options.nonce)}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>
`;
}

function attribute(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

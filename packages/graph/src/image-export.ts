// Exporting the picture: the drawn SVG, cloned at full detail with the hidden elements left out and a small style
// sheet of its own (the page's may be out of reach, e.g. in a webview), and a PNG rendered from that SVG through a
// blob URL and a canvas. Nothing is fetched.
import { svg } from './dom.js';

/** The look of an exported SVG: the same rules as graph.css, with the light theme's colours. */
export const EXPORT_CSS = `
text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1f2328; }
.label { font-size: 11px; }
.band { fill: #1f2328; fill-opacity: 0.035; } .band-1 { fill-opacity: 0.065; }
.band-label, .column-label { font-size: 13px; font-weight: 600; fill: #57606a; }
.side-divider { stroke: #8c959f; stroke-dasharray: 4 4; }
.edge { fill: none; stroke-width: 1.3; }
.edge.flow { stroke: #6e7781; } .edge.feedback { stroke: #7e5bd6; stroke-dasharray: 6 4; }
.edge.context { stroke: #afb8c1; stroke-width: 0.8; } .edge.implied { stroke-dasharray: 1.5 3; }
.edge-bundle { fill: none; stroke-width: 0.6; stroke-opacity: 0.35; }
.edge-bundle.flow { stroke: #6e7781; } .edge-bundle.feedback { stroke: #7e5bd6; } .edge-bundle.context { stroke: #afb8c1; }
.arrow-flow path, .arrow-lit path { fill: #6e7781; } .arrow-feedback path { fill: #7e5bd6; } .arrow-context path { fill: #afb8c1; }
.shape { stroke: #ffffff; stroke-width: 1; }
.highlighting .node:not(.lit) .shape { fill-opacity: 0.15; stroke-opacity: 0.15; }
.highlighting .node:not(.lit) .label { fill-opacity: 0.3; }
.highlighting .edge:not(.lit), .highlighting .edge-bundle { stroke-opacity: 0.08; marker-end: none; }
.edge.lit { stroke: #0969da; stroke-width: 2; }
.node.selected .shape { stroke: #0969da; stroke-width: 3; }
`;

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

/** The SVG as a standalone file, cropped to `box` (layout units). */
export function svgMarkup(source: SVGSVGElement, box: Box): string {
    const clone = source.cloneNode(true) as SVGSVGElement;
    clone.classList.remove('far');
    for (const el of clone.querySelectorAll('.filtered')) el.remove();
    for (const el of clone.querySelectorAll('.culled')) el.classList.remove('culled');
    clone.querySelector('.viewport')?.removeAttribute('transform');
    for (const el of clone.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
    const width = Math.ceil(box.width);
    const height = Math.ceil(box.height);
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', String(width));
    clone.setAttribute('height', String(height));
    clone.setAttribute('viewBox', `${Math.floor(box.x)} ${Math.floor(box.y)} ${width} ${height}`);
    const background = svg('rect', {
        x: String(Math.floor(box.x)),
        y: String(Math.floor(box.y)),
        width: String(width),
        height: String(height),
        fill: '#ffffff',
    });
    clone.prepend(svg('style', {}, EXPORT_CSS), background);
    return new XMLSerializer().serializeToString(clone);
}

/** A PNG data URL of an SVG file, at twice its size when that stays under the browser's canvas limits. */
export async function pngDataUrl(svgText: string, width: number, height: number): Promise<string> {
    const scale = Math.min(2, Math.sqrt(16_000_000 / (width * height)), 8000 / width, 8000 / height);
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    try {
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(width * scale));
        canvas.height = Math.max(1, Math.round(height * scale));
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2D canvas to draw the PNG on');
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        return canvas.toDataURL('image/png');
    } finally {
        URL.revokeObjectURL(url);
    }
}

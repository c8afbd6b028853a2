// Exporting the picture: the drawn SVG, cloned at full detail with the hidden elements left out and a small style
// sheet of its own (the page's may be out of reach, e.g. in a webview), under the view's title and above a legend
// of the stages it shows; and a PNG, at twice the size, rendered from that SVG through a blob URL and a canvas.
// Nothing is fetched.
import { shapePath } from 'pom-language/export';
import { cardStyle, STAGE_KEYS, TEXT_COLORS, VERDICT_COLORS } from './card-style.js';
import { svg } from './dom.js';
import type { Scene } from './scene.js';

const L = TEXT_COLORS.light;

/** The look of an exported SVG: the rules of graph.css that a picture needs, with the light theme's colours. */
export const EXPORT_CSS = `
text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: ${L.title}; }
.band { fill: #1f2328; fill-opacity: 0.035; } .band-1 { fill-opacity: 0.065; } .band.side { fill-opacity: 0.02; }
.band-label, .column-label { font-size: 13px; font-weight: 600; fill: ${L.band}; }
.group-frame { fill: #1f2328; fill-opacity: 0.04; stroke: #8c959f; stroke-dasharray: 3 3; }
.edge { fill: none; stroke-width: 1.3; }
.edge.flow { stroke: #6e7781; } .edge.feedback { stroke: #7e5bd6; stroke-dasharray: 6 4; }
.edge.context { stroke: #afb8c1; stroke-width: 0.8; } .edge.implied { stroke-dasharray: 1.5 3; }
.edge-bundle { fill: none; stroke-width: 0.6; stroke-opacity: 0.35; }
.edge-bundle.flow { stroke: #6e7781; } .edge-bundle.feedback { stroke: #7e5bd6; } .edge-bundle.context { stroke: #afb8c1; }
.arrow-flow path, .arrow-lit path { fill: #6e7781; } .arrow-feedback path { fill: #7e5bd6; } .arrow-context path { fill: #afb8c1; }
.card { fill: ${L.card}; stroke: #8c959f; stroke-width: 1; }
.title-full, .title-mid { font-weight: 600; } .title-full { font-size: 11px; } .title-mid { display: none; }
.name { font-size: 9.5px; fill: ${L.muted}; } .badge { fill: ${L.badge}; } .badge-text { font-size: 9.5px; fill: ${L.badgeText}; }
.progress-track { fill: #d0d7de; } .progress-done { fill: ${VERDICT_COLORS.confirmed}; } .stale .progress-done { fill: ${VERDICT_COLORS.unverified}; }
.verdict-frame { fill: none; stroke-width: 2.5; } .verdict-unverified .verdict-frame { stroke-dasharray: 4 3; }
.highlighting .node:not(.lit) { opacity: 0.25; }
.highlighting .edge:not(.lit), .highlighting .edge-bundle { stroke-opacity: 0.08; marker-end: none; }
.edge.lit { stroke: #0969da; stroke-width: 2; }
.node.selected .card { stroke: #0969da; stroke-width: 3; }
.export-title { font-size: 22px; font-weight: 700; } .legend-text { font-size: 12px; fill: ${L.muted}; }
`;

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

/** The SVG as a standalone file, cropped to `box` (layout units). */
export function svgMarkup(source: SVGSVGElement, box: Box, decor?: SVGElement): string {
    const clone = source.cloneNode(true) as SVGSVGElement;
    clone.classList.remove('far', 'lod-dot', 'lod-title');
    clone.classList.add('lod-full');
    for (const el of clone.querySelectorAll('.edge.context:not(.context-shown)')) {
        if (!source.closest('.show-context')) el.remove();
    }
    if (decor) clone.querySelector('.viewport')?.append(decor);
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

const TITLE_ROOM = 56;
const LEGEND_ROW = 24;

/** The picture as it is drawn (hidden elements left out), with its title and legend, as SVG text or a PNG data URL. */
export async function exportPicture(scene: Scene, title: string, format: 'svg' | 'png'): Promise<string> {
    const bbox = scene.viewport.getBBox();
    const stages = STAGE_KEYS.filter((key) => scene.svg.querySelector(`.node[data-stage="${key}"]:not(.filtered)`));
    const perRow = Math.max(1, Math.floor(Math.max(bbox.width, 600) / 150));
    const rows = Math.ceil((stages.length + 3) / perRow);
    const box: Box = {
        x: bbox.x - 24,
        y: bbox.y - 24 - TITLE_ROOM,
        width: Math.max(bbox.width, 600) + 48,
        height: bbox.height + 48 + TITLE_ROOM + rows * LEGEND_ROW + 12,
    };
    const decor = svg('g', { class: 'export-decor' });
    decor.append(svg('text', { class: 'export-title', x: String(box.x + 24), y: String(box.y + 34) }, title));
    const items: Array<[SVGElement, string]> = stages.map((key) => {
        const style = cardStyle(key);
        return [svg('path', { d: shapePath(style.shape, 6), fill: style.color }), style.label];
    });
    for (const [cls, label] of [
        ['edge flow', 'flow'],
        ['edge feedback', 'learning loop'],
        ['edge context', 'context link'],
    ] as const) {
        items.push([svg('path', { class: cls, d: 'M-10,0L10,0' }), label]);
    }
    const legendTop = bbox.y + bbox.height + 36;
    items.forEach(([icon, label], i) => {
        const x = box.x + 34 + (i % perRow) * 150;
        const y = legendTop + Math.floor(i / perRow) * LEGEND_ROW;
        const g = svg('g', { transform: `translate(${x},${y})` });
        g.append(icon, svg('text', { class: 'legend-text', x: '16', y: '4' }, label));
        decor.append(g);
    });
    const markup = svgMarkup(scene.svg, box, decor);
    return format === 'svg' ? markup : pngDataUrl(markup, box.width, box.height);
}

// A static SVG picture of a compiled model in the flow × horizon layout (`pom graph --format svg`): for documents
// and slides, where the interactive page cannot go. All model text is XML-escaped; the file loads nothing.
import type { CompiledModel } from '../compile/compiled-model.js';
import { flowLayout } from './flow-layout.js';
import { edgeEnds, edgeKind, edgePath, elementLabel, NODE_RADIUS, shapePath, shortLabel, stageStyle } from './graph-style.js';

/** Text for an XML text node or attribute value. */
export function xmlText(text: string): string {
    return text
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

const STYLE = `text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#222}
.title{font-size:18px;font-weight:600}.label{font-size:11px}.band-label,.column-label{font-size:13px;font-weight:600;fill:#555}
.edge{fill:none;stroke-width:1.2}.flow{stroke:#555}.feedback{stroke:#7e5bd6;stroke-dasharray:6 4}
.context{stroke:#bbb;stroke-width:.8}.implied{stroke-dasharray:2 3}`;

export interface SvgOptions {
    /** A heading above the picture (a view's title), plain text. */
    title?: string;
}

/** Room for the heading. */
const TITLE_HEIGHT = 40;

export function toSvg(model: CompiledModel, options: SvgOptions = {}): string {
    const layout = flowLayout(model);
    const { positions } = layout;
    const out: string[] = [];
    const top = options.title ? TITLE_HEIGHT : 0;
    const w = Math.ceil(layout.width);
    const h = Math.ceil(layout.height) + top;
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`);
    out.push(`<style>${STYLE}</style>`);
    out.push(`<rect width="${w}" height="${h}" fill="#ffffff"/>`);
    if (options.title) {
        out.push(`<title>${xmlText(options.title)}</title>`, `<text class="title" x="12" y="27">${xmlText(options.title)}</text>`);
        out.push(`<g transform="translate(0,${top})">`);
    }
    out.push(
        '<defs><marker id="arrow" viewBox="0 -4 8 8" refX="17" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">',
    );
    out.push('<path d="M0,-4L8,0L0,4Z" fill="#555"/></marker></defs>');
    for (const [i, band] of layout.bands.entries()) {
        out.push(
            `<rect x="0" y="${band.y}" width="${w}" height="${band.height}" fill="${i % 2 === 0 ? '#f6f7f9' : '#eef0f3'}"/>`,
            `<text class="band-label" x="12" y="${band.y + 20}">${xmlText(band.label)}</text>`,
        );
    }
    for (const column of layout.columns) {
        out.push(`<text class="column-label" x="${column.x}" y="32">${xmlText(column.label)}</text>`);
    }
    for (const link of model.links) {
        const { source, target } = edgeEnds(link);
        const s = positions.get(source);
        const t = positions.get(target);
        if (!s || !t) continue;
        const classes = ['edge', edgeKind(link), ...(link.implied ? ['implied'] : [])].join(' ');
        const marker = edgeKind(link) === 'context' ? '' : ' marker-end="url(#arrow)"';
        out.push(`<path class="${classes}" d="${edgePath(s, t)}"${marker}><title>${xmlText(link.relation)}</title></path>`);
    }
    for (const element of model.elements) {
        const p = positions.get(element.id)!;
        const style = stageStyle(element);
        const label = elementLabel(element);
        out.push(
            `<g transform="translate(${p.x},${p.y})"><title>${xmlText(`${label} (${element.kind})`)}</title>` +
                `<path d="${shapePath(style.shape, NODE_RADIUS)}" fill="${style.color}"/>` +
                `<text class="label" x="${NODE_RADIUS + 5}" y="4">${xmlText(shortLabel(label))}</text></g>`,
        );
    }
    if (options.title) out.push('</g>');
    out.push('</svg>');
    return `${out.join('\n')}\n`;
}

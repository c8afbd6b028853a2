// A node drawn as a card: a strip and a shape in its stage's colour, the title wrapped to three lines (two sizes:
// large for the middle zoom, small beside the details close in), the name, a badge per owner, and, when the model
// carries observations, the state of its metric (a progress bar) or of its claims (an impact's verdict, in words).
// Which parts show is the level of detail (`lod-dot`, `lod-title`, `lod-full` on the SVG, see graph.css).
import { shapePath } from 'pom-language/export';
import { cardStyle, VERDICT_COLORS } from './card-style.js';
import { svg } from './dom.js';
import { type ElementEvidence, evidenceOf, verdictOf } from './evidence.js';
import type { GraphData, GraphNode } from './graph-data.js';
import { type Measure, textMeasure, wrapText } from './text-wrap.js';

/** Font sizes and line heights, in layout units. */
export const CARD_TEXT = {
    mid: { size: 15.5, line: 17, lines: 3 },
    full: { size: 11, line: 12.5, lines: 3 },
    name: 9.5,
    pad: 8,
} as const;

export class CardPainter {
    private readonly mid: Measure = textMeasure(CARD_TEXT.mid.size, 600);
    private readonly full: Measure = textMeasure(CARD_TEXT.full.size, 600);
    private readonly small: Measure = textMeasure(CARD_TEXT.name);

    /** Fills an empty `<g class="node">` for its node. */
    paint(g: SVGGElement, node: GraphNode, data: GraphData): void {
        const e = node.element;
        const style = cardStyle(node.column);
        const w = node.width;
        const h = node.height;
        const left = -w / 2;
        const top = -h / 2;
        const p = CARD_TEXT.pad;
        const verdict = verdictOf(e);
        g.append(
            svg('rect', { class: 'card', x: String(left), y: String(top), width: String(w), height: String(h), rx: '5' }),
            svg('rect', { class: 'strip', x: String(left), y: String(top), width: '5', height: String(h), fill: style.color }),
            svg('path', {
                class: 'shape',
                d: shapePath(style.shape, 5),
                fill: style.color,
                transform: `translate(${w / 2 - 9},${top + 9})`,
            }),
        );
        const textWidth = w - p - 10 - 14;
        g.append(this.lines('label title-mid', node.label, left + p + 2, top + 4, textWidth, CARD_TEXT.mid, this.mid));
        g.append(this.lines('label title-full', node.label, left + p + 2, top + 4, textWidth, CARD_TEXT.full, this.full));
        const footer = h / 2 - 8;
        // One badge per owner, right to left, in up to all but 60 units of the footer; an owner that no longer fits
        // whole is counted, with those after it, in a last `+N` badge. The first owner is always shown, cut to fit.
        const owners = e.owners.effective.map((id) => data.byId.get(id)?.label ?? id.split('.').pop()!);
        const room = Math.max(w / 2 - p, w - 2 * p - 60);
        let used = 0;
        for (let i = 0; i < owners.length; i++) {
            const rest = owners.length - i - 1;
            const more = rest > 0 ? this.small(`+${rest}`) + 12 : 0;
            const free = room - used - more;
            const whole = Math.min(this.small(owners[i]), 80) + 8;
            if (i > 0 && whole > free) {
                used += this.badge(g, `+${owners.length - i}`, w / 2 - p - used, footer, 'owner owner-more') + 4;
                break;
            }
            used += this.badge(g, fit(owners[i], Math.max(Math.min(80, free - 8), 16), this.small), w / 2 - p - used, footer, 'owner') + 4;
        }
        const nameRoom = w - 2 * p - 4 - used;
        g.append(svg('text', { class: 'name', x: String(left + p + 2), y: String(footer) }, fit(e.name, nameRoom, this.small)));
        const evidence = evidenceOf(e);
        if (evidence) g.append(this.progress(evidence, left + 5, h / 2 - 3.5, w - 5));
        if (verdict) {
            g.classList.add(`verdict-${verdict}`);
            g.append(
                svg('rect', {
                    class: 'verdict-frame',
                    x: String(left - 2),
                    y: String(top - 2),
                    width: String(w + 4),
                    height: String(h + 4),
                    rx: '7',
                    stroke: VERDICT_COLORS[verdict],
                }),
            );
        }
    }

    /** A badge ending at `right` on the footer line; returns its width. */
    private badge(g: SVGGElement, text: string, right: number, footer: number, cls: string): number {
        const width = this.small(text) + 8;
        const badge = svg('g', { class: cls, transform: `translate(${right - width},${footer - 8})` });
        badge.append(
            svg('rect', { class: 'badge', width: String(width), height: '11', rx: '5.5' }),
            svg('text', { class: 'badge-text', x: '4', y: '8.5' }, text),
        );
        g.append(badge);
        return width;
    }

    private lines(
        cls: string,
        text: string,
        x: number,
        top: number,
        width: number,
        size: { size: number; line: number; lines: number },
        measure: Measure,
    ) {
        const el = svg('text', { class: cls, x: String(x), y: String(top) });
        wrapText(text, width, size.lines, measure).forEach((line, i) => {
            el.append(svg('tspan', { x: String(x), y: String(top + size.size * 0.95 + i * size.line) }, line));
        });
        return el;
    }

    private progress(evidence: ElementEvidence, x: number, y: number, width: number): SVGGElement {
        const g = svg('g', { class: `evidence${evidence.stale ? ' stale' : ''}` });
        const done = evidence.progress === null ? 0 : Math.max(0, Math.min(1, evidence.progress));
        g.append(svg('rect', { class: 'progress-track', x: String(x), y: String(y), width: String(width), height: '3' }));
        g.append(
            svg('rect', {
                class: 'progress-done',
                x: String(x),
                y: String(y),
                width: String(Math.round(width * done * 10) / 10),
                height: '3',
            }),
        );
        const state =
            evidence.latest === null ? 'no observations' : `${evidence.latest} ${evidence.unit}${evidence.at ? ` on ${evidence.at}` : ''}`;
        const progress = evidence.progress === null ? '' : `, ${Math.round(done * 100)}% of the way to target`;
        g.append(svg('title', {}, `${evidence.metric}: ${state}${progress}${evidence.stale ? ' (stale)' : ''}`));
        return g;
    }
}

/** The text, shortened with an ellipsis to fit the width. */
function fit(text: string, width: number, measure: Measure): string {
    if (measure(text) <= width) return text;
    let chars = [...text];
    while (chars.length > 1 && measure(`${chars.join('')}…`) > width) chars = chars.slice(0, -1);
    return `${chars.join('')}…`;
}

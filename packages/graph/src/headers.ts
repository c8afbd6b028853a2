// The column headers of the stage layout, in a strip above the picture that follows pan and zoom sideways. Each
// header is as wide as its column on screen and shortens with an ellipsis (or hides) when the column is narrow, so
// headers never overlap at any panel width.
import type { ZoomTransform } from 'd3';
import { cardStyle } from './card-style.js';
import { html } from './dom.js';
import type { StageLayout } from './layout/layout-types.js';

/** Height of the strip in pixels; the fit leaves this much room above the picture. */
export const HEADER_HEIGHT = 22;
/** Narrower than this on screen, a column's header is hidden rather than cut to a letter or two. */
const MIN_WIDTH = 28;

export class ColumnHeaders {
    readonly element: HTMLElement;
    private columns: Array<{ x: number; width: number; el: HTMLElement }> = [];

    constructor(parent: HTMLElement) {
        this.element = html('div', { class: 'pom-headers', 'aria-hidden': 'true' });
        parent.append(this.element);
    }

    set(layout: StageLayout | null): void {
        this.columns = (layout?.columns ?? [])
            .filter((c) => !c.side)
            .map((c) => ({
                x: c.x,
                width: c.width,
                el: html('span', { class: 'pom-header', 'data-column': c.key }, cardStyle(c.key).label),
            }));
        this.element.replaceChildren(...this.columns.map((c) => c.el));
        this.element.hidden = this.columns.length === 0;
    }

    place(t: ZoomTransform): void {
        for (const c of this.columns) {
            const width = c.width * t.k;
            c.el.hidden = width < MIN_WIDTH;
            c.el.style.transform = `translateX(${Math.round(t.applyX(c.x))}px)`;
            c.el.style.width = `${Math.floor(width)}px`;
        }
    }
}

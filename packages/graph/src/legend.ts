// The legend, a strip below the graph (so it never covers it): the shape and colour of every stage, and the four
// edge styles. Collapsible (a native <details>).
import { NODE_RADIUS, shapePath } from 'pom-language/export';
import { cardStyle, STAGE_KEYS } from './card-style.js';
import { html, svg } from './dom.js';

export function legend(parent: HTMLElement): HTMLElement {
    const details = html('details', { class: 'pom-legend', open: '' });
    details.append(html('summary', {}, 'Legend'));
    const list = html('ul');
    for (const stage of STAGE_KEYS) {
        const style = cardStyle(stage);
        const item = html('li', { 'data-stage': stage });
        const icon = svg('svg', { width: '18', height: '18', viewBox: '-9 -9 18 18', 'aria-hidden': 'true' });
        icon.append(svg('path', { class: 'shape', d: shapePath(style.shape, NODE_RADIUS - 1), fill: style.color }));
        item.append(icon, html('span', {}, style.label));
        list.append(item);
    }
    for (const [kind, label] of [
        ['flow', 'flow'],
        ['feedback', 'feedback (learning loop)'],
        ['implied', 'implied by nesting'],
        ['context', 'context (owner, metric, …)'],
    ] as const) {
        const item = html('li', { class: 'edge-key' });
        const icon = svg('svg', { width: '28', height: '10', 'aria-hidden': 'true' });
        icon.append(svg('path', { class: `edge ${kind === 'implied' ? 'flow implied' : kind}`, d: 'M1,5L27,5' }));
        item.append(icon, html('span', {}, label));
        list.append(item);
    }
    details.append(list);
    parent.append(details);
    return details;
}

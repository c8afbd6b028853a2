// Building the view's own elements. Model text only ever goes in through `textContent`; attributes through
// `setAttribute` (never a `style` attribute, which a strict CSP blocks: positions go through the CSSOM).
export const SVG_NS = 'http://www.w3.org/2000/svg';

export function html<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attributes: Record<string, string> = {},
    text?: string,
): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    if (text !== undefined) el.textContent = text;
    return el;
}

export function svg<K extends keyof SVGElementTagNameMap>(
    tag: K,
    attributes: Record<string, string> = {},
    text?: string,
): SVGElementTagNameMap[K] {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    if (text !== undefined) el.textContent = text;
    return el;
}

// Pictures of a compiled model as text: the shared drawing rules, the flow × horizon layout, Mermaid, DOT, SVG and
// the standalone HTML page. Pure and free of Node and the DOM, so the CLI, the graph view and the diff share it.
export * from './dot.js';
export * from './flow-layout.js';
export * from './graph-style.js';
export * from './html-page.js';
export * from './mermaid.js';
export * from './standalone-html.js';
export * from './svg.js';
export * from './views-site.js';

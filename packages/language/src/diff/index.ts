// The semantic diff of compiled models and its renderers: what `pom diff` uses, and anything else that compares
// two versions of a model (a review bot, a docs site).

export { canonical } from './diff-compare.js';
export * from './diff-markdown.js';
export { MERMAID_LEGEND, type MermaidPicture, neighbourhoodMermaid } from './diff-mermaid.js';
export * from './diff-report.js';
export { diffToText } from './diff-text.js';
export type { DiffSnapshots } from './evidence-diff.js';
export { lineageReach } from './lineage-reach.js';
export { mdCode, mdMessage, mdText, mermaidText } from './markdown-text.js';
export { type DiffOptions, type DiffSelection, diffModels } from './model-diff.js';
export { matchRenames } from './rename-matching.js';

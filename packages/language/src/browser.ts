// The compiled model's types and its lineage queries, without the rest of the language: what a browser bundle
// (the graph view) imports.

export * from './compile/compiled-model.js';
export * from './compile/model-graph.js';
export * from './query/selectors.js';

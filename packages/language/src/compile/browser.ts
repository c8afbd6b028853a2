// The compiled model's types and its lineage queries, without the rest of the language: what a browser bundle
// (the graph view) imports.
export * from '../query/selectors.js';
export * from './compiled-model.js';
export * from './model-graph.js';

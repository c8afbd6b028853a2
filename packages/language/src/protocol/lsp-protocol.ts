// The custom messages between the POM language server and its clients (the VS Code extension, the graph view).
// Both sides import these types; nothing else defines a `pom/…` method.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { CompiledModel } from '../compile/compiled-model.js';

export interface CompiledModelParams {
    /**
     * The model of the project that holds this document (each `pom.json` project is a model of its own). Without it:
     * the whole workspace when it has no project files, else the files in no project, else the first project.
     */
    uri?: string;
}

/** The compiled model of the workspace, as `pom compile` would write it (paths relative to the workspace root). */
export const CompiledModelRequest = new RequestType<CompiledModelParams, CompiledModel, void>('pom/compiledModel');

export interface LineageParams {
    uri: string;
    position: { line: number; character: number };
    direction: 'upstream' | 'downstream';
}

export interface LineageEntry {
    id: string;
    name: string;
    kind: string;
    title: string | null;
    /** Steps from the element the query started at. */
    distance: number;
    uri: string;
    /** The range of the element's name. */
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The whole upstream or downstream lineage of the element at a position, nearest first. */
export const LineageRequest = new RequestType<LineageParams, LineageEntry[], void>('pom/lineage');

export interface ModelStats {
    elements: number;
    errors: number;
    warnings: number;
}

/** Sent after each build that changed the model (debounced by the server). */
export const ModelChangedNotification = new NotificationType<ModelStats>('pom/modelChanged');

export interface ElementAtParams {
    uri: string;
    position: { line: number; character: number };
}

/** The id of the element declared or referenced at a position (the graph follows the editor's cursor with it). */
export const ElementAtRequest = new RequestType<ElementAtParams, { id: string } | null, void>('pom/elementAt');

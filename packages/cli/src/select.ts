// Selectors given on the command line: one that does not parse, or names what the model lacks, is a usage error.
import { type CompiledModel, ModelGraph, type SelectOptions, SelectorError, selectElements } from 'pom-language';
import { UsageError } from './errors.js';

/** The ids `selector` picks in the model (or in its graph, when the caller has built one). */
export function select(model: CompiledModel | ModelGraph, selector: string, options?: SelectOptions): Set<string> {
    try {
        return selectElements(model instanceof ModelGraph ? model : new ModelGraph(model), selector, options);
    } catch (error) {
        if (error instanceof SelectorError) throw new UsageError(error.message);
        throw error;
    }
}

// The model's SQL as both engines run it: wrapped as a subquery, so it is one SELECT and nothing else, and cut one
// row past the bound, so an unbounded source is noticed without being read whole.
import { MAX_ROWS_PER_SOURCE } from './rows.js';

/** @param source SQL for the table `source` the query reads (a data file's reader), when there is one. */
export function boundedQuery(query: string, source?: string): string {
    const body = query.trim().replace(/;+\s*$/, '');
    // A CTE rather than a view: the file's format is detected once, when the query is bound, not twice.
    const prefix = source === undefined ? '' : `with source as (select * from ${source}) `;
    // On lines of their own, so a trailing `-- comment` in the query cannot swallow the wrapper.
    return `${prefix}select * from (\n${body}\n) as pom_source limit ${MAX_ROWS_PER_SOURCE + 1}`;
}

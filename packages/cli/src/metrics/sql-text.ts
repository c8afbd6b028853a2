// The model's SQL as both engines run it: wrapped as a subquery, so it is one SELECT and nothing else, and cut one
// row past the bound, so an unbounded source is noticed without being read whole.
import { MAX_ROWS_PER_SOURCE } from './rows.js';

export function boundedQuery(query: string): string {
    const body = query.trim().replace(/;+\s*$/, '');
    // On lines of their own, so a trailing `-- comment` in the query cannot swallow the wrapper.
    return `select * from (\n${body}\n) as pom_source limit ${MAX_ROWS_PER_SOURCE + 1}`;
}

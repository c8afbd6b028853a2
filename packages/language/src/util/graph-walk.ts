// Breadth-first reachability, shared by the lineage index (AST elements) and the compiled-model graph (ids).

/** Everything reachable from `start` (itself excluded), with its distance in steps, nearest first. */
export function distances<T>(start: T, next: (node: T) => T[], depth = Number.POSITIVE_INFINITY): Map<T, number> {
    const found = new Map<T, number>();
    let frontier = [start];
    for (let step = 1; step <= depth && frontier.length > 0; step++) {
        const following: T[] = [];
        for (const node of frontier) {
            for (const n of next(node)) {
                if (n !== start && !found.has(n)) {
                    found.set(n, step);
                    following.push(n);
                }
            }
        }
        frontier = following;
    }
    return found;
}

export function reachable<T>(start: T, next: (node: T) => T[], depth = Number.POSITIVE_INFINITY): Set<T> {
    return new Set(distances(start, next, depth).keys());
}

/** Everything reachable from any of `starts`; a start itself only when another start reaches it. One pass. */
export function reachableFrom<T>(starts: readonly T[], next: (node: T) => T[]): Set<T> {
    const reached = new Set<T>();
    const pending = [...starts];
    while (pending.length > 0) {
        for (const n of next(pending.pop() as T)) {
            if (!reached.has(n)) {
                reached.add(n);
                pending.push(n);
            }
        }
    }
    return reached;
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

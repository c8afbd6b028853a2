// Breadth-first reachability, shared by the lineage index (AST elements) and the compiled-model graph (ids).
export function reachable<T>(start: T, next: (node: T) => T[], depth = Number.POSITIVE_INFINITY): Set<T> {
    const seen = new Set<T>();
    let frontier = [start];
    for (let step = 0; step < depth && frontier.length > 0; step++) {
        const following: T[] = [];
        for (const node of frontier) {
            for (const n of next(node)) {
                if (n !== start && !seen.has(n)) {
                    seen.add(n);
                    following.push(n);
                }
            }
        }
        frontier = following;
    }
    return seen;
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

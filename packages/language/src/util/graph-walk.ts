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

/** Tarjan's algorithm, iterative so that a 100,000-element chain cannot overflow the stack. */
export function stronglyConnected<T>(nodes: T[], next: (node: T) => T[]): T[][] {
    const index = new Map<T, number>();
    const low = new Map<T, number>();
    const onStack = new Set<T>();
    const stack: T[] = [];
    const groups: T[][] = [];
    let counter = 0;
    for (const root of nodes) {
        if (index.has(root)) continue;
        const work: Array<{ node: T; successors: T[]; i: number }> = [];
        const enter = (node: T) => {
            index.set(node, counter);
            low.set(node, counter);
            counter++;
            stack.push(node);
            onStack.add(node);
            work.push({ node, successors: next(node), i: 0 });
        };
        enter(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            if (frame.i < frame.successors.length) {
                const successor = frame.successors[frame.i++];
                if (!index.has(successor)) enter(successor);
                else if (onStack.has(successor)) {
                    low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(successor) as number));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent) as number, low.get(frame.node) as number));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const group: T[] = [];
                let member: T;
                do {
                    member = stack.pop() as T;
                    onStack.delete(member);
                    group.push(member);
                } while (member !== frame.node);
                if (group.length > 1 || next(frame.node).includes(frame.node)) groups.push(group.reverse());
            }
        }
    }
    return groups;
}

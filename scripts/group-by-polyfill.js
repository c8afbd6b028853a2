// Object.groupBy / Map.groupBy for Node 20: chevrotain 13 (under Langium 4) calls them, and they arrived in Node 21.
// Loaded by the bundles (as a banner), by vitest (setup file) and by `langium generate` (--import).
if (typeof Object.groupBy !== 'function') {
    Object.groupBy = function groupBy(items, keyOf) {
        const groups = Object.create(null);
        let index = 0;
        for (const item of items) {
            const key = keyOf(item, index++);
            if (!(key in groups)) groups[key] = [];
            groups[key].push(item);
        }
        return groups;
    };
}
if (typeof Map.groupBy !== 'function') {
    Map.groupBy = function groupBy(items, keyOf) {
        const groups = new Map();
        let index = 0;
        for (const item of items) {
            const key = keyOf(item, index++);
            const group = groups.get(key);
            if (group) group.push(item);
            else groups.set(key, [item]);
        }
        return groups;
    };
}

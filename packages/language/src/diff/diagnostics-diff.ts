// Diagnostics introduced and fixed between two compiled models. They pair up by code, file and message, never by
// line, so moving text is no change.
import type { CompiledDiagnostic, CompiledModel } from '../compile/compiled-model.js';
import { compareStrings } from '../util/compare.js';
import { pushTo } from '../util/graph-walk.js';
import { compareLocations } from './diff-compare.js';
import type { ModelDiff } from './diff-report.js';

/**
 * Messages are read modulo the renames (a quoted old name reads as the new one) and without the line numbers some of them cite.
 */
export function diffDiagnostics(
    base: CompiledModel,
    head: CompiledModel,
    renames: Map<string, string>,
    fileRenames: ReadonlyMap<string, string> = new Map(),
): ModelDiff['diagnostics'] {
    const names = renamedNames(base, head, renames);
    // A renamed file's diagnostics are read under its new path, and a message citing it (`a.pom:3`) under its new name.
    const baseNames = new Map([...fileRenames].map(([from, to]) => [baseName(from), baseName(to)]));
    const file = (path: string, rename: boolean) => (rename ? (fileRenames.get(path) ?? baseNames.get(path) ?? path) : path);
    const key = (d: CompiledDiagnostic, rename: boolean) => {
        let message = d.message.replace(/([^\s`]*\.pom):\d+(:\d+)?/g, (_, path: string) => file(path, rename));
        if (rename)
            message = message.replace(/`([^`]*)`/g, (quoted, name: string) => (names.has(name) ? `\`${names.get(name)}\`` : quoted));
        return `${d.code}\u0000${file(d.source.path, rename)}\u0000${message}`;
    };
    const before = new Map<string, CompiledDiagnostic[]>();
    const after = new Map<string, CompiledDiagnostic[]>();
    for (const d of base.diagnostics) pushTo(before, key(d, true), d);
    for (const d of head.diagnostics) pushTo(after, key(d, false), d);
    const introduced: CompiledDiagnostic[] = [];
    const fixed: CompiledDiagnostic[] = [];
    for (const k of new Set([...before.keys(), ...after.keys()])) {
        const b = before.get(k) ?? [];
        const a = after.get(k) ?? [];
        introduced.push(...a.slice(b.length));
        fixed.push(...b.slice(a.length));
    }
    const order = (x: CompiledDiagnostic, y: CompiledDiagnostic) =>
        compareLocations(x.source, y.source) || compareStrings(x.code, y.code) || compareStrings(x.message, y.message);
    return { introduced: introduced.sort(order), fixed: fixed.sort(order) };
}

function baseName(path: string): string {
    return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Files renamed between the sides: a path only the base has pairs with a path only the head has when both hold the
 * same elements, kinds and views (read in the head's names), or, when they hold none, the same diagnostics; and no
 * other file has that content. Base path → head path.
 */
export function matchFileRenames(base: CompiledModel, head: CompiledModel, rename: (id: string) => string): Map<string, string> {
    const contents = (model: CompiledModel, names: (id: string) => string) => {
        const byPath = new Map<string, string[]>();
        const add = (path: string, what: string) => pushTo(byPath, path, what);
        for (const e of model.elements) add(e.source.path, `e ${names(e.id)}`);
        for (const k of model.kinds) add(k.source.path, `k ${k.name}`);
        for (const v of model.views ?? []) add(v.source.path, `v ${v.id}`);
        const declaring = new Set(byPath.keys());
        for (const d of model.diagnostics) if (!declaring.has(d.source.path)) add(d.source.path, `d ${d.code} ${d.message}`);
        return new Map([...byPath].map(([path, items]) => [path, JSON.stringify(items.sort(compareStrings))]));
    };
    const before = contents(base, rename);
    const after = contents(head, (id) => id);
    const gone = [...before].filter(([path]) => !after.has(path));
    const arrived = [...after].filter(([path]) => !before.has(path));
    const renames = new Map<string, string>();
    for (const [path, content] of gone) {
        const same = arrived.filter(([, c]) => c === content);
        if (same.length === 1 && gone.filter(([, c]) => c === content).length === 1) renames.set(path, same[0][0]);
    }
    return renames;
}

/** Old name → new name, for ids and for short names where no two renames share the old name. */
function renamedNames(base: CompiledModel, head: CompiledModel, renames: Map<string, string>): Map<string, string> {
    const baseNames = new Map(base.elements.map((e) => [e.id, e.name]));
    const headNames = new Map(head.elements.map((e) => [e.id, e.name]));
    const names = new Map<string, string>();
    const ambiguous = new Set<string>();
    for (const [from, to] of renames) {
        names.set(from, to);
        const a = baseNames.get(from)!;
        const b = headNames.get(to)!;
        if (a === b) continue;
        if (names.has(a) && names.get(a) !== b) ambiguous.add(a);
        names.set(a, b);
    }
    for (const name of ambiguous) names.delete(name);
    return names;
}

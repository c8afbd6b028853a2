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
export function diffDiagnostics(base: CompiledModel, head: CompiledModel, renames: Map<string, string>): ModelDiff['diagnostics'] {
    const names = renamedNames(base, head, renames);
    const key = (d: CompiledDiagnostic, rename: boolean) => {
        let message = d.message.replace(/(\.pom):\d+(:\d+)?/g, '$1');
        if (rename)
            message = message.replace(/`([^`]*)`/g, (quoted, name: string) => (names.has(name) ? `\`${names.get(name)}\`` : quoted));
        return `${d.code}\u0000${d.source.path}\u0000${message}`;
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

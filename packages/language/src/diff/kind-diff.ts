// User `kind` declarations between two compiled models: kinds added and removed (by qualified name), and for a kind
// on both sides, its title, doc, super kind, abstractness and stage, and its own fields and relations added, removed
// or changed (by name; a member changes when its type, targets, cardinality, flow, `*`, `required` or values do).
import type { CompiledKind, CompiledModel } from '../compile/compiled-model.js';
import { compareStrings } from '../util/compare.js';
import { canonical } from './diff-compare.js';
import type { KindChange, KindRef, KindsDiff, MemberChanges } from './diff-report.js';

const PROPERTIES = ['title', 'doc', 'extends', 'abstract', 'stage'] as const;

export function diffKinds(base: CompiledModel, head: CompiledModel): KindsDiff {
    const before = new Map(base.kinds.map((k) => [k.name, k]));
    const after = new Map(head.kinds.map((k) => [k.name, k]));
    const ref = (k: CompiledKind): KindRef => ({ name: k.name, title: k.title, source: k.source });
    const changed: KindChange[] = [];
    for (const [name, a] of after) {
        const b = before.get(name);
        if (!b) continue;
        const changes = PROPERTIES.filter((p) => b[p] !== a[p]).map((property) => ({ property, before: b[property], after: a[property] }));
        const fields = members(b.fields, a.fields);
        const relations = members(b.relations, a.relations);
        const memberCount = [fields, relations].reduce((n, m) => n + m.added.length + m.removed.length + m.changed.length, 0);
        if (changes.length + memberCount > 0) changed.push({ ...ref(a), changes, fields, relations });
    }
    const byName = (x: { name: string }, y: { name: string }) => compareStrings(x.name, y.name);
    return {
        added: head.kinds
            .filter((k) => !before.has(k.name))
            .map(ref)
            .sort(byName),
        removed: base.kinds
            .filter((k) => !after.has(k.name))
            .map(ref)
            .sort(byName),
        changed: changed.sort(byName),
    };
}

function members<M extends { name: string }>(before: readonly M[], after: readonly M[]): MemberChanges<M> {
    const b = new Map(before.map((m) => [m.name, m]));
    const a = new Map(after.map((m) => [m.name, m]));
    const byName = (x: { name: string }, y: { name: string }) => compareStrings(x.name, y.name);
    return {
        added: after.filter((m) => !b.has(m.name)).sort(byName),
        removed: before.filter((m) => !a.has(m.name)).sort(byName),
        changed: after
            .filter((m) => b.has(m.name) && canonical(b.get(m.name)) !== canonical(m))
            .map((m) => ({ name: m.name, before: b.get(m.name)!, after: m }))
            .sort(byName),
    };
}

/** `timebox: duration required`, `informs: bet | option* downstream`: a member as its declaration reads. */
export function memberText(member: CompiledKind['fields'][number] | CompiledKind['relations'][number]): string {
    if ('targets' in member) {
        const cardinality = member.cardinality === '?' ? '' : member.cardinality;
        const required = member.required && member.cardinality !== '+' ? ' required' : '';
        return `${member.name}: ${member.targets.join(' | ')}${cardinality}${required}${member.flow === 'none' ? '' : ` ${member.flow}`}`;
    }
    const type = member.values ? `enum { ${member.values.join(', ')} }` : member.type;
    return `${member.name}: ${type}${member.many ? '*' : ''}${member.required ? ' required' : ''}`;
}

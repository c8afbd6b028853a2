// Duplicate ids (`X`, `X#2`, … for elements sharing a qualified name) read alike on both sides of a diff. The compiler
// numbers duplicates by the text of their declarations, which says nothing of which one was there first; so a
// duplicate added to the head may take the plain id and push the original to `#2`. Before comparing, each head
// duplicate whose content (title, doc, fields, declared context, the links it states) equals exactly one base element
// of the same name, and no other head duplicate's does, is read under that base id; the others keep their ids where free, else take the next unused number. The original is then
// unchanged and the newcomer is the one reported as added.
import type { CompiledElement, CompiledLink, CompiledModel } from '../compile/compiled-model.js';
import { compareStrings } from '../util/compare.js';
import { pushTo } from '../util/graph-walk.js';
import { linksByElement, signatureOf } from './rename-matching.js';

const SUFFIX = /#\d+$/;

/** Head id → the id the diff reads it under, for the head duplicates that move; empty when none does. */
export function alignDuplicates(base: CompiledModel, head: CompiledModel): Map<string, string> {
    const moves = new Map<string, string>();
    const baseGroups = groupsByName(base, 1);
    const headGroups = groupsByName(head, 2);
    const baseLinks = linksByElement(base.links);
    const headLinks = linksByElement(head.links);
    const same = (id: string | null) => id;
    for (const [stem, headMembers] of headGroups) {
        const baseMembers = baseGroups.get(stem) ?? [];
        if (baseMembers.length === 0 || headMembers.length + baseMembers.length < 3) continue;
        const baseSignatures = new Map<string, string[]>();
        for (const b of baseMembers) {
            const signature = signatureOf(b, outgoing(baseLinks, b), same);
            if (signature !== undefined) pushTo(baseSignatures, signature, b.id);
        }
        const headSignatures = new Map<string, string[]>();
        for (const h of headMembers) {
            const signature = signatureOf(h, outgoing(headLinks, h), same);
            if (signature !== undefined) pushTo(headSignatures, signature, h.id);
        }
        const assigned = new Map<string, string>();
        for (const [signature, heads] of headSignatures) {
            const bases = baseSignatures.get(signature) ?? [];
            if (heads.length === 1 && bases.length === 1) assigned.set(heads[0], bases[0]);
        }
        if ([...assigned].every(([from, to]) => from === to)) continue;
        // The others keep their ids where no pairing took them, else take the first number neither side uses.
        const taken = new Set([...assigned.values()]);
        const rest = headMembers.filter((h) => !assigned.has(h.id));
        for (const h of rest) {
            if (taken.has(h.id)) continue;
            taken.add(h.id);
            assigned.set(h.id, h.id);
        }
        const baseIds = new Set(baseMembers.map((b) => b.id));
        let next = 2;
        for (const h of rest.filter((r) => !assigned.has(r.id))) {
            while (baseIds.has(`${stem}#${next}`) || taken.has(`${stem}#${next}`)) next++;
            taken.add(`${stem}#${next}`);
            assigned.set(h.id, `${stem}#${next}`);
        }
        for (const [from, to] of assigned) if (from !== to) moves.set(from, to);
    }
    return moves;
}

/**
 * The links an element states: what it says itself. Links pointing at a duplicate depend on which of the equal names
 * the linker took, so they are no evidence of which duplicate is which.
 */
function outgoing(links: ReadonlyMap<string, CompiledLink[]>, element: CompiledElement): CompiledLink[] {
    return (links.get(element.id) ?? []).filter((l) => l.from === element.id);
}

/** Elements by their qualified name (the id without `#n`), for names held by at least `least` elements. */
function groupsByName(model: CompiledModel, least: number): Map<string, CompiledElement[]> {
    const groups = new Map<string, CompiledElement[]>();
    for (const e of model.elements) pushTo(groups, e.id.replace(SUFFIX, ''), e);
    for (const [stem, members] of groups) {
        if (members.length < least) groups.delete(stem);
        else members.sort((a, b) => compareStrings(a.id, b.id));
    }
    return groups;
}

// Strings that hold text or names of other things, never an element id.
const TEXT_KEYS = new Set(['title', 'doc', 'name', 'message', 'path', 'code', 'kind', 'kindChain', 'stage', 'namespace', 'unit']);

/** The head model with its ids read through `moves`: every element id, parent, link end, context value and reference. */
export function relabel(model: CompiledModel, moves: ReadonlyMap<string, string>): CompiledModel {
    if (moves.size === 0) return model;
    const walk = (value: unknown, key?: string): unknown => {
        if (typeof value === 'string') return key !== undefined && TEXT_KEYS.has(key) ? value : (moves.get(value) ?? value);
        if (Array.isArray(value)) return value.map((v) => walk(v, key));
        if (value === null || typeof value !== 'object') return value;
        const object = value as Record<string, unknown>;
        // A typed value other than a reference is a literal, whatever its text.
        if (typeof object.type === 'string' && 'value' in object && object.type !== 'reference') return value;
        return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, walk(v, k)]));
    };
    const relabelled = walk(model) as CompiledModel;
    relabelled.elements.sort((a, b) => compareStrings(a.id, b.id));
    return relabelled;
}

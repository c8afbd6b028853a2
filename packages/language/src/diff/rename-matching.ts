// Rename detection: pairs an element that left the base with one that arrived in the head when they have the same
// kind and the same content, so that a rename (or a move to another parent) is reported as one, not as a removal
// plus an addition.
//
// The rule. Content is: the kind, the title, the doc comment, the fields, the declared horizon, owner and funding,
// and every link the element takes part in (relation, the other end, metadata) except those implied by nesting.
// The parent is not content, so an element moved to another parent pairs too (the diff then reports the parent
// change). A reference to an element that is on both sides counts as itself; one to an element already paired
// counts as the pair; one to an element still unpaired counts as "some changed element". Candidates pair when their
// content is equal and the pairing is unique: exactly one base and one head element with that content, or, among
// several, exactly one of each with the same name (an element that moved with its renamed parent). Each pairing
// can make more references resolvable, so the passes repeat until nothing new pairs. An element with no title,
// doc, field or written link has nothing to go on and is never taken for a rename.
import type { CompiledElement, CompiledLink, CompiledModel, TypedValue } from '../compile/compiled-model.js';
import { pushTo } from '../util/graph-walk.js';

/** Base id → head id for every element the head renamed. */
export function matchRenames(base: CompiledModel, head: CompiledModel): Map<string, string> {
    const baseIds = new Set(base.elements.map((e) => e.id));
    const headIds = new Set(head.elements.map((e) => e.id));
    const removed = base.elements.filter((e) => !headIds.has(e.id));
    const added = head.elements.filter((e) => !baseIds.has(e.id));
    const renames = new Map<string, string>();
    if (removed.length === 0 || added.length === 0) return renames;

    const baseLinks = linksByElement(base.links);
    const headLinks = linksByElement(head.links);
    const matchedHead = new Set<string>();
    // How a reference reads in a signature: stable ids as themselves, paired ones as their head id, the rest unknown.
    const baseRef = (id: string | null) => (id === null ? null : headIds.has(id) && baseIds.has(id) ? id : (renames.get(id) ?? UNKNOWN));
    const headRef = (id: string | null) =>
        id === null ? null : (baseIds.has(id) && headIds.has(id)) || matchedHead.has(id) ? id : UNKNOWN;

    for (;;) {
        const candidates = new Map<string, { base: CompiledElement[]; head: CompiledElement[] }>();
        const slot = (signature: string) => {
            const entry = candidates.get(signature) ?? { base: [], head: [] };
            candidates.set(signature, entry);
            return entry;
        };
        for (const element of removed) {
            if (renames.has(element.id)) continue;
            const signature = signatureOf(element, baseLinks.get(element.id) ?? [], baseRef);
            if (signature !== undefined) slot(signature).base.push(element);
        }
        for (const element of added) {
            if (matchedHead.has(element.id)) continue;
            const signature = signatureOf(element, headLinks.get(element.id) ?? [], headRef);
            if (signature !== undefined) slot(signature).head.push(element);
        }
        const pairs: Array<[string, string]> = [];
        for (const group of candidates.values()) {
            if (group.base.length === 0 || group.head.length === 0) continue;
            if (group.base.length === 1 && group.head.length === 1) {
                pairs.push([group.base[0].id, group.head[0].id]);
                continue;
            }
            // Several with equal content: pair by name, then by place (the same parent, or both at the top).
            const samePlace = (b: CompiledElement, h: CompiledElement) => {
                const parent = baseRef(b.parent);
                return parent === headRef(h.parent) && parent !== UNKNOWN;
            };
            const partners = <T extends CompiledElement>(of: CompiledElement, among: T[], place: (x: T) => boolean) => {
                const named = among.filter((x) => x.name === of.name);
                return named.length > 1 ? named.filter(place) : named;
            };
            for (const element of group.base) {
                const forward = partners(element, group.head, (h) => samePlace(element, h));
                if (forward.length !== 1) continue;
                const back = partners(forward[0], group.base, (b) => samePlace(b, forward[0]));
                if (back.length === 1 && back[0] === element) pairs.push([element.id, forward[0].id]);
            }
        }
        if (pairs.length === 0) return renames;
        for (const [from, to] of pairs) {
            renames.set(from, to);
            matchedHead.add(to);
        }
    }
}

const UNKNOWN = '\u0000?';

type Ref = (id: string | null) => string | null;

export function linksByElement(links: readonly CompiledLink[]): Map<string, CompiledLink[]> {
    const map = new Map<string, CompiledLink[]>();
    for (const link of links) {
        pushTo(map, link.from, link);
        if (link.to !== link.from) pushTo(map, link.to, link);
    }
    return map;
}

/** The element's content with references read through `ref`, as a string; undefined when there is no content. */
export function signatureOf(element: CompiledElement, allLinks: readonly CompiledLink[], ref: Ref): string | undefined {
    const fields = Object.entries(element.fields);
    const links = allLinks.filter((l) => !l.implied);
    if (element.title === null && element.doc === null && fields.length === 0 && links.length === 0) return undefined;
    const value = (v: TypedValue) => (v.type === 'reference' ? { ...v, value: ref(v.value) } : v);
    const linkKeys = links
        .map((l) =>
            JSON.stringify([
                l.from === element.id ? 'out' : 'in',
                l.relation,
                l.from === element.id ? ref(l.to) : ref(l.from),
                Object.entries(l.metadata).map(([k, v]) => [k, value(v)]),
            ]),
        )
        .sort();
    return JSON.stringify([
        element.kind,
        element.title,
        element.doc,
        element.horizon.declared,
        element.owners.declared.map(ref).sort(),
        ref(element.funding.declared),
        fields.map(([key, v]) => [key, Array.isArray(v) ? v.map(value) : value(v)]),
        linkKeys,
    ]);
}

// Context inheritance: what `horizon`, `owner` and `funding` apply to an element, where each comes from and by
// which path. The order, first match wins:
//   1. what the element states;
//   2. nesting: what applies to its parent;
//   3. relations that pass context (`relation for: bet* upstream inherits horizon, owner, funding`): what applies to
//      their targets, the relation's name being the path;
//   4. for `funding` only: the funding of the teams that own the element (path `owner`).
// Two sources on one step that disagree (two `for` bets with different horizons, two owners funded differently)
// are a conflict: the first written wins and `context-conflict` says so. A team's funding reaches only the elements
// that team owns: nesting and relations pass on what was stated, nested or linked, never what an owner supplied,
// so an element that states its own owner gets that owner's funding. Each value is computed once per element and
// build; a cycle (along relations, or through owners) ends where it would repeat. What an element states (its facts)
// is kept across builds while its document keeps its resolved references (`util/linked-memo.ts`): the facts read
// only the element's own entries and where its references resolve.
import { AstUtils, DocumentState, type LangiumSharedCoreServices } from 'langium';
import {
    type Element,
    type Entry,
    isDurationValue,
    isElement,
    isEntry,
    isEnumLiteral,
    isRefValue,
    isRelationDecl,
    type Value,
} from '../generated/ast.js';
import { BuildCache } from '../util/build-cache.js';
import { LinkedMemo } from '../util/linked-memo.js';
import { parentElement, qualifiedName } from './qualified-names.js';
import { type HorizonValue, parseHorizon, sameHorizon } from './stages.js';

export const CONTEXT_KEYS = ['horizon', 'owner', 'funding'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

export function isContextKey(name: string): name is ContextKey {
    return (CONTEXT_KEYS as readonly string[]).includes(name);
}

/** The path a value takes to reach an element: `nesting`, a relation's name, or `owner` (a team's funding). */
export const NESTING = 'nesting';
export const OWNER_PATH = 'owner';

/** One context value: a horizon, a funding line, or the set of owning teams. */
export type ContextTarget = HorizonValue | Element | readonly Element[];

export interface ContextValue<T extends ContextTarget = ContextTarget> {
    /** What the element itself states, if anything. */
    declared?: T;
    /** What applies to it. */
    effective?: T;
    /** The element that states the effective value; absent when the element states it or nothing applies. */
    inheritedFrom?: Element;
    /** How the value reached the element: `nesting`, a relation's name or `owner`; absent when stated or absent. */
    via?: string;
}

/** Two inherited sources on one step that disagree; the first one applies. */
export interface ContextConflict {
    key: ContextKey;
    /** The path on which they disagree: a relation's name or `owner`. */
    via: string;
    /** Each distinct candidate: the target or team it came through, and the value with where it is stated. */
    candidates: { through: Element; value: ContextTarget; source: Element }[];
}

interface Resolved {
    value: ContextTarget;
    source: Element;
    via?: string;
}

type Candidate = { through: Element; resolved: Resolved };

export function entriesOf(element: Element): Entry[] {
    return element.body.filter(isEntry);
}

export function entriesFor(element: Element, key: string): Entry[] {
    return entriesOf(element).filter((e) => e.key.$refText === key);
}

/** What an element states: its context values and the relations that pass context, read in one pass over its body. */
interface Facts {
    /** A horizon from the first `horizon` entry, the first funding, every owner of every `owner` entry. */
    declared: Partial<Record<ContextKey, ContextTarget>>;
    /** Relations that pass context, in the order written, with the targets stated for them. */
    passing: { relation: string; keys: readonly string[]; targets: Element[] }[];
}

function factsOf(element: Element): Facts {
    const declared: Facts['declared'] = {};
    const passing: Facts['passing'] = [];
    const owners: Element[] = [];
    for (const item of element.body) {
        if (!isEntry(item)) continue;
        const key = item.key.$refText;
        const first = item.values[0];
        const target = (value: Value | undefined) => (isRefValue(value) ? value.target.ref : undefined);
        if (key === 'owner') {
            for (const value of item.values) {
                const team = target(value);
                if (isElement(team) && !owners.includes(team)) owners.push(team);
            }
        } else if (key === 'horizon' && declared.horizon === undefined) {
            const literal = target(first);
            const horizon = isDurationValue(first)
                ? parseHorizon(first.value)
                : isEnumLiteral(literal)
                  ? parseHorizon(literal.name)
                  : undefined;
            if (horizon) declared.horizon = horizon;
        } else if (key === 'funding' && declared.funding === undefined) {
            const line = target(first);
            if (isElement(line)) declared.funding = line;
        }
        const relation = item.key.ref;
        if (!isRelationDecl(relation) || relation.inherits.length === 0) continue;
        const targets: Element[] = [];
        for (const value of item.values) {
            const linked = target(value);
            if (isElement(linked) && linked !== element) targets.push(linked);
        }
        const same = passing.find((p) => p.relation === relation.name);
        if (same) same.targets.push(...targets);
        else passing.push({ relation: relation.name, keys: relation.inherits, targets });
    }
    if (owners.length > 0) declared.owner = owners;
    return { declared, passing };
}

/** Whether two values of one key say the same (owners compare as sets). */
export function sameContext(a: ContextTarget, b: ContextTarget): boolean {
    if (Array.isArray(a) || Array.isArray(b)) {
        const [x, y] = [a as readonly Element[], b as readonly Element[]];
        return x.length === y.length && x.every((e) => y.includes(e));
    }
    if (isElement(a) || isElement(b)) return a === b;
    return sameHorizon(a as HorizonValue, b as HorizonValue);
}

/** A value as it is written in an entry, with qualified names: `2 quarters`, `acme.org.Growth, acme.org.Data`. */
export function contextReference(value: ContextTarget): string {
    if (Array.isArray(value)) return (value as readonly Element[]).map((e) => qualifiedName(e)).join(', ');
    if (isElement(value)) return qualifiedName(value);
    return (value as HorizonValue).text;
}

/** A value as people read it: the horizon as written, the element's name, the owners' names. */
export function contextText(value: ContextTarget): string {
    if (Array.isArray(value)) return (value as readonly Element[]).map((e) => e.name).join(', ');
    if (isElement(value)) return value.name;
    return (value as HorizonValue).text;
}

export class ElementContext {
    /** Stated, nested or linked values, by key. */
    private readonly passed: Record<ContextKey, Memo>;
    /** `funding` with an owner's funding as the last resort. */
    private readonly funded: Memo;
    private readonly conflictsFound: BuildCache<Element, ContextConflict[]>;
    private readonly facts: BuildCache<Element, Facts>;
    private readonly kept = new LinkedMemo<Element, Facts>();

    constructor(shared: LangiumSharedCoreServices) {
        const memo = (): Memo => ({ cache: new BuildCache(shared, DocumentState.Linked), busy: new Set() });
        this.facts = new BuildCache(shared, DocumentState.Linked);
        this.passed = { horizon: memo(), owner: memo(), funding: memo() };
        this.funded = memo();
        this.conflictsFound = new BuildCache(shared, DocumentState.Linked);
    }

    horizon(element: Element): ContextValue<HorizonValue> {
        return this.value(element, 'horizon') as ContextValue<HorizonValue>;
    }

    owners(element: Element): ContextValue<readonly Element[]> {
        return this.value(element, 'owner') as ContextValue<readonly Element[]>;
    }

    funding(element: Element): ContextValue<Element> {
        return this.value(element, 'funding') as ContextValue<Element>;
    }

    value(element: Element, key: ContextKey): ContextValue {
        const declared = this.factsOf(element).declared[key];
        const resolved = key === 'funding' ? this.resolveFunding(element) : this.resolvePassed(element, key);
        if (!resolved) return declared === undefined ? {} : { declared };
        if (resolved.source === element && resolved.via === undefined) return { declared, effective: resolved.value };
        return { declared, effective: resolved.value, inheritedFrom: resolved.source, via: resolved.via };
    }

    private factsOf(element: Element): Facts {
        return this.facts.get(element, () => this.kept.get(element, AstUtils.getDocument(element), () => factsOf(element)));
    }

    /**
     * The conflicts met while deciding the element's context, for every key. Only an element that links one passing
     * relation to several targets, or states several owners, can have one; any other is answered from what it states.
     */
    conflicts(element: Element): ContextConflict[] {
        const facts = this.factsOf(element);
        const owners = facts.declared.owner as readonly Element[] | undefined;
        if (!facts.passing.some((p) => p.targets.length > 1) && (owners?.length ?? 0) < 2) return [];
        for (const key of CONTEXT_KEYS) this.value(element, key);
        return this.conflictsFound.get(element, () => []);
    }

    private resolvePassed(element: Element, key: ContextKey): Resolved | undefined {
        return this.memo(this.passed[key], element, () => {
            const facts = this.factsOf(element);
            const declared = facts.declared[key];
            if (declared !== undefined) return { value: declared, source: element };
            const parent = parentElement(element);
            const nested = parent && this.resolvePassed(parent, key);
            if (nested) return { value: nested.value, source: nested.source, via: NESTING };
            for (const { relation, keys, targets } of facts.passing) {
                if (!keys.includes(key)) continue;
                const candidates: Candidate[] = [];
                for (const target of targets) {
                    const resolved = this.resolvePassed(target, key);
                    if (resolved) candidates.push({ through: target, resolved });
                }
                const chosen = this.choose(element, key, relation, candidates);
                if (chosen) return { value: chosen.value, source: chosen.source, via: relation };
            }
            return undefined;
        });
    }

    private resolveFunding(element: Element): Resolved | undefined {
        return this.memo(this.funded, element, () => {
            const passed = this.resolvePassed(element, 'funding');
            if (passed) return passed;
            const owners = this.resolvePassed(element, 'owner');
            const candidates: Candidate[] = [];
            for (const team of (owners?.value as readonly Element[] | undefined) ?? []) {
                if (team === element) continue;
                const resolved = this.resolveFunding(team);
                if (resolved) candidates.push({ through: team, resolved });
            }
            // Owners funded differently are reported where they are stated, not again on all that inherits them.
            const chosen = this.choose(element, 'funding', OWNER_PATH, candidates, owners?.source === element);
            return chosen && { value: chosen.value, source: chosen.source, via: OWNER_PATH };
        });
    }

    /** The first candidate; when others disagree with it, a conflict is recorded on the element. */
    private choose(element: Element, key: ContextKey, via: string, candidates: Candidate[], report = true): Resolved | undefined {
        const distinct: Candidate[] = [];
        for (const candidate of candidates) {
            // A funding line owned by the team it funds does not fund itself.
            if (candidate.resolved.value === element) continue;
            if (!distinct.some((d) => sameContext(d.resolved.value, candidate.resolved.value))) distinct.push(candidate);
        }
        if (distinct.length > 1 && report) {
            const list = this.conflictsFound.get(element, () => []);
            list.push({
                key,
                via,
                candidates: distinct.map((d) => ({ through: d.through, value: d.resolved.value, source: d.resolved.source })),
            });
        }
        return distinct[0]?.resolved;
    }

    /** A cached computation that gives nothing when it is re-entered for the same element: a cycle ends there. */
    private memo(memo: Memo, element: Element, compute: () => Resolved | undefined): Resolved | undefined {
        if (memo.cache.has(element)) return memo.cache.get(element) ?? undefined;
        if (memo.busy.has(element)) return undefined;
        memo.busy.add(element);
        const result = compute() ?? null;
        memo.busy.delete(element);
        memo.cache.set(element, result);
        return result ?? undefined;
    }
}

interface Memo {
    cache: BuildCache<Element, Resolved | null>;
    /** The elements whose value is being computed. */
    busy: Set<Element>;
}

/** `horizon: 2 quarters`, `owners: A, B`: a key and its effective value as people read them; undefined when none. */
export function contextLabel(key: ContextKey, value: ContextValue): { key: string; text: string } | undefined {
    if (value.effective === undefined) return undefined;
    const several = Array.isArray(value.effective) && value.effective.length > 1;
    return { key: several ? 'owners' : key, text: contextText(value.effective) };
}

/** `from WizardBet`, `from WizardBet via for`, `from GrowthTeam via owner`: where an inherited value comes from. */
export function contextOrigin(value: ContextValue): string | undefined {
    if (!value.inheritedFrom) return undefined;
    const via = value.via && value.via !== NESTING ? ` via ${value.via}` : '';
    return `from ${value.inheritedFrom.name}${via}`;
}

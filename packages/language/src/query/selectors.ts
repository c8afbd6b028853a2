// Lineage selectors in the style dbt users know (`+WizardBet`, `kind:bet,horizon:quarters`, `2+Activation`), shared by
// `pom lineage`, `pom graph --select` and `pom diff --select`. Pure data over a ModelGraph: safe in a browser.
//
//   selector     := union
//   union        := intersection (' '+ intersection)*          A B       elements in A or in B
//   intersection := term (','  term)*                          A,B       elements in A and in B
//   term         := '!'? (DIGITS? '+')? atom ('+' DIGITS?)?     +A A+ +A+ 2+A A+3; !A leaves A out
//   atom         := METHOD ':' VALUE | NAME                    kind:bet, WizardBet, acme.growth.*
//
// A NAME is an element id, a unique suffix of one at a dot (`WizardBet`, `growth.WizardBet`) or a glob where `*` is
// any run of characters (dots included) and `?` one character, matched against the id or a suffix of it at a dot.
// Methods: kind (the kind or any kind it extends), stage, horizon (the effective band), owner (any effective owner; a team's id, a
// suffix of it or its title), status, tag, namespace, file (path relative to the model root, or its suffix at a `/`).
// A VALUE may be quoted ("needs review"); method values accept globs too. An intersection of only `!` terms starts
// from every element.
// Lineage follows flow links, never feedback (`learnedFrom`), as ModelGraph does.
import type { CompiledElement } from '../compile/compiled-model.js';
import type { ModelGraph } from '../compile/model-graph.js';
import { ALL_STAGES, HORIZONS } from '../model/stages.js';
import { closestNames, didYouMean, listNames } from '../util/suggestions.js';

export const SELECTOR_METHODS = ['kind', 'stage', 'horizon', 'owner', 'status', 'tag', 'namespace', 'file'] as const;
export type SelectorMethod = (typeof SELECTOR_METHODS)[number];

export interface SelectorAtom {
    /** `name` for a bare element name or glob. */
    readonly method: SelectorMethod | 'name';
    readonly value: string;
    /** 0-based offset of the atom in the selector text. */
    readonly position: number;
}

export interface SelectorTerm {
    readonly atom: SelectorAtom;
    /** `!term`: leave these elements out of the intersection. */
    readonly negated: boolean;
    /** Steps of upstream to add (`+X`: Infinity, `2+X`: 2), or undefined for none. */
    readonly upstream?: number;
    /** Steps of downstream to add (`X+`: Infinity, `X+3`: 3), or undefined for none. */
    readonly downstream?: number;
    /** The term as written, and its 0-based offset. */
    readonly text: string;
    readonly position: number;
}

export interface Selector {
    readonly text: string;
    /** A union of intersections of terms. */
    readonly union: readonly (readonly SelectorTerm[])[];
}

export class SelectorError extends Error {
    constructor(
        message: string,
        /** 0-based offset in the selector text of what is wrong. */
        readonly position: number,
        readonly length = 1,
    ) {
        super(message);
        this.name = 'SelectorError';
    }
}

export interface SelectOptions {
    /**
     * Throw a SelectorError when a name, kind, tag, owner or file matches nothing in the model (the default). Off, such
     * an atom selects nothing: for comparing two models where an element exists in only one (`pom diff --select`).
     */
    strict?: boolean;
    /** Kind names that exist even when no element of the model is of them (the built-in ones, when checking a view). */
    kinds?: Iterable<string>;
}

// ---- parsing ------------------------------------------------------------------------------------------------------

const VALUE_END = /[\s,+"]/;

export function parseSelector(text: string): Selector {
    return new SelectorParser(text).parse();
}

class SelectorParser {
    private at = 0;

    constructor(private readonly text: string) {}

    parse(): Selector {
        const union: SelectorTerm[][] = [];
        this.skipSpaces();
        if (this.at >= this.text.length) throw this.error('the selector is empty; give an element name, `kind:bet`, `+X`, …', 0);
        while (this.at < this.text.length) {
            union.push(this.intersection());
            this.skipSpaces();
        }
        return { text: this.text, union };
    }

    private intersection(): SelectorTerm[] {
        const terms = [this.term()];
        for (;;) {
            const save = this.at;
            this.skipSpaces();
            if (this.text[this.at] !== ',') {
                this.at = save;
                return terms;
            }
            const comma = this.at++;
            this.skipSpaces();
            if (this.at >= this.text.length) throw this.error('expected a selector after `,`', comma);
            terms.push(this.term());
        }
    }

    private term(): SelectorTerm {
        const start = this.at;
        const negated = this.text[this.at] === '!';
        if (negated) this.at++;
        let upstream: number | undefined;
        const depth = /^(\d*)\+/.exec(this.text.slice(this.at));
        if (depth) {
            upstream = this.depth(depth[1], this.at);
            this.at += depth[0].length;
        }
        const atom = this.atom();
        let downstream: number | undefined;
        if (this.text[this.at] === '+') {
            const digits = /^\d*/.exec(this.text.slice(this.at + 1))![0];
            downstream = this.depth(digits, this.at + 1);
            this.at += 1 + digits.length;
        }
        const next = this.text[this.at];
        if (next !== undefined && !/[\s,]/.test(next)) {
            throw this.error(`unexpected \`${next}\`; separate selectors with a space (either) or \`,\` (both)`, this.at);
        }
        return { atom, negated, upstream, downstream, text: this.text.slice(start, this.at), position: start };
    }

    private depth(digits: string, position: number): number {
        if (digits === '') return Number.POSITIVE_INFINITY;
        const depth = Number(digits);
        if (depth < 1) throw this.error('a depth must be 1 or more', position, digits.length);
        return depth;
    }

    private atom(): SelectorAtom {
        const position = this.at;
        const c = this.text[this.at];
        if (c === undefined || /[\s,]/.test(c)) throw this.error('expected an element name or `method:value`', this.at);
        if (c === '@') throw this.error('`@` is not supported; use `+X+` for an element and its whole lineage', this.at);
        if (c === '!') throw this.error('`!` goes before `+`: write `!+X`', this.at);
        if (c === '+') throw this.error('expected an element name or `method:value` after `+`', this.at);
        const method = /^([a-zA-Z]+):/.exec(this.text.slice(this.at));
        if (method) {
            const name = method[1];
            if (!(SELECTOR_METHODS as readonly string[]).includes(name)) {
                const known = SELECTOR_METHODS as readonly string[];
                throw this.error(
                    `unknown method \`${name}:\`${didYouMean(closestNames(name, known)) || `; the methods are ${listNames([...known])}`}`,
                    position,
                    name.length,
                );
            }
            this.at += method[0].length;
            const value = this.value(`\`${name}:\``);
            return { method: name as SelectorMethod, value, position };
        }
        const value = this.value('the selector');
        if (!/^[_a-zA-Z*?][\w*?]*(-[\w*?]+)*(\.[_a-zA-Z*?][\w*?]*(-[\w*?]+)*)*$/.test(value)) {
            throw this.error(`\`${value}\` is not an element name or glob`, position, value.length);
        }
        return { method: 'name', value, position };
    }

    private value(what: string): string {
        if (this.text[this.at] === '"') {
            const end = this.text.indexOf('"', this.at + 1);
            if (end < 0) throw this.error('unterminated `"`', this.at);
            const value = this.text.slice(this.at + 1, end);
            if (value === '') throw this.error(`expected a value in ${what}`, this.at, 2);
            this.at = end + 1;
            return value;
        }
        const start = this.at;
        while (this.at < this.text.length && !VALUE_END.test(this.text[this.at])) this.at++;
        if (this.at === start) throw this.error(`expected a value in ${what}`, start);
        return this.text.slice(start, this.at);
    }

    private skipSpaces(): void {
        while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
    }

    private error(message: string, position: number, length = 1): SelectorError {
        return new SelectorError(`${message} (at column ${position + 1} of \`${this.text}\`)`, position, length);
    }
}

// ---- evaluation ---------------------------------------------------------------------------------------------------

/** The ids of the elements a selector picks, in model order. */
export function selectElements(graph: ModelGraph, selector: string | Selector, options: SelectOptions = {}): Set<string> {
    const parsed = typeof selector === 'string' ? parseSelector(selector) : selector;
    const matcher = new Matcher(graph, parsed.text, options.strict ?? true, options.kinds ?? []);
    const chosen = new Set<string>();
    for (const intersection of parsed.union) {
        const positive = intersection.filter((t) => !t.negated);
        let result: Set<string> = positive.length > 0 ? matcher.term(positive[0]) : new Set(graph.elements.keys());
        for (const term of positive.slice(1)) result = intersect(result, matcher.term(term));
        for (const term of intersection.filter((t) => t.negated)) {
            const excluded = matcher.term(term);
            result = new Set([...result].filter((id) => !excluded.has(id)));
        }
        for (const id of result) chosen.add(id);
    }
    return new Set(graph.model.elements.map((e) => e.id).filter((id) => chosen.has(id)));
}

class Matcher {
    constructor(
        private readonly graph: ModelGraph,
        private readonly text: string,
        private readonly strict: boolean,
        private readonly kinds: Iterable<string>,
    ) {}

    term(term: SelectorTerm): Set<string> {
        const base = this.atom(term.atom);
        const result = new Set(base);
        for (const id of base) {
            if (term.upstream !== undefined) for (const u of this.graph.upstream(id, { depth: term.upstream })) result.add(u);
            if (term.downstream !== undefined) for (const d of this.graph.downstream(id, { depth: term.downstream })) result.add(d);
        }
        return result;
    }

    private atom(atom: SelectorAtom): Set<string> {
        const elements = [...this.graph.elements.values()];
        const pick = (test: (e: CompiledElement) => boolean) => new Set(elements.filter(test).map((e) => e.id));
        const value = atom.value;
        switch (atom.method) {
            case 'name':
                return this.byName(atom);
            case 'kind': {
                const known = new Set(elements.flatMap((e) => e.kindChain));
                for (const k of this.graph.model.kinds) known.add(k.name);
                for (const k of this.kinds) known.add(k);
                const found = pick((e) => e.kindChain.some((k) => matches(value, k, '.')));
                return this.orUnknown(
                    found,
                    atom,
                    known,
                    'kind',
                    [...known].some((k) => matches(value, k, '.')),
                );
            }
            case 'stage':
                return this.enumerated(
                    atom,
                    ALL_STAGES,
                    'stage',
                    pick((e) => e.stage !== null && globMatch(value, e.stage)),
                );
            case 'horizon':
                return this.enumerated(
                    atom,
                    HORIZONS,
                    'horizon',
                    pick((e) => e.horizon.effective !== null && globMatch(value, e.horizon.effective)),
                );
            case 'owner': {
                const teams = new Set<string>(elements.filter((e) => e.kindChain.includes('team')).map((e) => e.id));
                for (const e of elements) for (const team of e.owners.effective) teams.add(team);
                const owners = new Set([...teams].filter((t) => this.isOwner(value, t)));
                const found = pick((e) => e.owners.effective.some((team) => owners.has(team)));
                return this.orUnknown(found, atom, teams, 'team', owners.size > 0);
            }
            case 'status': {
                const statuses = new Set(elements.flatMap((e) => fieldTexts(e, 'status')));
                const found = pick((e) => fieldTexts(e, 'status').some((s) => globMatch(value, s)));
                return this.orUnknown(found, atom, statuses, 'status', found.size > 0);
            }
            case 'tag': {
                const tags = new Set(elements.flatMap((e) => fieldTexts(e, 'tags')));
                const found = pick((e) => fieldTexts(e, 'tags').some((t) => globMatch(value, t)));
                return this.orUnknown(found, atom, tags, 'tag', found.size > 0);
            }
            case 'namespace': {
                const namespaces = new Set(elements.flatMap((e) => (e.namespace ? [e.namespace] : [])));
                const found = pick((e) => e.namespace !== null && matches(value, e.namespace, '.'));
                return this.orUnknown(found, atom, namespaces, 'namespace', found.size > 0);
            }
            case 'file': {
                const files = new Set(elements.map((e) => e.source.path));
                const found = pick((e) => matches(value, e.source.path, '/'));
                return this.orUnknown(found, atom, files, 'file', found.size > 0);
            }
        }
    }

    /** A team by id, a suffix of it at a dot, or its title (`owner:Growth` for `team GrowthTeam "Growth"`). */
    private isOwner(pattern: string, team: string): boolean {
        const title = this.graph.elements.get(team)?.title;
        return matches(pattern, team, '.') || (title != null && globMatch(pattern.toLowerCase(), title.toLowerCase()));
    }

    private byName(atom: SelectorAtom): Set<string> {
        const ids = [...this.graph.elements.keys()];
        const value = atom.value;
        if (this.graph.elements.has(value)) return new Set([value]);
        const found = ids.filter((id) => matches(value, id, '.'));
        if (found.length > 1 && !isGlob(value)) {
            throw this.error(`\`${value}\` is ambiguous: it could be ${listNames(found, 5, 'or')}; write more of the name`, atom);
        }
        if (found.length === 0 && this.strict) {
            const names = shortNames(ids);
            const suggestions = closestNames(value, ids).map((id) => names.get(id) ?? id);
            throw this.error(`no element matches \`${value}\`${didYouMean(suggestions)}`, atom);
        }
        return new Set(found);
    }

    /** stage and horizon: a fixed vocabulary, so a typo is an error even when strictness is off. */
    private enumerated(atom: SelectorAtom, known: readonly string[], what: string, found: Set<string>): Set<string> {
        if (!known.some((k) => globMatch(atom.value, k))) {
            const hint = didYouMean(closestNames(atom.value, known)) || `; the ${what}s are ${listNames([...known], 20, 'and')}`;
            throw this.error(`unknown ${what} \`${atom.value}\`${hint}`, atom);
        }
        return found;
    }

    private orUnknown(found: Set<string>, atom: SelectorAtom, known: Set<string>, what: string, exists: boolean): Set<string> {
        if (exists || !this.strict) return found;
        const hint = didYouMean(closestNames(atom.value, known));
        throw this.error(`no ${what} \`${atom.value}\` in the model${hint}`, atom);
    }

    private error(message: string, atom: SelectorAtom): SelectorError {
        const length = atom.method === 'name' ? atom.value.length : atom.method.length + 1 + atom.value.length;
        return new SelectorError(`${message} (at column ${atom.position + 1} of \`${this.text}\`)`, atom.position, length);
    }
}

function fieldTexts(element: CompiledElement, key: string): string[] {
    const value = element.fields[key];
    if (!value) return [];
    return (Array.isArray(value) ? value : [value]).map((v) => String(v.value));
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
    return new Set([...a].filter((id) => b.has(id)));
}

function isGlob(pattern: string): boolean {
    return /[*?]/.test(pattern);
}

/** The pattern matches the whole name or a suffix of it that starts after a separator (`.` in ids, `/` in paths). */
function matches(pattern: string, name: string, separator: string): boolean {
    if (globMatch(pattern, name)) return true;
    for (let i = name.indexOf(separator); i >= 0; i = name.indexOf(separator, i + 1)) {
        if (globMatch(pattern, name.slice(i + 1))) return true;
    }
    return false;
}

const globCache = new Map<string, RegExp>();

function globMatch(pattern: string, text: string): boolean {
    if (!isGlob(pattern)) return pattern === text;
    let regexp = globCache.get(pattern);
    if (!regexp) {
        const source = pattern
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.');
        regexp = new RegExp(`^${source}$`, 's');
        globCache.set(pattern, regexp);
    }
    return regexp.test(text);
}

/**
 * The shortest suffix of each id, at a dot, that no other id ends with: `WizardBet` for
 * `acme.growth.TeamActivation.WizardBet` unless another element is also called WizardBet. Selectors accept it.
 */
export function shortNames(ids: Iterable<string>): Map<string, string> {
    const all = [...ids];
    const counts = new Map<string, number>();
    const suffixes = (id: string) => id.split('.').map((_, i, parts) => parts.slice(i).join('.'));
    for (const id of all) for (const suffix of suffixes(id)) counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
    const names = new Map<string, string>();
    for (const id of all) {
        const unique = suffixes(id)
            .reverse()
            .find((s) => counts.get(s) === 1);
        names.set(id, unique ?? id);
    }
    return names;
}

// What a kind means once `extends` is followed: its chain, its members (own and inherited), its stage, and
// subkind tests. Results are cached per workspace build.

import type { LangiumSharedCoreServices } from 'langium';
import { DocumentState } from 'langium';
import {
    type Element,
    type FieldDecl,
    isEnumType,
    isFieldDecl,
    isRelationDecl,
    type KindDecl,
    type MemberDecl,
    type RelationDecl,
} from '../generated/ast.js';
import { BuildCache } from '../util/build-cache.js';
import type { Flow } from '../util/flow-graph.js';
import { listNames } from '../util/suggestions.js';
import type { NameIndex } from '../workspace/name-index.js';
import { isStage, type Stage } from './stages.js';

export const ROOT_KIND = 'element';

export type { Flow };

export class KindSystem {
    private readonly chains: BuildCache<KindDecl, KindDecl[]>;
    private readonly memberTables: BuildCache<KindDecl, Map<string, MemberDecl>>;

    constructor(
        shared: LangiumSharedCoreServices,
        private readonly names: NameIndex,
    ) {
        this.chains = new BuildCache(shared, DocumentState.IndexedContent);
        this.memberTables = new BuildCache(shared, DocumentState.IndexedContent);
    }

    /**
     * The kind and its ancestors, nearest first, ending in the prelude's root kind `element`, which every kind
     * without `extends` extends implicitly. A cycle in `extends` stops the chain where it would repeat.
     */
    chain(kind: KindDecl): KindDecl[] {
        return this.chains.get(kind, () => {
            const chain: KindDecl[] = [];
            for (let current: KindDecl | undefined = kind; current && !chain.includes(current); ) {
                chain.push(current);
                current = current.superKind ? current.superKind.ref : this.root();
            }
            return chain;
        });
    }

    /** The prelude's `element` kind. */
    root(): KindDecl | undefined {
        const found = this.names
            .kinds()
            .get(ROOT_KIND)
            ?.find((d) => d.documentUri.scheme === 'builtin');
        return found?.node as KindDecl | undefined;
    }

    /** Every member visible on the kind: its own, then inherited ones it does not shadow. */
    members(kind: KindDecl): Map<string, MemberDecl> {
        return this.memberTables.get(kind, () => {
            const table = new Map<string, MemberDecl>();
            for (const k of this.chain(kind)) {
                for (const member of k.members) {
                    if (!table.has(member.name)) table.set(member.name, member);
                }
            }
            return table;
        });
    }

    member(kind: KindDecl | undefined, name: string): MemberDecl | undefined {
        return kind ? this.members(kind).get(name) : undefined;
    }

    stage(kind: KindDecl | undefined): Stage | undefined {
        if (!kind) return undefined;
        for (const k of this.chain(kind)) {
            if (k.stage && isStage(k.stage)) return k.stage;
        }
        return undefined;
    }

    /** Whether `kind` is `ancestor` or extends it. */
    isA(kind: KindDecl | undefined, ancestor: KindDecl | undefined): boolean {
        return kind !== undefined && ancestor !== undefined && this.chain(kind).includes(ancestor);
    }

    /** Whether an element of `kind` may be a target of the relation. */
    accepts(relation: RelationDecl, kind: KindDecl | undefined): boolean {
        return relation.targets.some((t) => this.isA(kind, t.ref));
    }

    stageOf(element: Element): Stage | undefined {
        return this.stage(element.kind.ref);
    }
}

export function flowOf(relation: RelationDecl): Flow {
    return (relation.flow as Flow | undefined) ?? 'none';
}

export function isMany(member: MemberDecl): boolean {
    return isFieldDecl(member) ? member.many : member.cardinality === '*' || member.cardinality === '+';
}

export function isRequired(member: MemberDecl): boolean {
    if (isFieldDecl(member)) return member.required && member.default === undefined;
    return member.required || member.cardinality === '+';
}

/** A readable type of a member, used in messages and to detect a redefinition with another type. */
export function memberSignature(member: MemberDecl): string {
    if (isRelationDecl(member)) {
        return `relation to ${member.targets.map((t) => t.$refText).join(' | ')}`;
    }
    return fieldTypeText(member) + (member.many ? '*' : '');
}

export function fieldTypeText(field: FieldDecl): string {
    const type = field.type as FieldDecl['type'] | undefined; // absent while the declaration is being typed
    if (!type) return 'unknown';
    if ('primitive' in type) return type.primitive;
    return `enum { ${type.literals.map((l) => l.name).join(', ')} }${type.orDuration ? ' | duration' : ''}`;
}

/** "an opportunity", "a bet or an option": the kinds a relation takes, as a phrase. */
export function kindPhrase(names: string[]): string {
    const withArticle = names.map((n) => `${/^[aeiou]/i.test(n) ? 'an' : 'a'} ${n}`);
    if (withArticle.length <= 1) return withArticle[0] ?? 'nothing';
    return `${withArticle.slice(0, -1).join(', ')} or ${withArticle[withArticle.length - 1]}`;
}

/** "a relation to an opportunity", "one of `low`, `medium` or `high`", "a date": what a member takes. */
export function describeMember(member: MemberDecl): string {
    if (isRelationDecl(member)) return `a relation to ${kindPhrase(member.targets.map((t) => t.$refText))}`;
    if (isEnumType(member.type))
        return `one of ${listNames(
            member.type.literals.map((l) => l.name),
            8,
        )}${member.type.orDuration ? ', or a duration' : ''}`;
    return member.type?.primitive ? `a ${member.type.primitive}` : 'a value';
}

// Scopes for every cross-reference of the language. Kind names resolve among kinds; entry keys among the members of
// the element's kind chain; a value among the enum literals of its field, or among the elements of the kinds its
// relation takes. Names are tried against the prefixes of `lookupPrefixes`, innermost first; an element name that
// none of them reaches resolves by its short name (or any qualified tail of it) when exactly one element of the
// kinds the relation takes has it in the project, so moving an element under another parent breaks no reference.
import {
    type AstNode,
    type AstNodeDescription,
    type AstNodeDescriptionProvider,
    AstUtils,
    DocumentState,
    EMPTY_SCOPE,
    type ReferenceInfo,
    type Scope,
    type ScopeProvider,
    type Stream,
    stream,
} from 'langium';
import type { KindDecl, MemberDecl, RelationDecl } from '../generated/ast.js';
import { isElement, isEntry, isEnumType, isFieldDecl, isKindDecl, isRefValue, isRelationDecl } from '../generated/ast.js';
import type { KindSystem } from '../model/kind-system.js';
import { lookupPrefixes } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import { BuildCache } from '../util/build-cache.js';
import { type NameIndex, shortName } from '../workspace/name-index.js';

export class PomScopeProvider implements ScopeProvider {
    private readonly names: NameIndex;
    private readonly kinds: KindSystem;
    private readonly descriptions: AstNodeDescriptionProvider;
    /** Member and enum-literal scopes, made once per kind or field and build rather than once per reference. */
    private readonly localScopes: BuildCache<AstNode, Scope>;

    constructor(services: PomServices) {
        this.names = services.pom.NameIndex;
        this.kinds = services.pom.KindSystem;
        this.descriptions = services.workspace.AstNodeDescriptionProvider;
        this.localScopes = new BuildCache(services.shared, DocumentState.IndexedContent);
    }

    getScope(context: ReferenceInfo): Scope {
        const { container, property } = context;
        if (
            (isElement(container) && property === 'kind') ||
            (isKindDecl(container) && property === 'superKind') ||
            (isRelationDecl(container) && property === 'targets')
        ) {
            return this.kindScope(context);
        }
        if (isEntry(container) && property === 'key') {
            const element = container.$container;
            const kind = isElement(element) ? element.kind.ref : undefined;
            return kind ? this.memberScope(kind) : EMPTY_SCOPE;
        }
        if (isRefValue(container) && property === 'target') {
            const member = this.memberOfValue(container);
            if (!member) return EMPTY_SCOPE;
            if (isRelationDecl(member)) return this.elementScope(context, member);
            const type = member.type;
            return isEnumType(type) ? this.localScopes.get(type, () => this.createScope(type.literals)) : EMPTY_SCOPE;
        }
        return EMPTY_SCOPE;
    }

    /** The field or relation a value is given for: the entry's key, or the field whose default it is. */
    memberOfValue(value: { $container: unknown }): MemberDecl | undefined {
        const holder = value.$container;
        if (isEntry(holder)) return holder.key.ref;
        if (isFieldDecl(holder)) return holder;
        return undefined;
    }

    /** Every element of any kind, as seen from `context`: used to tell a wrong-kind target from a missing one. */
    unrestrictedElementScope(context: ReferenceInfo): PrefixScope {
        return this.prefixScope(context, () => true);
    }

    /** The elements a relation's value may name, as seen from `context`. */
    elementScope(context: ReferenceInfo, relation: RelationDecl): PrefixScope {
        return this.prefixScope(context, (d) => isElement(d.node) && this.kinds.accepts(relation, d.node.kind.ref));
    }

    private prefixScope(context: ReferenceInfo, accepts: (d: AstNodeDescription) => boolean): PrefixScope {
        const model = modelOf(context);
        return new PrefixScope(
            this.names.elements(model),
            lookupPrefixes(context.container),
            accepts,
            this.names.elementsByShortName(model),
        );
    }

    private kindScope(context: ReferenceInfo): Scope {
        return new PrefixScope(this.names.kinds(modelOf(context)), lookupPrefixes(context.container, false), () => true);
    }

    private memberScope(kind: KindDecl): Scope {
        return this.localScopes.get(kind, () => this.createScope([...this.kinds.members(kind).values()]));
    }

    private createScope(nodes: Array<MemberDecl | { name: string; $type: string }>): Scope {
        const byName = new Map<string, AstNodeDescription>();
        for (const node of nodes) {
            if (node.name && !byName.has(node.name)) {
                byName.set(node.name, this.descriptions.createDescription(node as MemberDecl, node.name));
            }
        }
        return {
            getElement: (name) => byName.get(name),
            getElements: (name) => stream(byName.has(name) ? [byName.get(name) as AstNodeDescription] : []),
            getAllElements: () => stream(byName.values()),
        };
    }
}

/** The document a reference is written in: names resolve within its project's model. */
function modelOf(context: ReferenceInfo) {
    return AstUtils.getDocument(context.container).uri;
}

/**
 * Resolves a written name by trying `prefix.name` for each prefix in turn against the name index, keeping only
 * the descriptions that `accepts` admits; when none reaches it and a short-name table is given, by the one admitted
 * element whose qualified name ends in the written name. For completion it lists every admitted description under
 * the shortest name that reaches it from here.
 */
export class PrefixScope implements Scope {
    constructor(
        private readonly table: Map<string, AstNodeDescription[]>,
        private readonly prefixes: readonly string[],
        private readonly accepts: (description: AstNodeDescription) => boolean,
        private readonly byShortName?: Map<string, AstNodeDescription[]>,
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        // A name without a dot that one element alone has as its last segment: a prefix can reach only that element,
        // and so can the short name, so it is the answer if admitted, without building a qualified name per prefix.
        if (this.byShortName && !name.includes('.')) {
            const sharing = this.byShortName.get(name);
            if (!sharing) return undefined;
            if (sharing.length === 1) return this.accepts(sharing[0]) ? sharing[0] : undefined;
        }
        const found = this.lexical(name);
        if (found) return found;
        const candidates = this.candidates(name);
        return candidates.length === 1 ? candidates[0] : undefined;
    }

    /** What `name` reaches through the lookup prefixes alone. */
    lexical(name: string): AstNodeDescription | undefined {
        for (const prefix of this.prefixes) {
            const found = this.table.get(prefix ? `${prefix}.${name}` : name)?.find(this.accepts);
            if (found) return found;
        }
        return undefined;
    }

    /**
     * The admitted elements whose qualified name ends in `name` (on a segment boundary), one per qualified name (a
     * duplicate is reported as such, not as a second candidate), in a stable order. One map access and a look at
     * the elements sharing the short name: never a scan of the model.
     */
    candidates(name: string, accepts = this.accepts): AstNodeDescription[] {
        const list = this.byShortName?.get(shortName(name));
        if (!list) return [];
        const result: AstNodeDescription[] = [];
        for (const description of list) {
            const qualified = description.name;
            if (qualified !== name && !qualified.endsWith(`.${name}`)) continue;
            if (!accepts(description) || result.some((r) => r.name === qualified)) continue;
            result.push(description);
        }
        return result;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const found = this.getElement(name);
        return stream(found ? [found] : []);
    }

    getAllElements(): Stream<AstNodeDescription> {
        const prefixes = this.prefixes.filter((p) => p !== '');
        // How many admitted qualified names share each short name: one pass, so listing stays linear however many
        // elements share a name.
        const sharing = new Map<string, number>();
        if (this.byShortName) {
            for (const [name, list] of this.table) {
                if (list.some(this.accepts)) sharing.set(shortName(name), (sharing.get(shortName(name)) ?? 0) + 1);
            }
        }
        return stream(this.table.values())
            .flatMap((list) => list.filter(this.accepts))
            .map((description) => {
                const short = shortName(description.name);
                if (short !== description.name && sharing.get(short) === 1) return { ...description, name: short };
                const prefix = prefixes.find((p) => description.name.startsWith(`${p}.`));
                // The description under its shorter name; what it does not override it reads from the original.
                return prefix
                    ? (Object.create(description, {
                          name: { value: description.name.slice(prefix.length + 1), enumerable: true },
                      }) as AstNodeDescription)
                    : description;
            });
    }
}

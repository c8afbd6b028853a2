// Every exported element and kind by qualified name, rebuilt once per workspace change. Lookups are a map access
// per prefix, so resolving a reference costs the same in a 10-element and a 100,000-element workspace. When the
// workspace holds several projects, each project's model has its own tables (with the prelude in every one).
// Beside the qualified names, every name is also filed under its short name (its last segment), built in the same
// pass: a reference by short name is one map access too, whatever the size of the model.
import { type AstNodeDescription, DocumentState, type IndexManager, type LangiumSharedCoreServices, type URI } from 'langium';
import { Element, KindDecl } from '../generated/ast.js';
import { BuildCache } from '../util/build-cache.js';
import { compareStrings } from '../util/compare.js';
import { pushTo } from '../util/graph-walk.js';
import type { ProjectPartitions } from './project-partitions.js';

type Table = Map<string, AstNodeDescription[]>;

interface Tables {
    /** Descriptions by qualified name. */
    readonly byName: Table;
    /** Descriptions by short name (the last segment of the qualified name). */
    readonly byShortName: Table;
}

export class NameIndex {
    private readonly indexManager: IndexManager;
    private readonly tables: BuildCache<string, Tables>;

    constructor(
        shared: LangiumSharedCoreServices,
        private readonly projects: ProjectPartitions,
    ) {
        this.indexManager = shared.workspace.IndexManager;
        this.tables = new BuildCache(shared, DocumentState.IndexedContent);
    }

    /** The elements of the model that holds `within` (a document's URI), or of every model when it is absent. */
    elements(within?: URI): Table {
        return this.table(Element.$type, within).byName;
    }

    /** The elements of the model that holds `within` by short name: every element whose last name segment is the key. */
    elementsByShortName(within?: URI): Table {
        return this.table(Element.$type, within).byShortName;
    }

    /** The kinds of the model that holds `within`, or of every model when it is absent. */
    kinds(within?: URI): Table {
        return this.table(KindDecl.$type, within).byName;
    }

    /** The model key of a document (see ProjectPartitions): names resolve only among documents with the same key. */
    modelOf(uri: URI): string {
        return this.projects.keyOf(uri);
    }

    private table(type: string, within: URI | undefined): Tables {
        const key = within && this.projects.partitioned ? this.projects.keyOf(within) : undefined;
        return this.tables.get(key === undefined ? type : `${type} ${key}`, () => this.build(type, key));
    }

    private build(type: string, key: string | undefined): Tables {
        const byName: Table = new Map();
        const byShortName: Table = new Map();
        for (const description of this.indexManager.allElements(type)) {
            const uri = description.documentUri;
            if (key !== undefined && uri.scheme !== 'builtin' && this.projects.keyOf(uri) !== key) continue;
            pushTo(byName, description.name, description);
            pushTo(byShortName, shortName(description.name), description);
        }
        // Duplicates resolve to the same one, and candidates are listed in one order, whatever order the files were
        // loaded in.
        for (const table of [byName, byShortName]) {
            for (const list of table.values()) {
                if (list.length > 1) list.sort(compareDescriptions);
            }
        }
        return { byName, byShortName };
    }
}

export function compareDescriptions(a: AstNodeDescription, b: AstNodeDescription): number {
    const byUri = compareStrings(a.documentUri.toString(), b.documentUri.toString());
    return byUri !== 0 ? byUri : declarationOffset(a) - declarationOffset(b);
}

/**
 * Where a description's declaration starts in its document. Declarations of one document never overlap except by
 * nesting, where the outer one starts (and is named) first, so this orders them as their names do. It reads the
 * syntax node's offset, not `nameSegment`: that computes (and keeps) a line and column range, which at 100,000
 * elements sharing a few short names cost most of a second.
 */
function declarationOffset(d: AstNodeDescription): number {
    return d.node?.$cstNode?.offset ?? d.nameSegment?.offset ?? 0;
}

/** The last segment of a qualified name: `Build` for `acme.growth.WizardBet.Build`. */
export function shortName(qualified: string): string {
    return qualified.slice(qualified.lastIndexOf('.') + 1);
}

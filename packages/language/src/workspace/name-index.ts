// Every exported element and kind by qualified name, rebuilt once per workspace change. Lookups are a map access
// per prefix, so resolving a reference costs the same in a 10-element and a 100,000-element workspace. When the
// workspace holds several projects, each project's model has its own tables (with the prelude in every one).
import { type AstNodeDescription, DocumentState, type IndexManager, type LangiumSharedCoreServices, type URI } from 'langium';
import { Element, KindDecl } from '../generated/ast.js';
import { BuildCache } from '../util/build-cache.js';
import { compareStrings } from '../util/compare.js';
import type { ProjectPartitions } from './project-partitions.js';

type Table = Map<string, AstNodeDescription[]>;

export class NameIndex {
    private readonly indexManager: IndexManager;
    private readonly tables: BuildCache<string, Table>;

    constructor(
        shared: LangiumSharedCoreServices,
        private readonly projects: ProjectPartitions,
    ) {
        this.indexManager = shared.workspace.IndexManager;
        this.tables = new BuildCache(shared, DocumentState.IndexedContent);
    }

    /** The elements of the model that holds `within` (a document's URI), or of every model when it is absent. */
    elements(within?: URI): Table {
        return this.table(Element.$type, within);
    }

    /** The kinds of the model that holds `within`, or of every model when it is absent. */
    kinds(within?: URI): Table {
        return this.table(KindDecl.$type, within);
    }

    /** The model key of a document (see ProjectPartitions): names resolve only among documents with the same key. */
    modelOf(uri: URI): string {
        return this.projects.keyOf(uri);
    }

    private table(type: string, within: URI | undefined): Table {
        const key = within && this.projects.partitioned ? this.projects.keyOf(within) : undefined;
        return this.tables.get(key === undefined ? type : `${type} ${key}`, () => this.build(type, key));
    }

    private build(type: string, key: string | undefined): Table {
        const table: Table = new Map();
        for (const description of this.indexManager.allElements(type)) {
            const uri = description.documentUri;
            if (key !== undefined && uri.scheme !== 'builtin' && this.projects.keyOf(uri) !== key) continue;
            const list = table.get(description.name);
            if (list) list.push(description);
            else table.set(description.name, [description]);
        }
        // Duplicates resolve to the same one whatever order the files were loaded in.
        for (const list of table.values()) {
            if (list.length > 1) list.sort(compareDescriptions);
        }
        return table;
    }
}

export function compareDescriptions(a: AstNodeDescription, b: AstNodeDescription): number {
    const byUri = compareStrings(a.documentUri.toString(), b.documentUri.toString());
    return byUri !== 0 ? byUri : (a.nameSegment?.offset ?? 0) - (b.nameSegment?.offset ?? 0);
}

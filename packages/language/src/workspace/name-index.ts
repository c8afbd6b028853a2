// Every exported element and kind by qualified name, rebuilt once per workspace change. Lookups are a map access
// per prefix, so resolving a reference costs the same in a 10-element and a 100,000-element workspace.
import { type AstNodeDescription, DocumentState, type IndexManager, type LangiumSharedCoreServices } from 'langium';
import { Element, KindDecl } from '../generated/ast.js';
import { BuildCache } from '../util/build-cache.js';
import { compareStrings } from '../util/compare.js';

type Table = Map<string, AstNodeDescription[]>;

export class NameIndex {
    private readonly indexManager: IndexManager;
    private readonly tables: BuildCache<string, Table>;

    constructor(shared: LangiumSharedCoreServices) {
        this.indexManager = shared.workspace.IndexManager;
        this.tables = new BuildCache(shared, DocumentState.IndexedContent);
    }

    elements(): Table {
        return this.tables.get(Element.$type, () => this.build(Element.$type));
    }

    kinds(): Table {
        return this.tables.get(KindDecl.$type, () => this.build(KindDecl.$type));
    }

    private build(type: string): Table {
        const table: Table = new Map();
        for (const description of this.indexManager.allElements(type)) {
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

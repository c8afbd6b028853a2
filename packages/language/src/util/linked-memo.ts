// What is derived from a linked document's resolved references, kept across builds while they stay: Langium pushes a
// reference to `document.references` once it is resolved and replaces the array whenever it unlinks the document (a
// reparsed document has new nodes too), so a value read from them holds while the array and its length do.
import { DocumentState, type LangiumDocument } from 'langium';

export class LinkedMemo<K extends object, V> {
    private readonly kept = new WeakMap<K, { references: LangiumDocument['references']; count: number; value: V }>();

    /** The value for `key`, read from `document`'s references: kept, or computed (and kept once the document is linked). */
    get(key: K, document: LangiumDocument, compute: () => V): V {
        const references = document.references;
        const kept = this.kept.get(key);
        if (kept && kept.references === references && kept.count === references.length) return kept.value;
        const value = compute();
        if (document.state >= DocumentState.Linked) this.kept.set(key, { references, count: references.length, value });
        return value;
    }
}

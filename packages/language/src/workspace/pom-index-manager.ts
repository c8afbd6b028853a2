// Langium's index, with the reference index made optional: batch tools that never ask "who references this?"
// (the CLI's validate and compile) skip a pass over every reference of every file.
import { type Cancellation, DefaultIndexManager, type LangiumDocument } from 'langium';

export class PomIndexManager extends DefaultIndexManager {
    indexReferences = true;

    override async updateReferences(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        if (this.indexReferences) await super.updateReferences(document, cancelToken);
    }
}

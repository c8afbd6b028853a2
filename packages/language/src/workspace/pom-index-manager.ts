// Langium's index, with the reference index made optional: batch tools that never ask "who references this?"
// (the CLI's validate and compile) skip a pass over every reference of every file.
import { type Cancellation, DefaultIndexManager, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';

export class PomIndexManager extends DefaultIndexManager {
    private readonly indexReferences: boolean;

    constructor(services: LangiumSharedCoreServices, options: { indexReferences: boolean }) {
        super(services);
        this.indexReferences = options.indexReferences;
    }

    override async updateReferences(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        if (this.indexReferences) await super.updateReferences(document, cancelToken);
    }
}

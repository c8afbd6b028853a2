// Langium's index, with the reference index made optional: batch tools that never ask "who references this?"
// (the CLI's validate and compile) skip a pass over every reference of every file. It also decides which unchanged
// documents a change relinks: besides Langium's (a reference into a changed document), a reference into another
// document whose short name the changed text declares, since a new element of that name can make a short name
// ambiguous, or a nearer name take it, without touching the document it resolved to.
import {
    AstUtils,
    type Cancellation,
    DefaultIndexManager,
    type FileSystemProvider,
    type LangiumDocument,
    type LangiumSharedCoreServices,
    type TextDocumentProvider,
    URI,
} from 'langium';
import { LinkedMemo } from '../util/linked-memo.js';
import { shortName } from './name-index.js';

/**
 * A declaration's name: the second of two names at the start of a line or after `{`, `;` or `,` (`bet Name`,
 * `{ experiment Name }`). It finds every element a text declares, and a few words that are not (harmless: they only
 * relink a document more).
 */
const DECLARED = /(?:^|[{;,])[ \t]*[_a-zA-Z][\w-]*[ \t]+([_a-zA-Z][\w-]*)/gm;

export class PomIndexManager extends DefaultIndexManager {
    private readonly indexReferences: boolean;
    private readonly textDocuments: TextDocumentProvider | undefined;
    private readonly files: FileSystemProvider;
    /** The names the changed documents declare, once per update (Langium passes one set of URIs per update). */
    private readonly written = new WeakMap<Set<string>, Set<string>>();
    private readonly crossNames = new LinkedMemo<LangiumDocument, Set<string>>();

    constructor(services: LangiumSharedCoreServices, options: { indexReferences: boolean }) {
        super(services);
        this.indexReferences = options.indexReferences;
        this.textDocuments = services.workspace.TextDocuments;
        this.files = services.workspace.FileSystemProvider;
    }

    override async updateReferences(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        if (this.indexReferences) await super.updateReferences(document, cancelToken);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.isAffected(document, changedUris)) return true;
        const declared = this.namesDeclared(changedUris);
        if (declared.size === 0) return false;
        const names = this.crossDocumentNames(document);
        const [fewer, more] = declared.size <= names.size ? [declared, names] : [names, declared];
        for (const name of fewer) if (more.has(name)) return true;
        return false;
    }

    /** The short names of the document's references that resolve into another document, read once per linking. */
    private crossDocumentNames(document: LangiumDocument): Set<string> {
        return this.crossNames.get(document, document, () => {
            const own = document.parseResult.value;
            const names = new Set<string>();
            for (const reference of document.references) {
                const node = 'ref' in reference ? reference.ref : undefined;
                if (!node || AstUtils.findRootNode(node) === own) continue;
                names.add(shortName(reference.$refText));
            }
            return names;
        });
    }

    /**
     * The names the new text of the changed documents declares: the editor's text of an open one, else the file's.
     * A deleted document declares nothing new; what it declared is Langium's case (references into it).
     */
    private namesDeclared(changedUris: Set<string>): Set<string> {
        let names = this.written.get(changedUris);
        if (names) return names;
        names = new Set<string>();
        for (const uri of changedUris) {
            const text = this.textDocuments?.get(uri)?.getText() ?? this.fileText(URI.parse(uri));
            for (const match of text?.matchAll(DECLARED) ?? []) names.add(match[1]);
        }
        this.written.set(changedUris, names);
        return names;
    }

    private fileText(uri: URI): string | undefined {
        return this.files.existsSync(uri) ? this.files.readFileSync(uri) : undefined;
    }
}

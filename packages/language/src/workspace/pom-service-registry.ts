// Langium's service registry, made lenient where a user names a file explicitly: `.POM` is a POM file, and batch
// tools (the CLI) may parse any named file as POM so that `pom validate notes.txt` reports on it instead of failing.
// The language server keeps the strict lookup, so it never loads a README as a model.
import { DefaultServiceRegistry, type LangiumCoreServices, type LangiumSharedCoreServices, type URI } from 'langium';

export class PomServiceRegistry extends DefaultServiceRegistry {
    /** Serve the POM language for any file, whatever its extension (batch tools). */
    private readonly acceptAnyFile: boolean;

    constructor(services: LangiumSharedCoreServices, options: { acceptAnyFile: boolean }) {
        super(services);
        this.acceptAnyFile = options.acceptAnyFile;
    }

    override getServices(uri: URI): LangiumCoreServices {
        const only = this.all.length === 1 ? this.all[0] : undefined;
        if (only && (this.acceptAnyFile || uri.path.toLowerCase().endsWith('.pom'))) return only;
        return super.getServices(uri);
    }
}

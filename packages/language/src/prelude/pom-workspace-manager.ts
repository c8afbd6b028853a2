// Loads the prelude next to the user's files when the language server opens a workspace.
import { DefaultWorkspaceManager, type LangiumDocument, type LangiumSharedCoreServices, type WorkspaceFolder } from 'langium';
import { ensurePrelude } from './prelude.js';

export class PomWorkspaceManager extends DefaultWorkspaceManager {
    private readonly shared: LangiumSharedCoreServices;

    // Validate every model file on start-up, not only open ones: a model's problems span its files.
    override initialBuildOptions = { validation: true };

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.shared = services;
    }

    protected override async loadAdditionalDocuments(
        _folders: WorkspaceFolder[],
        collector: (document: LangiumDocument) => void,
    ): Promise<void> {
        collector(ensurePrelude(this.shared));
    }
}

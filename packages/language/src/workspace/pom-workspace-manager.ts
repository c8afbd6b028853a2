// Opens a workspace for the language server: the prelude, then the project files (`pom.json`) in and above each
// workspace folder, then the model files, leaving out those a project excludes. Each project becomes a model of
// its own (see workspace/project-partitions.ts); a broken project file is reported on the file itself.
import {
    DefaultWorkspaceManager,
    type FileSystemNode,
    type FileSystemProvider,
    type LangiumDocument,
    type Stream,
    stream,
    URI,
    UriUtils,
    type WorkspaceFolder,
} from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ensurePrelude } from '../prelude/prelude.js';
import { PROJECT_FILE_NAME, ProjectFileError, parseProjectFile } from './project-file-parser.js';
import type { KnownProject, ProjectPartitions } from './project-partitions.js';

/** The diagnostic code of a project file that cannot be used. */
export const PROJECT_FILE_CODE = 'project-file';

export class PomWorkspaceManager extends DefaultWorkspaceManager {
    private readonly shared: LangiumSharedServices;
    private readonly partitions: ProjectPartitions;
    private readonly files: FileSystemProvider;
    private openedFolders: WorkspaceFolder[] = [];

    // Validate every model file on start-up, not only open ones: a model's problems span its files.
    override initialBuildOptions = { validation: true };

    constructor(services: LangiumSharedServices, partitions: ProjectPartitions) {
        super(services);
        this.shared = services;
        this.partitions = partitions;
        this.files = services.workspace.FileSystemProvider;
    }

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        this.openedFolders = folders;
        return super.performStartup(folders);
    }

    protected override async loadAdditionalDocuments(
        _folders: WorkspaceFolder[],
        collector: (document: LangiumDocument) => void,
    ): Promise<void> {
        collector(ensurePrelude(this.shared));
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        if (entry.isFile && isProjectFile(entry.uri)) return true;
        return super.shouldIncludeEntry(entry);
    }

    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        const found = uris.toArray();
        const projectFiles = new Map(found.filter(isProjectFile).map((uri) => [uri.toString(), uri]));
        for (const uri of await this.projectFilesAbove(this.openedFolders)) projectFiles.set(uri.toString(), uri);
        const projects = await Promise.all([...projectFiles.values()].map((uri) => this.readProject(uri)));
        this.partitions.set(projects);
        this.reportProblems(projects);
        const models = found.filter((uri) => !isProjectFile(uri) && this.partitions.admits(uri));
        await super.loadWorkspaceDocuments(stream(models), collector);
    }

    /** A workspace folder inside a project (say `examples/acme/drafts`) belongs to the project above it. */
    private async projectFilesAbove(folders: readonly WorkspaceFolder[]): Promise<URI[]> {
        const found: URI[] = [];
        for (const folder of folders) {
            let current = UriUtils.dirname(URI.parse(folder.uri));
            for (let depth = 0; depth < 64; depth++) {
                const candidate = UriUtils.joinPath(current, PROJECT_FILE_NAME);
                if (await this.files.exists(candidate).catch(() => false)) {
                    found.push(candidate);
                    break;
                }
                const parent = UriUtils.dirname(current);
                if (parent.path === current.path) break;
                current = parent;
            }
        }
        return found;
    }

    private async readProject(file: URI): Promise<KnownProject> {
        try {
            const text = await this.files.readFile(file);
            return { file, settings: parseProjectFile(text.replace(/^\uFEFF/, ''), file.fsPath), problem: undefined };
        } catch (error) {
            const problem =
                error instanceof ProjectFileError
                    ? error
                    : new ProjectFileError(file.fsPath, 1, 1, `cannot read the project file: ${(error as Error).message}`);
            return { file, settings: undefined, problem };
        }
    }

    /** One diagnostic on each broken project file, where the problem is; its folder's files stay one model. */
    private reportProblems(projects: readonly KnownProject[]): void {
        const connection = this.shared.lsp.Connection;
        for (const { file, problem } of projects) {
            if (!problem) continue;
            const position = { line: problem.line - 1, character: problem.column - 1 };
            connection?.console.error(`POM: ${problem.message}`);
            void connection?.sendDiagnostics({
                uri: file.toString(),
                diagnostics: [
                    {
                        range: { start: position, end: position },
                        severity: DiagnosticSeverity.Error,
                        code: PROJECT_FILE_CODE,
                        source: 'pom',
                        message: `${problem.reason}. The .pom files under this folder form one model with default settings until this is fixed.`,
                    },
                ],
            });
        }
    }
}

function isProjectFile(uri: URI): boolean {
    return UriUtils.basename(uri) === PROJECT_FILE_NAME;
}

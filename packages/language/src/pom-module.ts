// Dependency injection for the POM language: every custom service is wired here. The node and browser entry
// points differ only in the file-system module they pass to `createPomServices`.
import { inject, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    DefaultTextDocumentContentProvider,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    type PartialLangiumSharedServices,
} from 'langium/lsp';
import { ModelCompiler } from './compile/model-compiler.js';
import { EvidenceContext } from './evidence/evidence-context.js';
import { EvidenceIndex } from './evidence/evidence-index.js';
import { registerEvidenceRules } from './evidence/evidence-rules.js';
import { PomGeneratedModule, PomGeneratedSharedModule } from './generated/module.js';
import { createGuardedParser } from './grammar/guarded-parser.js';
import { PomLexerErrorMessageProvider, PomParserErrorMessageProvider } from './grammar/pom-error-messages.js';
import { PomTokenBuilder } from './grammar/pom-token-builder.js';
import { LineageIndex } from './lineage/lineage-index.js';
import { keepEvidenceFresh } from './lsp/evidence-refresh.js';
import { PomCallHierarchyProvider } from './lsp/pom-call-hierarchy-provider.js';
import { PomCodeActionProvider } from './lsp/pom-code-action-provider.js';
import { PomCodeLensProvider } from './lsp/pom-code-lens-provider.js';
import { PomCompletionProvider } from './lsp/pom-completion-provider.js';
import { PomFormatter } from './lsp/pom-formatter.js';
import { PomFuzzyMatcher } from './lsp/pom-fuzzy-matcher.js';
import { PomHoverProvider } from './lsp/pom-hover-provider.js';
import { PomInlayHintProvider } from './lsp/pom-inlay-hint-provider.js';
import { PomRenameProvider } from './lsp/pom-rename-provider.js';
import { registerPomRequests } from './lsp/pom-requests.js';
import { PomSemanticTokenProvider } from './lsp/pom-semantic-token-provider.js';
import { PomDocumentSymbolProvider, PomNodeKindProvider } from './lsp/pom-symbols.js';
import { PomTypeHierarchyProvider } from './lsp/pom-type-hierarchy-provider.js';
import { keepWorkspaceDiagnosticsFresh } from './lsp/workspace-diagnostics.js';
import { KindSystem } from './model/kind-system.js';
import { PomScopeComputation } from './scope/pom-scope-computation.js';
import { PomScopeProvider } from './scope/pom-scope-provider.js';
import { PomDocumentValidator } from './validation/pom-document-validator.js';
import { registerValidationChecks } from './validation/pom-validator.js';
import { WorkspaceRules } from './validation/workspace-rules.js';
import { NameIndex } from './workspace/name-index.js';
import { PomIndexManager } from './workspace/pom-index-manager.js';
import { PomServiceRegistry } from './workspace/pom-service-registry.js';
import { PomWorkspaceManager } from './workspace/pom-workspace-manager.js';
import { ProjectPartitions } from './workspace/project-partitions.js';

/** Services shared by every language of the server; POM adds which project (model) each document belongs to. */
export interface PomAddedSharedServices {
    pom: {
        Projects: ProjectPartitions;
    };
}

export type PomSharedServices = LangiumSharedServices & PomAddedSharedServices;

export interface PomAddedServices {
    pom: {
        Projects: ProjectPartitions;
        NameIndex: NameIndex;
        KindSystem: KindSystem;
        LineageIndex: LineageIndex;
        WorkspaceRules: WorkspaceRules;
        ModelCompiler: ModelCompiler;
        EvidenceContext: EvidenceContext;
        EvidenceIndex: EvidenceIndex;
    };
}

export type PomServices = LangiumServices & PomAddedServices;

export const PomModule: Module<PomServices, PartialLangiumServices & PomAddedServices> = {
    pom: {
        Projects: (services) => (services.shared as PomSharedServices).pom.Projects,
        NameIndex: (services) => new NameIndex(services.shared, services.pom.Projects),
        KindSystem: (services) => new KindSystem(services.shared, services.pom.NameIndex),
        LineageIndex: (services) => new LineageIndex(services),
        WorkspaceRules: (services) => new WorkspaceRules(services),
        ModelCompiler: (services) => new ModelCompiler(services),
        EvidenceContext: (services) => new EvidenceContext(services.shared),
        EvidenceIndex: (services) => new EvidenceIndex(services),
    },
    parser: {
        LangiumParser: (services) => createGuardedParser(services),
        TokenBuilder: () => new PomTokenBuilder(),
        ParserErrorMessageProvider: () => new PomParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new PomLexerErrorMessageProvider(),
    },
    references: {
        ScopeComputation: (services) => new PomScopeComputation(services),
        ScopeProvider: (services) => new PomScopeProvider(services as PomServices),
    },
    validation: {
        DocumentValidator: (services) => new PomDocumentValidator(services as PomServices),
    },
    lsp: {
        HoverProvider: (services) => new PomHoverProvider(services),
        CodeLensProvider: (services) => new PomCodeLensProvider(services),
        CallHierarchyProvider: (services) => new PomCallHierarchyProvider(services),
        TypeHierarchyProvider: (services) => new PomTypeHierarchyProvider(services),
        InlayHintProvider: () => new PomInlayHintProvider(),
        RenameProvider: (services) => new PomRenameProvider(services),
        CompletionProvider: (services) => new PomCompletionProvider(services),
        CodeActionProvider: (services) => new PomCodeActionProvider(services),
        DocumentSymbolProvider: (services) => new PomDocumentSymbolProvider(services),
        Formatter: () => new PomFormatter(),
        SemanticTokenProvider: (services) => new PomSemanticTokenProvider(services),
    },
};

export const PomSharedModule: Module<PomSharedServices, PartialLangiumSharedServices & PomAddedSharedServices> = {
    pom: {
        Projects: () => new ProjectPartitions(),
    },
    ServiceRegistry: (services) => new PomServiceRegistry(services),
    workspace: {
        WorkspaceManager: (services) => new PomWorkspaceManager(services, services.pom.Projects),
        IndexManager: (services) => new PomIndexManager(services),
    },
    lsp: {
        // Serves the prelude (`builtin:`) to clients, so go-to-definition on a kind opens it read-only.
        TextDocumentContentProvider: (services) => new DefaultTextDocumentContentProvider(services, 'builtin'),
        NodeKindProvider: () => new PomNodeKindProvider(),
        FuzzyMatcher: () => new PomFuzzyMatcher(),
    },
};

export function createPomServices(context: DefaultSharedModuleContext): { shared: PomSharedServices; Pom: PomServices } {
    const shared = inject(createDefaultSharedModule(context), PomGeneratedSharedModule, PomSharedModule);
    const Pom = inject(createDefaultModule({ shared }), PomGeneratedModule, PomModule);
    shared.ServiceRegistry.register(Pom);
    registerValidationChecks(Pom);
    keepWorkspaceDiagnosticsFresh(Pom);
    registerPomRequests(Pom);
    registerEvidenceRules(Pom);
    if (context.connection) keepEvidenceFresh(Pom);
    else {
        // Outside a language server nothing triggers the configuration provider; mark it ready.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Pom };
}

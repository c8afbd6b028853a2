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
import { PomLexer } from './grammar/pom-lexer.js';
import { PomTokenBuilder } from './grammar/pom-token-builder.js';
import { LineageIndex } from './lineage/lineage-index.js';
import { keepEvidenceFresh } from './lsp/evidence-refresh.js';
import { shutDownInOrder } from './lsp/orderly-shutdown.js';
import { PomCallHierarchyProvider } from './lsp/pom-call-hierarchy-provider.js';
import { PomCodeActionProvider } from './lsp/pom-code-action-provider.js';
import { PomCodeLensProvider } from './lsp/pom-code-lens-provider.js';
import { PomCompletionProvider } from './lsp/pom-completion-provider.js';
import { PomDefinitionProvider } from './lsp/pom-definition-provider.js';
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
import { PomValidator, registerValidationChecks } from './validation/pom-validator.js';
import { WorkspaceRules } from './validation/workspace-rules.js';
import { registerViewChecks } from './views/view-checks.js';
import { ViewGraph } from './views/view-graph.js';
import { NameIndex } from './workspace/name-index.js';
import { PomDocumentBuilder } from './workspace/pom-document-builder.js';
import { PomIndexManager } from './workspace/pom-index-manager.js';
import { PomServiceRegistry } from './workspace/pom-service-registry.js';
import { PomWorkspaceManager } from './workspace/pom-workspace-manager.js';
import { ProjectPartitions } from './workspace/project-partitions.js';

/** The services POM adds, and the Langium services it replaces, with their own types: no consumer needs a cast. */
export interface PomAddedServices {
    shared: PomSharedServices;
    pom: {
        Projects: ProjectPartitions;
        NameIndex: NameIndex;
        KindSystem: KindSystem;
        LineageIndex: LineageIndex;
        WorkspaceRules: WorkspaceRules;
        ModelCompiler: ModelCompiler;
        ViewGraph: ViewGraph;
        EvidenceContext: EvidenceContext;
        EvidenceIndex: EvidenceIndex;
    };
    parser: {
        Lexer: PomLexer;
        TokenBuilder: PomTokenBuilder;
        ParserErrorMessageProvider: PomParserErrorMessageProvider;
        LexerErrorMessageProvider: PomLexerErrorMessageProvider;
    };
    references: {
        ScopeComputation: PomScopeComputation;
        ScopeProvider: PomScopeProvider;
    };
    validation: {
        DocumentValidator: PomDocumentValidator;
        PomValidator: PomValidator;
    };
    lsp: {
        HoverProvider: PomHoverProvider;
        CodeLensProvider: PomCodeLensProvider;
        CallHierarchyProvider: PomCallHierarchyProvider;
        TypeHierarchyProvider: PomTypeHierarchyProvider;
        InlayHintProvider: PomInlayHintProvider;
        RenameProvider: PomRenameProvider;
        CompletionProvider: PomCompletionProvider;
        CodeActionProvider: PomCodeActionProvider;
        DocumentSymbolProvider: PomDocumentSymbolProvider;
        Formatter: PomFormatter;
        SemanticTokenProvider: PomSemanticTokenProvider;
    };
}

export type PomServices = LangiumServices & PomAddedServices;

/** The shared services POM adds (which project, or model, each document belongs to) and those it replaces. */
export interface PomAddedSharedServices {
    pom: {
        Projects: ProjectPartitions;
    };
    ServiceRegistry: PomServiceRegistry;
    workspace: {
        WorkspaceManager: PomWorkspaceManager;
        IndexManager: PomIndexManager;
        DocumentBuilder: PomDocumentBuilder;
    };
    lsp: {
        NodeKindProvider: PomNodeKindProvider;
        FuzzyMatcher: PomFuzzyMatcher;
    };
}

export type PomSharedServices = LangiumSharedServices & PomAddedSharedServices;

export interface PomServiceOptions {
    /**
     * For tools that build a workspace once and read it (the CLI): skip the reference index, which only find
     * references and rename use, and parse every file they are given as POM, whatever its extension, so that a file
     * the user names explicitly is reported on instead of refused. The language server leaves it off.
     */
    batch?: boolean;
}

export const PomModule: Module<PomServices, PartialLangiumServices & Omit<PomAddedServices, 'shared'>> = {
    pom: {
        Projects: (services) => services.shared.pom.Projects,
        NameIndex: (services) => new NameIndex(services.shared, services.pom.Projects),
        KindSystem: (services) => new KindSystem(services.shared, services.pom.NameIndex),
        LineageIndex: (services) => new LineageIndex(services),
        WorkspaceRules: (services) => new WorkspaceRules(services),
        ModelCompiler: (services) => new ModelCompiler(services),
        ViewGraph: (services) => new ViewGraph(services),
        EvidenceContext: (services) => new EvidenceContext(services.shared),
        EvidenceIndex: (services) => new EvidenceIndex(services),
    },
    parser: {
        LangiumParser: (services) => createGuardedParser(services),
        Lexer: (services) => new PomLexer(services),
        TokenBuilder: () => new PomTokenBuilder(),
        ParserErrorMessageProvider: () => new PomParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new PomLexerErrorMessageProvider(),
    },
    references: {
        ScopeComputation: (services) => new PomScopeComputation(services),
        ScopeProvider: (services) => new PomScopeProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new PomDocumentValidator(services),
        PomValidator: (services) => new PomValidator(services),
    },
    lsp: {
        HoverProvider: (services) => new PomHoverProvider(services),
        DefinitionProvider: (services) => new PomDefinitionProvider(services),
        CodeLensProvider: (services) => new PomCodeLensProvider(services),
        CallHierarchyProvider: (services) => new PomCallHierarchyProvider(services),
        TypeHierarchyProvider: (services) => new PomTypeHierarchyProvider(services),
        InlayHintProvider: () => new PomInlayHintProvider(),
        RenameProvider: (services) => new PomRenameProvider(services),
        CompletionProvider: (services) => new PomCompletionProvider(services),
        CodeActionProvider: (services) => new PomCodeActionProvider(services),
        DocumentSymbolProvider: (services) => new PomDocumentSymbolProvider(services),
        Formatter: (services) => new PomFormatter(services),
        SemanticTokenProvider: (services) => new PomSemanticTokenProvider(services),
    },
};

export function createPomSharedModule(
    options: PomServiceOptions = {},
): Module<PomSharedServices, PartialLangiumSharedServices & PomAddedSharedServices> {
    const batch = options.batch ?? false;
    return {
        pom: {
            Projects: () => new ProjectPartitions(),
        },
        ServiceRegistry: (services) => new PomServiceRegistry(services, { acceptAnyFile: batch }),
        workspace: {
            WorkspaceManager: (services) => new PomWorkspaceManager(services, services.pom.Projects),
            IndexManager: (services) => new PomIndexManager(services, { indexReferences: !batch }),
            DocumentBuilder: (services) => new PomDocumentBuilder(services),
        },
        lsp: {
            // Serves the prelude (`builtin:`) to clients, so go-to-definition on a kind opens it read-only.
            TextDocumentContentProvider: (services) => new DefaultTextDocumentContentProvider(services, 'builtin'),
            NodeKindProvider: () => new PomNodeKindProvider(),
            FuzzyMatcher: () => new PomFuzzyMatcher(),
        },
    };
}

export function createPomServices(
    context: DefaultSharedModuleContext,
    options: PomServiceOptions = {},
): { shared: PomSharedServices; Pom: PomServices } {
    const shared = inject(createDefaultSharedModule(context), PomGeneratedSharedModule, createPomSharedModule(options));
    const Pom = inject(createDefaultModule({ shared }), PomGeneratedModule, PomModule);
    shared.ServiceRegistry.register(Pom);
    registerValidationChecks(Pom);
    registerViewChecks(Pom);
    keepWorkspaceDiagnosticsFresh(Pom);
    registerPomRequests(Pom);
    registerEvidenceRules(Pom);
    if (context.connection) {
        keepEvidenceFresh(Pom);
        shutDownInOrder(Pom);
    } else {
        // Outside a language server nothing triggers the configuration provider; mark it ready.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Pom };
}

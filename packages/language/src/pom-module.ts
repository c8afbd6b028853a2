// Dependency injection for the POM language: every custom service is wired here. The node and browser entry
// points differ only in the file-system module they pass to `createPomServices`.
import { inject, type Module, type PartialLangiumCoreServices, type PartialLangiumSharedCoreServices } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
} from 'langium/lsp';
import { ModelCompiler } from './compile/model-compiler.js';
import { PomGeneratedModule, PomGeneratedSharedModule } from './generated/module.js';
import { createGuardedParser } from './grammar/guarded-parser.js';
import { PomTokenBuilder } from './grammar/pom-token-builder.js';
import { LineageIndex } from './lineage/lineage-index.js';
import { KindSystem } from './model/kind-system.js';
import { PomWorkspaceManager } from './prelude/pom-workspace-manager.js';
import { NameIndex } from './scope/name-index.js';
import { PomScopeComputation } from './scope/pom-scope-computation.js';
import { PomScopeProvider } from './scope/pom-scope-provider.js';
import { PomDocumentValidator } from './validation/pom-document-validator.js';
import { registerValidationChecks } from './validation/pom-validator.js';
import { WorkspaceRules } from './validation/workspace-rules.js';

export interface PomAddedServices {
    pom: {
        NameIndex: NameIndex;
        KindSystem: KindSystem;
        LineageIndex: LineageIndex;
        WorkspaceRules: WorkspaceRules;
        ModelCompiler: ModelCompiler;
    };
}

export type PomServices = LangiumServices & PomAddedServices;

export const PomModule: Module<PomServices, PartialLangiumCoreServices & PomAddedServices> = {
    pom: {
        NameIndex: (services) => new NameIndex(services.shared),
        KindSystem: (services) => new KindSystem(services.shared, services.pom.NameIndex),
        LineageIndex: (services) => new LineageIndex(services),
        WorkspaceRules: (services) => new WorkspaceRules(services),
        ModelCompiler: (services) => new ModelCompiler(services),
    },
    parser: {
        LangiumParser: (services) => createGuardedParser(services),
        TokenBuilder: () => new PomTokenBuilder(),
    },
    references: {
        ScopeComputation: (services) => new PomScopeComputation(services),
        ScopeProvider: (services) => new PomScopeProvider(services as PomServices),
    },
    validation: {
        DocumentValidator: (services) => new PomDocumentValidator(services as PomServices),
    },
};

export const PomSharedModule: Module<LangiumSharedServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        WorkspaceManager: (services) => new PomWorkspaceManager(services),
    },
};

export function createPomServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Pom: PomServices } {
    const shared = inject(createDefaultSharedModule(context), PomGeneratedSharedModule, PomSharedModule);
    const Pom = inject(createDefaultModule({ shared }), PomGeneratedModule, PomModule);
    shared.ServiceRegistry.register(Pom);
    registerValidationChecks(Pom);
    if (!context.connection) {
        // Outside a language server nothing triggers the configuration provider; mark it ready.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Pom };
}

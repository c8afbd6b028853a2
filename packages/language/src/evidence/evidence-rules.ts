// The evidence checks join the workspace-wide rules: declarations on every build, data checks with a snapshot.
import type { PomServices } from '../pom-module.js';
import { checkData } from './data-rules.js';
import { checkDeclarations } from './declaration-rules.js';

export function registerEvidenceRules(services: PomServices): void {
    const evidence = services.pom.EvidenceIndex;
    const context = services.pom.EvidenceContext;
    services.pom.WorkspaceRules.addRule((graph, add) => {
        checkDeclarations(graph, evidence, context, services.pom.ElementContext, add);
        checkData(graph, evidence, context, add);
    });
}

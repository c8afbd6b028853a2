// Node entry point: the services wired to the real file system.
import { realpathSync } from 'node:fs';
import type { DefaultSharedModuleContext } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createPomServices, type PomServiceOptions } from './pom-module.js';

/** The services on Node's file system, able to follow symbolic links when checking where data paths lead. */
export function createNodePomServices(
    context: Omit<DefaultSharedModuleContext, 'fileSystemProvider'> = {},
    options: PomServiceOptions = {},
) {
    const services = createPomServices({ ...context, ...NodeFileSystem }, options);
    services.Pom.pom.EvidenceContext.realPath = realPath;
    return services;
}

/** Where a path really leads, or undefined when nothing is there; never reads the file. */
function realPath(path: string): string | undefined {
    try {
        return realpathSync(path);
    } catch {
        return undefined;
    }
}

export {
    findProjectFile,
    isInProject,
    loadProjectFile,
    type PomProject,
} from './workspace/project-file.js';

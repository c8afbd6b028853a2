// Node entry point: the services wired to the real file system.
import { NodeFileSystem } from 'langium/node';
import { createPomServices } from './pom-module.js';

export function createNodePomServices() {
    return createPomServices(NodeFileSystem);
}

export {
    findProjectFile,
    isInProject,
    loadProjectFile,
    type PomProject,
} from './workspace/project-file.js';

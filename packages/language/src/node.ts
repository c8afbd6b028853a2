// Node entry point: the services wired to the real file system.
import { NodeFileSystem } from 'langium/node';
import { createPomServices, type PomServiceOptions } from './pom-module.js';

export function createNodePomServices(options: PomServiceOptions = {}) {
    return createPomServices(NodeFileSystem, options);
}

// Loading real fixture folders (model files, pom.json, observations.json) from disk for the evidence tests, with a
// chosen as-of date, the way the CLI does.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LangiumDocument, URI } from 'langium';
import { createNodePomServices } from '../src/node.js';
import type { PomServices } from '../src/pom-module.js';
import { buildWorkspace } from '../src/workspace/pom-workspace.js';

export const EVIDENCE_FIXTURES = fileURLToPath(new URL('./fixtures/evidence/', import.meta.url));

export interface LoadedFolder {
    pom: PomServices;
    documents: LangiumDocument[];
    text: (name: string) => string;
    document: (name: string) => LangiumDocument;
}

/** Builds every .pom file of `folder` with the evidence checks as of `asOf`. */
export async function loadFolder(folder: string, asOf: string): Promise<LoadedFolder> {
    const { Pom } = createNodePomServices();
    Pom.pom.EvidenceContext.setAsOf(asOf);
    Pom.pom.EvidenceContext.setModelRoots([URI.file(folder)]);
    const files = readdirSync(folder).filter((f) => f.endsWith('.pom'));
    const texts = new Map(files.map((f) => [f, readFileSync(path.join(folder, f), 'utf8')]));
    const documents = await buildWorkspace(
        Pom,
        files.map((f) => ({ uri: URI.file(path.join(folder, f)), text: texts.get(f) ?? '' })),
    );
    return {
        pom: Pom,
        documents,
        text: (name) => texts.get(name) ?? '',
        document: (name) => documents.find((d) => d.uri.path.endsWith(`/${name}`)) as LangiumDocument,
    };
}

/** A copy of a fixture folder in a scratch folder, for tests that change or remove files; removed by `done`. */
export function scratchCopy(name: string): { folder: string; done: () => void } {
    const scratch = mkdtempSync(path.join(tmpdir(), 'pom-evidence-'));
    const folder = path.join(scratch, name);
    cpSync(path.join(EVIDENCE_FIXTURES, name), folder, { recursive: true });
    return { folder, done: () => rmSync(scratch, { recursive: true, force: true }) };
}

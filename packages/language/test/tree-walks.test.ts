// The document validator visits only the node types that have checks, and the linker walks the tree with plain loops
// (both faster than Langium's streams over every node); these tests hold them to what Langium's walks give, in the
// same order.
import { readdirSync, readFileSync } from 'node:fs';
import { DefaultLinker, EmptyFileSystem, type LangiumDocument, type Reference } from 'langium';
import { describe, expect, it } from 'vitest';
import { createPomServices } from '../src/pom-module.js';
import { CHECKED_TYPES } from '../src/validation/pom-document-validator.js';
import { buildWorkspace } from '../src/workspace/pom-workspace.js';
import { uri } from './helpers.js';

const BROKEN = `namespace err
bet B1 "x" { horizon: quartrs, chooses: Nope, targets: B1, foo: 3 }
bet B1 "dup" { experiment E "e" { horizon: months, ships: B1 } }
kind thing { field size: number required, relation rel: bett }
thing T1 "t" { rel: B1, size: "big" }
insight I "i" { source: research, learnedFrom: B1.E, learnedFrom: B1 }
opportunity O "o" { informedBy: I, toward: O }
view V { include: "kind:bet", bogus: 1 }
`;

const acme = new URL('../../../examples/acme/', import.meta.url);
const files: Record<string, string> = { 'broken.pom': BROKEN };
for (const name of readdirSync(acme).filter((f) => f.endsWith('.pom'))) files[name] = readFileSync(new URL(name, acme), 'utf8');

async function diagnosticsOf(walk: 'pom' | 'langium') {
    const services = createPomServices(EmptyFileSystem);
    const validator = services.Pom.validation.DocumentValidator as unknown as { walkCoversChecks?: boolean };
    if (walk === 'langium') validator.walkCoversChecks = false;
    const documents = await buildWorkspace(
        services.Pom,
        Object.entries(files).map(([name, text]) => ({ uri: uri(name), text })),
    );
    return documents.map((d) => ({ uri: d.uri.toString(), diagnostics: d.diagnostics }));
}

describe('the validation walk', () => {
    it('covers every node type that has checks', () => {
        const services = createPomServices(EmptyFileSystem);
        const registry = services.Pom.validation.ValidationRegistry;
        const checked = services.shared.AstReflection.getAllTypes().filter((type) => !registry.getChecks(type).isEmpty());
        expect(checked.length).toBeGreaterThan(0);
        expect(checked.filter((type) => !CHECKED_TYPES.has(type))).toEqual([]);
    });

    it("gives the diagnostics of Langium's walk, in the same order", async () => {
        const [fast, langium] = [await diagnosticsOf('pom'), await diagnosticsOf('langium')];
        const codes = fast.flatMap((d) => d.diagnostics ?? []).map((d) => d.code);
        expect(codes).toContain('unknown-member');
        expect(codes).toContain('value-type');
        expect(fast).toEqual(langium);
    });
});

describe('the linker', () => {
    it("resolves the references in Langium's order, to the same targets and errors", async () => {
        const services = createPomServices(EmptyFileSystem);
        const documents = await buildWorkspace(
            services.Pom,
            Object.entries(files).map(([name, text]) => ({ uri: uri(name), text })),
        );
        const resolved = (document: LangiumDocument) =>
            document.references.map((r) => [r.$refText, r.$refNode?.offset, r.error?.message ?? (r as Reference).$nodeDescription?.name]);
        const ours = documents.map(resolved);
        expect(ours.flat().filter(([, , target]) => target === undefined)).toEqual([]);
        expect(ours.flat().length).toBeGreaterThan(100);
        const langium = new DefaultLinker(services.Pom);
        for (const document of documents) langium.unlink(document);
        for (const document of documents) await langium.link(document);
        expect(documents.map(resolved)).toEqual(ours);
    });
});

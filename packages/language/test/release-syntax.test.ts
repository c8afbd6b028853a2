// Letting go of the syntax trees before compiling (compile/release-syntax.ts, what `pom compile` does): the compiled
// model is the same, byte for byte, as from the full trees; the trees are gone; a workspace with views keeps them.
import { readdirSync, readFileSync } from 'node:fs';
import { AstUtils, isCompositeCstNode, isReference } from 'langium';
import { describe, expect, test } from 'vitest';
import { canRelease, releaseSyntaxTrees } from '../src/compile/release-syntax.js';
import { isPrelude } from '../src/prelude/prelude.js';
import { load } from './helpers.js';

const ACME = new URL('../../../examples/acme/', import.meta.url);

/** acme without its views, plus what tests the stand-ins: duplicate names, CRLF and CR-only lines, doc comments. */
function model(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const name of readdirSync(ACME).filter((n) => n.endsWith('.pom') && n !== 'views.pom')) {
        files[name] = readFileSync(new URL(name, ACME), 'utf8');
    }
    files['crlf.pom'] =
        'namespace extra\r\n\r\n/** Twice,\r\n * on purpose. */\r\nteam Twin "One"\r\n\r\nteam Twin "Two" {\r\n  owner: Twin\r\n}\r\n';
    files['cr.pom'] = 'namespace cr\r/** Only CRs. */\rinsight Late "Read late" {\r  source: research\r}\r';
    return files;
}

async function compiled(release: boolean): Promise<string> {
    const loaded = await load(model());
    const { pom, documents } = loaded;
    expect(canRelease(pom, documents)).toBe(true);
    if (release) releaseSyntaxTrees(pom, documents);
    const model_ = pom.pom.ModelCompiler.compile(documents, { relativePath: (uri) => uri.path.split('/').pop() ?? '' });
    if (release) {
        for (const document of documents.filter((d) => !isPrelude(d))) {
            for (const node of AstUtils.streamAst(document.parseResult.value)) {
                expect(isCompositeCstNode(node.$cstNode)).toBe(false);
                for (const value of Object.values(node)) if (isReference(value)) expect(value.$refNode).toBeUndefined();
            }
        }
    }
    return JSON.stringify(model_, null, 2);
}

describe('releasing the syntax trees before compiling', () => {
    test('compiles to the same model, without a syntax node left', async () => {
        const [full, released] = [await compiled(false), await compiled(true)];
        expect(released).toBe(full);
        // What the stand-ins answer for is in the model: docs, places on CR-only lines, numbered duplicates.
        const elements = JSON.parse(full).elements as Array<{ id: string; doc: string | null; source: { line: number } }>;
        const late = elements.find((e) => e.id === 'cr.Late');
        expect([late?.doc, late?.source.line]).toEqual(['Only CRs.', 3]);
        expect(elements.filter((e) => e.id.startsWith('extra.Twin')).map((e) => [e.id, e.source.line])).toEqual([
            ['extra.Twin', 5],
            ['extra.Twin#2', 7],
        ]);
    });

    test('a workspace with views keeps its trees', async () => {
        const { pom, documents } = await load({ ...model(), 'views.pom': readFileSync(new URL('views.pom', ACME), 'utf8') });
        expect(canRelease(pom, documents)).toBe(false);
    });
});

// Names that survive moves: a reference may use an element's short name wherever one element of the kinds its
// relation takes has it in the project; a qualified tail chooses among several; an ambiguous short name is an
// `ambiguous-reference` error listing the candidates; a qualified name that misses suggests the short-name match.
import { AstUtils, EmptyFileSystem, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { type Element, isElement, type RefValue } from '../src/generated/ast.js';
import { qualifiedName } from '../src/model/qualified-names.js';
import { createPomServices } from '../src/pom-module.js';
import { buildWorkspace } from '../src/workspace/pom-workspace.js';
import { diagnostics, found, load, rangeOf, uri } from './helpers.js';

function element(document: LangiumDocument, name: string): Element {
    const result = AstUtils.streamAllContents(document.parseResult.value).find((n): n is Element => isElement(n) && n.name === name);
    if (!result) throw new Error(`no element ${name}`);
    return result;
}

/** The qualified name the `index`-th value of `key` on `name` resolves to, or undefined. */
function target(document: LangiumDocument, name: string, key: string, index = 0): string | undefined {
    const entry = element(document, name).body.find((i) => 'key' in i && i.key.$refText === key) as { values: RefValue[] } | undefined;
    const ref = entry?.values[index]?.target.ref;
    return isElement(ref) ? qualifiedName(ref) : undefined;
}

const STRATEGY = `namespace fieldnote.intent

opportunity ReliableArrivals "Technicians arrive when promised" {
  bet LiveEtaBet "Live ETA for customers" { hypothesis: "h" }
}
opportunity FirstVisitFix "Fixed on the first visit" {
  bet FirstVisitFixBet "Parts on the van" { hypothesis: "h" }
}
`;

const DELIVERY = `namespace fieldnote.delivery

project EtaApp "The ETA app" { for: LiveEtaBet }
project Vans "Stock the vans" { for: FirstVisitFix.FirstVisitFixBet }
`;

describe('short names across files and namespaces', () => {
    test('a short name reaches a nested element of another namespace, and a qualified tail does too', async () => {
        const { documents } = await load({ 'strategy.pom': STRATEGY, 'delivery.pom': DELIVERY });
        const delivery = documents[1];
        expect(target(delivery, 'EtaApp', 'for')).toBe('fieldnote.intent.ReliableArrivals.LiveEtaBet');
        expect(target(delivery, 'Vans', 'for')).toBe('fieldnote.intent.FirstVisitFix.FirstVisitFixBet');
        expect(diagnostics(delivery).filter((d) => d.severity === 1)).toEqual([]);
    });

    test('moving the element under another parent breaks no reference written by its short name', async () => {
        const moved = STRATEGY.replace('  bet LiveEtaBet "Live ETA for customers" { hypothesis: "h" }\n', '').replace(
            'bet FirstVisitFixBet "Parts on the van" { hypothesis: "h" }',
            'bet FirstVisitFixBet "Parts on the van" { hypothesis: "h" }\n  bet LiveEtaBet "Live ETA for customers" { hypothesis: "h" }',
        );
        const { documents } = await load({ 'strategy.pom': moved, 'delivery.pom': DELIVERY });
        expect(target(documents[1], 'EtaApp', 'for')).toBe('fieldnote.intent.FirstVisitFix.LiveEtaBet');
        expect(found(documents[1], 'unresolved-reference')).toEqual([]);
    });

    test('a nearer name wins over the short-name match: siblings and the namespace come first', async () => {
        const local = `namespace fieldnote.delivery\n\nbet LiveEtaBet "Ours" { hypothesis: "h" }\nproject EtaApp "The ETA app" { for: LiveEtaBet }\n`;
        const { documents } = await load({ 'strategy.pom': STRATEGY, 'delivery.pom': local });
        expect(target(documents[1], 'EtaApp', 'for')).toBe('fieldnote.delivery.LiveEtaBet');
    });

    test('only elements of the kinds the relation takes count: an insight of the same name leaves the bet unique', async () => {
        const other = `namespace fieldnote.research\n\ninsight LiveEtaBet "Named like the bet" { source: research }\n`;
        const { documents } = await load({ 'strategy.pom': STRATEGY, 'delivery.pom': DELIVERY, 'research.pom': other });
        expect(target(documents[1], 'EtaApp', 'for')).toBe('fieldnote.intent.ReliableArrivals.LiveEtaBet');
    });

    test('a short name only an element of another kind has is a wrong target kind', async () => {
        const text = `namespace fieldnote.delivery\n\nproject Parts "Parts" { for: FirstVisitFix }\n`;
        const { documents } = await load({ 'strategy.pom': STRATEGY, 'delivery.pom': text });
        expect(found(documents[1], 'wrong-target-kind')).toEqual([
            { code: 'wrong-target-kind', severity: 1, range: rangeOf(text, 'FirstVisitFix') },
        ]);
    });
});

describe('ambiguous short names', () => {
    const twice = `${STRATEGY}opportunity Rural "Rural customers" {\n  bet LiveEtaBet "Live ETA by SMS" { hypothesis: "h" }\n}\n`;

    test('an ambiguous short name is an error on the name, listing every candidate and the tail that picks it', async () => {
        const { documents } = await load({ 'strategy.pom': twice, 'delivery.pom': DELIVERY });
        const delivery = documents[1];
        expect(target(delivery, 'EtaApp', 'for')).toBeUndefined();
        expect(found(delivery, 'ambiguous-reference')).toEqual([
            { code: 'ambiguous-reference', severity: 1, range: rangeOf(DELIVERY, 'LiveEtaBet') },
        ]);
        const [diagnostic] = diagnostics(delivery, 'ambiguous-reference');
        expect(diagnostic.message).toBe(
            '`LiveEtaBet` could be `fieldnote.intent.ReliableArrivals.LiveEtaBet` or `fieldnote.intent.Rural.LiveEtaBet`; ' +
                'qualify it to say which (`ReliableArrivals.LiveEtaBet` or `Rural.LiveEtaBet`).',
        );
        expect(diagnostic.data).toMatchObject({
            candidates: ['fieldnote.intent.ReliableArrivals.LiveEtaBet', 'fieldnote.intent.Rural.LiveEtaBet'],
            replacements: ['ReliableArrivals.LiveEtaBet', 'Rural.LiveEtaBet'],
        });
        expect(found(delivery, 'unresolved-reference')).toEqual([]);
    });

    test('a qualified tail chooses among several', async () => {
        const chosen = DELIVERY.replace('for: LiveEtaBet', 'for: Rural.LiveEtaBet');
        const { documents } = await load({ 'strategy.pom': twice, 'delivery.pom': chosen });
        expect(target(documents[1], 'EtaApp', 'for')).toBe('fieldnote.intent.Rural.LiveEtaBet');
        expect(found(documents[1], 'ambiguous-reference')).toEqual([]);
    });

    test('the same short name in two projects is no ambiguity: names are unique per project', async () => {
        const services = createPomServices(EmptyFileSystem);
        const project = (folder: string) => ({ file: uri(`${folder}/pom.json`), settings: undefined, problem: undefined });
        services.shared.pom.Projects.set([project('a'), project('b')]);
        const files = { 'a/strategy.pom': STRATEGY, 'a/delivery.pom': DELIVERY, 'b/strategy.pom': STRATEGY };
        const documents = await buildWorkspace(
            services.Pom,
            Object.entries(files).map(([name, text]) => ({ uri: uri(name), text })),
        );
        expect(target(documents[1], 'EtaApp', 'for')).toBe('fieldnote.intent.ReliableArrivals.LiveEtaBet');
        expect(found(documents[1], 'ambiguous-reference')).toEqual([]);
        // One project holding both copies: now the short name is ambiguous.
        const together = createPomServices(EmptyFileSystem);
        const twoCopies = {
            'strategy.pom': STRATEGY,
            'copy.pom': STRATEGY.replace('fieldnote.intent', 'other.intent'),
            'delivery.pom': DELIVERY,
        };
        const [, , delivery] = await buildWorkspace(
            together.Pom,
            Object.entries(twoCopies).map(([name, text]) => ({ uri: uri(name), text })),
        );
        expect(found(delivery, 'ambiguous-reference')).toEqual([
            { code: 'ambiguous-reference', severity: 1, range: rangeOf(DELIVERY, 'LiveEtaBet') },
            { code: 'ambiguous-reference', severity: 1, range: rangeOf(DELIVERY, 'FirstVisitFix.FirstVisitFixBet') },
        ]);
        // Where the tails are the same up to the namespace, only the full names tell them apart.
        expect(diagnostics(delivery, 'ambiguous-reference')[1].data).toMatchObject({
            replacements: ['fieldnote.intent.FirstVisitFix.FirstVisitFixBet', 'other.intent.FirstVisitFix.FirstVisitFixBet'],
        });
    });
});

describe('a qualified name that misses', () => {
    test('suggests the short name when one element has it', async () => {
        const text = `namespace fieldnote.delivery\n\nproject Vans "Stock the vans" { for: fieldnote.intent.FirstVisitFixBet }\n`;
        const { documents } = await load({ 'strategy.pom': STRATEGY, 'delivery.pom': text });
        expect(found(documents[1], 'unresolved-reference')).toEqual([
            { code: 'unresolved-reference', severity: 1, range: rangeOf(text, 'fieldnote.intent.FirstVisitFixBet') },
        ]);
        const [diagnostic] = diagnostics(documents[1], 'unresolved-reference');
        expect(diagnostic.message).toMatch(
            /^Nothing named `fieldnote.intent.FirstVisitFixBet` is in scope for `for`, which takes .*; did you mean `FirstVisitFixBet`/,
        );
        expect((diagnostic.data as { suggestions: string[] }).suggestions[0]).toBe('FirstVisitFixBet');
    });
});

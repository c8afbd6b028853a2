// Semantic highlighting from the linked model: what TextMate cannot know, such as which names are kinds, which
// keys exist and which stage a referenced element sits on. Strings, numbers, dates, comments and keywords are left
// to the TextMate grammar.
//
// Mapping (standard token types, so every theme colours them):
//   element kind (`bet` in `bet WizardBet`), `extends` and relation targets   type (+ defaultLibrary if built in)
//   kind declaration name                                                       type + declaration (+ defaultLibrary)
//   element name and references to elements, by the stage of their kind:
//     flow stages (insights … outcomes)                                         class
//     context (team, scope, persona, metric)                                    namespace
//     collaboration and investment (ritual, artifact, funding)                  struct
//   (declarations add `declaration`; unresolved references get no token)
//   entry key                                                                   property
//   field / relation name in a kind declaration                                property + declaration
//   enum literal in a value, symbol in metadata, a kind's stage                 enumMember (+ declaration in `enum {}`)
//   metadata key                                                                parameter
//   namespace name                                                              namespace + declaration
//   view name / view key (selector strings stay strings)                        interface + declaration / property
// Every token that names a kind or an element also carries its stage as a custom modifier (`insights`, `bets`,
// `context`, …), so a theme or the extension can colour the flow stage by stage.
import { type AstNode, AstUtils, type Cancellation, CstUtils, interruptAndCheck, type LangiumDocument } from 'langium';
import { AbstractSemanticTokenProvider, AllSemanticTokenModifiers, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver-types';
import {
    isElement,
    isEntry,
    isEnumLiteral,
    isFieldDecl,
    isKindDecl,
    isMetaEntry,
    isNamespaceDecl,
    isRefValue,
    isRelationDecl,
    isSymbolValue,
    isViewDecl,
    isViewEntry,
    type KindDecl,
} from '../generated/ast.js';
import type { KindSystem } from '../model/kind-system.js';
import { ALL_STAGES, type Stage } from '../model/stages.js';
import type { PomServices } from '../pom-module.js';

const STANDARD_MODIFIER_COUNT = Object.keys(AllSemanticTokenModifiers).length;

/** The standard modifiers plus one per stage, each on the next free bit of the legend. */
const TOKEN_MODIFIERS: Record<string, number> = {
    ...AllSemanticTokenModifiers,
    ...Object.fromEntries(ALL_STAGES.map((stage, i) => [stage, 1 << (STANDARD_MODIFIER_COUNT + i)])),
};

const { declaration, defaultLibrary } = SemanticTokenModifiers;

/** The token type of an element on a stage. */
function elementTokenType(stage: Stage | undefined): SemanticTokenTypes {
    if (stage === 'context') return SemanticTokenTypes.namespace;
    if (stage === 'collaboration' || stage === 'investment') return SemanticTokenTypes.struct;
    return SemanticTokenTypes.class;
}

export class PomSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private readonly kinds: KindSystem;

    constructor(services: PomServices) {
        super(services);
        this.kinds = services.pom.KindSystem;
    }

    override get tokenModifiers(): Record<string, number> {
        return TOKEN_MODIFIERS;
    }

    /**
     * Langium 4.4's range-filtered AST stream skips the property after an out-of-range child node (a file's
     * `members` after its `namespace`), which empties every range request; walk the whole tree instead and prune
     * what lies outside the range here. highlightToken still drops tokens outside it.
     */
    protected override async computeHighlighting(
        document: LangiumDocument,
        acceptor: SemanticTokenAcceptor,
        cancelToken: Cancellation.CancellationToken,
    ): Promise<void> {
        const range = this.currentRange;
        const nodes = AstUtils.streamAst(document.parseResult.value).iterator();
        for (let next = nodes.next(); !next.done; next = nodes.next()) {
            await interruptAndCheck(cancelToken);
            const node = next.value;
            if (range && node.$cstNode && !CstUtils.inRange(node.$cstNode.range, range)) nodes.prune();
            else this.highlightElement(node, acceptor);
        }
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (isElement(node)) {
            const kind = node.kind.ref;
            acceptor({ node, property: 'kind', type: SemanticTokenTypes.type, modifier: this.kindModifiers(kind) });
            const stage = this.kinds.stage(kind);
            acceptor({ node, property: 'name', type: elementTokenType(stage), modifier: [declaration, ...stageModifier(stage)] });
        } else if (isKindDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.type, modifier: [declaration, ...this.kindModifiers(node)] });
            if (node.superKind) {
                acceptor({ node, property: 'superKind', type: SemanticTokenTypes.type, modifier: this.kindModifiers(node.superKind.ref) });
            }
            if (node.stage) acceptor({ node, property: 'stage', type: SemanticTokenTypes.enumMember });
        } else if (isFieldDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property, modifier: declaration });
        } else if (isRelationDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property, modifier: declaration });
            node.targets.forEach((target, index) => {
                acceptor({ node, property: 'targets', index, type: SemanticTokenTypes.type, modifier: this.kindModifiers(target.ref) });
            });
        } else if (isEnumLiteral(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember, modifier: declaration });
        } else if (isEntry(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
        } else if (isRefValue(node)) {
            const target = node.target.ref;
            if (isEnumLiteral(target)) {
                acceptor({ node, property: 'target', type: SemanticTokenTypes.enumMember });
            } else if (isElement(target)) {
                const stage = this.kinds.stageOf(target);
                acceptor({ node, property: 'target', type: elementTokenType(stage), modifier: stageModifier(stage) });
            }
        } else if (isMetaEntry(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.parameter });
        } else if (isSymbolValue(node)) {
            acceptor({ node, property: 'symbol', type: SemanticTokenTypes.enumMember });
        } else if (isViewDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.interface, modifier: declaration });
        } else if (isViewEntry(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
        } else if (isNamespaceDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: declaration });
        }
    }

    /** A kind's stage, and `defaultLibrary` when the prelude declares it. */
    private kindModifiers(kind: KindDecl | undefined): string[] {
        if (!kind) return [];
        const builtIn = AstUtils.getDocument(kind).uri.scheme === 'builtin';
        return [...(builtIn ? [defaultLibrary] : []), ...stageModifier(this.kinds.stage(kind))];
    }
}

function stageModifier(stage: Stage | undefined): string[] {
    return stage ? [stage] : [];
}

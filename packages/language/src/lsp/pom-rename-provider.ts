// Rename across files that keeps qualified and nested names right. A reference may spell its target as
// `WizardBet`, `growth.WizardBet` or `acme.growth.WizardBet.Build`; only the segment that names the renamed element
// changes, and references to the renamed element's nested elements change too. A reference by short name is the
// last segment alone, so it is rewritten whole. Prelude kinds cannot be renamed, and an element cannot take a short
// name that would make a reference written by short name ambiguous.
import {
    type AstNode,
    type AstNodeLocator,
    AstUtils,
    CstUtils,
    type LangiumDocument,
    type LangiumDocuments,
    type ReferenceDescription,
} from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import type { Position, Range, RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ResponseError } from 'vscode-languageserver-protocol';
import { type Element, isElement, isEntry, isKindDecl, isRefValue, isRelationDecl, type RelationDecl } from '../generated/ast.js';
import type { KindSystem } from '../model/kind-system.js';
import { qualifiedName } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import { isPrelude } from '../prelude/prelude.js';
import type { NameIndex } from '../workspace/name-index.js';

const NAME = /^[_a-zA-Z]\w*(-\w+)*$/;

export class PomRenameProvider extends DefaultRenameProvider {
    private readonly documents: LangiumDocuments;
    private readonly names: NameIndex;
    private readonly kinds: KindSystem;
    private readonly locator: AstNodeLocator;

    constructor(services: PomServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.names = services.pom.NameIndex;
        this.kinds = services.pom.KindSystem;
        this.locator = services.workspace.AstNodeLocator;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        if (!NAME.test(params.newName)) {
            throw new ResponseError(-32602, `\`${params.newName}\` is not a valid POM name: use letters, digits, _ and inner hyphens.`);
        }
        const taken = this.takenBy(target, params.newName);
        if (taken) throw new ResponseError(-32602, `\`${taken}\` already exists: renaming would make two elements with one name.`);
        const ambiguous = this.ambiguousAfter(target, params.newName);
        if (ambiguous) {
            throw new ResponseError(
                -32602,
                `\`${ambiguous}\` is also called \`${params.newName}\`, and references by that short name would become ambiguous.`,
            );
        }
        const changes: Record<string, TextEdit[]> = {};
        const add = (uri: string, range: Range) => {
            changes[uri] ??= [];
            if (!changes[uri].some((e) => sameRange(e.range, range))) changes[uri].push({ range, newText: params.newName });
        };
        const declaration = this.nameProvider.getNameNode(target);
        if (declaration) add(AstUtils.getDocument(target).uri.toString(), declaration.range);

        // The renamed element and everything nested in it: a reference to any of them may spell the old name.
        const renamed = isElement(target) ? [target, ...AstUtils.streamAllContents(target).filter(isElement)] : [target];
        const depth = isElement(target) ? qualifiedName(target).split('.').length - 1 : qualifiedSegments(target).length - 1;
        for (const node of renamed) {
            const full = isElement(node) ? qualifiedName(node).split('.') : qualifiedSegments(node);
            for (const ref of this.references.findReferences(node, { includeDeclaration: false })) {
                const range = this.segmentRange(ref, full.length, depth);
                if (range) add(ref.sourceUri.toString(), range);
            }
        }
        return { changes };
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        const leaf = CstUtils.findDeclarationNodeAtOffset(
            document.parseResult.value.$cstNode,
            document.textDocument.offsetAt(params.position),
        );
        if (!leaf) return undefined;
        // On a qualified reference, offer the segment that names the target, not the whole path.
        const text = leaf.text;
        const last = text.lastIndexOf('.');
        return last < 0 ? leaf.range : { start: document.textDocument.positionAt(leaf.offset + last + 1), end: leaf.range.end };
    }

    /** The qualified name the renamed element or kind would collide with, if any. */
    private takenBy(target: AstNode, newName: string): string | undefined {
        if (!isElement(target) && !isKindDecl(target)) return undefined;
        const segments = qualifiedName(target).split('.');
        segments[segments.length - 1] = newName;
        const renamed = segments.join('.');
        const within = AstUtils.getDocument(target).uri;
        const table = isElement(target) ? this.names.elements(within) : this.names.kinds(within);
        return table.get(renamed)?.some((d) => d.node !== target) ? renamed : undefined;
    }

    /**
     * Another element the renamed one would share its short name with, when a reference to either is written by the
     * bare short name and its relation takes both (it would then no longer say which): the other's qualified name.
     */
    private ambiguousAfter(target: AstNode, newName: string): string | undefined {
        if (!isElement(target)) return undefined;
        const others = (this.names.elementsByShortName(AstUtils.getDocument(target).uri).get(newName) ?? [])
            .map((d) => d.node)
            .filter((node): node is Element => isElement(node) && node !== target);
        const clash = (of: Element, other: Element) =>
            this.references.findReferences(of, { includeDeclaration: false }).some((ref) => {
                const relation = this.relationOf(ref);
                return !this.refText(ref).includes('.') && relation !== undefined && this.kinds.accepts(relation, other.kind.ref);
            });
        const other = others.find((o) => clash(target, o) || clash(o, target));
        return other ? qualifiedName(other) : undefined;
    }

    /** The relation whose value a reference is. */
    private relationOf(ref: ReferenceDescription): RelationDecl | undefined {
        const root = this.documents.getDocument(ref.sourceUri)?.parseResult.value;
        const value = root ? this.locator.getAstNode(root, ref.sourcePath) : undefined;
        const entry = isRefValue(value) ? value.$container : undefined;
        const relation = isEntry(entry) ? entry.key.ref : undefined;
        return isRelationDecl(relation) ? relation : undefined;
    }

    private refText(ref: ReferenceDescription): string {
        return this.documents.getDocument(ref.sourceUri)?.textDocument.getText(ref.segment.range) ?? '';
    }

    private targetAt(document: LangiumDocument, position: Position): AstNode | undefined {
        const leaf = CstUtils.findDeclarationNodeAtOffset(document.parseResult.value.$cstNode, document.textDocument.offsetAt(position));
        const target = leaf ? this.references.findDeclarations(leaf)[0] : undefined;
        if (!target || isPrelude(AstUtils.getDocument(target))) return undefined;
        return target;
    }

    /**
     * The range of the segment at index `depth` of a fully qualified name of `length` segments, within a reference
     * that spells a suffix of that name; undefined when the reference does not spell that segment.
     */
    private segmentRange(ref: ReferenceDescription, length: number, depth: number): Range | undefined {
        const source = this.documents.getDocument(ref.sourceUri);
        if (!source) return undefined;
        const text = source.textDocument.getText(ref.segment.range);
        const segments = text.split('.');
        const index = depth - (length - segments.length);
        if (index < 0 || index >= segments.length) return undefined;
        const offset = ref.segment.offset + segments.slice(0, index).reduce((sum, s) => sum + s.length + 1, 0);
        return { start: source.textDocument.positionAt(offset), end: source.textDocument.positionAt(offset + segments[index].length) };
    }
}

/** Members and enum literals are referenced by simple name; kinds by their namespace-qualified name. */
function qualifiedSegments(node: AstNode): string[] {
    if (isKindDecl(node)) return qualifiedName(node).split('.');
    return [(node as unknown as { name: string }).name];
}

function sameRange(a: Range, b: Range): boolean {
    return (
        a.start.line === b.start.line &&
        a.start.character === b.start.character &&
        a.end.line === b.end.line &&
        a.end.character === b.end.character
    );
}

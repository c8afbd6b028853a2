// Exports every element (nested ones too) and every kind under its qualified name, so that any file can reach
// `acme.growth.WizardBet.Build`. Nothing is local: lookups go through the name index with prefixes instead.
import {
    type AstNode,
    type AstNodeDescription,
    AstUtils,
    DefaultScopeComputation,
    type LangiumDocument,
    type LocalSymbols,
    MultiMap,
} from 'langium';
import { isElement, isKindDecl } from '../generated/ast.js';
import { isForeignDocument } from '../validation/foreign-files.js';
import { qualifiedName } from './qualified-names.js';

export class PomScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        if (isForeignDocument(document)) return [];
        const exports: AstNodeDescription[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if ((isElement(node) || isKindDecl(node)) && node.name) {
                exports.push(this.descriptions.createDescription(node, qualifiedName(node), document));
            }
        }
        return exports;
    }

    override async collectLocalSymbols(_document: LangiumDocument): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}

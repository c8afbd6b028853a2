// Exports every element (nested ones too) and every kind under its qualified name, so that any file can reach
// `acme.growth.WizardBet.Build`. Nothing is local: lookups go through the name index with prefixes instead.
import { type AstNode, type AstNodeDescription, DefaultScopeComputation, type LangiumDocument, type LocalSymbols, MultiMap } from 'langium';
import type { Model } from '../generated/ast.js';
import { qualifiedName } from '../model/qualified-names.js';
import { forEachQualifiedElement, kindsOf } from '../model/walk.js';
import { isForeignDocument } from '../workspace/foreign-files.js';

export class PomScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        if (isForeignDocument(document)) return [];
        const exports: AstNodeDescription[] = [];
        const model = document.parseResult.value as Model;
        for (const kind of kindsOf(model)) {
            if (kind.name) exports.push(this.descriptions.createDescription(kind, qualifiedName(kind), document));
        }
        forEachQualifiedElement(model, (element, name) => {
            if (element.name) exports.push(this.descriptions.createDescription(element, name, document));
        });
        return exports;
    }

    override async collectLocalSymbols(_document: LangiumDocument): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}

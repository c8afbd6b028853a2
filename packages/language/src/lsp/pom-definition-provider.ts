// Go to definition, taught selector strings: on a name in a view's selector it opens the element, on `kind:x` the
// kind declaration, on `owner:x` the team. Everywhere else Langium's definition of cross-references applies.
import { AstUtils, type Cancellation, GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import type { DefinitionParams, LocationLink } from 'vscode-languageserver-protocol';
import type { PomServices } from '../pom-module.js';
import { SelectorAssist, selectorAtomAt } from './selector-assist.js';

export class PomDefinitionProvider extends DefaultDefinitionProvider {
    private readonly selectors: SelectorAssist;

    constructor(services: PomServices) {
        super(services);
        this.selectors = new SelectorAssist(services);
    }

    override getDefinition(
        document: LangiumDocument,
        params: DefinitionParams,
        cancelToken?: Cancellation.CancellationToken,
    ): MaybePromise<LocationLink[] | undefined> {
        const spot = selectorAtomAt(document, document.textDocument.offsetAt(params.position));
        if (!spot) return super.getDefinition(document, params, cancelToken);
        const target = this.selectors.target(spot);
        const cst = target?.$cstNode;
        if (!target || !cst) return undefined;
        const name = GrammarUtils.findNodeForProperty(cst, 'name') ?? cst;
        const origin = {
            start: document.textDocument.positionAt(spot.valueStart),
            end: document.textDocument.positionAt(spot.end),
        };
        return [
            {
                originSelectionRange: origin,
                targetUri: AstUtils.getDocument(target).uri.toString(),
                targetRange: cst.range,
                targetSelectionRange: name.range,
            },
        ];
    }
}

// Inlay hints after an element's name for what it inherits rather than states: `horizon: quarters (from WizardBet)`
// and the owner, so the fractal context is visible where it applies.
import type { AstNode, LangiumDocument } from 'langium';
import { Cancellation, GrammarUtils, interruptAndCheck } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { type InlayHint, InlayHintKind, type InlayHintParams, type Position } from 'vscode-languageserver-protocol';
import { type Element, isElement, type Model } from '../generated/ast.js';
import { type ContextKey, contextValue } from '../model/element-context.js';
import { forEachElement } from '../model/walk.js';

const HINTED: ContextKey[] = ['horizon', 'owner', 'funding'];

export class PomInlayHintProvider extends AbstractInlayHintProvider {
    // Langium 4.4's range-limited AST walk skips every member of a file whose `namespace` lies outside the range,
    // so hints are computed for the whole document and filtered by position here.
    override async getInlayHints(
        document: LangiumDocument,
        params: InlayHintParams,
        cancelToken = Cancellation.CancellationToken.None,
    ): Promise<InlayHint[]> {
        const hints: InlayHint[] = [];
        const elements: Element[] = [];
        forEachElement(document.parseResult.value as Model, (element) => elements.push(element));
        for (const element of elements) {
            // Other requests get their turn during a long file, and `$/cancelRequest` ends it.
            await interruptAndCheck(cancelToken);
            this.computeInlayHint(element, (hint) => hints.push(hint));
        }
        const { start, end } = params.range;
        const inside = (p: Position) =>
            (p.line > start.line || (p.line === start.line && p.character >= start.character)) &&
            (p.line < end.line || (p.line === end.line && p.character <= end.character));
        return hints.filter((hint) => inside(hint.position));
    }

    computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (!isElement(node)) return;
        const parts: string[] = [];
        for (const key of HINTED) {
            const value = contextValue(node, key);
            if (!value.inheritedFrom || value.effective === undefined) continue;
            const shown = typeof value.effective === 'string' ? value.effective : value.effective.name;
            parts.push(`${key}: ${shown}`);
        }
        const anchor = GrammarUtils.findNodeForProperty(node.$cstNode, 'title') ?? GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
        if (parts.length === 0 || !anchor) return;
        const from = contextValue(node, 'horizon').inheritedFrom ?? contextValue(node, 'owner').inheritedFrom;
        acceptor({
            position: anchor.range.end,
            label: ` ${parts.join(', ')}`,
            kind: InlayHintKind.Parameter,
            paddingLeft: true,
            tooltip: from ? `Inherited from ${from.name}` : undefined,
        });
    }
}

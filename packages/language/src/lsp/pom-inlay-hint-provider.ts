// Inlay hints after an element's name for what it inherits rather than states: `horizon: quarters (from WizardBet)`
// and the owner, so the fractal context is visible where it applies.
import type { AstNode } from 'langium';
import { GrammarUtils } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver-protocol';
import { isElement } from '../generated/ast.js';
import { type ContextKey, contextValue } from '../model/element-context.js';

const HINTED: ContextKey[] = ['horizon', 'owner'];

export class PomInlayHintProvider extends AbstractInlayHintProvider {
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

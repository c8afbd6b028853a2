// Code lens above every element on the value flow: "↑ 5 upstream (2 insights) · ↓ 4 downstream, reaching …".
// Clicking it opens the call hierarchy, where the lineage can be walked.
import type { LangiumDocument } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver-protocol';
import { isElement } from '../generated/ast.js';
import type { LineageIndex } from '../lineage/lineage-index.js';
import { isFlowStage } from '../model/stages.js';
import type { PomServices } from '../pom-module.js';
import { lineageLine, summarizeLineage } from './lineage-summary.js';

export class PomCodeLensProvider implements CodeLensProvider {
    private readonly lineage: LineageIndex;

    constructor(services: PomServices) {
        this.lineage = services.pom.LineageIndex;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const graph = this.lineage.graph();
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (!isElement(node) || !node.$cstNode) continue;
            const info = graph.node(node);
            if (!info || !isFlowStage(info.stage)) continue;
            const range = node.$cstNode.range;
            // The command's position is the element's name, where the call hierarchy can be prepared.
            const name = GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range.start ?? range.start;
            lenses.push({
                range: { start: range.start, end: range.start },
                command: {
                    title: lineageLine(summarizeLineage(graph, node)),
                    command: 'pom.showLineage',
                    arguments: [document.uri.toString(), name],
                },
            });
        }
        return lenses;
    }
}

// Code lens above every element on the value flow: "↑ 5 upstream (2 insights) · ↓ 4 downstream, reaching …", and
// above measured elements and metrics their numbers: "42.1% → 55% target · 3 weeks old".
// Clicking it opens the call hierarchy, where the lineage can be walked.
import type { LangiumDocument } from 'langium';
import { AstUtils, Cancellation, GrammarUtils, interruptAndCheck } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver-protocol';
import type { EvidenceContext } from '../evidence/evidence-context.js';
import type { EvidenceIndex } from '../evidence/evidence-index.js';
import { isElement } from '../generated/ast.js';
import type { LineageIndex } from '../lineage/lineage-index.js';
import { isFlowStage } from '../model/stages.js';
import type { PomServices } from '../pom-module.js';
import { evidenceLensTitle } from './evidence-text.js';
import { lineageLine, summarizeLineage } from './lineage-summary.js';

export class PomCodeLensProvider implements CodeLensProvider {
    private readonly lineage: LineageIndex;
    private readonly evidence: EvidenceIndex;
    private readonly context: EvidenceContext;

    constructor(services: PomServices) {
        this.lineage = services.pom.LineageIndex;
        this.evidence = services.pom.EvidenceIndex;
        this.context = services.pom.EvidenceContext;
    }

    async provideCodeLens(
        document: LangiumDocument,
        _params: CodeLensParams,
        cancelToken = Cancellation.CancellationToken.None,
    ): Promise<CodeLens[]> {
        const graph = this.lineage.graph();
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (!isElement(node) || !node.$cstNode) continue;
            // A file of thousands of elements takes a while: other requests get their turn, and `$/cancelRequest` ends it.
            await interruptAndCheck(cancelToken);
            const info = graph.node(node);
            if (!info) continue;
            const range = node.$cstNode.range;
            const metric = this.evidence.metricOf(node);
            const title = metric?.snapshotPresent ? evidenceLensTitle(metric, this.context.asOf()) : undefined;
            // A lens with an empty command is a label: the numbers are there to read, hover has the detail.
            if (title) lenses.push({ range: { start: range.start, end: range.start }, command: { title, command: '' } });
            if (!isFlowStage(info.stage)) continue;
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

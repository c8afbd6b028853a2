// Evidence checks that need no data: quantities that do not fit their metric's unit, a `connection` the project
// file does not declare, a `data` path that leaves the project (checked as a path: the file is never read), and
// time windows that are inverted or longer than the horizon allows.
import { AstUtils, type URI, UriUtils } from 'langium';
import { type Element, isStringValue, type Value } from '../generated/ast.js';
import type { LineageGraph } from '../lineage/lineage-graph.js';
import { type ElementContext, entriesFor } from '../model/element-context.js';
import { listNames } from '../util/suggestions.js';
import type { WorkspaceDiagnostic } from '../validation/workspace-rules.js';
import type { EvidenceContext } from './evidence-context.js';
import type { EvidenceIndex, MetricState } from './evidence-index.js';
import { changeProblem, levelProblem, quantityOf } from './quantity.js';
import { daysBetween, declaredWindow, HORIZON_DAYS } from './windows.js';

const DATA_EXTENSIONS = ['.csv', '.json', '.parquet'];
const WINDOW_KEYS = ['starts', 'ends', 'when'];
const WINDOW_STAGES = new Set(['bets', 'execution', 'releases']);

type Add = (d: WorkspaceDiagnostic) => void;

export function checkDeclarations(
    graph: LineageGraph,
    evidence: EvidenceIndex,
    context: EvidenceContext,
    elementContext: ElementContext,
    add: Add,
): void {
    const { metrics, claims } = evidence.state();
    for (const metric of metrics.values()) {
        checkLevels(metric, add);
        checkSource(metric, context, add);
    }
    for (const claim of claims) {
        for (const meta of claim.value.metadata) {
            if (meta.key !== 'by' && meta.key !== 'tolerance') continue;
            const q = quantityOf(meta.value);
            const problem = q && changeProblem(q, claim.metric.unit, claim.metric.element.name);
            if (problem) add({ code: 'claim-unit', message: problem, node: meta, property: 'value' });
            else if (q && meta.key === 'tolerance' && q.form !== claim.by.form) {
                const message = `\`tolerance\` must be in the form of \`by\` (${claim.by.text}); \`${q.text}\` is not, so it is ignored.`;
                add({ code: 'claim-unit', message, node: meta, property: 'value' });
            }
        }
    }
    for (const node of graph.nodes.values()) {
        if (node.stage && WINDOW_STAGES.has(node.stage)) checkWindow(node.element, elementContext, add);
    }
}

function checkLevels(metric: MetricState, add: Add): void {
    for (const key of ['baseline', 'target']) {
        const value = entriesFor(metric.element, key)[0]?.values[0];
        const q = quantityOf(value);
        const problem = q && levelProblem(q, metric.unit, key);
        if (problem && value) add({ code: 'claim-unit', message: problem, node: value });
    }
}

function checkSource(metric: MetricState, context: EvidenceContext, add: Add): void {
    const connection = stringEntry(metric.element, 'connection');
    const data = stringEntry(metric.element, 'data');
    if (connection && data) {
        const message = `\`${metric.element.name}\` reads either a \`data\` file or a \`connection\`, not both.`;
        add({ code: 'value-type', message, node: connection.value });
    }
    if (connection && !metric.project.connections.has(connection.text)) {
        const declared = [...metric.project.connections].sort();
        const where = metric.project.file ? UriUtils.basename(metric.project.file) : 'the project';
        const known = declared.length > 0 ? `it declares ${listNames(declared, 10)}` : 'it declares no connections';
        const message = metric.project.file
            ? `No connection \`${connection.text}\` in ${where}; ${known}.`
            : `No connection \`${connection.text}\`: connections are declared in a project file (pom.json), and there is none.`;
        add({ code: 'unknown-connection', message, node: connection.value });
    }
    if (data) checkDataPath(metric, data.text, data.value, context, add);
}

function checkDataPath(metric: MetricState, path: string, value: Value, context: EvidenceContext, add: Add): void {
    const document = AstUtils.getDocument(metric.element).uri;
    const extension = /\.[^./]+$/.exec(path)?.[0]?.toLowerCase() ?? '';
    if (!DATA_EXTENSIONS.includes(extension)) {
        const message = `\`${path}\` is no data file POM reads: give a .csv, .json or .parquet file.`;
        add({ code: 'value-type', message, node: value });
    }
    const resolved = path.startsWith('/') ? document.with({ path }) : UriUtils.resolvePath(UriUtils.dirname(document), path);
    const root = metric.project.root;
    if (!inside(resolved, root)) {
        const message = `\`${path}\` resolves outside the project folder; a data file must be inside it.`;
        add({ code: 'data-outside-project', message, node: value });
        return;
    }
    // A link inside the project may point anywhere: follow it, without reading what it points at.
    const real = resolved.scheme === 'file' ? context.realPath?.(resolved.fsPath) : undefined;
    const realRoot = root.scheme === 'file' ? (context.realPath?.(root.fsPath) ?? root.fsPath) : root.fsPath;
    if (real !== undefined && !isUnder(real, realRoot)) {
        const message = `\`${path}\` is a symbolic link that leads outside the project folder; a data file must be inside it.`;
        add({ code: 'data-outside-project', message, node: value });
    }
}

function checkWindow(element: Element, elementContext: ElementContext, add: Add): void {
    const window = declaredWindow(element);
    if (!window?.starts || !window.ends) return;
    const site = WINDOW_KEYS.map((k) => entriesFor(element, k)[0]).find((e) => e !== undefined);
    const node = site?.values[0] ?? element;
    const days = daysBetween(window.starts, window.ends);
    if (days < 0) {
        add({ code: 'value-type', message: `\`${element.name}\` ends (${window.ends}) before it starts (${window.starts}).`, node });
        return;
    }
    // A counted horizon allows its own length; a band, the longest length in it.
    const horizon = elementContext.horizon(element).effective;
    const allowed = horizon ? (horizon.days ?? HORIZON_DAYS[horizon.band]) : undefined;
    if (horizon && allowed !== undefined && days + 1 > allowed) {
        const message = `\`${element.name}\` runs ${days + 1} days (${window.starts} to ${window.ends}), longer than its ${horizon.text} horizon allows (${allowed} days).`;
        add({ code: 'window-exceeds-horizon', message, node });
    }
}

function stringEntry(element: Element, key: string): { text: string; value: Value } | undefined {
    const value = entriesFor(element, key)[0]?.values[0];
    return isStringValue(value) ? { text: value.value, value } : undefined;
}

function inside(uri: URI, root: URI): boolean {
    return uri.scheme === root.scheme && isUnder(uri.path, root.path);
}

function isUnder(path: string, root: string): boolean {
    const folder = root.endsWith('/') ? root : `${root}/`;
    return path === root || path.startsWith(folder);
}

// `pom lineage SELECTOR [paths…] [--depth N] [--direction up|down|both] [--format text|json]`: the upstream and
// downstream trees of every selected element. The trees are printed even when the model has errors (the exit code
// says so, as for `pom compile`); a selector that does not parse or names nothing is a usage error.
import { type LineageDirection, type LineageTree, type LineageTreeNode, lineageTree, ModelGraph, shortNames } from 'pom-language';
import { modelExitCode, UsageError } from '../errors.js';
import { compileModel } from '../load.js';
import { escapeControl, jsonText, printErr, printOut } from '../output.js';
import { select } from '../select.js';

export type LineageFormat = 'text' | 'json';

export interface LineageOptions {
    depth?: string;
    direction: LineageDirection;
    format: LineageFormat;
    asOf?: string;
    feedback?: boolean;
}

export async function lineage(selector: string, paths: string[], options: LineageOptions): Promise<number> {
    const depth = parseDepth(options.depth);
    const { model: compiled } = await compileModel(paths, { asOf: options.asOf });
    const graph = new ModelGraph(compiled);
    const selected = select(graph, selector);
    const trees = [...selected].map((id) => lineageTree(graph, id, { direction: options.direction, depth, feedback: options.feedback }));
    if (options.format === 'json') {
        printOut(jsonText({ selector, elements: [...selected], trees }));
    } else {
        const names = shortNames(graph.elements.keys());
        printOut(trees.map((tree) => renderTree(tree, names)).join('\n'));
    }
    if (selected.size === 0) printErr(`pom: \`${selector}\` selects no element\n`);
    return modelExitCode(compiled);
}

function parseDepth(text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--depth takes a whole number of 1 or more, not \`${text}\``);
    return Number(text);
}

/**
 * One element's trees: a header with its kind, id and title, then one line per element upstream (↑) and downstream
 * (↓), indented by distance: `↑ informedBy insight LoneCreatorsChurn — "Workspaces that …"`. An element whose own
 * lineage is shown at another place in the tree says "(see above)" or "(see below)"; one cut by --depth ends in "…".
 */
export function renderTree(tree: LineageTree, names: ReadonlyMap<string, string>): string {
    const lines = [`${shortKind(tree.kind)} ${inert(tree.id)}${titleOf(tree.title)}`];
    const side = (nodes: LineageTreeNode[] | undefined, arrow: string, none: string) => {
        if (!nodes) return;
        if (nodes.length === 0) lines.push(`  ${arrow} (${none})`);
        const shown = new Set([tree.id]);
        const render = (node: LineageTreeNode, level: number) => {
            const marker = node.seen ? (shown.has(node.id) ? ' (see above)' : ' (see below)') : node.truncated ? ' …' : '';
            if (!node.seen) shown.add(node.id);
            const name = inert(names.get(node.id) ?? node.id);
            const kind = shortKind(node.kind);
            const loop = node.feedback ? ' (feedback)' : '';
            lines.push(`${'  '.repeat(level)}${arrow} ${node.relations.join(', ')}${loop} ${kind} ${name}${titleOf(node.title)}${marker}`);
            for (const child of node.children) render(child, level + 1);
        };
        for (const node of nodes) render(node, 1);
    };
    side(tree.upstream, '↑', 'no upstream');
    side(tree.downstream, '↓', 'no downstream');
    return `${lines.join('\n')}\n`;
}

/** User kinds are qualified (`acme.spike`); the name reads better. */
function shortKind(kind: string): string {
    return kind.slice(kind.lastIndexOf('.') + 1);
}

function titleOf(title: string | null): string {
    return title === null ? '' : ` — "${inert(title)}"`;
}

/** Model text never reaches the terminal as control characters; a line break in a title would break the tree. */
function inert(text: string): string {
    return escapeControl(text, { lineBreaks: false });
}

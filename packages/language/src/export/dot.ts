// Graphviz DOT text of a compiled model (`pom graph --format dot`): one cluster per stage, links pointing the way
// value goes, styled as in the graph view. Every identifier and label is a quoted DOT string made by `dotString`.
import type { CompiledModel } from '../compile/compiled-model.js';
import {
    edgeEnds,
    edgeKind,
    elementColumn,
    elementLabel,
    FLOW_COLUMNS,
    type ShapeName,
    SIDE_COLUMNS,
    STAGE_STYLES,
} from './graph-style.js';

/** A double-quoted DOT string: backslashes and quotes escaped, line breaks as DOT's `\n`, control characters as spaces. */
export function dotString(text: string): string {
    const escaped = text
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"')
        .replace(/\r\n|\r|\n|\u2028|\u2029/g, '\\n')
        .replace(/[\u0000-\u001f\u007f]/g, ' ');
    return `"${escaped}"`;
}

/** A label: a DOT string in which `&` stays itself (Graphviz reads `&lt;` and its kind as entities). */
export function dotLabel(text: string): string {
    return dotString(text.replace(/&/g, '&amp;'));
}

const DOT_SHAPES: Record<ShapeName, string> = {
    circle: 'ellipse',
    square: 'box',
    diamond: 'diamond',
    triangle: 'triangle',
    triangleDown: 'invtriangle',
    pentagon: 'pentagon',
    hexagon: 'hexagon',
    octagon: 'octagon',
    star: 'star',
};

export interface DotOptions {
    /** A label above the graph (a view's title), plain text. */
    title?: string;
}

export function toDot(model: CompiledModel, options: DotOptions = {}): string {
    const title = options.title ? `, label=${dotLabel(options.title)}, labelloc=t, fontsize=16` : '';
    const lines = [
        'digraph pom {',
        `    graph [rankdir=LR, fontname="Helvetica", fontsize=12, newrank=true${title}];`,
        '    node [style=filled, fontname="Helvetica", fontsize=10, fontcolor="#ffffff", penwidth=0];',
        '    edge [fontname="Helvetica", fontsize=8, color="#555555", fontcolor="#555555"];',
    ];
    for (const column of [...FLOW_COLUMNS, ...SIDE_COLUMNS]) {
        const elements = model.elements.filter((e) => elementColumn(e) === column);
        if (elements.length === 0) continue;
        const style = STAGE_STYLES[column];
        lines.push(`    subgraph ${dotString(`cluster_${column}`)} {`);
        lines.push(`        label=${dotLabel(style.label)}; color="#cccccc";`);
        for (const element of elements) {
            const label = `${elementLabel(element)}\n${element.kind}`;
            lines.push(
                `        ${dotString(element.id)} [label=${dotLabel(label)}, shape=${DOT_SHAPES[style.shape]}, fillcolor=${dotString(style.color)}];`,
            );
        }
        lines.push('    }');
    }
    for (const link of model.links) {
        const { source, target } = edgeEnds(link);
        const kind = edgeKind(link);
        const attributes = [`label=${dotLabel(link.relation)}`];
        if (link.implied) attributes.push('style=dotted');
        else if (kind === 'feedback') attributes.push('style=dashed', 'constraint=false');
        if (kind === 'context') attributes.push('color="#aaaaaa"', 'fontcolor="#999999"', 'constraint=false');
        lines.push(`    ${dotString(source)} -> ${dotString(target)} [${attributes.join(', ')}];`);
    }
    lines.push('}');
    return `${lines.join('\n')}\n`;
}

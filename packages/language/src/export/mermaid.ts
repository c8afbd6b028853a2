// Mermaid flowchart text of a compiled model (`pom graph --format mermaid`, and the pictures in `pom diff`'s
// Markdown). Every piece of model text goes through `mermaidText`, so a title can never close a label, start a
// directive or smuggle markup into a PR comment.
import type { CompiledElement, CompiledLink, CompiledModel } from '../compile/compiled-model.js';
import { edgeEnds, edgeKind, elementColumn, elementLabel, type ShapeName, STAGE_STYLES } from './graph-style.js';

/**
 * A Mermaid node id for an element id: letters and digits kept, `.` as `__`, `_` and anything else as `_` and its
 * code in hex (`_5f`, `_23`, `_u1f600_`), behind a fixed `n_` so no id is a Mermaid keyword (`end`, `graph`).
 * The encoding is one-to-one, so two elements never share a node, and stable, so two pictures of one model agree.
 */
export function mermaidId(id: string): string {
    let out = 'n_';
    for (const char of id) {
        if (/[A-Za-z0-9]/.test(char)) out += char;
        else if (char === '.') out += '__';
        else {
            const code = char.codePointAt(0)!;
            out += code < 0x100 ? `_${code.toString(16).padStart(2, '0')}` : `_u${code.toString(16)}_`;
        }
    }
    return out;
}

/**
 * Text for inside a double-quoted Mermaid label: quotes, markup, entity and Markdown characters become Mermaid's
 * `#code;` entities, and line breaks and other control characters become spaces.
 */
export function mermaidText(text: string): string {
    let out = '';
    for (const char of text) {
        const code = char.codePointAt(0)!;
        if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += ' ';
        else if ('"#&<>`[]{}()|\\;*_~%='.includes(char)) out += `#${code};`;
        else out += char;
    }
    return out;
}

const SHAPES: Record<ShapeName, [string, string]> = {
    circle: ['(["', '"])'],
    square: ['["', '"]'],
    diamond: ['{"', '"}'],
    triangle: ['>"', '"]'],
    triangleDown: ['[/"', '"\\]'],
    pentagon: ['[\\"', '"/]'],
    hexagon: ['{{"', '"}}'],
    octagon: ['(["', '"])'],
    star: ['(("', '"))'],
};

/** The Mermaid class of a stage: `stage_bets`. */
export function mermaidStageClass(element: Pick<CompiledElement, 'stage'>): string {
    return `stage_${elementColumn(element)}`;
}

/** One node statement: `n_acme__growth__WizardBet["A guided setup lifts completion"]:::stage_bets`. */
export function mermaidNode(element: CompiledElement, label = elementLabel(element)): string {
    const [open, close] = SHAPES[STAGE_STYLES[elementColumn(element)].shape];
    return `${mermaidId(element.id)}${open}${mermaidText(label)}${close}:::${mermaidStageClass(element)}`;
}

/** One link statement, pointing the way value goes: solid for flow, dotted arrow for feedback, plain for context. */
export function mermaidEdge(link: CompiledLink, label = link.implied ? `${link.relation} (implied)` : link.relation): string {
    const kind = edgeKind(link);
    const { source, target } = edgeEnds(link);
    const arrow = kind === 'flow' ? '-->' : kind === 'feedback' ? '-.->' : '---';
    return `${mermaidId(source)} ${arrow}|"${mermaidText(label)}"| ${mermaidId(target)}`;
}

/** `classDef` lines for every stage colour. */
export function mermaidClassDefs(): string[] {
    return Object.entries(STAGE_STYLES).map(([stage, style]) => `classDef stage_${stage} fill:${style.color},stroke:#333,color:#fff`);
}

export interface MermaidOptions {
    /** LR (the default: the flow reads left to right) or TD. */
    direction?: 'LR' | 'TD';
    /** A title in the diagram's front matter (a view's title), plain text. */
    title?: string;
}

export function toMermaid(model: CompiledModel, options: MermaidOptions = {}): string {
    // A JSON string is a valid double-quoted YAML scalar, so no title can end the front matter or start a directive.
    const front = options.title ? ['---', `title: ${JSON.stringify(options.title.replace(/[\u0000-\u001f\u007f]/g, ' '))}`, '---'] : [];
    const lines = [...front, `flowchart ${options.direction ?? 'LR'}`];
    for (const element of model.elements) lines.push(`    ${mermaidNode(element)}`);
    for (const link of model.links) lines.push(`    ${mermaidEdge(link)}`);
    for (const def of mermaidClassDefs()) lines.push(`    ${def}`);
    return `${lines.join('\n')}\n`;
}

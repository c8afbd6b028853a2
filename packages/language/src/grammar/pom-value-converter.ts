// String literals to their text. A one-line string ("…" or '…') loses its quotes and escapes, as Langium does it. A
// multi-line string ("""…""") is laid out first, like Kotlin's trimIndent and Swift's multi-line literals, then its
// escapes are read; docs/language.md states the rule.
import { type CstNode, DefaultValueConverter, type GrammarAST, ValueConverter, type ValueType } from 'langium';

export const MULTI_LINE_QUOTE = '"""';

export class PomValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING' && input.startsWith(MULTI_LINE_QUOTE)) return multiLineText(input);
        return super.runConverter(rule, input, cstNode);
    }
}

/**
 * The text of a `"""…"""` literal (quotes included):
 * 1. line breaks (`\r\n`, `\r`, `\n`) become `\n`;
 * 2. when the opening quotes end their line (spaces and tabs may follow), that line break is dropped;
 * 3. when the closing quotes start their line (after spaces and tabs), that line and the line break before it are
 *    dropped, so the closing line's indentation is never part of the text;
 * 4. lines of spaces and tabs only become empty and do not count for indentation;
 * 5. the longest run of spaces and tabs that starts every other line is removed from each line (text on the line of
 *    the opening quotes has no indentation of its own and does not count);
 * 6. escapes are read last, as in a one-line string: `\n`, `\t`, `\"`, `\\`, and `\` before any other character
 *    stands for that character; so `\"""` writes three quotes, and an escaped `\t` at a line start is text.
 */
export function multiLineText(literal: string): string {
    const body = literal.slice(MULTI_LINE_QUOTE.length, -MULTI_LINE_QUOTE.length).replace(/\r\n?/g, '\n');
    let lines = body.split('\n');
    // Text on the line of the opening quotes: kept as it is, with no indentation of its own.
    let first: string | undefined;
    if (lines.length === 1) {
        [first, lines] = [lines[0], []];
    } else {
        if (/^[ \t]*$/.test(lines[0])) lines = lines.slice(1);
        else [first, ...lines] = lines;
        if (/^[ \t]*$/.test(lines[lines.length - 1])) lines = lines.slice(0, -1);
    }
    lines = lines.map((line) => (/^[ \t]*$/.test(line) ? '' : line));
    const indent = commonIndent(lines.filter((line) => line !== ''));
    const trimmed = lines.map((line) => line.slice(indent.length));
    const text = (first === undefined ? trimmed : [first, ...trimmed]).join('\n');
    // The converter reads escapes between the quotes of a literal; give it one.
    return ValueConverter.convertString(`"${text}"`);
}

function commonIndent(lines: string[]): string {
    if (lines.length === 0) return '';
    let prefix = /^[ \t]*/.exec(lines[0])![0];
    for (const line of lines.slice(1)) {
        let i = 0;
        while (i < prefix.length && line[i] === prefix[i]) i++;
        prefix = prefix.slice(0, i);
    }
    return prefix;
}

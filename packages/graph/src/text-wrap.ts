// Wrapping a title into the lines of a card: greedy by words, a word too long for a line broken by characters, and
// the last line ended with an ellipsis when the text goes on. Widths come from a canvas in the browser (the font
// the card uses) or, without one, from a deliberately generous estimate, so text never runs past its card.

export type Measure = (text: string) => number;

export function wrapText(text: string, maxWidth: number, maxLines: number, measure: Measure): string[] {
    const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
    const lines: string[] = [];
    let line = '';
    let rest = false;
    for (let w = 0; w < words.length; w++) {
        let word = words[w];
        const candidate = line ? `${line} ${word}` : word;
        if (measure(candidate) <= maxWidth) {
            line = candidate;
            continue;
        }
        if (line) {
            lines.push(line);
            line = '';
            if (lines.length === maxLines) {
                rest = true;
                break;
            }
        }
        // A word wider than a line: as many characters as fit, the rest on the next line.
        while (measure(word) > maxWidth) {
            const chars = [...word];
            let n = chars.length - 1;
            while (n > 1 && measure(chars.slice(0, n).join('')) > maxWidth) n--;
            lines.push(chars.slice(0, n).join(''));
            word = chars.slice(n).join('');
            if (lines.length === maxLines) {
                rest = true;
                break;
            }
        }
        if (rest) break;
        line = word;
    }
    if (!rest && line) lines.push(line);
    if (rest || lines.length > maxLines) {
        lines.length = Math.min(lines.length, maxLines);
        let last = lines[lines.length - 1];
        while (last.length > 0 && measure(`${last}…`) > maxWidth) last = [...last].slice(0, -1).join('');
        lines[lines.length - 1] = `${last.trimEnd()}…`;
    }
    return lines;
}

/** Widths of text in a font, from a shared canvas, cached; or the generous estimate when there is no canvas. */
export function textMeasure(fontSize: number, weight = 400): Measure {
    const cache = new Map<string, number>();
    const context = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    if (context) context.font = `${weight} ${fontSize}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
    return (text) => {
        let width = cache.get(text);
        if (width === undefined) {
            // A few per cent of slack: the page may fall back to a slightly wider font than the canvas measured.
            width = context ? context.measureText(text).width * 1.04 : estimate(text, fontSize);
            if (cache.size > 20_000) cache.clear();
            cache.set(text, width);
        }
        return width;
    };
}

/** Without a canvas (a static SVG written in Node): wide letters counted wide, the rest at 0.6 em. */
function estimate(text: string, fontSize: number): number {
    let em = 0;
    for (const c of text) em += /[MWmw@%]/.test(c) ? 0.9 : /[A-Z0-9]/.test(c) ? 0.68 : /[iljtf.,:;'|!() ]/.test(c) ? 0.34 : 0.56;
    return em * fontSize;
}

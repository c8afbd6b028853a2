// Where the lines of a text start, and the line and column of an offset, as the lexer and the LSP count them: lines
// end at `\n`, `\r\n` or a lone `\r`; columns are UTF-16 units; both start at 0.

export function lineStarts(text: string): Uint32Array {
    const found = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) found.push(i + 1);
    }
    return Uint32Array.from(found);
}

export function positionAt(starts: Uint32Array, offset: number): { line: number; character: number } {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) low = middle;
        else high = middle - 1;
    }
    return { line: low, character: offset - starts[low] };
}

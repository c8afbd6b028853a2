// The progress bar of `pom metrics pull`: one line on stderr, redrawn in place, only on a terminal. Plain text (no
// colour), so NO_COLOR needs nothing; the line is cleared when the pull ends so error lines start clean.
import { escapeControl } from '../output.js';

const WIDTH = 24;

export interface Progress {
    /** Before a source runs. */
    step(done: number, label: string): void;
    end(): void;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
    if (!stream.isTTY || total === 0) return { step: () => undefined, end: () => undefined };
    const columns = () => stream.columns || 80;
    const draw = (done: number, label: string) => {
        const filled = Math.round((done / total) * WIDTH);
        const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} `;
        const room = Math.max(0, columns() - bar.length - 1);
        const shown = escapeControl(label, { lineBreaks: false });
        stream.write(`\r${bar}${shown.length > room ? `${shown.slice(0, Math.max(0, room - 1))}…` : shown}\u001b[K`);
    };
    return {
        step: draw,
        end: () => stream.write('\r\u001b[K'),
    };
}

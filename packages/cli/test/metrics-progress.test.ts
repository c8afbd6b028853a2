// The progress bar of `pom metrics pull`: drawn in place on a terminal, cut to its width, plain text, cleared at the
// end; nothing at all when the stream is not a terminal.
import { describe, expect, it } from 'vitest';
import { progressBar } from '../src/metrics/progress.js';

function stream(isTTY: boolean, columns = 60) {
    const written: string[] = [];
    return { written, stream: { isTTY, columns, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe('progressBar', () => {
    it('redraws one line on a terminal, cut to its width, and clears it at the end', () => {
        const { written, stream: tty } = stream(true, 80);
        const bar = progressBar(4, tty);
        bar.step(0, '');
        bar.step(1, 'acme.metrics.OnboardingCompletion');
        bar.step(4, 'acme.metrics.AVeryLongMetricNameThatDoesNotFitOnTheLineAtAll');
        bar.end();
        expect(written[0]).toBe('\r[------------------------] 0/4 \u001b[K');
        expect(written[1]).toBe('\r[######------------------] 1/4 acme.metrics.OnboardingCompletion\u001b[K');
        // 80 columns: the bar takes 31, the label gets 48 less one, so the cursor never wraps.
        expect(written[2]).toBe(
            `\r[########################] 4/4 ${'acme.metrics.AVeryLongMetricNameThatDoesNotFitOnTheLineAtAll'.slice(0, 47)}…\u001b[K`,
        );
        expect(written[2].length - '\r\u001b[K'.length).toBe(79);
        expect(written[3]).toBe('\r\u001b[K');
        // No colour: the only escape sequence is the one that clears the rest of the line.
        expect(written.join('').replaceAll('\u001b[K', '')).not.toContain('\u001b');
    });

    it('writes nothing when the stream is not a terminal', () => {
        const { written, stream: pipe } = stream(false);
        const bar = progressBar(3, pipe);
        bar.step(1, 'x');
        bar.end();
        expect(written).toEqual([]);
    });
});

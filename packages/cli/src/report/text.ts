// `path:line:col severity code message`, one problem a line; colour only on a TTY and never with NO_COLOR. Paths and
// messages are escaped here, before the colour codes go in.
import { escapeControl } from '../output.js';
import type { Problem } from './diagnostics.js';

const COLOURS: Record<Problem['severity'], string> = { error: '31', warning: '33', info: '36', hint: '90' };

export function useColour(stream: NodeJS.WriteStream): boolean {
    return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

export function formatText(problems: readonly Problem[], colour: boolean): string {
    const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
    return problems
        .map(
            (p) =>
                `${escapeControl(p.path)}:${p.line}:${p.column} ${paint(COLOURS[p.severity], p.severity)} ${paint('2', p.code)} ${escapeControl(p.message)}\n`,
        )
        .join('');
}

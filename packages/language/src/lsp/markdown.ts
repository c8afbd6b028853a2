// Model text inside Markdown (hover, code lens tooltips): escaped so a title can never turn into markup or HTML.
export function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** Inline code that cannot be broken out of: the fence is longer than any run of backticks inside. */
export function code(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${longest > 0 ? ` ${text} ` : text}${fence}`;
}

export function escapeHtml(text: string): string {
    return text.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SAFE_LINK = /^(https?|mailto):/i;
// Control characters other than tab and line break, and the bidirectional overrides.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Model text that is Markdown by intent (doc comments, `"""` strings) made safe to render: HTML and autolinks become
 * text; images, and links to anything but http(s) and mailto, show as the text they were written as (no image is
 * fetched, no command or file opens); a code fence left open is closed, so the text cannot spill into what follows.
 * Code spans and code blocks are kept as written, so they render as code.
 */
export function safeMarkdown(text: string): string {
    const out: string[] = [];
    let fence: string | undefined;
    for (const line of text.replace(/\r\n?/g, '\n').replace(CONTROL, ' ').split('\n')) {
        const opener = FENCE.exec(line)?.[1];
        if (fence !== undefined) {
            if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = undefined;
            out.push(line);
        } else if (opener) {
            fence = opener;
            out.push(line);
        } else {
            out.push(safeLine(line));
        }
    }
    if (fence !== undefined) out.push(fence);
    return out.join('\n');
}

/** One line outside code blocks: code spans verbatim, everything else made inert. */
function safeLine(line: string): string {
    let out = '';
    let plain = '';
    for (let i = 0; i < line.length; ) {
        if (line[i] !== '`') {
            plain += line[i++];
            continue;
        }
        const run = /^`+/.exec(line.slice(i))![0];
        const close = findRun(line, run.length, i + run.length);
        if (close < 0) {
            plain += run;
            i += run.length;
            continue;
        }
        out += inert(plain) + line.slice(i, close + run.length);
        plain = '';
        i = close + run.length;
    }
    return out + inert(plain);
}

/** The offset of the next run of exactly `length` backticks from `from`, or -1. */
function findRun(line: string, length: number, from: number): number {
    for (const match of line.slice(from).matchAll(/`+/g)) {
        if (match[0].length === length) return from + match.index;
    }
    return -1;
}

function inert(text: string): string {
    return escapeHtml(text)
        .replace(/!\[/g, '!\\[')
        .replace(/\]\(\s*<?([^)\s]*)/g, (whole, target: string) => (SAFE_LINK.test(target) ? whole : `]\\(${whole.slice(2)}`))
        .replace(/^( {0,3})\[([^\]]*)\]:\s*(\S*)/, (whole, indent: string, label: string, target: string) =>
            SAFE_LINK.test(target) ? whole : `${indent}\\[${label}]: ${target}`,
        );
}

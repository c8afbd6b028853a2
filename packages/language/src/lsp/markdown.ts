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

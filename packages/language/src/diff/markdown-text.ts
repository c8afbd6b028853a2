// Model text made inert for GitHub Markdown and Mermaid: nothing a model says can become markup, a link, a mention,
// an HTML tag, a table cell break or a Mermaid statement. Every model string in a PR comment goes through here.

// C0/C1 controls and the bidirectional overrides that can make text read differently from what it is.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;
const ZWSP = '\u200b';

/** Plain inline text: Markdown punctuation backslash-escaped, `<>&` as entities, mentions and issue refs broken. */
export function mdText(text: string): string {
    let out = '';
    const flat = text.replace(CONTROL, ' ');
    for (let i = 0; i < flat.length; i++) {
        const c = flat[i];
        const next = flat[i + 1] ?? '';
        switch (c) {
            case '&':
                out += '&amp;';
                break;
            case '<':
                out += '&lt;';
                break;
            case '>':
                out += '&gt;';
                break;
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '~':
            case '|':
            case '$':
                out += `\\${c}`;
                break;
            case '@':
                // `@name` would notify someone and `@org/team` a whole team: keep the text, lose the mention.
                out += /[\w-]/.test(next) ? `@${ZWSP}` : c;
                break;
            case '#':
                // `#123` would link an issue.
                out += /\d/.test(next) ? `#${ZWSP}` : c;
                break;
            case ':':
                // `:shortcode:` would become an emoji; `https://…` would become a link.
                out += /[\w/]/.test(next) ? `:${ZWSP}` : c;
                break;
            default:
                out += c;
        }
    }
    return out;
}

const SAFE_CODE = /^[^\s`|<>&@\\](?:[^`|<>&@\\]*[^\s`|<>&@\\])?$/;

/** An identifier, path or value as a code span when it can be one safely, else as plain text. */
export function mdCode(text: string): string {
    const flat = text.replace(CONTROL, ' ');
    return SAFE_CODE.test(flat) ? `\`${flat}\`` : mdText(flat);
}

/** A diagnostic message: its backtick-quoted names as code spans when safe, else as quoted text; the rest as text. */
export function mdMessage(message: string): string {
    const parts = message.replace(CONTROL, ' ').split('`');
    return parts
        .map((part, i) => {
            if (i % 2 === 0) return mdText(part);
            // An odd backtick out: the last part has no closing one.
            if (i === parts.length - 1) return `\\\`${mdText(part)}`;
            return SAFE_CODE.test(part) ? `\`${part}\`` : `\\\`${mdText(part)}\\\``;
        })
        .join('');
}

/** Cuts long model text to `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
    const flat = text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
    return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Text inside a quoted Mermaid label of a PR comment: every character that means something in a label, and `@`
 * (no mention may form), as an entity code. Stricter than the graph export's `mermaidText`, which has no readers
 * to notify.
 */
export function mermaidText(text: string): string {
    let out = '';
    for (const c of text.replace(CONTROL, ' ')) {
        const named = NAMED_ENTITIES[c];
        if (named) out += named;
        else if ('#`|;@\\'.includes(c)) out += `#${c.codePointAt(0)};`;
        else out += c;
    }
    return out;
}

const NAMED_ENTITIES: Record<string, string> = { '"': '#quot;', '&': '#amp;', '<': '#lt;', '>': '#gt;' };

// A seeded mutator of model texts: the same seed gives the same mutants on every machine. Each mutant is an example
// file with one to three edits of the kinds a hostile user or a broken editor makes: token and line edits, flipped
// characters, truncation, deep nesting, Unicode that is hard to see (bidirectional overrides, zero-width characters,
// lone surrogates), CR-only and CRLF line endings, a byte order mark, NUL characters, and layouts the formatter must
// keep the meaning of (a separator after a doc comment, trailing blanks in comments, badly indented doc comments).

export interface Mutant {
    readonly text: string;
    /** The edits made, in order, for a report that lets a person see what happened. */
    readonly edits: string[];
}

type Random = () => number;
type Edit = (text: string, random: Random) => { text: string; edit: string };

const int = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];

/** Words, runs of blanks, line breaks and single other characters: tokens enough for edits that keep most of a file. */
function pieces(text: string): string[] {
    return text.match(/[\p{L}\p{N}_-]+|[ \t]+|\r\n|\r|\n|"[^"\r\n]*"|\/\*[\s\S]*?\*\/|\/\/[^\r\n]*|[\s\S]/gu) ?? [];
}

function lines(text: string): string[] {
    return text.split('\n');
}

/** Strange text to drop in: controls, Unicode that is hard to see, lone surrogates, and POM's own punctuation. */
const ODD = [
    '\u0000',
    '\u001b[31m',
    '\u0007',
    '\u007f',
    '\u009b',
    '\u202e',
    '\u2066',
    '\u200b',
    '\u200f',
    '\ufeff',
    '\ud800',
    '\udc00',
    '😀',
    'e\u0301',
    'עברית',
    '\u2028',
    '\r',
    '\t',
    '\f',
    '\\',
    '"',
    "'",
    '/*',
    '*/',
    '//',
    '/**',
    '{',
    '}',
    '[',
    ']',
    ':',
    ',',
    ';',
    '.',
    '|',
    '*',
    '+',
    '-',
    '%',
    '1e309',
    '9999-99-99',
    '2026-Q9',
    '-0',
    '',
];

const EDITS: Record<string, Edit> = {
    deleteToken: (text, random) => {
        const all = pieces(text);
        const at = int(random, all.length);
        return { text: [...all.slice(0, at), ...all.slice(at + 1)].join(''), edit: `delete token ${at}` };
    },
    duplicateToken: (text, random) => {
        const all = pieces(text);
        const at = int(random, all.length);
        return { text: [...all.slice(0, at + 1), ...all.slice(at)].join(''), edit: `duplicate token ${at}` };
    },
    swapTokens: (text, random) => {
        const all = pieces(text);
        const a = int(random, all.length);
        const b = int(random, all.length);
        [all[a], all[b]] = [all[b], all[a]];
        return { text: all.join(''), edit: `swap tokens ${a} and ${b}` };
    },
    insertOdd: (text, random) => {
        const at = int(random, text.length + 1);
        const odd = pick(random, ODD);
        return { text: text.slice(0, at) + odd + text.slice(at), edit: `insert ${JSON.stringify(odd)} at ${at}` };
    },
    deleteLine: (text, random) => {
        const all = lines(text);
        const at = int(random, all.length);
        return { text: [...all.slice(0, at), ...all.slice(at + 1)].join('\n'), edit: `delete line ${at + 1}` };
    },
    duplicateLine: (text, random) => {
        const all = lines(text);
        const at = int(random, all.length);
        return { text: [...all.slice(0, at + 1), ...all.slice(at)].join('\n'), edit: `duplicate line ${at + 1}` };
    },
    moveLine: (text, random) => {
        const all = lines(text);
        const from = int(random, all.length);
        const [line] = all.splice(from, 1);
        const to = int(random, all.length + 1);
        all.splice(to, 0, line);
        return { text: all.join('\n'), edit: `move line ${from + 1} to ${to + 1}` };
    },
    flipCharacter: (text, random) => {
        const at = int(random, text.length);
        const code = pick(random, [int(random, 0x80), int(random, 0x10000), text.charCodeAt(at) ^ (1 << int(random, 7))]);
        return {
            text: text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1),
            edit: `flip character ${at} to U+${code.toString(16)}`,
        };
    },
    truncate: (text, random) => {
        const at = int(random, text.length);
        return { text: text.slice(0, at), edit: `truncate at ${at}` };
    },
    deepNesting: (text, random) => {
        const depth = pick(random, [10, 63, 64, 65, 200, 1000]);
        const opener = pick(random, ['bet A { ', 'team T {\n', '{', '[', 'x: A [k: ', '" bet A { ', '/* bet A { ']);
        const closer = opener.includes('{') ? '}' : opener.includes('[') ? ']' : '';
        const closed = random() < 0.5;
        const at = lines(text)
            .slice(0, int(random, lines(text).length))
            .join('\n').length;
        const nest = opener.repeat(depth) + (closed ? closer.repeat(depth) : '');
        return {
            text: `${text.slice(0, at)}\n${nest}\n${text.slice(at)}`,
            edit: `nest ${JSON.stringify(opener)} ${depth} deep${closed ? ', closed' : ''} at ${at}`,
        };
    },
    lineEndings: (text, random) => {
        const ending = pick(random, ['\r', '\r\n', 'mixed']);
        if (ending === 'mixed') {
            return { text: text.replace(/\n/g, () => pick(random, ['\n', '\r\n', '\r'])), edit: 'mixed line endings' };
        }
        return { text: text.replace(/\r?\n/g, ending), edit: `line endings ${JSON.stringify(ending)}` };
    },
    byteOrderMark: (text) => ({ text: `\ufeff${text}`, edit: 'byte order mark' }),
    separatorAfterDocComment: (text, random) => {
        // `/** … */ ;` before an item: the separator keeps the comment from documenting it.
        const all = lines(text);
        const candidates = all
            .map((line, i) => (/^\s+[\w.]+ \w+/.test(line) && i > 0 && /[\w"}\]]\s*$/.test(all[i - 1]) ? i : -1))
            .filter((i) => i >= 0);
        if (candidates.length === 0) return { text, edit: 'no place for a doc comment and separator' };
        const at = pick(random, candidates);
        const indent = all[at].match(/^\s*/)?.[0] ?? '';
        all.splice(at, 0, `${indent}/** Doc ${at} */ ${pick(random, [';', ','])}`);
        return { text: all.join('\n'), edit: `doc comment and separator before line ${at + 1}` };
    },
    commentLayout: (text, random) => {
        // Trailing blanks after comments, and a doc comment whose inner lines are out of line.
        const all = lines(text);
        const at = int(random, all.length);
        const indent = ' '.repeat(int(random, 9));
        const comment = pick(random, [
            `${indent}// note  \t`,
            `${indent}/**\n${' '.repeat(int(random, 12))}* Doc line  \n   *\n${' '.repeat(int(random, 12))}*/`,
            `${indent}/* free\n${' '.repeat(int(random, 12))}text */`,
        ]);
        all.splice(at, 0, comment);
        return { text: all.join('\n'), edit: `comment ${JSON.stringify(comment)} before line ${at + 1}` };
    },
    blankNoise: (text, random) => ({
        text: text
            .replace(/[ \t]+/g, () => pick(random, [' ', '  ', '\t', '   ', ' \t ']))
            .replace(/\n/g, () => pick(random, ['\n', '\n', '\n\n', ' \n'])),
        edit: 'blank noise',
    }),
};

export const EDIT_NAMES = Object.keys(EDITS);

/** One mutant of `text`: one to three edits chosen by the generator. */
export function mutate(text: string, random: Random): Mutant {
    let current = text;
    const edits: string[] = [];
    const count = 1 + int(random, 3);
    for (let i = 0; i < count; i++) {
        const name = pick(random, EDIT_NAMES);
        const result = EDITS[name](current, random);
        current = result.text;
        edits.push(`${name}: ${result.edit}`);
    }
    return { text: current, edits };
}

// Syntax error messages in the user's words: "Expected a value after `:` but found `}`", not chevrotain's list of
// token-type sequences.
import type { IToken, TokenType } from 'chevrotain';
import { DefaultLexerErrorMessageProvider, LangiumParserErrorMessageProvider } from 'langium';

const TOKEN_WORDS: Record<string, string> = {
    ID: 'a name',
    KEY: 'a key',
    STRING: 'a string',
    NUMBER: 'a number',
    PERCENT: 'a percent',
    DATE: 'a date',
    QUARTER: 'a quarter',
    DURATION: 'a duration',
    EOF: 'the end of the file',
};

export function describeToken(type: TokenType): string {
    if (TOKEN_WORDS[type.name]) return TOKEN_WORDS[type.name];
    const keyword = type.name.endsWith(':KW') ? type.name.slice(0, -3) : (type.LABEL ?? type.name);
    return `\`${keyword}\``;
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF') return 'the end of the file';
    return `\`${quoted(token.image.length > 30 ? `${token.image.slice(0, 30)}…` : token.image)}\``;
}

/** Text quoted in a message: control characters (line breaks too) in their visible `\u001b` form. */
function quoted(text: string): string {
    return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The distinct first tokens of the expected paths, described in words, at most six. */
function expectations(paths: TokenType[][]): string {
    const words = [
        ...new Set(
            paths
                .map((p) => p[0])
                .filter(Boolean)
                .map(describeToken),
        ),
    ];
    // Soft keywords are also names: listing each of them only hides the useful alternatives.
    const useful = words.includes('a name')
        ? words.filter((w) => !/^`[a-z]+`$/.test(w) || ['`{`', '`}`', '`:`', '`[`', '`]`'].includes(w))
        : words;
    const shown = [...useful.filter((w) => w === 'a name'), ...useful.filter((w) => w !== 'a name')].slice(0, 6);
    if (shown.length === 1) return shown[0];
    return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

export class PomParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return `Expected ${describeToken(options.expected)} but found ${found(options.actual)}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected ${found(options.firstRedundant)}: expected an element, a kind or the end of the file.`;
    }

    override buildNoViableAltMessage(options: {
        expectedPathsPerAlt: TokenType[][][];
        actual: IToken[];
        previous: IToken;
        ruleName: string;
    }): string {
        return `Expected ${expectations(options.expectedPathsPerAlt.flat())} but found ${found(options.actual[0])}.`;
    }

    override buildEarlyExitMessage(options: {
        expectedIterationPaths: TokenType[][];
        actual: IToken[];
        previous: IToken;
        ruleName: string;
    }): string {
        return `Expected ${expectations(options.expectedIterationPaths)} but found ${found(options.actual[0])}.`;
    }
}

export class PomLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(text: string, offset: number, length: number): string {
        const chars = text.substr(offset, length);
        if (text.startsWith('"""', offset)) return 'Unterminated multi-line string: text opened with `"""` ends with `"""`.';
        if (chars.startsWith('"')) return 'Unterminated string: a string ends with `"` on the same line.';
        if (text.startsWith('/*', offset)) return 'Unterminated comment: a block comment ends with `*/`.';
        return `Unexpected character${length > 1 ? 's' : ''} \`${quoted(chars.length > 20 ? `${chars.slice(0, 20)}…` : chars)}\`.`;
    }
}

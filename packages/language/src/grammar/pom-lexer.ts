// Langium's lexer, able to lex a text once for two readers: the input bounds (grammar/input-bounds.ts) read the
// tokens before the parser runs, and the parser then takes the same result instead of lexing the text again.
import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

export class PomLexer extends DefaultLexer {
    private prepared?: { text: string; result: LexerResult };

    /** Lexes `text` and keeps the result for the next `tokenize` of the same text, which takes it (once). */
    prepare(text: string): LexerResult {
        const result = super.tokenize(text);
        this.prepared = { text, result };
        return result;
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const prepared = this.prepared;
        this.prepared = undefined; // the parser consumes the hidden tokens of a result, so it serves one parse only
        if (prepared && prepared.text === text) return prepared.result;
        return super.tokenize(text, options);
    }
}

// Puts the KEY terminal (a name followed by `:`) ahead of the keywords, so `date: 2026-12-01` is a key even though
// `date` is also a type keyword.
import { DefaultTokenBuilder, type Grammar, type TokenBuilderOptions } from 'langium';

export class PomTokenBuilder extends DefaultTokenBuilder {
    override buildTokens(grammar: Grammar, options?: TokenBuilderOptions): ReturnType<DefaultTokenBuilder['buildTokens']> {
        const tokens = super.buildTokens(grammar, options);
        if (!Array.isArray(tokens)) return tokens;
        const key = tokens.findIndex((t) => t.name === 'KEY');
        if (key > 0) tokens.unshift(...tokens.splice(key, 1));
        return tokens;
    }
}

// Puts the KEY terminal (a name followed by `:`) ahead of the keywords, so `date: 2026-12-01` is a key even though
// `date` is also a type keyword; and the number terminals next, so that `+10pts` is a signed number rather than the
// cardinality keyword `+` followed by a number.
import { DefaultTokenBuilder, type Grammar, type TokenBuilderOptions } from 'langium';

/** In grammar order: a date or quarter must be tried before a bare number. */
const FIRST = ['KEY', 'DATE', 'QUARTER', 'POINTS', 'DURATION', 'PERCENT', 'NUMBER'];

export class PomTokenBuilder extends DefaultTokenBuilder {
    override buildTokens(grammar: Grammar, options?: TokenBuilderOptions): ReturnType<DefaultTokenBuilder['buildTokens']> {
        const tokens = super.buildTokens(grammar, options);
        if (!Array.isArray(tokens)) return tokens;
        const first = FIRST.map((name) => tokens.find((t) => t.name === name)).filter((t) => t !== undefined);
        return [...first, ...tokens.filter((t) => !first.includes(t))];
    }
}

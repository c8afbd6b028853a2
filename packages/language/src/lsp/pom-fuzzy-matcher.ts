// Workspace symbol search over qualified names: `WizardBet` and `wiz` find `acme.growth.WizardBet`. Langium's
// matcher only starts a match at the start of the text or at a case change, so each dot-separated segment is
// tried as a start too.
import { DefaultFuzzyMatcher } from 'langium/lsp';

export class PomFuzzyMatcher extends DefaultFuzzyMatcher {
    override match(query: string, text: string): boolean {
        if (super.match(query, text)) return true;
        for (let dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
            if (super.match(query, text.slice(dot + 1))) return true;
        }
        return false;
    }
}

// The language configuration: its patterns are valid JavaScript regular expressions (VS Code compiles them as
// such) and do what the editor needs on real POM lines.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const configuration = JSON.parse(readFileSync(new URL('../language-configuration.json', import.meta.url), 'utf8'));
const regex = (source: string) => new RegExp(source);

function wordAt(line: string, column: number): string | undefined {
    const word = new RegExp(configuration.wordPattern, 'g');
    for (const match of line.matchAll(word)) {
        if (match.index <= column && column < match.index + match[0].length) return match[0];
    }
    return undefined;
}

describe('language configuration', () => {
    it('knows POM comments and brackets', () => {
        expect(configuration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(configuration.brackets).toEqual([
            ['{', '}'],
            ['[', ']'],
        ]);
        const pairs = configuration.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
        expect(pairs).toEqual(expect.arrayContaining(['{}', '[]', '""']));
        expect(configuration.surroundingPairs).toContainEqual(['"', '"']);
    });

    it('folds // #region … // #endregion', () => {
        const { start, end } = configuration.folding.markers;
        expect(regex(start).test('  // #region Growth bets')).toBe(true);
        expect(regex(end).test('  // #endregion')).toBe(true);
        expect(regex(start).test('bet Region "// #region"')).toBe(false);
    });

    it('indents after an opening brace and outdents at the closing one', () => {
        const increase = regex(configuration.indentationRules.increaseIndentPattern);
        const decrease = regex(configuration.indentationRules.decreaseIndentPattern);
        expect(increase.test('bet WizardBet "A guided setup lifts completion" {')).toBe(true);
        expect(increase.test('  targets: OnboardingCompletion [')).toBe(true);
        expect(increase.test('experiment Prototype "Clickable prototype" { horizon: months }')).toBe(false);
        expect(increase.test('// a comment that mentions {')).toBe(false);
        expect(decrease.test('  }')).toBe(true);
        expect(decrease.test('  horizon: months')).toBe(false);
    });

    it('takes qualified names, hyphenated literals, dates and percents as one word', () => {
        const line = 'toward: acme.growth.Activation, stream-aligned, 2026-12-01, 2026-Q4, 42%';
        expect(wordAt(line, line.indexOf('growth'))).toBe('acme.growth.Activation');
        expect(wordAt(line, line.indexOf('aligned'))).toBe('stream-aligned');
        expect(wordAt(line, line.indexOf('12-01'))).toBe('2026-12-01');
        expect(wordAt(line, line.indexOf('Q4'))).toBe('2026-Q4');
        expect(wordAt(line, line.indexOf('42'))).toBe('42%');
        expect(wordAt(line, line.indexOf(':'))).toBeUndefined();
    });

    it('has onEnter rules whose patterns compile', () => {
        for (const rule of configuration.onEnterRules) {
            for (const key of ['beforeText', 'afterText', 'previousLineText']) {
                if (rule[key]) expect(() => regex(rule[key].pattern)).not.toThrow();
            }
        }
        const docStart = regex(configuration.onEnterRules[1].beforeText.pattern);
        expect(docStart.test('/** Doc comments show in hover.')).toBe(true);
        expect(docStart.test('/** Closed. */')).toBe(false);
    });
});

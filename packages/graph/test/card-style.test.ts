// The card palette: label contrast meets WCAG AA (4.5:1 for text, 3:1 for the verdict frames, which are not text)
// in both themes, and the stage colours are distinct enough to tell apart next to each other.
import { describe, expect, it } from 'vitest';
import { cardStyle, contrastRatio, luminance, STAGE_KEYS, TEXT_COLORS, VERDICT_COLORS } from '../src/card-style.js';

describe('the card palette', () => {
    it('computes WCAG contrast ratios', () => {
        expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
        expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
        // The WCAG example: #777777 on white is just under 4.5:1.
        expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
        expect(luminance('#ffffff')).toBeCloseTo(1, 5);
    });

    for (const [theme, c] of Object.entries(TEXT_COLORS)) {
        it(`gives every label at least 4.5:1 in the ${theme} theme`, () => {
            const pairs: Array<[string, string, string]> = [
                ['title on card', c.title, c.card],
                ['name on card', c.muted, c.card],
                ['owner badge', c.badgeText, c.badge],
                ['band label on page', c.band, c.page],
            ];
            for (const [what, fg, bg] of pairs) expect(contrastRatio(fg, bg), what).toBeGreaterThanOrEqual(4.5);
        });
    }

    it('draws verdict frames at 3:1 or more against a light card', () => {
        for (const [verdict, color] of Object.entries(VERDICT_COLORS)) {
            expect(contrastRatio(color, TEXT_COLORS.light.card), verdict).toBeGreaterThanOrEqual(3);
        }
    });

    it('gives each stage its own colour', () => {
        const colors = STAGE_KEYS.map((k) => cardStyle(k).color);
        expect(new Set(colors).size).toBe(colors.length);
        expect(cardStyle('no-such-stage').color).toBe(cardStyle('other').color);
    });
});

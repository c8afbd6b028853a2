// The look of a card: a colour per stage from Paul Tol's colour-blind-safe "muted" and "bright" schemes (the stage
// is also told by the card's shape and its column, never by colour alone), the colours text is drawn in, and the
// WCAG contrast ratio the tests hold those to. The shapes come from the language package's drawing rules.
import { type ShapeName, STAGE_STYLES } from 'pom-language/export';

export interface CardStyle {
    label: string;
    color: string;
    shape: ShapeName;
}

const COLORS: Readonly<Record<string, string>> = {
    insights: '#aa4499',
    opportunities: '#882255',
    options: '#cc6677',
    bets: '#ddcc77',
    execution: '#999933',
    releases: '#117733',
    impacts: '#44aa99',
    inputs: '#88ccee',
    drivers: '#4477aa',
    northstar: '#332288',
    outcomes: '#228833',
    context: '#bbbbbb',
    collaboration: '#ee7733',
    investment: '#ccbb44',
    other: '#dddddd',
};

export function cardStyle(column: string): CardStyle {
    const base = STAGE_STYLES[column] ?? STAGE_STYLES.other;
    return { label: base.label, color: COLORS[column] ?? COLORS.other, shape: base.shape };
}

export const STAGE_KEYS: readonly string[] = Object.keys(COLORS);

/** Text and the backgrounds it is drawn on, light and dark (the webview's theme may override the page ones). */
export const TEXT_COLORS = {
    light: {
        card: '#ffffff',
        title: '#1f2328',
        muted: '#57606a',
        badge: '#eaeef2',
        badgeText: '#24292f',
        page: '#ffffff',
        band: '#57606a',
    },
    dark: { card: '#161b22', title: '#e6edf3', muted: '#9198a1', badge: '#30363d', badgeText: '#e6edf3', page: '#0d1117', band: '#9198a1' },
} as const;

/** Evidence colours (Okabe–Ito): confirmed blue, contradicted vermillion, unverified or stale grey; always with a word. */
export const VERDICT_COLORS = { confirmed: '#0072b2', contradicted: '#d55e00', unverified: '#6e7781' } as const;

/** The relative luminance of an sRGB colour written `#rrggbb` (WCAG 2.x). */
export function luminance(hex: string): number {
    const channel = (i: number) => {
        const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrastRatio(a: string, b: string): number {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

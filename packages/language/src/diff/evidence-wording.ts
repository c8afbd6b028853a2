// The sentences of a diff's evidence changes, shared by the Markdown and the terminal renderers: verdicts that
// changed with their numbers, targets settled, and new observations summarised per metric.
import { formatLevel, signedNumber } from '../evidence/number-text.js';
import type { ObservationChange, TargetChange, VerdictChange } from './diff-report.js';
import type { Inline } from './diff-wording.js';
import { plural } from './diff-wording.js';

/** The last part of a qualified id: what people call the element. */
function shortName(id: string): string {
    return id.slice(id.lastIndexOf('.') + 1);
}

function transition(before: string | null, after: string | null, inline: Inline): string {
    if (before !== null && after !== null) return `went from ${inline.text(before)} to ${inline.text(after)}`;
    if (after !== null) return `is now ${inline.text(after)}`;
    return `is no longer settled (it was ${inline.text(before ?? 'unknown')})`;
}

/** Dates come from the sides' files; a compiled model given on the command line is not trusted to hold only dates. */
function day(date: string, inline: Inline): string {
    return inline.text(date);
}

/** "The claim of `WizardImpact` on `OnboardingCompletion` (`+10pts`) went from unverified to confirmed: it moved +12pts, 2026-02-01 → 2026-03-23." */
export function verdictSentence(change: VerdictChange, inline: Inline): string {
    const claim = `The claim of ${inline.code(shortName(change.impact))} on ${inline.code(shortName(change.metric))} (${inline.code(change.claimed)})`;
    const unit = /pts$/.test(change.claimed) ? 'pts' : /%$/.test(change.claimed) ? '%' : '';
    const numbers =
        change.observed !== null && change.from !== null && change.to !== null
            ? `: it moved ${inline.code(`${signedNumber(change.observed)}${unit}`)}, ${day(change.from, inline)} → ${day(change.to, inline)}`
            : change.from !== null && change.to !== null
              ? `: not measurable between ${day(change.from, inline)} and ${day(change.to, inline)}`
              : '';
    return `${claim} ${transition(change.before, change.after, inline)}${numbers}.`;
}

/** "The target of `Setup` on `CompletionInput` went from missed to reached: 51% on 2026-03-23 against 50% (window ended 2026-03-29)." */
export function targetSentence(change: TargetChange, inline: Inline): string {
    const value = formatLevel(change.value, change.unit);
    const target = formatLevel(change.target, change.unit);
    return (
        `The target of ${inline.code(shortName(change.bet))} on ${inline.code(shortName(change.element))} ` +
        `${transition(change.before, change.after, inline)}: ${inline.code(value)} on ${day(change.at, inline)} against ${inline.code(target)} ` +
        `(window ended ${day(change.ends, inline)}).`
    );
}

/** "`OnboardingCompletion`: 12 new observations, 2026-09-07 … 2026-11-23, latest 49.3%." */
export function observationSentence(change: ObservationChange, inline: Inline): string {
    const parts: string[] = [];
    if (change.added > 0) {
        const span =
            change.first !== null && change.last !== null
                ? change.first === change.last
                    ? `, ${day(change.first, inline)}`
                    : `, ${day(change.first, inline)} … ${day(change.last, inline)}`
                : change.last !== null
                  ? `, up to ${day(change.last, inline)}`
                  : '';
        parts.push(`${plural(change.added, 'new observation')}${span}`);
    }
    if (change.revised > 0) parts.push(`${change.revised} revised`);
    if (change.removed > 0) parts.push(`${change.removed} removed`);
    if (change.latest !== null) {
        const on = change.at !== null && change.at !== change.last ? ` (${day(change.at, inline)})` : '';
        parts.push(`latest ${inline.code(formatLevel(change.latest, change.unit))}${on}`);
    }
    return `${inline.code(shortName(change.metric))}: ${parts.join(', ')}.`;
}

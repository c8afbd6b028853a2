// Rules that one document decides on its own: member types, values, required entries, nesting horizons and
// kind declarations. Rules that need the whole workspace live in workspace-rules.ts; unresolved names are
// classified in pom-document-validator.ts.
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { diagnosticData } from 'langium';
import {
    type Element,
    type Entry,
    type EnumLiteral,
    type FieldDecl,
    isEnumType,
    isFieldDecl,
    isRefValue,
    isRelationDecl,
    type KindDecl,
    type MemberDecl,
    type PomAstType,
    type Value,
} from '../generated/ast.js';
import type { LineageIndex } from '../lineage/lineage-index.js';
import { contextValue, declaredContext, entriesOf } from '../model/element-context.js';
import { describeMember, isMany, isRequired, type KindSystem, kindPhrase, memberSignature } from '../model/kind-system.js';
import { parentElement } from '../model/qualified-names.js';
import { ALL_STAGES, horizonRank, isStage } from '../model/stages.js';
import { DURATION_UNITS, EXAMPLES, type PrimitiveType, parseDate, parseDuration, parseQuarter, valueType } from '../model/values.js';
import type { PomServices } from '../pom-module.js';
import { editDistance, listNames } from '../util/suggestions.js';
import { type Code, severityOf } from './codes.js';
import { relatedPlace } from './related-places.js';

export function registerValidationChecks(services: PomServices): void {
    const validator = services.validation.PomValidator;
    const checks: ValidationChecks<PomAstType> = {
        Element: [(e, accept) => validator.checkElement(e, accept)],
        Entry: [(e, accept) => validator.checkEntry(e, accept)],
        FieldDecl: [(f, accept) => validator.checkFieldDefault(f, accept)],
        KindDecl: [(k, accept) => validator.checkKind(k, accept)],
    };
    services.validation.ValidationRegistry.register(checks, validator);
}

type Info = Parameters<ValidationAcceptor>[2];

export function report(accept: ValidationAcceptor, code: Code, message: string, info: Info): void {
    accept(severityOf(code), message, { ...info, code, data: { ...diagnosticData(code), ...(info.data as object | undefined) } });
}

export class PomValidator {
    private readonly kinds: KindSystem;
    private readonly lineage: LineageIndex;

    constructor(services: PomServices) {
        this.kinds = services.pom.KindSystem;
        this.lineage = services.pom.LineageIndex;
    }

    checkElement(element: Element, accept: ValidationAcceptor): void {
        const kind = element.kind.ref;
        // An element without a name is parser recovery at work: the syntax error already says what is wrong.
        if (!kind || !element.name) return;
        if (kind.abstract) {
            report(accept, 'abstract-kind', `\`${kind.name}\` is an abstract kind; declare an element of one of its subkinds instead.`, {
                node: element,
                property: 'kind',
            });
        }
        this.checkRequired(element, kind, accept);
        this.checkRepeatedEntries(element, accept);
        this.checkTargets(element, accept);
        this.checkHorizonAgainstParent(element, accept);
    }

    private checkRequired(element: Element, kind: KindDecl, accept: ValidationAcceptor): void {
        const present = new Set(entriesOf(element).map((e) => e.key.$refText));
        for (const [name, member] of this.kinds.members(kind)) {
            if (!isRequired(member) || present.has(name)) continue;
            // `for` is implied by nesting an execution element in a bet.
            if (name === 'for' && this.lineage.impliedFor(element)) continue;
            const owner = member.$container.name;
            report(
                accept,
                'missing-required',
                `${element.kind.$refText} \`${element.name}\` needs \`${name}\` (${describeMember(member)}, required by ${owner}).`,
                {
                    node: element,
                    property: 'name',
                    data: { code: 'missing-required', member: name },
                },
            );
        }
    }

    private checkRepeatedEntries(element: Element, accept: ValidationAcceptor): void {
        const first = new Map<MemberDecl, Entry>();
        for (const entry of entriesOf(element)) {
            const member = entry.key.ref;
            if (!member) continue;
            const earlier = first.get(member);
            if (earlier && !isMany(member)) {
                report(
                    accept,
                    'duplicate-entry',
                    `\`${member.name}\` takes one value and is already stated above in \`${element.name}\`.`,
                    {
                        node: entry,
                        property: 'key',
                        relatedInformation: [relatedPlace(earlier, `\`${member.name}\` is first stated here.`)],
                    },
                );
            }
            if (!earlier) first.set(member, entry);
        }
    }

    private checkTargets(element: Element, accept: ValidationAcceptor): void {
        const seen = new Map<MemberDecl, Map<unknown, Value>>();
        for (const entry of entriesOf(element)) {
            const relation = entry.key.ref;
            if (!isRelationDecl(relation)) continue;
            const targets = seen.get(relation) ?? new Map<unknown, Value>();
            seen.set(relation, targets);
            for (const value of entry.values) {
                if (!isRefValue(value) || !value.target.ref) continue;
                const target = value.target.ref;
                const earlier = targets.get(target);
                if (target === element) {
                    report(accept, 'self-reference', `\`${element.name}\` cannot be its own \`${relation.name}\`.`, {
                        node: value,
                        property: 'target',
                    });
                } else if (earlier) {
                    report(
                        accept,
                        'duplicate-target',
                        `\`${value.target.$refText}\` is already a \`${relation.name}\` target of \`${element.name}\`.`,
                        {
                            node: value,
                            property: 'target',
                            relatedInformation: [relatedPlace(earlier, `\`${value.target.$refText}\` is first listed here.`)],
                        },
                    );
                }
                if (!earlier) targets.set(target, value);
            }
        }
    }

    private checkHorizonAgainstParent(element: Element, accept: ValidationAcceptor): void {
        const declared = declaredContext(element, 'horizon');
        const parent = parentElement(element);
        if (typeof declared !== 'string' || !parent) return;
        const parentHorizon = contextValue(parent, 'horizon');
        if (typeof parentHorizon.effective !== 'string') return;
        if (horizonRank(declared) > horizonRank(parentHorizon.effective)) {
            const from = parentHorizon.inheritedFrom ? ` (from ${parentHorizon.inheritedFrom.name})` : '';
            const stated = parentHorizon.inheritedFrom ?? parent;
            const entry = entriesOf(element).find((e) => e.key.$refText === 'horizon');
            report(
                accept,
                'horizon-exceeds-parent',
                `\`${element.name}\` looks ${declared} ahead but sits in \`${parent.name}\`, which looks ${parentHorizon.effective} ahead${from}; the fractal runs downward.`,
                {
                    node: entry?.values[0] ?? element,
                    data: { code: 'horizon-exceeds-parent', parentHorizon: parentHorizon.effective },
                    relatedInformation: [relatedPlace(stated, `\`${stated.name}\` looks ${parentHorizon.effective} ahead.`)],
                },
            );
        }
    }

    checkEntry(entry: Entry, accept: ValidationAcceptor): void {
        const member = entry.key.ref;
        if (!member) return;
        if (!isMany(member) && entry.values.length > 1) {
            report(accept, 'value-type', `\`${member.name}\` takes one value; got ${entry.values.length}.`, { node: entry.values[1] });
        }
        for (const value of entry.values) this.checkValue(member, value, accept);
    }

    checkFieldDefault(field: FieldDecl, accept: ValidationAcceptor): void {
        if (field.default) this.checkValue(field, field.default, accept);
    }

    /** Whether a value fits the member: the right literal type, a real date, a literal of the enum, a reference. */
    private checkValue(member: MemberDecl, value: Value, accept: ValidationAcceptor): void {
        const got = valueType(value);
        if (isRelationDecl(member)) {
            if (got !== 'reference') {
                const kinds = kindPhrase(member.targets.map((t) => t.$refText));
                report(accept, 'value-type', `\`${member.name}\` takes ${kinds} by name; got a ${got}.`, { node: value });
            }
            return;
        }
        if (isEnumType(member.type)) {
            if (got !== 'reference') {
                report(
                    accept,
                    'value-type',
                    `\`${member.name}\` takes one of ${listNames(
                        member.type.literals.map((l) => l.name),
                        12,
                        'or',
                    )}; got a ${got}.`,
                    {
                        node: value,
                    },
                );
            }
            return;
        }
        if (!member.type?.primitive) return; // a declaration still being typed: the syntax error says so
        const expected = member.type.primitive as PrimitiveType;
        // A quantity is a number, a percent or percentage points; whether it fits the metric's unit is `claim-unit`.
        const fits = expected === 'quantity' ? got === 'number' || got === 'percent' || got === 'points' : got === expected;
        if (!fits) {
            // A number where a percent or duration is expected is a common slip: say what the literal looks like.
            report(
                accept,
                'value-type',
                `\`${member.name}\` takes a ${expected} such as \`${EXAMPLES[expected]}\`; got a ${got === 'reference' ? 'name' : got}.`,
                {
                    node: value,
                },
            );
            return;
        }
        const problem = literalProblem(value);
        if (problem) report(accept, 'value-type', problem, { node: value });
    }

    checkKind(kind: KindDecl, accept: ValidationAcceptor): void {
        if (!kind.name) return; // a declaration cut short by a syntax error, which is reported
        if (kind.superKind?.ref && this.kinds.chain(kind.superKind.ref).includes(kind)) {
            const chain = [...this.kinds.chain(kind).map((k) => k.name), kind.name];
            report(accept, 'kind-cycle', `Kind \`${kind.name}\` extends itself: ${chain.join(' → ')}.`, {
                node: kind,
                property: 'superKind',
            });
        }
        if (kind.stage !== undefined && !isStage(kind.stage)) {
            report(accept, 'value-type', `Unknown stage \`${kind.stage}\`; stages are ${listNames([...ALL_STAGES], 20)}.`, {
                node: kind,
                property: 'stage',
            });
        }
        const own = new Map<string, MemberDecl>();
        for (const member of kind.members) {
            if (!member.name) continue; // cut short by a syntax error, as above
            const earlier = own.get(member.name);
            if (earlier) {
                report(accept, 'duplicate-name', `Kind \`${kind.name}\` declares \`${member.name}\` twice.`, {
                    node: member,
                    property: 'name',
                    relatedInformation: [relatedPlace(earlier, `\`${member.name}\` is first declared here.`)],
                });
            } else {
                own.set(member.name, member);
            }
            const inherited = kind.superKind?.ref ? this.kinds.member(kind.superKind.ref, member.name) : undefined;
            if (inherited && inherited !== member && memberSignature(inherited) !== memberSignature(member)) {
                report(
                    accept,
                    'kind-redefines-member',
                    `\`${member.name}\` is inherited from ${inherited.$container.name} as ${memberSignature(inherited)}; \`${kind.name}\` cannot redefine it as ${memberSignature(member)}.`,
                    {
                        node: member,
                        property: 'name',
                        relatedInformation: [relatedPlace(inherited, `${inherited.$container.name} declares \`${member.name}\` here.`)],
                    },
                );
            }
        }
        this.checkEnumLiterals(kind, accept);
    }

    private checkEnumLiterals(kind: KindDecl, accept: ValidationAcceptor): void {
        for (const member of kind.members) {
            if (!isFieldDecl(member) || !isEnumType(member.type)) continue;
            const names = new Map<string, EnumLiteral>();
            for (const literal of member.type.literals) {
                if (!literal.name) continue; // cut short by a syntax error, which is reported
                const earlier = names.get(literal.name);
                if (earlier) {
                    report(accept, 'duplicate-name', `\`${member.name}\` lists \`${literal.name}\` twice.`, {
                        node: literal,
                        property: 'name',
                        relatedInformation: [relatedPlace(earlier, `\`${literal.name}\` is first listed here.`)],
                    });
                }
                if (!earlier) names.set(literal.name, literal);
            }
        }
    }
}

/** What is wrong with a literal of the right type: a day that does not exist, a fifth quarter, a zero duration. */
export function literalProblem(value: Value): string | undefined {
    switch (value.$type) {
        case 'DateValue':
            return parseDate(value.value)
                ? undefined
                : `\`${value.value}\` is not a calendar date; write YYYY-MM-DD, such as \`2026-12-01\`.`;
        case 'QuarterValue':
            return parseQuarter(value.value)
                ? undefined
                : `\`${value.value}\` is not a quarter; quarters run Q1 to Q4, such as \`2026-Q4\`.`;
        case 'DurationValue': {
            const duration = parseDuration(value.value);
            if (duration) return duration.amount > 0 ? undefined : `\`${value.value}\` is not a positive duration.`;
            const [, amount, unit] = /^(-?[\d.]+)\s*(\S+)$/.exec(value.value) ?? [];
            if (amount?.startsWith('-')) return `\`${value.value}\` is not a positive duration.`;
            const units = DURATION_UNITS.flatMap((u) => [u, `${u}s`]);
            const sentence = `\`${unit}\` is not a unit of time; durations use ${listNames([...DURATION_UNITS], 6, 'or')} (singular or plural)`;
            // Unit names are short, so allow two edits (`wekes` → `weeks`).
            const close = units.map((u) => [u, editDistance((unit ?? '').toLowerCase(), u, 2)] as const).sort((a, b) => a[1] - b[1])[0];
            if (!close || close[1] > 2) return `${sentence}.`;
            const base = close[0].replace(/s$/, '');
            return `${sentence}; did you mean \`${amount} ${Number(amount) === 1 ? base : `${base}s`}\`?`;
        }
        default:
            return undefined;
    }
}

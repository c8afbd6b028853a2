// Langium's document validator, taught three things: files that are not POM get one `not-a-pom-file` diagnostic;
// unresolved names are classified (unknown member, enum value, wrong target kind, unresolved reference) with
// "did you mean"; and the workspace-wide rules that fall in the document are added to its own.
import {
    type AstNode,
    type AstReflection,
    Cancellation,
    DefaultDocumentValidator,
    diagnosticData,
    interruptAndCheck,
    type LangiumDocument,
    type LinkingError,
    type ParseResult,
    type ValidationAcceptor,
    type ValidationCheck,
    type ValidationOptions,
} from 'langium';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { type Element, isElement, isEntry, isEnumType, isKindDecl, isRefValue, isRelationDecl, type Model } from '../generated/ast.js';
import { INPUT_TOO_LARGE } from '../grammar/guarded-parser.js';
import { kindPhrase } from '../model/kind-system.js';
import type { PomServices } from '../pom-module.js';
import type { PomScopeProvider, PrefixScope } from '../scope/pom-scope-provider.js';
import { compareStrings } from '../util/compare.js';
import { closestNames, didYouMean, listNames } from '../util/suggestions.js';
import { foreignMessage, foreignReason } from '../workspace/foreign-files.js';
import { shortName } from '../workspace/name-index.js';
import { type Code, severityOf } from './codes.js';
import type { WorkspaceRules } from './workspace-rules.js';

/** More syntax errors than this in one file say nothing the first ones did not. */
const MAX_SYNTAX_ERRORS = 100;

/** The node types POM registers checks for (validation/pom-validator.ts): the only ones the node walk visits. */
export const CHECKED_TYPES: ReadonlySet<string> = new Set(['KindDecl', 'FieldDecl', 'RelationDecl', 'Element', 'Entry', 'ViewDecl']);

interface Classified {
    code: Code;
    message: string;
    data?: Record<string, unknown>;
}

export class PomDocumentValidator extends DefaultDocumentValidator {
    private readonly scopes: PomScopeProvider;
    private readonly workspaceRules: () => WorkspaceRules;
    private readonly reflection: AstReflection;
    /** Whether every check is registered for a type the node walk visits (decided once, on first use). */
    private walkCoversChecks: boolean | undefined;

    constructor(services: PomServices) {
        super(services);
        this.scopes = services.references.ScopeProvider;
        this.workspaceRules = () => services.pom.WorkspaceRules;
        this.reflection = services.shared.AstReflection;
    }

    /**
     * Langium streams every AST node of the document and asks the registry for its checks (a stream each). Most POM
     * nodes are entries' values and metadata, which have no checks; this walk visits only the top-level members
     * (kinds with their fields and relations, views, elements with their entries and nested elements), in the same order, so the
     * diagnostics are the same. If a check is ever registered for another type, Langium's walk runs instead.
     */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None,
    ): Promise<void> {
        this.walkCoversChecks ??= this.reflection
            .getAllTypes()
            .every((type) => CHECKED_TYPES.has(type) || this.validationRegistry.getChecks(type).isEmpty());
        if (!this.walkCoversChecks) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const checks = new Map<string, ValidationCheck[]>();
        const validate = async (node: AstNode) => {
            await interruptAndCheck(cancelToken);
            let list = checks.get(node.$type);
            if (!list) {
                list = this.validationRegistry.getChecks(node.$type, options.categories).toArray();
                checks.set(node.$type, list);
            }
            for (const check of list) await check(node, acceptor, cancelToken);
        };
        const validateElement = async (element: Element): Promise<void> => {
            await validate(element);
            for (const item of element.body) {
                if (isElement(item)) await validateElement(item);
                else await validate(item);
            }
        };
        for (const member of (rootNode as Model).members ?? []) {
            if (isElement(member)) await validateElement(member);
            else if (isKindDecl(member)) {
                await validate(member);
                for (const declared of member.members) await validate(declared);
            } else await validate(member);
        }
    }

    override async validateDocument(
        document: LangiumDocument,
        options: ValidationOptions = {},
        cancelToken?: Cancellation.CancellationToken,
    ): Promise<Diagnostic[]> {
        const reason = foreignReason(document);
        if (reason) {
            return [
                {
                    severity: DiagnosticSeverity.Error,
                    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                    message: foreignMessage(reason),
                    code: 'not-a-pom-file',
                    data: diagnosticData('not-a-pom-file'),
                    source: this.getSource(),
                },
            ];
        }
        const diagnostics = capSyntaxErrors(await super.validateDocument(document, options, cancelToken));
        for (const d of diagnostics) d.code ??= d.data?.code;
        // One pass over the cached lineage graph: cheap enough for every build, so never skipped.
        diagnostics.push(...this.workspaceDiagnostics(document));
        return diagnostics;
    }

    /** The workspace-wide rules' diagnostics that fall in this document, marked so they can be refreshed alone. */
    workspaceDiagnostics(document: LangiumDocument): Diagnostic[] {
        if (foreignReason(document)) return [];
        return this.workspaceRules()
            .forDocument(document)
            .map((w) =>
                this.toDiagnostic(severityOf(w.code), w.message, {
                    node: w.node,
                    property: w.property,
                    range: w.range,
                    code: w.code,
                    relatedInformation: w.related,
                    data: { ...w.data, code: w.code, workspace: true },
                }),
            );
    }

    /** An input bound's error (grammar/input-bounds.ts) becomes `input-too-large`; the others stay syntax errors. */
    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const syntax = parseResult.parserErrors.filter((e) => e.name !== INPUT_TOO_LARGE);
        super.processParsingErrors({ ...parseResult, parserErrors: syntax }, diagnostics, options);
        for (const error of parseResult.parserErrors) {
            if (error.name !== INPUT_TOO_LARGE) continue;
            const { startLine, startColumn, endLine, endColumn } = error.token;
            diagnostics.push({
                severity: DiagnosticSeverity.Error,
                range: {
                    start: { line: (startLine ?? 1) - 1, character: (startColumn ?? 1) - 1 },
                    end: { line: (endLine ?? 1) - 1, character: endColumn ?? 0 },
                },
                message: error.message,
                code: 'input-too-large',
                data: diagnosticData('input-too-large'),
                source: this.getSource(),
            });
        }
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[]): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) continue;
            const classified = this.classify(error);
            if (!classified) continue;
            diagnostics.push(
                this.toDiagnostic(severityOf(classified.code), classified.message, {
                    node: error.info.container,
                    range: reference.$refNode?.range,
                    property: error.info.property,
                    index: error.info.index,
                    code: classified.code,
                    data: { code: classified.code, refText: reference.$refText, ...classified.data },
                }),
            );
        }
    }

    /**
     * For a qualified name that misses, the elements with its short name: the short name itself when one element has
     * it (the reference then survives moves), else the qualified names to choose from.
     */
    private sameShortName(scope: PrefixScope, name: string): string[] {
        const short = shortName(name);
        if (short === name) return [];
        const found = scope.candidates(short);
        return found.length === 1 ? [short] : found.map((d) => d.name);
    }

    /** What an unresolved name means where it is written; undefined when another rule already says it. */
    private classify(error: LinkingError): Classified | undefined {
        const { container, property } = error.info;
        const name = error.info.reference.$refText;
        const scope = this.scopes.getScope(error.info);
        const inScope = () => scope.getAllElements().map((d) => d.name);

        if (isEntry(container) && property === 'key') {
            const element = container.$container as Element;
            if (!element.kind.ref) return undefined; // the unknown kind is reported once, not once per key
            const valid = inScope().toArray().sort();
            return {
                code: 'unknown-member',
                message: `${sentence(`${element.kind.$refText} has no field or relation \`${name}\``, closestNames(name, valid))} Its keys are ${listNames(valid, 30)}.`,
                data: { suggestions: closestNames(name, valid) },
            };
        }
        if (isRefValue(container)) {
            const member = this.scopes.memberOfValue(container);
            if (!member) return undefined; // the key itself is unknown: `unknown-member` says so
            if (!isRelationDecl(member)) {
                if (!isEnumType(member.type)) return undefined; // a name for a literal: `value-type` says so
                const literals = member.type.literals.map((l) => l.name);
                return {
                    code: 'value-type',
                    message: sentence(
                        `\`${member.name}\` takes one of ${listNames(literals, 12, 'or')}; \`${name}\` is none of them`,
                        closestNames(name, literals),
                    ),
                    data: { suggestions: closestNames(name, literals) },
                };
            }
            const kinds = kindPhrase(member.targets.map((t) => t.$refText));
            const elements = this.scopes.elementScope(error.info, member);
            const candidates = elements.candidates(name);
            if (candidates.length > 1) {
                const names = candidates.map((d) => d.name).sort(compareStrings);
                const replacements = names.map((n) => shortestTail(n, names));
                return {
                    code: 'ambiguous-reference',
                    message: `\`${name}\` could be ${listNames(names, 12, 'or')}; qualify it to say which (${listNames(replacements, 12, 'or')}).`,
                    data: { relation: member.name, candidates: names, replacements },
                };
            }
            const unrestricted = this.scopes.unrestrictedElementScope(error.info);
            const other = unrestricted.getElement(name) ?? unrestricted.candidates(name)[0];
            if (other?.node) {
                const actual = (other.node as Element).kind.$refText;
                return {
                    code: 'wrong-target-kind',
                    message: `\`${member.name}\` takes ${kinds}; ${name} is ${kindPhrase([actual])}.`,
                    data: { relation: member.name, suggestions: closestNames(name, inScope(), 3) },
                };
            }
            // A qualified name is compared by its last segment too: completion lists unique elements by short name.
            const close = [...closestNames(name, inScope()), ...(shortName(name) !== name ? closestNames(shortName(name), inScope()) : [])];
            const suggestions = [...new Set([...this.sameShortName(elements, name), ...close])].slice(0, 3);
            return {
                code: 'unresolved-reference',
                message: sentence(`Nothing named \`${name}\` is in scope for \`${member.name}\`, which takes ${kinds}`, suggestions),
                data: { relation: member.name, suggestions },
            };
        }
        const suggestions = closestNames(name, inScope());
        return { code: 'unresolved-reference', message: sentence(`Unknown kind \`${name}\``, suggestions), data: { suggestions } };
    }
}

/**
 * The shortest tail of `name` (whole segments) that no other of `names` ends in: what a reference writes to choose
 * `name` among them, `Opportunity.Bet` rather than `acme.growth.Opportunity.Bet`.
 */
export function shortestTail(name: string, names: readonly string[]): string {
    const segments = name.split('.');
    for (let i = segments.length - 1; i > 0; i--) {
        const tail = segments.slice(i).join('.');
        if (!names.some((other) => other !== name && (other === tail || other.endsWith(`.${tail}`)))) return tail;
    }
    return name;
}

/** A sentence that ends in "did you mean …?" when there are suggestions, and in a full stop when not. */
function sentence(text: string, suggestions: string[]): string {
    return suggestions.length > 0 ? text + didYouMean(suggestions) : `${text}.`;
}

function capSyntaxErrors(diagnostics: Diagnostic[]): Diagnostic[] {
    const syntax = (d: Diagnostic) => d.data?.code === 'lexing-error' || d.data?.code === 'parsing-error';
    const count = diagnostics.filter(syntax).length;
    if (count <= MAX_SYNTAX_ERRORS) return diagnostics;
    let kept = 0;
    const result = diagnostics.filter((d) => !syntax(d) || kept++ < MAX_SYNTAX_ERRORS);
    const last = result.filter(syntax).pop() as Diagnostic;
    result.push({ ...last, message: `… and ${count - MAX_SYNTAX_ERRORS} more syntax errors in this file.` });
    return result;
}

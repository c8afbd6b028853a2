// Langium's document validator, taught three things: files that are not POM get one `not-a-pom-file` diagnostic;
// unresolved names are classified (unknown member, enum value, wrong target kind, unresolved reference) with
// "did you mean"; and the workspace-wide rules that fall in the document are added to its own.
import {
    type Cancellation,
    DefaultDocumentValidator,
    diagnosticData,
    type LangiumDocument,
    type LinkingError,
    type ParseResult,
    type ValidationOptions,
} from 'langium';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { type Element, isEntry, isEnumType, isRefValue, isRelationDecl } from '../generated/ast.js';
import { INPUT_TOO_LARGE } from '../grammar/guarded-parser.js';
import { kindPhrase } from '../model/kind-system.js';
import type { PomServices } from '../pom-module.js';
import type { PomScopeProvider } from '../scope/pom-scope-provider.js';
import { closestNames, didYouMean, listNames } from '../util/suggestions.js';
import { foreignMessage, foreignReason } from '../workspace/foreign-files.js';
import { type Code, severityOf } from './codes.js';
import type { WorkspaceRules } from './workspace-rules.js';

/** More syntax errors than this in one file say nothing the first ones did not. */
const MAX_SYNTAX_ERRORS = 100;

interface Classified {
    code: Code;
    message: string;
    data?: Record<string, unknown>;
}

export class PomDocumentValidator extends DefaultDocumentValidator {
    private readonly scopes: PomScopeProvider;
    private readonly workspaceRules: () => WorkspaceRules;

    constructor(services: PomServices) {
        super(services);
        this.scopes = services.references.ScopeProvider;
        this.workspaceRules = () => services.pom.WorkspaceRules;
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
                    data: { code: w.code, workspace: true },
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
            const other = this.scopes.unrestrictedElementScope(error.info).getElement(name);
            if (other?.node) {
                const actual = (other.node as Element).kind.$refText;
                return {
                    code: 'wrong-target-kind',
                    message: `\`${member.name}\` takes ${kinds}; ${name} is ${kindPhrase([actual])}.`,
                    data: { relation: member.name, suggestions: closestNames(name, inScope(), 3) },
                };
            }
            const suggestions = closestNames(name, inScope());
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

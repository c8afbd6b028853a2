// The checks of `view` declarations. Local ones (keys, value types, selector syntax) run per document; the ones
// that depend on the whole model (a selector that names nothing, a view that draws nothing, two views with one
// name) run once per build over the compiled elements, since selectors are evaluated on the compiled model.
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { ModelGraph } from '../compile/model-graph.js';
import { isSymbolValue, type PomAstType, type ViewDecl, type ViewEntry } from '../generated/ast.js';
import type { PomServices } from '../pom-module.js';
import { parseSelector, SelectorError, selectElements } from '../query/selectors.js';
import { closestNames, didYouMean, listNames } from '../util/suggestions.js';
import { report } from '../validation/pom-validator.js';
import type { WorkspaceDiagnostic } from '../validation/workspace-rules.js';
import { contentSpan, type SelectorSource, viewId, viewSelectorSources, viewSelectors } from './view-declarations.js';
import { VIEW_KEYS, VIEW_LAYOUTS, viewElements } from './view-selection.js';

/** The local view checks run with the other per-document rules; the model-wide ones join the workspace rules. */
export function registerViewChecks(services: PomServices): void {
    services.validation.ValidationRegistry.register<PomAstType>({ ViewDecl: [checkView] });
    services.pom.WorkspaceRules.addRule((_graph, add) => checkViewsAgainstModel(services, add));
}

// ---- local checks -------------------------------------------------------------------------------------------------

export function checkView(view: ViewDecl, accept: ValidationAcceptor): void {
    if (!view.name) return; // parser recovery: the syntax error says what is wrong
    let layouts = 0;
    for (const entry of view.entries) {
        if (!(VIEW_KEYS as readonly string[]).includes(entry.key)) {
            const hint = didYouMean(closestNames(entry.key, VIEW_KEYS)) || '.';
            report(accept, 'unknown-member', `A view has no key \`${entry.key}\`${hint} Its keys are ${listNames([...VIEW_KEYS])}.`, {
                node: entry,
                property: 'key',
                data: { suggestions: closestNames(entry.key, VIEW_KEYS) },
            });
        } else if (entry.key === 'layout') {
            if (++layouts > 1) {
                report(accept, 'duplicate-entry', `\`layout\` takes one value and is already stated above in \`${view.name}\`.`, {
                    node: entry,
                    property: 'key',
                });
            }
            checkLayout(entry, accept);
        } else {
            checkSelectorValues(entry, accept);
        }
    }
}

function checkLayout(entry: ViewEntry, accept: ValidationAcceptor): void {
    const layouts = listNames([...VIEW_LAYOUTS], 5, 'or');
    if (entry.values.length > 1) {
        report(accept, 'value-type', `\`layout\` takes one value; got ${entry.values.length}.`, { node: entry.values[1] });
    }
    const value = entry.values[0];
    // A `layout:` a syntax error cut before its value has none; the syntax error says what is missing.
    if (value === undefined) return;
    if (isSymbolValue(value) && (VIEW_LAYOUTS as readonly string[]).includes(value.symbol)) return;
    const written = isSymbolValue(value) ? `\`${value.symbol}\`` : 'a string';
    const hint = isSymbolValue(value) ? didYouMean(closestNames(value.symbol, VIEW_LAYOUTS)) : '';
    report(accept, 'value-type', `\`layout\` takes ${layouts}; got ${written}${hint || '.'}`, { node: value });
}

function checkSelectorValues(entry: ViewEntry, accept: ValidationAcceptor): void {
    for (const value of entry.values) {
        if (isSymbolValue(value)) {
            report(accept, 'value-type', `\`${entry.key}\` takes selectors in quotes: \`'${value.symbol}'\`.`, { node: value });
            continue;
        }
        try {
            parseSelector(value.value);
        } catch (error) {
            if (!(error instanceof SelectorError)) throw error;
            report(accept, 'selector-syntax', withoutColumn(error.message), {
                node: value,
                range: selectorRange({ key: entry.key as 'include', value, text: value.value }, error),
            });
        }
    }
}

// ---- model-wide checks --------------------------------------------------------------------------------------------

function checkViewsAgainstModel(services: PomServices, add: (d: WorkspaceDiagnostic) => void): void {
    // Each model (project) is checked on its own: a view's selectors run on the model that holds it.
    const byModel = new Map<string, ViewDecl[]>();
    for (const view of services.pom.ViewGraph.views()) {
        const key = services.pom.NameIndex.modelOf(AstUtils.getDocument(view).uri);
        byModel.set(key, [...(byModel.get(key) ?? []), view]);
    }
    for (const views of byModel.values()) checkModelViews(services, views, add);
}

function checkModelViews(services: PomServices, views: ViewDecl[], add: (d: WorkspaceDiagnostic) => void): void {
    duplicateViews(views, add);
    const within = AstUtils.getDocument(views[0]).uri;
    const graph = services.pom.ViewGraph.graph(within);
    const kinds = services.pom.ViewGraph.kindNames(within);
    for (const view of views) {
        const sources = viewSelectorSources(view);
        let unmatched = false;
        for (const source of sources) {
            const problem = unmatchedProblem(graph, source.text, kinds);
            if (!problem) continue;
            unmatched = true;
            add({
                code: 'selector-matches-nothing',
                message: withoutColumn(problem.message),
                node: source.value,
                range: selectorRange(source, problem),
            });
        }
        // A view with a broken selector is not empty: it is unfinished, and `selector-syntax` says so.
        if (unmatched || sources.some((s) => !parses(s.text))) continue;
        const selectors = viewSelectors(view);
        if (viewElements(graph, selectors).length === 0) {
            add({
                code: 'empty-view',
                message: `View \`${view.name}\` draws nothing: its selectors pick no element${selectors.exclude.length > 0 ? ' that its exclude selectors leave in' : ''}.`,
                node: view,
                property: 'name',
            });
        }
    }
}

/** The reason a well-formed selector names nothing in this model, if it does. */
function unmatchedProblem(graph: ModelGraph, text: string, kinds: readonly string[]): SelectorError | undefined {
    let selector: ReturnType<typeof parseSelector>;
    try {
        selector = parseSelector(text);
    } catch {
        return undefined; // `selector-syntax` reports it, per document
    }
    try {
        selectElements(graph, selector, { kinds });
        return undefined;
    } catch (error) {
        if (error instanceof SelectorError) return error;
        throw error;
    }
}

function parses(text: string): boolean {
    try {
        parseSelector(text);
        return true;
    } catch {
        return false;
    }
}

function duplicateViews(views: ViewDecl[], add: (d: WorkspaceDiagnostic) => void): void {
    const byId = new Map<string, ViewDecl[]>();
    for (const view of views) byId.set(viewId(view), [...(byId.get(viewId(view)) ?? []), view]);
    for (const [id, same] of byId) {
        if (same.length < 2) continue;
        for (const view of same) {
            const others = same.filter((v) => v !== view).map(where);
            add({
                code: 'duplicate-name',
                message: `View \`${id}\` is declared more than once; also at ${others.join(', ')}.`,
                node: view,
                property: 'name',
            });
        }
    }
}

// ---- ranges and messages ------------------------------------------------------------------------------------------

/** The part of the string a selector error points at, as a document range. */
function selectorRange(source: SelectorSource, error: SelectorError): Range | undefined {
    const document = AstUtils.getDocument(source.value);
    const span = contentSpan(source.value, error.position, error.length);
    if (!span) return undefined;
    return { start: document.textDocument.positionAt(span.start), end: document.textDocument.positionAt(span.end) };
}

/** The diagnostic's range shows where; the engine's "(at column 3 of `…`)" is for the command line. */
function withoutColumn(message: string): string {
    const bare = message.replace(/ \(at column \d+ of `[\s\S]*`\)$/, '');
    const text = bare.charAt(0).toUpperCase() + bare.slice(1);
    return /[.?!]$/.test(text) ? text : `${text}.`;
}

function where(view: ViewDecl): string {
    const document = AstUtils.getDocument(view);
    return `${document.uri.path.split('/').pop()}:${(view.$cstNode?.range.start.line ?? 0) + 1}`;
}

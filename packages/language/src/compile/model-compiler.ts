// AST + lineage index → the compiled model (compiled-model.ts). Output is sorted and carries no timestamps or
// absolute paths, so the same model gives the same bytes whatever order its files were read in.
import { type AstNode, AstUtils, type CommentProvider, type LangiumDocument, type URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { type Element, type FieldDecl, isEnumType, isFieldDecl, isKindDecl, isRelationDecl, type KindDecl } from '../generated/ast.js';
import type { LineageGraph } from '../lineage/lineage-graph.js';
import { type ContextValue, entriesOf, isContextKey } from '../model/element-context.js';
import { fieldTypeText, flowOf } from '../model/kind-system.js';
import { namespaceOf, parentElement, qualifiedName } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import { isPrelude } from '../prelude/prelude.js';
import { compareStrings } from '../util/compare.js';
import { pushTo } from '../util/graph-walk.js';
import { severityName } from '../validation/codes.js';
import { CompiledEvidenceBuilder } from './compiled-evidence.js';
import {
    type CompiledDiagnostic,
    type CompiledElement,
    type CompiledKind,
    type CompiledLink,
    type CompiledModel,
    type ContextEntry,
    type HorizonEntry,
    type IncomingLink,
    MODEL_FORMAT,
    MODEL_VERSION,
    type OwnersEntry,
    type Reaches,
    type SourceLocation,
    type SourceRange,
    type TypedValue,
} from './compiled-model.js';
import { typed } from './typed-value.js';

/** A compiled model whose elements are made as they are read (`ModelCompiler.compileStreamed`). */
export type StreamedModel = Omit<CompiledModel, 'elements'> & { elements: Iterable<CompiledElement> };

export interface CompileOptions {
    /** The path of a document as it should appear in the output: relative to the model's root, `/`-separated. */
    relativePath: (uri: URI) => string;
}

export class ModelCompiler {
    private readonly pom: PomServices['pom'];
    private readonly comments: CommentProvider;

    constructor(services: PomServices) {
        this.pom = services.pom;
        this.comments = services.documentation.CommentProvider;
    }

    /** Compiles the given documents (already built) into one model. */
    compile(documents: readonly LangiumDocument[], options: CompileOptions): CompiledModel {
        const model = this.compileStreamed(documents, options);
        // The same members in the same order (the order the JSON is written in), the elements made whole.
        return { ...model, elements: Array.isArray(model.elements) ? model.elements : [...model.elements] };
    }

    /**
     * The model `compile` makes, with its elements (the bulk of it) made one at a time as they are read: `elements`
     * is an iterable to read once, in order, while the documents are still as they were built; for writing a model
     * too large to hold whole. With views, which select among the compiled elements, they are made whole first.
     */
    compileStreamed(documents: readonly LangiumDocument[], options: CompileOptions): StreamedModel {
        const locate = this.locator(options);
        const flow = this.flow(documents, options);
        const { links, evidence } = flow;
        // Views are compiled by the views layer, above this one; it evaluates their selectors on these elements.
        const hasViews = this.declaresViews(documents);
        const elements = hasViews ? [...flow.elements()] : flow.elements();
        const views = hasViews
            ? this.pom.ViewGraph.compileViews(documents, { elements: elements as CompiledElement[], links }, locate, (n) => this.docOf(n))
            : [];
        const kinds = documents
            .filter((d) => !isPrelude(d))
            .flatMap((d) => AstUtils.streamAllContents(d.parseResult.value).filter(isKindDecl).toArray())
            .filter((kind) => kind.name) // a declaration a syntax error cut short before its name declares nothing
            .map((kind) => this.compileKind(kind, locate))
            .sort((a, b) => compareStrings(a.name, b.name) || compareLocations(a.source, b.source));

        const diagnostics = documents
            .flatMap((d) => (d.diagnostics ?? []).map((diagnostic) => compileDiagnostic(diagnostic, options.relativePath(d.uri))))
            .sort((a, b) => compareLocations(a.source, b.source) || compareStrings(a.code, b.code) || compareStrings(a.message, b.message));

        return { format: MODEL_FORMAT, version: MODEL_VERSION, elements, links, kinds, diagnostics, ...evidence(), views };
    }

    /** Whether any of the documents (the prelude aside) declares a view: views select among the elements made whole. */
    declaresViews(documents: readonly LangiumDocument[]): boolean {
        return documents.some((d) => !isPrelude(d) && this.pom.ViewGraph.hasViews(d));
    }

    /** The elements and links of the given documents, without kinds, views or diagnostics: what selectors run on. */
    compileFlow(documents: readonly LangiumDocument[], options: CompileOptions): Pick<CompiledModel, 'elements' | 'links'> {
        const { elements, links } = this.flow(documents, options);
        return { elements: [...elements()], links };
    }

    /** Elements and links, and (on demand) the model-level evidence that goes with them. */
    private flow(documents: readonly LangiumDocument[], options: CompileOptions) {
        const included = new Set(documents.map((d) => d.uri.toString()));
        const graph = this.pom.LineageIndex.graph();
        const locate = this.locator(options);

        const nodes = [...graph.nodes.values()].filter((n) => included.has(n.document.uri.toString()));
        // Elements sharing a qualified name (a `duplicate-name` error) take `#2`, `#3`, … in the order of their
        // declaration's text (whitespace read as one space), so renaming or reordering files never moves an id; only
        // declarations with the same text fall back to their place.
        const declaration = (e: Element) => e.$cstNode?.text.replace(/\s+/g, ' ') ?? '';
        nodes.sort(
            (a, b) =>
                compareStrings(a.id, b.id) ||
                compareStrings(declaration(a.element), declaration(b.element)) ||
                compareLocations(locate(a.element), locate(b.element)),
        );
        const ids = new Map<Element, string>();
        const seen = new Map<string, number>();
        for (const node of nodes) {
            const count = (seen.get(node.id) ?? 0) + 1;
            seen.set(node.id, count);
            ids.set(node.element, count === 1 ? node.id : `${node.id}#${count}`);
        }
        const idOf = (e: Element) => ids.get(e) ?? qualifiedName(e);

        const links: CompiledLink[] = graph.links
            .filter((l) => ids.has(l.source) && ids.has(l.target))
            .map((link) => ({
                from: idOf(link.source),
                to: idOf(link.target),
                relation: link.relation.name,
                flow: link.flow,
                implied: link.implied,
                metadata: Object.fromEntries(
                    // A metadata entry cut off after its key (`[confidence:` at the end of a file being typed)
                    // parses, with a syntax error, to an entry without a value: it has nothing to compile.
                    (link.value?.metadata ?? [])
                        .filter((m) => m.value !== undefined)
                        .map((m) => [m.key, typed(m.value)] as const)
                        .sort(([a], [b]) => compareStrings(a, b)),
                ),
                source: link.value ? locate(link.value) : locate(link.source, link.source.$cstNode),
            }));
        links.sort(
            (a, b) =>
                compareStrings(a.from, b.from) ||
                compareStrings(a.relation, b.relation) ||
                compareStrings(a.to, b.to) ||
                compareLocations(a.source, b.source),
        );
        const evidence = new CompiledEvidenceBuilder(this.pom.EvidenceIndex, this.pom.EvidenceContext, graph);
        const incoming = incomingLinks(links);
        const reaches = reachesOf(graph);
        const compiled = (node: (typeof nodes)[number]): CompiledElement => ({
            ...this.compileElement(node.element, idOf, locate),
            incoming: incoming.get(idOf(node.element)) ?? {},
            reaches: reaches(node.element),
            ...evidence.element(node.element, idOf),
        });
        function* elements(): Generator<CompiledElement> {
            for (const node of nodes) yield compiled(node);
        }
        const isIncluded = (e: Element) => ids.has(e);
        return { elements, links, evidence: () => evidence.model(isIncluded, idOf) };
    }

    private locator(options: CompileOptions): (node: AstNode, cst?: AstNode['$cstNode']) => SourceLocation {
        return (node, cst = node.$cstNode) => location(options.relativePath(AstUtils.getDocument(node).uri), cst);
    }

    private compileElement(
        element: Element,
        idOf: (e: Element) => string,
        locate: (n: AstNode) => SourceLocation,
    ): Omit<CompiledElement, 'incoming' | 'reaches'> {
        const kind = element.kind.ref;
        const parent = parentElement(element);
        const path = (value: ContextValue) => ({
            inheritedFrom: value.inheritedFrom ? idOf(value.inheritedFrom) : null,
            via: value.via ?? null,
        });
        const horizon = this.pom.ElementContext.horizon(element);
        const owners = this.pom.ElementContext.owners(element);
        const funding = this.pom.ElementContext.funding(element);
        const horizonEntry: HorizonEntry = {
            declared: horizon.declared?.text ?? null,
            effective: horizon.effective?.band ?? null,
            ...path(horizon),
            length: horizon.effective?.months !== undefined ? horizon.effective.text : null,
            months: horizon.effective?.months ?? null,
        };
        const ownersEntry: OwnersEntry = {
            declared: (owners.declared ?? []).map(idOf),
            effective: (owners.effective ?? []).map(idOf),
            ...path(owners),
        };
        const fundingEntry: ContextEntry = {
            declared: funding.declared ? idOf(funding.declared) : null,
            effective: funding.effective ? idOf(funding.effective) : null,
            ...path(funding),
        };
        return {
            id: idOf(element),
            kind: kind ? qualifiedName(kind) : element.kind.$refText,
            kindChain: kind ? this.pom.KindSystem.chain(kind).map((k) => qualifiedName(k)) : [element.kind.$refText],
            stage: this.pom.KindSystem.stage(kind) ?? null,
            name: element.name,
            title: element.title ?? null,
            doc: this.docOf(element),
            namespace: namespaceOf(element) ?? null,
            parent: parent ? idOf(parent) : null,
            fields: this.fieldsOf(element, kind),
            horizon: horizonEntry,
            owners: ownersEntry,
            funding: fundingEntry,
            source: locate(element),
        };
    }

    private fieldsOf(element: Element, kind: KindDecl | undefined): Record<string, TypedValue | TypedValue[]> {
        const fields = new Map<string, { field: FieldDecl; values: TypedValue[] }>();
        for (const entry of entriesOf(element)) {
            const field = entry.key.ref;
            if (!isFieldDecl(field)) continue;
            const slot = fields.get(field.name) ?? { field, values: [] };
            slot.values.push(...entry.values.map(typed));
            fields.set(field.name, slot);
        }
        if (kind) {
            for (const member of this.pom.KindSystem.members(kind).values()) {
                if (isFieldDecl(member) && member.default && !fields.has(member.name)) {
                    fields.set(member.name, { field: member, values: [typed(member.default)] });
                }
            }
        }
        const sorted = [...fields.entries()].sort(([a], [b]) => compareStrings(a, b));
        return Object.fromEntries(sorted.map(([name, { field, values }]) => [name, field.many ? values : values[0]]));
    }

    private compileKind(kind: KindDecl, locate: (n: AstNode) => SourceLocation): CompiledKind {
        return {
            name: qualifiedName(kind),
            title: kind.title ?? null,
            doc: this.docOf(kind),
            extends: kind.superKind ? (kind.superKind.ref ? qualifiedName(kind.superKind.ref) : kind.superKind.$refText) : null,
            abstract: kind.abstract,
            stage: this.pom.KindSystem.stage(kind) ?? null,
            // A field whose name or type is still being typed has no meaning yet; it is left out.
            fields: kind.members
                .filter(isFieldDecl)
                .filter((f) => f.name && f.type !== undefined)
                .map((f) => ({
                    name: f.name,
                    type: isEnumType(f.type) ? 'enum' : fieldTypeText(f),
                    many: f.many,
                    required: f.required,
                    ...(isEnumType(f.type) ? { values: f.type.literals.filter((l) => l.name).map((l) => l.name) } : {}),
                    ...(isEnumType(f.type) && f.type.orDuration ? { orDuration: true as const } : {}),
                })),
            relations: kind.members
                .filter(isRelationDecl)
                .filter((r) => r.name)
                .map((r) => ({
                    name: r.name,
                    targets: r.targets.map((t) => (t.ref ? qualifiedName(t.ref) : t.$refText)),
                    cardinality: r.cardinality ?? '?',
                    required: r.required || r.cardinality === '+',
                    flow: flowOf(r),
                    ...(r.inherits.length > 0 ? { inherits: r.inherits.filter(isContextKey) } : {}),
                })),
            source: locate(kind),
        };
    }

    private docOf(node: AstNode): string | null {
        const comment = this.comments.getComment(node);
        if (!comment?.startsWith('/**')) return null;
        // Any line break, as the lexer and the formatter see them: a lone CR ends a line too. ` * ` lines lose their
        // star; the other lines after the first lose the indentation they share, so the doc is the same wherever the
        // comment is indented.
        const lines = comment.slice(3, -2).split(/\r\n|\r|\n/);
        const starred = lines.map((line) => /^\s*\*/.test(line));
        const shared = lines.reduce(
            (least, line, i) => (i === 0 || starred[i] || line.trim() === '' ? least : Math.min(least, /^[ \t]*/.exec(line)![0].length)),
            Number.POSITIVE_INFINITY,
        );
        const text = lines
            .map((line, i) =>
                (starred[i] ? line.replace(/^\s*\* ?/, '') : i > 0 && line.trim() !== '' ? line.slice(shared) : line).trimEnd(),
            )
            .join('\n')
            .trim();
        return text || null;
    }
}

/** Each element's backlinks by relation (keys sorted), from links already sorted by `from`: one pass. */
function incomingLinks(links: readonly CompiledLink[]): Map<string, Record<string, IncomingLink[]>> {
    const byTarget = new Map<string, Map<string, IncomingLink[]>>();
    for (const link of links) {
        const relations = byTarget.get(link.to) ?? new Map<string, IncomingLink[]>();
        byTarget.set(link.to, relations);
        pushTo(relations, link.relation, { from: link.from, metadata: link.metadata });
    }
    const result = new Map<string, Record<string, IncomingLink[]>>();
    for (const [id, relations] of byTarget) {
        result.set(id, Object.fromEntries([...relations.entries()].sort(([a], [b]) => compareStrings(a, b))));
    }
    return result;
}

/** Where each element's lineage leads: one pass over the flow graph per stage sought, shared by every element. */
function reachesOf(graph: LineageGraph): (element: Element) => Reaches {
    const insight = graph.reachingStages(['insights'], 'up');
    const input = graph.reachingStages(['inputs'], 'down');
    const driver = graph.reachingStages(['drivers'], 'down');
    const northStar = graph.reachingStages(['northstar'], 'down');
    const outcome = graph.reachingStages(['outcomes'], 'down');
    return (element) => ({
        insight: insight.has(element),
        input: input.has(element),
        driver: driver.has(element),
        northStar: northStar.has(element),
        outcome: outcome.has(element),
    });
}

function location(path: string, cst: AstNode['$cstNode']): SourceLocation {
    const start = cst?.range.start ?? { line: 0, character: 0 };
    return { path, line: start.line + 1, column: start.character + 1 };
}

/** An LSP diagnostic as the compiled model records it: 1-based positions in the file at `path`. */
export function compileDiagnostic(diagnostic: Diagnostic, path: string): CompiledDiagnostic {
    const { start, end } = diagnostic.range;
    const source: SourceRange = {
        path,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
    };
    const code = diagnostic.code ?? diagnostic.data?.code ?? 'unknown';
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    return { code: String(code), severity: severityName(diagnostic.severity), message, source };
}

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
    return compareStrings(a.path, b.path) || a.line - b.line || a.column - b.column;
}

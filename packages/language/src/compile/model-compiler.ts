// AST + lineage index → the compiled model (compiled-model.ts). Output is sorted and carries no timestamps or
// absolute paths, so the same model gives the same bytes whatever order its files were read in.
import { type AstNode, AstUtils, type CommentProvider, type LangiumDocument, type URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { type Element, type FieldDecl, isEnumType, isFieldDecl, isKindDecl, isRelationDecl, type KindDecl } from '../generated/ast.js';
import { type CONTEXT_KEYS, type ContextTarget, contextValue, entriesOf } from '../model/element-context.js';
import { fieldTypeText, flowOf } from '../model/kind-system.js';
import { namespaceOf, parentElement, qualifiedName } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import { isPrelude } from '../prelude/prelude.js';
import { compareStrings } from '../util/compare.js';
import { severityName } from '../validation/codes.js';
import { CompiledEvidenceBuilder } from './compiled-evidence.js';
import {
    type CompiledDiagnostic,
    type CompiledElement,
    type CompiledKind,
    type CompiledLink,
    type CompiledModel,
    type ContextEntry,
    MODEL_FORMAT,
    MODEL_VERSION,
    type SourceLocation,
    type SourceRange,
    type TypedValue,
} from './compiled-model.js';
import { typed } from './typed-value.js';

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
        const locate = this.locator(options);
        const { elements, links, evidence } = this.flow(documents, options);
        // Views are compiled by the views layer, above this one; it evaluates their selectors on these elements.
        const views = this.pom.ViewGraph.compileViews(documents, { elements, links }, locate, (n) => this.docOf(n));
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

    /** The elements and links of the given documents, without kinds, views or diagnostics: what selectors run on. */
    compileFlow(documents: readonly LangiumDocument[], options: CompileOptions): Pick<CompiledModel, 'elements' | 'links'> {
        const { elements, links } = this.flow(documents, options);
        return { elements, links };
    }

    /** Elements and links, and (on demand) the model-level evidence that goes with them. */
    private flow(documents: readonly LangiumDocument[], options: CompileOptions) {
        const included = new Set(documents.map((d) => d.uri.toString()));
        const graph = this.pom.LineageIndex.graph();
        const locate = this.locator(options);

        const nodes = [...graph.nodes.values()].filter((n) => included.has(n.document.uri.toString()));
        nodes.sort((a, b) => compareStrings(a.id, b.id) || compareLocations(locate(a.element), locate(b.element)));
        const ids = new Map<Element, string>();
        const seen = new Map<string, number>();
        for (const node of nodes) {
            const count = (seen.get(node.id) ?? 0) + 1;
            seen.set(node.id, count);
            ids.set(node.element, count === 1 ? node.id : `${node.id}#${count}`);
        }
        const idOf = (e: Element) => ids.get(e) ?? qualifiedName(e);

        const evidence = new CompiledEvidenceBuilder(this.pom.EvidenceIndex, this.pom.EvidenceContext, graph);
        const elements = nodes.map((node) => ({
            ...this.compileElement(node.element, idOf, locate),
            ...evidence.element(node.element, idOf),
        }));
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
        const isIncluded = (e: Element) => ids.has(e);
        return { elements, links, evidence: () => evidence.model(isIncluded, idOf) };
    }

    private locator(options: CompileOptions): (node: AstNode, cst?: AstNode['$cstNode']) => SourceLocation {
        return (node, cst = node.$cstNode) => location(options.relativePath(AstUtils.getDocument(node).uri), cst);
    }

    private compileElement(element: Element, idOf: (e: Element) => string, locate: (n: AstNode) => SourceLocation): CompiledElement {
        const kind = element.kind.ref;
        const parent = parentElement(element);
        const context = (key: (typeof CONTEXT_KEYS)[number]): ContextEntry => {
            const value = contextValue(element, key);
            const name = (t: ContextTarget | undefined) => (t === undefined ? null : typeof t === 'string' ? t : idOf(t));
            return {
                declared: name(value.declared),
                effective: name(value.effective),
                inheritedFrom: value.inheritedFrom ? idOf(value.inheritedFrom) : null,
            };
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
            horizon: context('horizon'),
            owner: context('owner'),
            funding: context('funding'),
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
                })),
            source: locate(kind),
        };
    }

    private docOf(node: AstNode): string | null {
        const comment = this.comments.getComment(node);
        if (!comment?.startsWith('/**')) return null;
        const text = comment
            .slice(3, -2)
            .split(/\r?\n/)
            .map((line) => line.replace(/^\s*\* ?/, '').trimEnd())
            .join('\n')
            .trim();
        return text || null;
    }
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

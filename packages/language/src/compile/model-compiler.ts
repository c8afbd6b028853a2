// AST + lineage index → the compiled model (compiled-model.ts). Output is sorted and carries no timestamps or
// absolute paths, so the same model gives the same bytes whatever order its files were read in.
import { type AstNode, AstUtils, type CommentProvider, type LangiumDocument, type URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { EvidenceContext } from '../evidence/evidence-context.js';
import type { EvidenceIndex } from '../evidence/evidence-index.js';
import { type Element, type FieldDecl, isEnumType, isFieldDecl, isRelationDecl, type KindDecl } from '../generated/ast.js';
import type { LineageIndex } from '../lineage/lineage-index.js';
import { type CONTEXT_KEYS, type ContextTarget, contextValue, entriesOf } from '../model/element-context.js';
import { fieldTypeText, flowOf, type KindSystem } from '../model/kind-system.js';
import { namespaceOf, parentElement, qualifiedName } from '../model/qualified-names.js';
import type { PomServices } from '../pom-module.js';
import { isPrelude } from '../prelude/prelude.js';
import { compareStrings } from '../util/compare.js';
import type { Severity } from '../validation/codes.js';
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

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export class ModelCompiler {
    private readonly lineage: LineageIndex;
    private readonly kinds: KindSystem;
    private readonly comments: CommentProvider;
    private readonly evidence: EvidenceIndex;
    private readonly evidenceContext: EvidenceContext;

    constructor(services: PomServices) {
        this.evidence = services.pom.EvidenceIndex;
        this.evidenceContext = services.pom.EvidenceContext;
        this.lineage = services.pom.LineageIndex;
        this.kinds = services.pom.KindSystem;
        this.comments = services.documentation.CommentProvider;
    }

    /** Compiles the given documents (already built) into one model. */
    compile(documents: readonly LangiumDocument[], options: CompileOptions): CompiledModel {
        const included = new Set(documents.map((d) => d.uri.toString()));
        const graph = this.lineage.graph();
        const locate = (node: AstNode, cst = node.$cstNode) => location(options.relativePath(AstUtils.getDocument(node).uri), cst);

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

        const evidence = new CompiledEvidenceBuilder(this.evidence, this.evidenceContext, graph);
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
                    (link.value?.metadata ?? []).map((m) => [m.key, typed(m.value)] as const).sort(([a], [b]) => compareStrings(a, b)),
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

        const kinds = documents
            .filter((d) => !isPrelude(d))
            .flatMap((d) =>
                AstUtils.streamAllContents(d.parseResult.value)
                    .filter((n): n is KindDecl => n.$type === 'KindDecl')
                    .toArray(),
            )
            .map((kind) => this.compileKind(kind, locate))
            .sort((a, b) => compareStrings(a.name, b.name) || compareLocations(a.source, b.source));

        const diagnostics = documents
            .flatMap((d) => (d.diagnostics ?? []).map((diagnostic) => compileDiagnostic(diagnostic, options.relativePath(d.uri))))
            .sort((a, b) => compareLocations(a.source, b.source) || compareStrings(a.code, b.code) || compareStrings(a.message, b.message));

        const isIncluded = (e: Element) => ids.has(e);
        return { format: MODEL_FORMAT, version: MODEL_VERSION, elements, links, kinds, diagnostics, ...evidence.model(isIncluded, idOf) };
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
            kindChain: kind ? this.kinds.chain(kind).map((k) => qualifiedName(k)) : [element.kind.$refText],
            stage: this.kinds.stage(kind) ?? null,
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
            for (const member of this.kinds.members(kind).values()) {
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
            stage: this.kinds.stage(kind) ?? null,
            // A field whose type is still being typed has no meaning yet; it is left out.
            fields: kind.members
                .filter(isFieldDecl)
                .filter((f) => f.type !== undefined)
                .map((f) => ({
                    name: f.name,
                    type: isEnumType(f.type) ? 'enum' : fieldTypeText(f),
                    many: f.many,
                    required: f.required,
                    ...(isEnumType(f.type) ? { values: f.type.literals.map((l) => l.name) } : {}),
                })),
            relations: kind.members.filter(isRelationDecl).map((r) => ({
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

function compileDiagnostic(diagnostic: Diagnostic, path: string): CompiledDiagnostic {
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
    return { code: String(code), severity: SEVERITIES[diagnostic.severity ?? 1], message, source };
}

export function compareLocations(a: SourceLocation, b: SourceLocation): number {
    return compareStrings(a.path, b.path) || a.line - b.line || a.column - b.column;
}

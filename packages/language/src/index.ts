// The public API of the POM language package.
export * from './compile/compiled-model.js';
export { type CompileOptions, compareLocations, compileDiagnostic, ModelCompiler, type StreamedModel } from './compile/model-compiler.js';
export { linkFlowSource, linkFlowTarget, ModelGraph } from './compile/model-graph.js';
export { canRelease, releaseSyntaxTrees } from './compile/release-syntax.js';
export { typed } from './compile/typed-value.js';
export * from './diff/index.js';
export {
    MAX_SNAPSHOT_BYTES,
    type MetricObservations,
    type Observation,
    parseSnapshot,
    SNAPSHOT_FILE,
    SNAPSHOT_FORMAT,
    SNAPSHOT_VERSION,
    type Snapshot,
    SnapshotError,
} from './evidence/snapshot.js';
export {
    checkFormatting,
    FormatInvariantError,
    type FormatResult,
    type FormatServices,
    formatText,
    type SyntaxProblem,
} from './format/format-text.js';
export * from './generated/ast.js';
export { MAX_FILE_SIZE, MAX_LINE_LENGTH, MAX_NESTING, MAX_TOKENS } from './grammar/input-bounds.js';
export {
    flowSource,
    flowTarget,
    LineageGraph,
    type LineageLink,
    type LineageNode,
} from './lineage/lineage-graph.js';
export { LineageIndex } from './lineage/lineage-index.js';
export * from './model/element-context.js';
export { flowOf, KindSystem } from './model/kind-system.js';
export { qualifiedName } from './model/qualified-names.js';
export * from './model/stages.js';
export { createPomServices, PomModule, type PomServices } from './pom-module.js';
export { ensurePrelude, isPrelude, PRELUDE_SOURCE, PRELUDE_URI } from './prelude/prelude.js';
export * from './protocol/lsp-protocol.js';
export * from './query/lineage-tree.js';
export * from './query/selectors.js';
export { type Flow, FlowGraph, type FlowQueryOptions } from './util/flow-graph.js';
export { CODES, type Code, RULES, type RuleInfo, type Severity, severityName, severityOf } from './validation/codes.js';
export * from './views/compiled-views.js';
export { VIEW_KEYS, VIEW_LAYOUTS, type ViewLayout, type ViewSelectors, viewElements } from './views/view-selection.js';
export { buildWorkspace, type SourceFile } from './workspace/pom-workspace.js';
export {
    type ConnectionSpec,
    DEFAULT_OBSERVATIONS,
    type DuckDbConnection,
    type PostgresConnection,
    PROJECT_FILE_NAME,
    ProjectFileError,
    type ProjectSettings,
    parseProjectFile,
    type SecretRef,
} from './workspace/project-file-parser.js';
export { type ProjectFilter, projectFilter, SKIPPED_FOLDERS } from './workspace/project-membership.js';

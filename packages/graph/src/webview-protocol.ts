// The messages between the extension host and the graph webview. The host (packages/extension's graph-panel.ts,
// through `pom-graph/protocol`) and the webview script (webview-main.ts) both import these types; nothing else
// defines a graph message.
import type { CompiledModel } from 'pom-language/model';

/** Host → webview. */
export type HostMessage =
    /** A model to draw: the first one, or a new version after an edit (positions of known elements are kept). */
    | { type: 'model'; model: CompiledModel }
    /** The element under the editor's cursor, highlighted in the graph; null when the cursor is on none. */
    | { type: 'cursor'; id: string | null };

/** Webview → host. */
export type WebviewMessage =
    /** The script has loaded and can take a model. */
    | { type: 'ready' }
    /** The user clicked an element: open its source. `path` is relative to the workspace root, line and column 1-based. */
    | { type: 'reveal'; id: string; path: string; line: number; column: number }
    /** The user exported the picture: the host offers a save dialog. SVG as text, PNG as a base64 data URL. */
    | { type: 'export'; format: 'svg' | 'png'; data: string }
    /** Something went wrong in the webview; the host writes it to the output channel. */
    | { type: 'error'; message: string };

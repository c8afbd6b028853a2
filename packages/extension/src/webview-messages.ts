// Checks what the graph webview posts before the host acts on it. The webview draws model text and is the less
// trusted side: anything that is not exactly a message of webview-protocol.ts is dropped, and an export must be the
// picture it claims to be.
import type { WebviewMessage } from 'pom-graph/protocol';

/** Larger exports are refused rather than written: a picture of 10,000 elements is far smaller. */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const MAX_ERROR_CHARS = 2000;
const MAX_PATH_CHARS = 4096;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;

/** The message as the protocol types it, rebuilt from its known fields only; undefined when it is malformed. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
    if (!isRecord(value)) return undefined;
    switch (value.type) {
        case 'ready':
            return { type: 'ready' };
        case 'reveal': {
            const { id, path, line, column } = value;
            if (typeof id !== 'string' || id === '' || !isModelPath(path) || !isPositiveInteger(line) || !isPositiveInteger(column))
                return undefined;
            return { type: 'reveal', id, path, line, column };
        }
        case 'export': {
            const { format, data } = value;
            if ((format !== 'svg' && format !== 'png') || typeof data !== 'string' || data.length > MAX_EXPORT_CHARS) return undefined;
            return { type: 'export', format, data };
        }
        case 'error': {
            const { message } = value;
            if (typeof message !== 'string') return undefined;
            return { type: 'error', message: message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message };
        }
        default:
            return undefined;
    }
}

/** The file to write for an export: SVG text as UTF-8, a PNG data URL decoded; undefined when it is neither. */
export function exportBytes(message: Extract<WebviewMessage, { type: 'export' }>): Uint8Array | undefined {
    if (message.format === 'svg') {
        return /^\s*(<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(message.data) ? new TextEncoder().encode(message.data) : undefined;
    }
    const base64 = PNG_DATA_URL.exec(message.data)?.[1];
    if (!base64) return undefined;
    const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
    return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte) ? bytes : undefined;
}

/**
 * A path as the compiled model writes it: relative, `/`-separated, no `.` or `..` segments. (A file outside every
 * workspace folder keeps its absolute path without the leading `/`, so `c:/…` passes.)
 */
function isModelPath(value: unknown): value is string {
    if (typeof value !== 'string' || value === '' || value.length > MAX_PATH_CHARS) return false;
    if (value.startsWith('/') || /[\\\u0000-\u001f]/.test(value)) return false;
    return value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function isPositiveInteger(value: unknown): value is number {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

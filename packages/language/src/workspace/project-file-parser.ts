// Reads the text of a project file (`pom.json`) into checked settings, or one error with its line and column.
// No file system here: the CLI reads the file with Node, the language server through Langium's file system.
import { type Node, type ParseError, type ParseErrorCode, parseTree } from 'jsonc-parser';

export const PROJECT_FILE_NAME = 'pom.json';

/** The snapshot `pom metrics pull` writes, when the project file names none. */
export const DEFAULT_OBSERVATIONS = 'observations.json';

/** Project files are small; anything larger is a mistake, not a project. */
const MAX_PROJECT_FILE_BYTES = 1_000_000;
const MAX_LIST_LENGTH = 1_000;
const MAX_STRING_LENGTH = 4_096;

/** A credential: read from this environment variable when needed, never written in the project file. */
export interface SecretRef {
    env: string;
}

export interface DuckDbConnection {
    type: 'duckdb';
    /** The database file, relative to the project file's folder (or `:memory:`). */
    path?: string;
    timeoutSeconds?: number;
}

export interface PostgresConnection {
    type: 'postgres';
    /** A whole connection URL, which usually holds a password: only ever from the environment. */
    url?: SecretRef;
    host?: string;
    port?: number;
    database?: string;
    user?: string;
    password?: SecretRef;
    ssl?: boolean;
    timeoutSeconds?: number;
}

export type ConnectionSpec = DuckDbConnection | PostgresConnection;

/** What a project file says, with defaults filled in; paths still relative to the project file's folder. */
export interface ProjectSettings {
    name: string;
    include: string[];
    exclude: string[];
    observations: string;
    connections: Record<string, ConnectionSpec>;
}

/** A project file that cannot be used: where (1-based line and column) and why. */
export class ProjectFileError extends Error {
    constructor(
        /** The project file, as it was given. */
        readonly path: string,
        readonly line: number,
        readonly column: number,
        /** The reason alone; `message` is `path:line:column: reason`. */
        readonly reason: string,
    ) {
        super(`${path}:${line}:${column}: ${reason}`);
        this.name = 'ProjectFileError';
    }
}

/** Parses and checks a project file's text. `file` is only used in errors. */
export function parseProjectFile(text: string, file: string): ProjectSettings {
    const fail = (offset: number, reason: string): never => {
        const { line, column } = lineColumn(text, offset);
        throw new ProjectFileError(file, line, column, reason);
    };
    if (text.length > MAX_PROJECT_FILE_BYTES) fail(0, `the project file is larger than ${MAX_PROJECT_FILE_BYTES} bytes`);
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (errors.length > 0) fail(errors[0].offset, `this is not valid JSON: ${describeSyntaxError(errors[0].error)}`);
    if (root?.type !== 'object') return fail(root?.offset ?? 0, 'a project file holds one JSON object, such as { "name": "acme" }');
    return new SettingsReader(fail).read(root);
}

class SettingsReader {
    constructor(private readonly fail: (offset: number, reason: string) => never) {}

    read(root: Node): ProjectSettings {
        const members = this.members(root, 'the project file', ['$schema', 'name', 'include', 'exclude', 'observations', 'connections']);
        const name = members.get('name');
        if (!name) return this.fail(root.offset, 'the project file needs a `name`, such as "name": "acme"');
        const observations = members.get('observations');
        const connections = members.get('connections');
        if (members.has('$schema')) this.string(members.get('$schema') as Node, '`$schema`');
        return {
            name: this.nonEmpty(name, '`name`'),
            include: this.paths(members.get('include'), '`include`') ?? ['.'],
            exclude: this.paths(members.get('exclude'), '`exclude`') ?? [],
            observations: observations ? this.relativePath(observations, '`observations`') : DEFAULT_OBSERVATIONS,
            connections: connections ? this.connections(connections) : {},
        };
    }

    private connections(node: Node): Record<string, ConnectionSpec> {
        const result: Record<string, ConnectionSpec> = {};
        for (const [name, value] of this.members(node, '`connections`')) result[name] = this.connection(name, value);
        return result;
    }

    private connection(name: string, node: Node): ConnectionSpec {
        const where = `connection \`${name}\``;
        const type = this.members(node, where).get('type');
        if (!type) return this.fail(node.offset, `${where} needs a \`type\`: "duckdb" or "postgres"`);
        const kind = this.string(type, `the \`type\` of ${where}`);
        if (kind === 'duckdb') {
            const members = this.members(node, where, ['type', 'path', 'timeoutSeconds']);
            const path = members.get('path');
            return {
                type: 'duckdb',
                ...(path && { path: this.nonEmpty(path, `the \`path\` of ${where}`) }),
                ...this.timeout(members, where),
            };
        }
        if (kind !== 'postgres') return this.fail(type.offset, `${where} has type "${kind}"; the types are "duckdb" and "postgres"`);
        const members = this.members(node, where, ['type', 'url', 'host', 'port', 'database', 'user', 'password', 'ssl', 'timeoutSeconds']);
        const spec: PostgresConnection = { type: 'postgres', ...this.timeout(members, where) };
        for (const key of ['url', 'password'] as const) {
            const value = members.get(key);
            if (value) spec[key] = this.secret(value, `the \`${key}\` of ${where}`);
        }
        for (const key of ['host', 'database', 'user'] as const) {
            const value = members.get(key);
            if (value) spec[key] = this.nonEmpty(value, `the \`${key}\` of ${where}`);
        }
        const port = members.get('port');
        if (port) spec.port = this.number(port, `the \`port\` of ${where}`, 1, 65_535, true);
        const ssl = members.get('ssl');
        if (ssl) {
            if (ssl.type !== 'boolean') this.fail(ssl.offset, `the \`ssl\` of ${where} is true or false`);
            spec.ssl = ssl.value as boolean;
        }
        return spec;
    }

    private timeout(members: Map<string, Node>, where: string): { timeoutSeconds?: number } {
        const node = members.get('timeoutSeconds');
        return node ? { timeoutSeconds: this.number(node, `the \`timeoutSeconds\` of ${where}`, 1, 3_600, false) } : {};
    }

    /** A credential must name an environment variable; a literal secret in a committed file is refused. */
    private secret(node: Node, what: string): SecretRef {
        const envName = 'an environment variable, such as { "env": "WAREHOUSE_PASSWORD" }';
        if (node.type === 'string') {
            return this.fail(node.offset, `${what} must name ${envName}, not be written in the project file (the value is not shown)`);
        }
        const env = this.members(node, what, ['env']).get('env');
        if (!env) return this.fail(node.offset, `${what} names ${envName}`);
        const variable = this.string(env, `the \`env\` of ${what}`);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
            this.fail(env.offset, `${what}: "${variable}" is not an environment variable name (letters, digits and _)`);
        }
        return { env: variable };
    }

    /** A list of relative paths or globs inside the project folder. */
    private paths(node: Node | undefined, what: string): string[] | undefined {
        if (!node) return undefined;
        if (node.type !== 'array') return this.fail(node.offset, `${what} is a list of paths, such as ["."]`);
        const items = node.children ?? [];
        if (items.length > MAX_LIST_LENGTH) this.fail(node.offset, `${what} has more than ${MAX_LIST_LENGTH} entries`);
        return items.map((item) => this.relativePath(item, `each entry of ${what}`));
    }

    private relativePath(node: Node, what: string): string {
        const value = this.nonEmpty(node, what).replace(/\\/g, '/');
        if (value.startsWith('/') || /^[A-Za-z]:/.test(value))
            this.fail(node.offset, `${what} is relative to the project file's folder, not absolute`);
        if (value.split('/').includes('..')) this.fail(node.offset, `${what} must stay inside the project file's folder (no \`..\`)`);
        return value;
    }

    private members(node: Node, what: string, known?: readonly string[]): Map<string, Node> {
        if (node.type !== 'object') return this.fail(node.offset, `${what} is a JSON object`);
        const members = new Map<string, Node>();
        for (const property of node.children ?? []) {
            const [key, value] = property.children ?? [];
            const name = key.value as string;
            if (known && !known.includes(name)) {
                this.fail(key.offset, `unknown key "${name}" in ${what}; the keys are ${known.map((k) => `"${k}"`).join(', ')}`);
            }
            if (members.has(name)) this.fail(key.offset, `"${name}" appears twice in ${what}`);
            if (value) members.set(name, value);
        }
        return members;
    }

    private string(node: Node, what: string): string {
        if (node.type !== 'string') return this.fail(node.offset, `${what} is a string`);
        const value = node.value as string;
        if (value.length > MAX_STRING_LENGTH) this.fail(node.offset, `${what} is longer than ${MAX_STRING_LENGTH} characters`);
        return value;
    }

    private nonEmpty(node: Node, what: string): string {
        const value = this.string(node, what);
        if (value.trim() === '') this.fail(node.offset, `${what} is empty`);
        return value;
    }

    private number(node: Node, what: string, min: number, max: number, integer: boolean): number {
        const value = node.value;
        if (node.type !== 'number' || typeof value !== 'number' || value < min || value > max || (integer && !Number.isInteger(value))) {
            return this.fail(node.offset, `${what} is ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
        }
        return value;
    }
}

const SYNTAX_ERRORS: Record<number, string> = {
    1: 'unexpected character',
    2: 'a number is malformed',
    3: 'a property name (in double quotes) is expected',
    4: 'a value is expected',
    5: '`:` is expected',
    6: '`,` is expected',
    7: '`}` is expected',
    8: '`]` is expected',
    9: 'nothing may follow the closing `}`',
    10: 'comments are not allowed in JSON',
    11: 'a comment is not closed',
    12: 'a string is not closed',
    13: 'a number is cut short',
    14: 'a unicode escape is malformed',
    15: 'an escape sequence is malformed',
    16: 'a control character is not allowed inside a string',
};

function describeSyntaxError(code: ParseErrorCode): string {
    return SYNTAX_ERRORS[code] ?? 'unexpected text';
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let start = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        start = i + 1;
    }
    return { line, column: offset - start + 1 };
}

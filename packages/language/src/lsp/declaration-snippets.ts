// Snippets for declarations the grammar allows only in one place: `namespace` at the top of a file, `kind` at the
// top level, `field` and `relation` inside a kind. Completion offers each beside its keyword, so only where that
// keyword is legal (never inside an element body, as editor-wide snippets would be).
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: LSP snippet syntax, not templates

export interface DeclarationSnippet {
    readonly label: string;
    readonly detail: string;
    readonly body: string;
}

const PRIMITIVES = 'string,number,percent,date,quarter,duration';

export const DECLARATION_SNIPPETS: Readonly<Record<string, readonly DeclarationSnippet[]>> = {
    namespace: [{ label: 'namespace', detail: 'The namespace of every name in this file', body: 'namespace ${1:acme.product}\n$0' }],
    kind: [
        {
            label: 'kind',
            detail: 'A kind of your own that extends a built-in one',
            body: [
                '/** ${4:What this kind is for.} */',
                'kind ${1:name} extends ${2|experiment,project,workstream,bet,insight,opportunity,option,release,impact,input,driver,outcome,metric,team|} "${3:Title}" {',
                `\tfield \${5:key}: \${6|${PRIMITIVES}|}\${7: required}`,
                '}',
                '$0',
            ].join('\n'),
        },
    ],
    field: [
        { label: 'field', detail: 'A field of the kind', body: `field \${1:key}: \${2|${PRIMITIVES}|}` },
        {
            label: 'field enum',
            detail: 'A field whose value is one of a few literals',
            body: 'field ${1:level}: enum { ${2:low}, ${3:medium}, ${4:high} }',
        },
    ],
    relation: [
        {
            label: 'relation',
            detail: 'A relation of the kind: target kinds, cardinality and flow',
            body: 'relation ${1:name}: ${2:insight}${3|*,+,?|} ${4|upstream,downstream,feedback|}',
        },
    ],
};

// Tests syntaxes/pom.tmLanguage.json with vscode-textmate and vscode-oniguruma, the engine VS Code itself
// tokenizes with: the examples and the prelude must highlight cleanly, and a fixture pins the scope of each construct.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import oniguruma from 'vscode-oniguruma';
import textmate from 'vscode-textmate';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const grammarPath = path.join(repoRoot, 'syntaxes/pom.tmLanguage.json');
const examplesDir = path.join(repoRoot, 'examples');
const problemsDir = path.join(examplesDir, 'problems');
const preludePath = path.join(repoRoot, 'packages/language/src/prelude/prelude.pom');
const fixturePath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/highlighting.pom');

interface Token {
    text: string;
    scopes: string[];
}

interface TokenizedLine {
    text: string;
    tokens: Token[];
}

interface Tokenized {
    lines: TokenizedLine[];
    /** Depth of the rule stack after the last line: 1 when every block, comment and bracket is closed. */
    finalDepth: number;
}

let grammar: textmate.IGrammar;

beforeAll(async () => {
    const wasm = readFileSync(path.join(repoRoot, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
            createOnigString: (text: string) => new oniguruma.OnigString(text),
        }),
        loadGrammar: async (scopeName: string) =>
            scopeName === 'source.pom' ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const loaded = await registry.loadGrammar('source.pom');
    if (!loaded) throw new Error(`could not load ${grammarPath}`);
    grammar = loaded;
});

function tokenize(source: string): Tokenized {
    let stack = textmate.INITIAL;
    const lines = source.split(/\r?\n/).map((text) => {
        const result = grammar.tokenizeLine(text, stack);
        stack = result.ruleStack;
        const tokens = result.tokens.map((token) => ({
            text: text.slice(token.startIndex, token.endIndex),
            scopes: token.scopes,
        }));
        return { text, tokens };
    });
    return { lines, finalDepth: stack.depth };
}

/** Every token with an `invalid` scope, as `line:column text scope` for a readable failure. */
function invalidTokens(tokenized: Tokenized): string[] {
    return tokenized.lines.flatMap((line, index) => {
        let column = 0;
        return line.tokens.flatMap((token) => {
            const start = column;
            column += token.text.length;
            const invalid = token.scopes.find((scope) => scope.startsWith('invalid'));
            return invalid ? [`${index + 1}:${start + 1} ${JSON.stringify(token.text)} ${invalid}`] : [];
        });
    });
}

function pomFilesUnder(dir: string): string[] {
    let entries: import('node:fs').Dirent[];
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    } catch {
        return []; // the examples folder may not exist yet
    }
    return entries
        .flatMap((entry) => {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) return pomFilesUnder(full);
            return entry.isFile() && entry.name.endsWith('.pom') ? [full] : [];
        })
        .sort();
}

function expectCleanHighlighting(file: string): void {
    const tokenized = tokenize(readFileSync(file, 'utf8'));
    expect(invalidTokens(tokenized)).toEqual([]);
    expect(tokenized.finalDepth, 'rule stack after the last line (1 = back at the root)').toBe(1);
}

const exampleFiles = pomFilesUnder(examplesDir);
const validExamples = exampleFiles.filter((file) => !file.startsWith(problemsDir + path.sep));
const problemExamples = exampleFiles.filter((file) => file.startsWith(problemsDir + path.sep));

describe('valid .pom files highlight with no invalid token and every block closed', () => {
    it('the prelude', () => {
        expectCleanHighlighting(preludePath);
    });

    it('the highlighting fixture', () => {
        expectCleanHighlighting(fixturePath);
    });

    it.each(validExamples.map((file) => path.relative(repoRoot, file)))('%s', (file) => {
        expectCleanHighlighting(path.join(repoRoot, file));
    });
});

describe('deliberately broken examples still tokenize', () => {
    it.each(problemExamples.map((file) => path.relative(repoRoot, file)))('%s', (file) => {
        const source = readFileSync(path.join(repoRoot, file), 'utf8');
        const tokenized = tokenize(source);
        // The tokens of each line cover it exactly: no text lost or duplicated, whatever the grammar made of it.
        for (const line of tokenized.lines) {
            expect(line.tokens.map((token) => token.text).join('')).toBe(line.text);
        }
    });
});

describe('the checks above catch a broken grammar or file', () => {
    it('flags a character no rule accepts', () => {
        expect(invalidTokens(tokenize('bet X { horizon: quarters ) }'))).toEqual(['1:27 ")" invalid.illegal.character.pom']);
    });

    it('sees an unclosed body or comment in the final rule stack', () => {
        expect(tokenize('bet X {\n  horizon: quarters\n').finalDepth).toBeGreaterThan(1);
        expect(tokenize('/* never closed\nbet X\n').finalDepth).toBeGreaterThan(1);
        expect(tokenize('bet X {\n  horizon: quarters\n}\n').finalDepth).toBe(1);
    });
});

describe('scopes of each construct in fixtures/highlighting.pom', () => {
    let fixture: Tokenized;

    beforeAll(() => {
        fixture = tokenize(readFileSync(fixturePath, 'utf8'));
    });

    /**
     * Finds the one fixture line whose trimmed text is `line`, then walks its tokens in order: each expected
     * `[text, ...scopes]` must be a later token with exactly that text whose scopes include every one of `scopes`.
     */
    function expectScopes(line: string, expected: [text: string, ...scopes: string[]][]): void {
        const matches = fixture.lines.filter((candidate) => candidate.text.trim() === line);
        expect(matches, `fixture lines reading ${JSON.stringify(line)}`).toHaveLength(1);
        const tokens = matches[0].tokens;
        let next = 0;
        for (const [text, ...scopes] of expected) {
            const found = tokens.findIndex((token, index) => index >= next && token.text === text);
            expect(found, `token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((t) => t.text))}`).toBeGreaterThanOrEqual(0);
            for (const scope of scopes) {
                expect(tokens[found].scopes, `scopes of ${JSON.stringify(text)}`).toContain(scope);
            }
            next = found + 1;
        }
    }

    it('comments: line, block and documentation', () => {
        expectScopes('// Highlighting fixture: every construct of the language once, on lines that textmate.test.ts looks up verbatim.', [
            ['//', 'punctuation.definition.comment.pom'],
            [
                ' Highlighting fixture: every construct of the language once, on lines that textmate.test.ts looks up verbatim.',
                'comment.line.double-slash.pom',
            ],
        ]);
        expectScopes('/* A block comment', [
            ['/*', 'punctuation.definition.comment.begin.pom'],
            [' A block comment', 'comment.block.pom'],
        ]);
        expectScopes('over two lines. */', [
            ['   over two lines. ', 'comment.block.pom'],
            ['*/', 'punctuation.definition.comment.end.pom'],
        ]);
        expectScopes('/** A kind of our own: a spike is a short experiment. */', [
            ['/**', 'comment.block.documentation.pom'],
            [' A kind of our own: a spike is a short experiment. ', 'comment.block.documentation.pom'],
            ['*/', 'comment.block.documentation.pom'],
        ]);
        expectScopes('* A bet with every kind of value.', [[' * A bet with every kind of value.', 'comment.block.documentation.pom']]);
        expectScopes('toward: acme.fixture.NorthStar // the one measure that matters', [
            ['//', 'comment.line.double-slash.pom'],
            [' the one measure that matters', 'comment.line.double-slash.pom'],
        ]);
    });

    it('a view: keyword, name, title, keys, single- and double-quoted selectors and a layout', () => {
        expectScopes('view Story "From the bet to the north star" {', [
            ['view', 'storage.type.view.pom', 'meta.declaration.view.pom'],
            ['Story', 'entity.name.type.view.pom'],
            ['From the bet to the north star', 'string.quoted.double.pom'],
            ['{', 'punctuation.section.block.begin.pom', 'meta.block.view.pom'],
        ]);
        expectScopes(`include: '+WizardBet+', "kind:driver"; exclude: 'tag:"plg"'`, [
            ['include', 'variable.other.property.key.pom', 'meta.block.view.pom'],
            ["'", 'punctuation.definition.string.begin.pom'],
            ['+WizardBet+', 'string.quoted.single.pom'],
            ["'", 'punctuation.definition.string.end.pom'],
            [',', 'punctuation.separator.comma.pom'],
            ['kind:driver', 'string.quoted.double.pom'],
            [';', 'punctuation.terminator.pom'],
            ['exclude', 'variable.other.property.key.pom'],
            ['tag:"plg"', 'string.quoted.single.pom'],
        ]);
        expectScopes('layout: flow', [
            ['layout', 'variable.other.property.key.pom'],
            ['flow', 'variable.other.reference.pom'],
        ]);
    });

    it('the namespace declaration', () => {
        expectScopes('namespace acme.fixture;', [
            ['namespace', 'keyword.other.namespace.pom'],
            ['acme', 'entity.name.namespace.pom'],
            ['.', 'punctuation.accessor.dot.pom'],
            ['fixture', 'entity.name.namespace.pom'],
            [';', 'punctuation.terminator.pom'],
        ]);
    });

    it('a kind declaration with extends, a title and a body', () => {
        expectScopes('kind spike extends experiment "Spike" {', [
            ['kind', 'storage.type.kind.pom'],
            ['spike', 'entity.name.type.kind.pom'],
            ['extends', 'storage.modifier.extends.pom'],
            ['experiment', 'entity.other.inherited-class.kind.pom'],
            ['"', 'punctuation.definition.string.begin.pom'],
            ['Spike', 'string.quoted.double.pom'],
            ['"', 'punctuation.definition.string.end.pom'],
            ['{', 'punctuation.section.block.begin.pom', 'meta.block.kind.pom'],
        ]);
        expectScopes('abstract kind review "Review" {', [
            ['abstract', 'storage.modifier.abstract.pom'],
            ['kind', 'storage.type.kind.pom'],
            ['review', 'entity.name.type.kind.pom'],
            ['Review', 'string.quoted.double.pom'],
        ]);
        expectScopes('stage context', [
            ['stage', 'keyword.other.stage.pom'],
            ['context', 'variable.other.constant.stage.pom'],
        ]);
    });

    it('field declarations: primitive and enum types, cardinality, required and default', () => {
        expectScopes('field timebox: duration required', [
            ['field', 'storage.type.field.pom', 'meta.declaration.field.pom'],
            ['timebox', 'variable.other.property.declaration.pom'],
            [':', 'punctuation.separator.key-value.pom'],
            ['duration', 'support.type.primitive.pom'],
            ['required', 'storage.modifier.required.pom'],
        ]);
        // A doc comment after a declaration documents the next one, so it is outside the declaration before it.
        const doc = fixture.lines.find((line) => line.text.trim() === '/** How risky the spike is. */');
        expect(doc?.tokens[1].scopes).toContain('comment.block.documentation.pom');
        expect(doc?.tokens[1].scopes).toContain('meta.block.kind.pom');
        expect(doc?.tokens[1].scopes).not.toContain('meta.declaration.field.pom');
        expectScopes('field risk: enum { low, medium, high } default medium', [
            ['risk', 'variable.other.property.declaration.pom'],
            ['enum', 'storage.type.enum.pom'],
            ['{', 'punctuation.section.block.begin.pom'],
            ['low', 'variable.other.enummember.pom', 'meta.enum.pom'],
            [',', 'punctuation.separator.comma.pom'],
            ['medium', 'variable.other.enummember.pom'],
            ['high', 'variable.other.enummember.pom'],
            ['}', 'punctuation.section.block.end.pom'],
            ['default', 'keyword.other.default.pom'],
            ['medium', 'variable.other.reference.pom'],
        ]);
        expectScopes('field share: percent*; field budget: number', [
            ['percent', 'support.type.primitive.pom'],
            ['*', 'keyword.operator.cardinality.pom'],
            [';', 'punctuation.terminator.pom'],
            ['field', 'storage.type.field.pom'],
            ['budget', 'variable.other.property.declaration.pom'],
            ['number', 'support.type.primitive.pom'],
        ]);
        // An enum over several lines keeps its literals and the declaration's trailing modifier.
        expectScopes('weekly, monthly,', [
            ['weekly', 'variable.other.enummember.pom'],
            ['monthly', 'variable.other.enummember.pom'],
            [',', 'punctuation.separator.comma.pom'],
        ]);
        expectScopes('} required', [
            ['}', 'punctuation.section.block.end.pom'],
            ['required', 'storage.modifier.required.pom', 'meta.declaration.field.pom'],
        ]);
    });

    it('relation declarations: target kinds, cardinalities and flows', () => {
        expectScopes('relation covers: bet | option+ upstream, relation feeds: northstar? downstream', [
            ['relation', 'storage.type.relation.pom', 'meta.declaration.relation.pom'],
            ['covers', 'variable.other.property.declaration.pom'],
            [':', 'punctuation.separator.key-value.pom'],
            ['bet', 'entity.name.type.kind.pom'],
            ['|', 'punctuation.separator.union.pom'],
            ['option', 'entity.name.type.kind.pom'],
            ['+', 'keyword.operator.cardinality.pom'],
            ['upstream', 'keyword.other.flow.pom'],
            [',', 'punctuation.separator.comma.pom'],
            ['relation', 'storage.type.relation.pom'],
            ['feeds', 'variable.other.property.declaration.pom'],
            ['northstar', 'entity.name.type.kind.pom'],
            ['?', 'keyword.operator.cardinality.pom'],
            ['downstream', 'keyword.other.flow.pom'],
        ]);
        expectScopes('relation learned: impact* feedback', [
            ['impact', 'entity.name.type.kind.pom'],
            ['*', 'keyword.operator.cardinality.pom'],
            ['feedback', 'keyword.other.flow.pom'],
        ]);
        expectScopes('relation about: persona', [['persona', 'entity.name.type.kind.pom']]);
    });

    it('a relation that passes context: `inherits` and its keys, up to the next member', () => {
        expectScopes('relation serves: bet* upstream inherits horizon, owner, funding, field f: string', [
            ['upstream', 'keyword.other.flow.pom'],
            ['inherits', 'keyword.other.inherits.pom', 'meta.declaration.relation.pom'],
            ['horizon', 'variable.other.property.pom'],
            [',', 'punctuation.separator.comma.pom'],
            ['owner', 'variable.other.property.pom'],
            ['funding', 'variable.other.property.pom'],
            ['field', 'storage.type.field.pom'],
            ['f', 'variable.other.property.declaration.pom'],
        ]);
        expectScopes('field span: enum { months, years } | duration', [
            ['years', 'variable.other.enummember.pom'],
            ['|', 'punctuation.separator.union.pom'],
            ['duration', 'support.type.primitive.pom'],
        ]);
    });

    it('an element header: kind, name and a title with escapes', () => {
        expectScopes('bet WizardBet "A guided setup lifts \\"completion\\"" {', [
            ['bet', 'entity.name.type.kind.pom', 'meta.declaration.element.pom'],
            ['WizardBet', 'entity.name.function.element.pom'],
            ['"', 'punctuation.definition.string.begin.pom'],
            ['A guided setup lifts ', 'string.quoted.double.pom'],
            ['\\"', 'constant.character.escape.pom'],
            ['completion', 'string.quoted.double.pom'],
            ['\\"', 'constant.character.escape.pom'],
            ['"', 'punctuation.definition.string.end.pom'],
            ['{', 'punctuation.section.block.begin.pom', 'meta.block.element.pom'],
        ]);
        expectScopes('northstar NorthStar "Weekly collaborating teams"', [
            ['northstar', 'entity.name.type.kind.pom'],
            ['NorthStar', 'entity.name.function.element.pom'],
            ['Weekly collaborating teams', 'string.quoted.double.pom'],
        ]);
    });

    it('entries: keys, strings, durations, enum literals and separators', () => {
        expectScopes('horizon: quarters', [
            ['horizon', 'variable.other.property.key.pom', 'meta.block.element.pom'],
            [':', 'punctuation.separator.key-value.pom'],
            ['quarters', 'variable.other.reference.pom'],
        ]);
        expectScopes('hypothesis: "If new teams get a guided setup, completion rises from 42% to 55%"', [
            ['hypothesis', 'variable.other.property.key.pom'],
            ['If new teams get a guided setup, completion rises from 42% to 55%', 'string.quoted.double.pom'],
        ]);
        expectScopes('appetite: 6 weeks', [
            ['6 ', 'constant.numeric.duration.pom'],
            ['weeks', 'constant.numeric.duration.pom', 'keyword.other.unit.duration.pom'],
        ]);
        expectScopes('tags: "plg", "activation"; confidence: medium', [
            ['plg', 'string.quoted.double.pom'],
            [',', 'punctuation.separator.comma.pom'],
            ['activation', 'string.quoted.double.pom'],
            [';', 'punctuation.terminator.pom'],
            ['confidence', 'variable.other.property.key.pom'],
            ['medium', 'variable.other.reference.pom'],
        ]);
    });

    it('multi-line strings: a title and a value over several lines, escapes, and the element that goes on after them', () => {
        expectScopes('bet Paragraph """', [
            ['Paragraph', 'entity.name.function.element.pom'],
            ['"""', 'punctuation.definition.string.begin.pom', 'string.quoted.triple.pom'],
        ]);
        expectScopes('A title over two lines', [
            ['    A title over two lines', 'string.quoted.triple.pom', 'meta.declaration.element.pom'],
        ]);
        expectScopes('""" {', [
            ['"""', 'punctuation.definition.string.end.pom'],
            ['{', 'punctuation.section.block.begin.pom', 'meta.block.element.pom'],
        ]);
        expectScopes('If teams see {braces} and "quotes", a \\""" stays text,', [
            ['    If teams see {braces} and "quotes", a ', 'string.quoted.triple.pom', 'meta.block.element.pom'],
            ['\\"', 'constant.character.escape.pom'],
            ['"" stays text,', 'string.quoted.triple.pom'],
        ]);
        expectScopes('and the text ends with a "quote""""', [
            ['    and the text ends with a "quote"', 'string.quoted.triple.pom'],
            ['"""', 'punctuation.definition.string.end.pom'],
        ]);
        expectScopes('toward: NorthStar', [
            ['toward', 'variable.other.property.key.pom', 'meta.block.element.pom'],
            ['NorthStar', 'variable.other.reference.pom'],
        ]);
    });

    it('a reference with link metadata holding every value type', () => {
        expectScopes(
            'targets: Completion [confidence: medium, by: 7%, weight: -0.5, due: 2026-12-01, in: 2026-Q4, for: 2 sprints, note: "up\\tright"]',
            [
                ['targets', 'variable.other.property.key.pom'],
                ['Completion', 'variable.other.reference.pom'],
                ['[', 'punctuation.section.metadata.begin.pom', 'meta.metadata.pom'],
                ['confidence', 'entity.other.attribute-name.metadata.pom'],
                [':', 'punctuation.separator.key-value.pom'],
                ['medium', 'constant.other.symbol.pom', 'meta.metadata.pom'],
                [',', 'punctuation.separator.comma.pom'],
                ['by', 'entity.other.attribute-name.metadata.pom'],
                ['7', 'constant.numeric.percent.pom'],
                ['%', 'keyword.other.unit.percent.pom'],
                ['weight', 'entity.other.attribute-name.metadata.pom'],
                ['-0.5', 'constant.numeric.decimal.pom'],
                ['due', 'entity.other.attribute-name.metadata.pom'],
                ['2026-12-01', 'constant.numeric.date.pom'],
                ['in', 'entity.other.attribute-name.metadata.pom'],
                ['2026-Q4', 'constant.numeric.quarter.pom'],
                ['for', 'entity.other.attribute-name.metadata.pom'],
                ['2 ', 'constant.numeric.duration.pom'],
                ['sprints', 'keyword.other.unit.duration.pom'],
                ['note', 'entity.other.attribute-name.metadata.pom'],
                ['up', 'string.quoted.double.pom'],
                ['\\t', 'constant.character.escape.pom'],
                ['right', 'string.quoted.double.pom'],
                [']', 'punctuation.section.metadata.end.pom'],
            ],
        );
    });

    it('a qualified reference', () => {
        expectScopes('toward: acme.fixture.NorthStar // the one measure that matters', [
            ['toward', 'variable.other.property.key.pom'],
            ['acme', 'variable.other.reference.pom'],
            ['.', 'punctuation.accessor.dot.pom'],
            ['fixture', 'variable.other.reference.pom'],
            ['.', 'variable.other.reference.pom'],
            ['NorthStar', 'variable.other.reference.pom'],
        ]);
    });

    it('nested elements, on one line and over several', () => {
        expectScopes('experiment Prototype "Clickable prototype with 20 teams" { horizon: months, starts: 2026-07-06 }', [
            ['experiment', 'entity.name.type.kind.pom', 'meta.block.element.pom'],
            ['Prototype', 'entity.name.function.element.pom'],
            ['Clickable prototype with 20 teams', 'string.quoted.double.pom'],
            ['{', 'punctuation.section.block.begin.pom'],
            ['horizon', 'variable.other.property.key.pom'],
            ['months', 'variable.other.reference.pom'],
            [',', 'punctuation.separator.comma.pom'],
            ['starts', 'variable.other.property.key.pom'],
            ['2026-07-06', 'constant.numeric.date.pom'],
            ['}', 'punctuation.section.block.end.pom'],
        ]);
        expectScopes('spike DbSpike "Can the database take it?" {', [
            ['spike', 'entity.name.type.kind.pom'],
            ['DbSpike', 'entity.name.function.element.pom'],
        ]);
        expectScopes('for: WizardBet, timebox: 2 weeks', [
            ['for', 'variable.other.property.key.pom'],
            ['WizardBet', 'variable.other.reference.pom'],
            [',', 'punctuation.separator.comma.pom'],
            ['timebox', 'variable.other.property.key.pom'],
            ['weeks', 'keyword.other.unit.duration.pom'],
        ]);
        // Two bodies deep: the nested element's body sits inside its parent's.
        const risk = fixture.lines.find((line) => line.text.trim() === 'risk: high');
        const high = risk?.tokens.find((token) => token.text === 'high');
        expect(high?.scopes.filter((scope) => scope === 'meta.block.element.pom')).toHaveLength(2);
    });

    it('numbers: integers, decimals, negatives, quarters and fractional durations', () => {
        expectScopes('funding Fund "Growth" { model: capacity, capacity: 12.5 weeks, period: 2026-Q3 }', [
            ['funding', 'entity.name.type.kind.pom'],
            ['Fund', 'entity.name.function.element.pom'],
            ['model', 'variable.other.property.key.pom'],
            ['capacity', 'variable.other.reference.pom'],
            ['capacity', 'variable.other.property.key.pom'],
            ['12.5 ', 'constant.numeric.duration.pom'],
            ['weeks', 'keyword.other.unit.duration.pom'],
            ['2026-Q3', 'constant.numeric.quarter.pom'],
        ]);
        expectScopes('metric Adoption "Adoption" { baseline: 42, target: -3.25 }', [
            ['42', 'constant.numeric.decimal.pom'],
            ['-3.25', 'constant.numeric.decimal.pom'],
        ]);
    });
    it('evidence: signed quantities, points, a metric source with SQL and a window by quarter', () => {
        expectScopes('field level: quantity', [
            ['field', 'storage.type.field.pom'],
            ['quantity', 'support.type.primitive.pom'],
        ]);
        expectScopes(
            'metric Rate "Completion rate" { unit: percent, baseline: 42%, target: +0.9, freshness: 2 weeks, data: "data/rate.csv", query: "select week as date, rate as value from source" }',
            [
                ['42', 'constant.numeric.percent.pom'],
                ['%', 'keyword.other.unit.percent.pom'],
                ['+0.9', 'constant.numeric.decimal.pom'],
                ['2 ', 'constant.numeric.duration.pom'],
                ['weeks', 'keyword.other.unit.duration.pom'],
                ['data', 'variable.other.property.key.pom'],
                ['data/rate.csv', 'string.quoted.double.pom'],
                ['query', 'variable.other.property.key.pom'],
                ['select week as date, rate as value from source', 'string.quoted.double.pom'],
            ],
        );
        expectScopes('impact Lift "Completion up" { moves: Completion [by: +10pts, tolerance: 1.5 pp, floor: -20%], landed: 2026-09-01 }', [
            ['by', 'entity.other.attribute-name.metadata.pom'],
            ['+10', 'constant.numeric.points.pom', 'meta.metadata.pom'],
            ['pts', 'keyword.other.unit.points.pom'],
            ['tolerance', 'entity.other.attribute-name.metadata.pom'],
            ['1.5 ', 'constant.numeric.points.pom'],
            ['pp', 'keyword.other.unit.points.pom'],
            ['-20', 'constant.numeric.percent.pom'],
            ['%', 'keyword.other.unit.percent.pom'],
            ['landed', 'variable.other.property.key.pom'],
            ['2026-09-01', 'constant.numeric.date.pom'],
        ]);
        expectScopes('bet Later "Next quarter" { when: 2026-Q3 }', [
            ['when', 'variable.other.property.key.pom'],
            ['2026-Q3', 'constant.numeric.quarter.pom'],
        ]);
    });
});

// Checks of a JavaScript formatter before anything is uploaded: the size the server stores, syntax errors with their
// position, and the entry functions the server calls. Pure and synchronous; no vscode.
import { parse, type Node, type Options, type Program } from 'acorn';
import type { Direction } from '../tts/formatters';
import { withoutEditorTypes } from './editorTypes';

/**
 * v3.32.1 refuses a stored formatter script (link default or device formatter) over 40960 characters (Unicode code
 * points: the API validation "value length must be at most 40960 runes") and over 40960 bytes of UTF-8
 * (`as.formatters.max-parameter-length`, pkg/applicationserver/grpc_deviceregistry.go and grpc.go:
 * formatter_script_too_large). Not the swagger's 16 KB. The test endpoints accept larger scripts.
 */
export const MAX_SCRIPT_CHARS = 40960;
export const MAX_SCRIPT_BYTES = 40960;

/** A problem in a script. `line` and `column` are 1-based (as an editor shows them); `end*` likewise, exclusive. */
export interface ScriptProblem {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * The server runs the text as a plain script (not a module) in goja at commit b396bb4 (go.mod of v3.32.1, 2023-10):
 * ES2022 syntax (classes with private elements and static blocks, async/await, optional chaining, `??`, `**`) except
 * what goja implemented later: BigInt, numeric separators, logical assignment (`&&=`, `||=`, `??=`), async generators
 * and `for await`. acorn parses ES2022; the walk below refuses those five.
 */
const PARSE_OPTIONS: Options = { ecmaVersion: 2022, sourceType: 'script' }; // no `locations`: positions come from offsets, only for the few nodes reported

const ENTRY_FUNCTIONS = ['decodeUplink', 'encodeDownlink', 'decodeDownlink', 'Decoder', 'Encoder'] as const;

const number = new Intl.NumberFormat('en-US');

export function checkSize(text: string): { chars: number; bytes: number; problem?: string } {
  const script = withoutEditorTypes(text); // what the server would store
  const bytes = Buffer.byteLength(script, 'utf8');
  // Code points, not UTF-16 units: the server counts runes.
  const chars = bytes === script.length ? bytes : countCodePoints(script);
  let problem: string | undefined;
  if (chars > MAX_SCRIPT_CHARS) {
    problem = `The script has ${number.format(chars)} characters (${number.format(bytes)} bytes), over the ${number.format(MAX_SCRIPT_CHARS)} characters the server stores.`;
  } else if (bytes > MAX_SCRIPT_BYTES) {
    problem = `The script is ${number.format(bytes)} bytes in UTF-8 (${number.format(chars)} characters), over the ${number.format(MAX_SCRIPT_BYTES)} bytes the server stores: characters beyond ASCII count 2 to 4 bytes each.`;
  }
  return problem ? { chars, bytes, problem } : { chars, bytes };
}

/** Syntax errors (the first one: the parser stops there), and a warning when no entry function is defined. */
export function checkSyntax(script: string): ScriptProblem[] {
  const { problems, defined } = analyse(script);
  if (defined && !ENTRY_FUNCTIONS.some((name) => defined.has(name))) {
    problems.push(
      atStart(
        `No formatter function is defined: the server calls ${ENTRY_FUNCTIONS.join(', ')} (as the direction needs).`,
      ),
    );
  }
  return problems;
}

/**
 * Size, syntax, and the entry function the server calls for this direction. v3.32.1's wrappers
 * (pkg/messageprocessors/javascript/javascript.go): uplink calls decodeUplink, else the legacy Decoder; downlink
 * encoding calls encodeDownlink, else the legacy Encoder; down/decode calls decodeDownlink with no fallback (optional).
 */
export function checkScript(script: string, direction: Direction): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  const size = checkSize(script);
  if (size.problem) {
    problems.push({ ...positionOfLimit(script), ...endOf(script), message: size.problem, severity: 'error' });
  }
  const analysed = analyse(script);
  problems.push(...analysed.problems);
  const defined = analysed.defined;
  if (defined && direction === 'up' && !defined.has('decodeUplink') && !defined.has('Decoder')) {
    problems.push(
      atStart(
        'No decodeUplink(input) function (nor the legacy Decoder(bytes, fPort)): the server fails every uplink with "ReferenceError: Decoder is not defined".',
      ),
    );
  }
  if (defined && direction === 'down' && !defined.has('encodeDownlink') && !defined.has('Encoder')) {
    problems.push(
      atStart(
        'No encodeDownlink(input) function (nor the legacy Encoder(data, fPort)): the server cannot encode downlinks sent as decoded_payload.',
      ),
    );
  }
  return problems;
}

function atStart(message: string): ScriptProblem {
  return { line: 1, column: 1, message, severity: 'warning' };
}

/** Parses once: the syntax error, or the definition problems and the top-level names. */
function analyse(script: string): { problems: ScriptProblem[]; defined?: Set<string> } {
  const parsed = parseScript(script);
  if (!parsed.program) {
    return { problems: [parsed.problem] };
  }
  const defined = topLevelNames(parsed.program);
  return { problems: definitionProblems(script, parsed.program, defined), defined };
}

type Parsed = { program: Program; problem?: undefined } | { program?: undefined; problem: ScriptProblem };

function parseScript(script: string): Parsed {
  try {
    return { program: parse(script, PARSE_OPTIONS) };
  } catch (error: unknown) {
    if (error instanceof SyntaxError && 'loc' in error) {
      const loc = (error as SyntaxError & { loc: { line: number; column: number } }).loc;
      return {
        problem: {
          line: loc.line,
          column: loc.column + 1,
          message: syntaxMessage(error.message),
          severity: 'error',
        },
      };
    }
    throw error;
  }
}

function syntaxMessage(raw: string): string {
  const message = raw.replace(/ \(\d+:\d+\)$/, '');
  if (/'import' and 'export' may appear only/.test(message)) {
    return 'import and export are not available: the server runs the formatter as a plain script, not a module.';
  }
  return `Syntax error: ${message}.`;
}

/** Names a top-level statement defines: function declarations, var/let/const, and `name = …` / `this.name = …`. */
function topLevelNames(program: Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'FunctionDeclaration' && statement.id) {
      names.add(statement.id.name);
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        if (declarator.id.type === 'Identifier') {
          names.add(declarator.id.name);
        }
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const target = statement.expression.left;
      if (target.type === 'Identifier') {
        names.add(target.name);
      } else if (
        target.type === 'MemberExpression' &&
        !target.computed &&
        target.property.type === 'Identifier' &&
        (target.object.type === 'ThisExpression' ||
          (target.object.type === 'Identifier' && ['globalThis', 'self'].includes(target.object.name)))
      ) {
        names.add(target.property.name);
      }
    }
  }
  return names;
}

/**
 * What the server's wrapper collides with: it appends `function main(input) {…}` to the script, so a top-level
 * `main` function of the script is replaced (and `let`/`const main` is a syntax error there); and the server has no
 * `console` (README "(1) Payload formatters": calling it throws ReferenceError).
 */
function definitionProblems(script: string, program: Program, defined: Set<string>): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const statement of program.body) {
    const main =
      statement.type === 'FunctionDeclaration' && statement.id?.name === 'main'
        ? statement.id
        : statement.type === 'VariableDeclaration'
          ? statement.declarations.find((d) => d.id.type === 'Identifier' && d.id.name === 'main')?.id
          : undefined;
    if (main) {
      problems.push({
        ...range(script, main),
        message:
          statement.type === 'VariableDeclaration' && statement.kind !== 'var'
            ? 'The server appends its own function main(input) to the script: a top-level let/const main is a SyntaxError there. Rename it.'
            : 'The server appends its own function main(input) to the script, which replaces this one. Rename it.',
        severity: statement.type === 'VariableDeclaration' && statement.kind !== 'var' ? 'error' : 'warning',
      });
    }
  }
  problems.push(...walkProblems(script, program, defined), ...fPortObjectProblems(script, program));
  return problems;
}

/** Text that may hold what the walk looks for; most scripts hold none, and the walk is the costly part of a check. */
const WALK_HINT = /console|\d_\d|\b(?:\d+|0[xXoObB][\da-fA-F]+)n\b|&&=|\|\|=|\?\?=|\basync\b/;

/**
 * One walk over the tree for: the first use of `console` (unless the script defines it), and syntax goja of v3.32.1
 * does not compile (see PARSE_OPTIONS).
 */
function walkProblems(script: string, program: Program, defined: Set<string>): ScriptProblem[] {
  if (!WALK_HINT.test(script)) {
    return [];
  }
  const problems: ScriptProblem[] = [];
  let consoleUse: Node | undefined;
  const unsupported = (node: Node, what: string, are = false) =>
    problems.push({
      ...range(script, node),
      message: `${what} ${are ? 'are' : 'is'} not supported by the server's JavaScript engine (goja in v3.32.1): the script would not compile there.`,
      severity: 'error',
    });
  walk(program, (n, parent, key) => {
    switch (n.type) {
      case 'Identifier':
        if (!consoleUse && n.name === 'console' && isReference(parent, key)) {
          consoleUse = n;
        }
        return false;
      case 'Literal':
        if (typeof n.bigint === 'string') {
          unsupported(n, `BigInt literals (${String(n.raw)})`, true);
        } else if (typeof n.value === 'number' && String(n.raw).includes('_')) {
          unsupported(n, `Numeric separators (${String(n.raw)})`, true);
        }
        return false;
      case 'AssignmentExpression':
        if (n.operator === '&&=' || n.operator === '||=' || n.operator === '??=') {
          unsupported(n, `The logical assignment ${String(n.operator)}`);
        }
        break;
      case 'ForOfStatement':
        if (n.await) {
          unsupported(n, 'for await');
        }
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        if (n.async && n.generator) {
          unsupported(n, 'Async generators', true);
        }
        break;
    }
    return true;
  });
  if (consoleUse && !defined.has('console')) {
    problems.push({
      ...range(script, consoleUse),
      message:
        'The server has no console: this call throws "ReferenceError: console is not defined" there. Return warnings instead.',
      severity: 'warning',
    });
  }
  return problems;
}

type AnyNode = Node & Record<string, unknown>;

/** Visits every node under `root` (depth first); `visit` returns false to skip a node's children. */
function walk(root: Node, visit: (node: AnyNode, parent: AnyNode | undefined, key: string) => boolean): void {
  const go = (value: unknown, parent: AnyNode | undefined, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        go(item, parent, key);
      }
      return;
    }
    const node = value as AnyNode;
    if (!visit(node, parent, key)) {
      return;
    }
    for (const k in node) {
      const child = node[k];
      if (child && typeof child === 'object') {
        go(child, node, k);
      }
    }
  };
  go(root, undefined, '');
}

/**
 * encodeDownlink's `input.fPort` (and the legacy Encoder's fPort) is a Number object on v3.32.1: the server passes a Go
 * *uint8, which goja wraps as an object (checked with goja b396bb4: typeof "object", `input.fPort === 2` false,
 * `input.fPort == 2` true). A strict comparison, a switch or typeof on it never does what it says.
 */
function fPortObjectProblems(script: string, program: Program): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  for (const statement of program.body) {
    const fn = topLevelFunction(statement);
    if (!fn || (fn.name !== 'encodeDownlink' && fn.name !== 'Encoder')) {
      continue;
    }
    const param = (fn.node.params as AnyNode[])[fn.name === 'Encoder' ? 1 : 0] as AnyNode | undefined;
    const isFPort = fPortMatcher(param, fn.name === 'encodeDownlink');
    if (!isFPort) {
      continue;
    }
    walk(fn.node.body as Node, (n) => {
      const strict =
        n.type === 'BinaryExpression' &&
        (n.operator === '===' || n.operator === '!==') &&
        (isFPort(n.left as AnyNode) || isFPort(n.right as AnyNode));
      const switched = n.type === 'SwitchStatement' && isFPort(n.discriminant as AnyNode);
      const typed = n.type === 'UnaryExpression' && n.operator === 'typeof' && isFPort(n.argument as AnyNode);
      if (strict || switched || typed) {
        const what = switched
          ? 'a switch on it never matches a case'
          : typed
            ? 'typeof gives "object"'
            : `${String(n.operator)} never matches a number`;
        problems.push({
          ...range(script, (switched ? n.discriminant : n) as Node),
          message: `In ${fn.name}, fPort is a Number object on the server, not a number: ${what}. Use Number(${fn.name === 'Encoder' ? 'fPort' : 'input.fPort'}).`,
          severity: 'warning',
        });
      }
      return true;
    });
  }
  return problems;
}

function topLevelFunction(statement: Program['body'][number]): { name: string; node: AnyNode } | undefined {
  if (statement.type === 'FunctionDeclaration' && statement.id) {
    return { name: statement.id.name, node: statement as unknown as AnyNode };
  }
  if (statement.type === 'VariableDeclaration') {
    for (const d of statement.declarations) {
      if (
        d.id.type === 'Identifier' &&
        (d.init?.type === 'FunctionExpression' || d.init?.type === 'ArrowFunctionExpression')
      ) {
        return { name: d.id.name, node: d.init as unknown as AnyNode };
      }
    }
  }
  return undefined;
}

/** Recognises the fPort of a parameter: `input.fPort` for an `input` object, `fPort` for `{ fPort }` or a plain one. */
function fPortMatcher(param: AnyNode | undefined, isInputObject: boolean): ((n: AnyNode) => boolean) | undefined {
  if (param?.type === 'Identifier') {
    const name = param.name as string;
    return isInputObject
      ? (n) =>
          n.type === 'MemberExpression' &&
          !n.computed &&
          (n.object as AnyNode).type === 'Identifier' &&
          (n.object as AnyNode).name === name &&
          (n.property as AnyNode).name === 'fPort'
      : (n) => n.type === 'Identifier' && n.name === name;
  }
  if (isInputObject && param?.type === 'ObjectPattern') {
    const property = (param.properties as AnyNode[]).find(
      (p) => p.type === 'Property' && (p.key as AnyNode).name === 'fPort' && (p.value as AnyNode).type === 'Identifier',
    );
    const name = property && ((property.value as AnyNode).name as string);
    return name ? (n) => n.type === 'Identifier' && n.name === name : undefined;
  }
  return undefined;
}

function isReference(parent: AnyNode | undefined, key: string): boolean {
  if (!parent) {
    return true;
  }
  if (parent.type === 'MemberExpression' && key === 'property' && !parent.computed) {
    return false;
  }
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition') && key === 'key' && !parent.computed) {
    return false;
  }
  return !['params', 'id', 'label'].includes(key);
}

function range(script: string, node: Node): Pick<ScriptProblem, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const start = positionAt(script, node.start);
  const end = positionAt(script, node.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** The 1-based line and column (UTF-16 units, as editors count) of an offset. Line breaks as the parser counts them. */
function positionAt(script: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const lineBreak = /\r\n?|[\n\u2028\u2029]/g;
  for (let m = lineBreak.exec(script); m && m.index < offset; m = lineBreak.exec(script)) {
    line++;
    lineStart = m.index + m[0].length;
  }
  return { line, column: offset - lineStart + 1 };
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
      }
    }
    count++;
  }
  return count;
}

/** The 1-based position of the first character beyond either limit: where the excess starts. */
function positionOfLimit(script: string): { line: number; column: number } {
  let bytes = 0;
  let chars = 0;
  let line = 1;
  let column = 1;
  for (const ch of script) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (chars + 1 > MAX_SCRIPT_CHARS || bytes + size > MAX_SCRIPT_BYTES) {
      return { line, column };
    }
    chars++;
    bytes += size;
    if (ch === '\n') {
      line++;
      column = 1;
    } else {
      column += ch.length;
    }
  }
  return { line, column };
}

function endOf(script: string): { endLine: number; endColumn: number } {
  const lines = script.split('\n');
  return { endLine: lines.length, endColumn: lines[lines.length - 1].length + 1 };
}

// Checks of a JavaScript formatter before anything is uploaded: the size the server stores, syntax errors with their
// position, and the entry functions the server calls. Pure and synchronous; no vscode.
import { parse, type Node, type Options, type Program } from 'acorn';
import type { Direction } from '../tts/formatters';

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
 * goja of v3.32.1 (2023-10) parses roughly ES2020 scripts (not modules): optional chaining and `??` work, `import` /
 * `export` do not. The server runs the text as a plain script, so `sourceType: 'script'`.
 */
const PARSE_OPTIONS: Options = { ecmaVersion: 2020, sourceType: 'script' }; // no `locations`: positions come from offsets, only for the few nodes reported

const ENTRY_FUNCTIONS = ['decodeUplink', 'encodeDownlink', 'decodeDownlink', 'Decoder', 'Encoder'] as const;

const number = new Intl.NumberFormat('en-US');

export function checkSize(script: string): { chars: number; bytes: number; problem?: string } {
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
  const consoleUse = defined.has('console') ? undefined : findGlobalUse(script, program, 'console');
  if (consoleUse) {
    problems.push({
      ...range(script, consoleUse),
      message:
        'The server has no console: this call throws "ReferenceError: console is not defined" there. Return warnings instead.',
      severity: 'warning',
    });
  }
  return problems;
}

/** The first use of a global name (an identifier in expression position), unless the script declares it. */
function findGlobalUse(script: string, program: Program, name: string): Node | undefined {
  if (!script.includes(name)) {
    return undefined; // the walk below is the costly part of a check; most scripts never mention the name
  }
  let found: Node | undefined;
  const visit = (node: unknown, parent: unknown, key: string): void => {
    if (found || !node || typeof node !== 'object') {
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) {
        visit(item, parent, key);
      }
      return;
    }
    const n = node as Node & Record<string, unknown>;
    if (n.type === 'Identifier' && n.name === name && isReference(parent as Record<string, unknown>, key)) {
      found = n;
      return;
    }
    for (const k in n) {
      const value = n[k];
      if (value && typeof value === 'object') {
        visit(value, n, k);
      }
    }
  };
  visit(program, undefined, '');
  return found;
}

function isReference(parent: Record<string, unknown> | undefined, key: string): boolean {
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

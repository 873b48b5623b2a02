// The syntax checks of a formatter script, with the parser (acorn): syntax errors with their position, what the
// server's engine does not compile, and the entry functions the server calls. Pure and synchronous; no vscode. Loaded
// on first use (formatters/vscode/diagnostics.ts): the parser is most of the code.
import { parse, type Options, type Program } from 'acorn';
import type { Direction } from '../tts/formatters';
import { atStart, range, sizeProblems, type ScriptProblem } from './checks';
import { fPortObjectProblems, walkProblems } from './syntaxWalk';

/**
 * The server runs the text as a plain script (not a module) in goja at commit b396bb4 (go.mod of v3.32.1, 2023-10):
 * ES2022 syntax (classes with private elements and static blocks, async/await, optional chaining, `??`, `**`) except
 * what goja implemented later: BigInt, numeric separators, logical assignment (`&&=`, `||=`, `??=`), async generators
 * and `for await`. acorn parses ES2022; syntaxWalk.ts refuses those five.
 */
const PARSE_OPTIONS: Options = { ecmaVersion: 2022, sourceType: 'script' }; // no `locations`: positions come from offsets, only for the few nodes reported

const ENTRY_FUNCTIONS = ['decodeUplink', 'encodeDownlink', 'decodeDownlink', 'Decoder', 'Encoder'] as const;

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
  const problems = sizeProblems(script);
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

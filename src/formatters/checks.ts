// Checks of a formatter script before anything is uploaded that need no parser: the size the server stores, and the
// positions problems are reported at. Pure and synchronous; no vscode. The syntax checks are syntax.ts (the parser).
import type { Node } from 'acorn';
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

// Not Intl.NumberFormat: creating one costs about 20 ms (ICU data), and this module is part of what activation loads.
const number = { format: (n: number): string => n.toLocaleString('en-US') };

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

/** The size problem of a script, placed where the excess starts, if it is over either limit. */
export function sizeProblems(script: string): ScriptProblem[] {
  const size = checkSize(script);
  return size.problem
    ? [{ ...positionOfLimit(script), ...endOf(script), message: size.problem, severity: 'error' }]
    : [];
}

export function atStart(message: string): ScriptProblem {
  return { line: 1, column: 1, message, severity: 'warning' };
}

export function range(script: string, node: Node): Pick<ScriptProblem, 'line' | 'column' | 'endLine' | 'endColumn'> {
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

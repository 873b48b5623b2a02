// Positions in the server's script errors, mapped back to the user's file. v3.32.1 runs the formatter inside a
// wrapper (pkg/messageprocessors/javascript/javascript.go: fmt.Sprintf("\n\t\t%s\n\n\t\tfunction main(input) {…")):
// the script starts on line 2 after two tabs. goja reports 1-based lines and columns, as "<eval>:LINE:COL(PC)" in
// stack traces ("Error: boom at decodeUplink (<eval>:2:39(3))") and "Line LINE:COL" in syntax errors
// ("SyntaxError: (anonymous): Line 2:47 Unexpected token }").

/** Lines the wrapper puts before the script, and the indent before its first line. */
const LINES_BEFORE = 1;
const FIRST_LINE_INDENT = 2;

const STACK_POSITION = /<eval>:(\d+):(\d+)(?:\(\d+\))?/g;
const SYNTAX_POSITION = /\bLine (\d+):(\d+)/g;

export interface ScriptPosition {
  /** 1-based, in the user's script. */
  line: number;
  column: number;
}

/** Maps a server line/column into the script; undefined when it points into the server's wrapper. */
export function scriptPosition(serverLine: number, serverColumn: number, script: string): ScriptPosition | undefined {
  const line = serverLine - LINES_BEFORE;
  const lines = script.split(/\r\n?|\n/).length;
  if (line < 1 || line > lines) {
    return undefined;
  }
  const column = line === 1 ? serverColumn - FIRST_LINE_INDENT : serverColumn;
  return { line, column: Math.max(1, column) };
}

/** The first position in a server error message that lies in the script (the innermost frame of the user's code). */
export function serverErrorPosition(message: string, script: string): ScriptPosition | undefined {
  for (const pattern of [STACK_POSITION, SYNTAX_POSITION]) {
    for (const m of message.matchAll(pattern)) {
      const at = scriptPosition(Number(m[1]), Number(m[2]), script);
      if (at) {
        return at;
      }
    }
  }
  return undefined;
}

/**
 * The message with every position rewritten for the user's file: "<eval>:2:39(3)" → "line 1, column 37",
 * "Line 2:47" → "line 1, column 45"; positions in the wrapper become "the server's wrapper".
 */
export function describeServerError(message: string, script: string): string {
  const rewrite = (line: string, column: string) => {
    const at = scriptPosition(Number(line), Number(column), script);
    return at ? `line ${at.line}, column ${at.column}` : "the server's wrapper";
  };
  return message
    .replace(STACK_POSITION, (_m, line: string, column: string) => rewrite(line, column))
    .replace(SYNTAX_POSITION, (_m, line: string, column: string) => rewrite(line, column));
}

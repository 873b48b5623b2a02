// Types for the editor in a pulled formatter file, without changing the script the server holds. Pulling puts one
// JSDoc line above each entry function the script defines without one (`/** @type {DecodeUplinkFunction} … */`), so
// `input` is typed from formatter.d.ts (hover and completion show its fields). The line is marked: it is left out of
// every comparison with the server, of the size limit and of what is deployed (pure, no vscode).

const MARK = 'Things Stack Manager: editor types, not deployed.';

/** Each entry function the server may call, and its signature in media/formatters/formatter.d.ts. */
const TYPES: Record<string, string> = {
  decodeUplink: 'DecodeUplinkFunction',
  normalizeUplink: 'NormalizeUplinkFunction',
  encodeDownlink: 'EncodeDownlinkFunction',
  decodeDownlink: 'DecodeDownlinkFunction',
  Decoder: 'LegacyDecoderFunction',
  Encoder: 'LegacyEncoderFunction',
};

const DECLARATION = new RegExp(`^function[ \\t]+(${Object.keys(TYPES).join('|')})[ \\t]*\\(`, 'gm');
const TYPES_LINE = new RegExp(`^[ \\t]*/\\*\\* @type \\{\\w+\\} ${MARK.replace(/\./g, '\\.')} \\*/\\r?\\n`, 'gm');

/** The script with a types line above each top-level entry function that has no JSDoc of its own. */
export function withEditorTypes(script: string): string {
  const newline = script.includes('\r\n') ? '\r\n' : '\n';
  return script.replace(DECLARATION, (declaration: string, name: string, offset: number) =>
    script.slice(0, offset).trimEnd().endsWith('*/')
      ? declaration
      : `/** @type {${TYPES[name]}} ${MARK} */${newline}${declaration}`,
  );
}

/** The script the file stands for on the server: the file without the lines withEditorTypes added. */
export function withoutEditorTypes(text: string): string {
  return text.replace(TYPES_LINE, '');
}

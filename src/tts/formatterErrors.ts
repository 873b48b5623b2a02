// What the formatter endpoints' errors mean to the user (v3.32.1, goja): a one-line text for the script's own
// errors, time and size limits and what the server cannot run, and where in the user's script an error points.
import { readable, TtsError, type TtsErrorDetails } from './errors';
import { SCRIPT_TIMEOUT_MS } from './formatters';

/** Where a script error points in the user's script: TTS wraps the script (`\n\t\t<script>\n…`), one line down. */
export interface ScriptPosition {
  line: number;
  column: number;
}

const EVAL_POSITION = /\s*\(?<eval>:(\d+):(\d+)(?:\(\d+\))?\)?/;

/** The position of a script error in the user's script (1-based), when the server names one inside it. */
export function formatterErrorPosition(err: unknown): ScriptPosition | undefined {
  if (!(err instanceof TtsError) || err.id !== 'pkg/scripting/javascript:script') {
    return undefined;
  }
  const message = String(err.attributes.message ?? err.message);
  if (/ at main \(/.test(message)) {
    return undefined; // in TTS's wrapper, not the user's code
  }
  const at = EVAL_POSITION.exec(message);
  if (at) {
    const line = Number(at[1]) - 1;
    return { line, column: Math.max(1, Number(at[2]) - (line === 1 ? 2 : 0)) };
  }
  const syntax = /Line (\d+):(\d+)/.exec(message);
  if (syntax && !/Unexpected end of input/.test(message)) {
    const line = Number(syntax[1]) - 1;
    return { line, column: Math.max(1, Number(syntax[2]) - (line === 1 ? 2 : 0)) };
  }
  return undefined;
}

function innermost(details: TtsErrorDetails | undefined): TtsErrorDetails | undefined {
  let d = details;
  while (d?.cause) {
    d = d.cause;
  }
  return d;
}

function scriptText(err: TtsError): string {
  const message = String(err.attributes.message ?? err.message);
  const missing = /^ReferenceError: (\w+) is not defined at main \(/.exec(message);
  if (missing) {
    const wanted: Record<string, string> = {
      Decoder: 'the script defines neither decodeUplink(input) nor the legacy Decoder(bytes, fPort)',
      Encoder: 'the script defines neither encodeDownlink(input) nor the legacy Encoder(object, fPort)',
      decodeDownlink: 'the script does not define decodeDownlink(input)',
    };
    return wanted[missing[1]] ?? `${missing[1]} is not defined`;
  }
  if (/^SyntaxError:/.test(message)) {
    const reason = message
      .replace(/^(SyntaxError: )+/, '')
      .replace(/^\(anonymous\): Line \d+:\d+ /, '')
      .replace(/ \(and \d+ more errors?\)$/, '');
    const position = formatterErrorPosition(err);
    return position ? `syntax error: ${reason} (line ${position.line})` : `syntax error: ${reason}`;
  }
  if (/ at main \(/.test(message)) {
    return `the formatter's result could not be used: ${message.replace(/ at main \(.*$/, '')}`;
  }
  const thrower = / at ([\w$.]+) \(<eval>/.exec(message)?.[1];
  const position = formatterErrorPosition(err);
  const text = message.replace(EVAL_POSITION, position ? ` (line ${position.line})` : '');
  return thrower ? `${thrower} threw: ${text}` : `the formatter threw: ${text}`;
}

/**
 * A readable one-line text for the errors the formatter endpoints give (the script's own errors, time and size
 * limits, what the server cannot run), or undefined for any other error.
 */
export function formatterErrorText(err: unknown): string | undefined {
  if (!(err instanceof TtsError)) {
    return undefined;
  }
  const cause = innermost(err.ttsCause);
  const attr = (key: string, from: Record<string, unknown> | undefined = err.attributes): string =>
    String(from?.[key] ?? '');
  switch (err.id) {
    case 'pkg/messageprocessors/javascript:output_errors':
      return `the formatter returned errors: ${attr('errors')}`;
    case 'pkg/messageprocessors/javascript:output_encoding':
      return `the formatter's data cannot be represented as JSON: ${attr('errors')}`;
    case 'pkg/messageprocessors/javascript:output': {
      if (cause?.name === 'no_script_output') {
        return 'the formatter returned nothing (null or undefined)';
      }
      const why = String(cause?.attributes?.message ?? '');
      const value = /.*could not convert (.+?) to map\[/.exec(why)?.[1]; // the innermost conversion
      return value !== undefined
        ? `the formatter's data must be an object, not ${value}`
        : `the formatter's output is invalid${why ? `: ${why}` : ''}`;
    }
    case 'pkg/scripting/javascript:script':
      return scriptText(err);
    case 'pkg/scripting/javascript:runtime':
      return `the formatter failed: ${attr('message')}`;
    case 'pkg/scripting/javascript:no_script_output':
      return 'the formatter returned nothing (null or undefined)';
    case 'pkg/scripting/javascript:script_timeout':
      return `the formatter ran longer than the server allows (${SCRIPT_TIMEOUT_MS} ms)`;
    case 'pkg/messageprocessors/cayennelpp:output':
      return 'the payload is not valid CayenneLPP (cut short or an unknown data type)';
    case 'pkg/messageprocessors/cayennelpp:input':
      return 'the data cannot be encoded as CayenneLPP';
    case 'pkg/messageprocessors:formatter_not_configured':
      return attr('formatter') === 'FORMATTER_NONE' || !attr('formatter')
        ? 'no formatter to run (type None)'
        : `the server cannot run a ${attr('formatter')} formatter here`;
    case 'pkg/messageprocessors/devicerepository:no_version_identifiers':
      return 'the Device Repository formatter needs the device version IDs (brand, model, firmware, band)';
    case 'pkg/applicationserver:field_value':
      if (cause?.name === 'formatter_script_too_large') {
        return `the script is ${attr('size', cause.attributes)} bytes (UTF-8); the server allows at most ${attr('max_size', cause.attributes)} bytes`;
      }
      return undefined;
    case 'pkg/errors:validation': {
      const reason = attr('reason', cause?.attributes ?? err.attributes);
      const runes = /value length must be at most (\d+) runes/.exec(reason);
      if (runes) {
        return `the script is longer than the server allows (${runes[1]} characters)`;
      }
      const field = attr('field', cause?.attributes ?? err.attributes);
      return /formatter|settings|frequency|data_rate|version_ids|brand_id|model_id/.test(field)
        ? `invalid ${field}: ${reason}`
        : undefined;
    }
    default:
      if (err.namespace.startsWith('pkg/devicerepository')) {
        return `Device Repository: ${readable(err.message)}`;
      }
      return undefined;
  }
}

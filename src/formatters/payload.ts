// Test payloads: bytes typed by the user (hex, base64 or a byte array), their display, and what v3.32.1 changes
// silently around a formatter run (README "(1) Payload formatters"; pkg/messageprocessors/javascript/javascript.go).
import type { FormatterType } from '../tts/formatters';

const HEX_SEPARATORS = /[\s:,-]/;
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/**
 * Bytes from what a user types: hex ("01 67 00 FF", "0x0167", "01:67", "0x01, 0x67"), base64 ("AWcA/w==", also
 * URL-safe, padding optional) or a byte array ("[1, 103, 0, 255]"). Empty text is 0 bytes. Hex wins when the text is
 * only hex digits (so "0102" is two bytes, not base64). Throws an Error naming the bad character and its 1-based
 * position.
 */
export function parseBytes(text: string): Uint8Array {
  const trimmed = text.trim();
  if (trimmed === '') {
    return new Uint8Array(0);
  }
  if (trimmed.startsWith('[')) {
    return parseByteArray(trimmed);
  }
  const offset = text.indexOf(trimmed);
  // "-" is also URL-safe base64, so it marks hex only between digit pairs ("01-67-FF").
  const looksHex =
    /^0x/i.test(trimmed) ||
    /[\s:,]/.test(trimmed) ||
    /^[0-9a-fA-F]+$/.test(trimmed) ||
    /^[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2})+$/.test(trimmed);
  return looksHex ? parseHex(trimmed, offset) : parseBase64(trimmed, offset);
}

function parseHex(text: string, offset: number): Uint8Array {
  const bytes: number[] = [];
  // Groups between separators; each may start with 0x and must have an even number of digits.
  const group = /(?:0[xX])?([^\s:,-]*)/g;
  let i = 0;
  while (i < text.length) {
    if (HEX_SEPARATORS.test(text[i])) {
      i++;
      continue;
    }
    group.lastIndex = i;
    const m = group.exec(text);
    const digits = m?.[1] ?? '';
    const digitsStart = i + (m?.[0].length ?? 0) - digits.length;
    const bad = digits.search(/[^0-9a-fA-F]/);
    if (bad >= 0) {
      throw new Error(
        `"${digits[bad]}" at position ${offset + digitsStart + bad + 1} is not a hex digit (hex bytes are 0-9 and A-F, e.g. "01 67 FF"; base64 has no spaces).`,
      );
    }
    if (digits.length === 0) {
      throw new Error(`"0x" at position ${offset + i + 1} has no hex digits after it.`);
    }
    if (digits.length % 2) {
      throw new Error(
        `"${digits}" at position ${offset + digitsStart + 1} has an odd number of hex digits: each byte needs two (e.g. "0${digits.slice(-1)}").`,
      );
    }
    for (let d = 0; d < digits.length; d += 2) {
      bytes.push(parseInt(digits.slice(d, d + 2), 16));
    }
    i += m?.[0].length ?? 1;
  }
  return Uint8Array.from(bytes);
}

function parseBase64(text: string, offset: number): Uint8Array {
  const body = text.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) {
    if (!BASE64_CHAR.test(body[i])) {
      const what =
        body[i] === '=' ? 'padding "=" may only end base64' : `"${body[i]}" is neither a hex digit nor base64`;
      throw new Error(`${what} (at position ${offset + i + 1}).`);
    }
  }
  const padding = text.length - body.length;
  if (padding > 2 || (padding > 0 && text.length % 4 !== 0)) {
    throw new Error(`"${text}" has ${padding} padding "=" for ${body.length} base64 characters: the length is wrong.`);
  }
  if (body.length % 4 === 1) {
    throw new Error(
      `${body.length} base64 characters cannot be whole bytes (one too many or three too few): check the end of "${text}".`,
    );
  }
  return Uint8Array.from(Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

function parseByteArray(text: string): Uint8Array {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    throw new Error(`"${text}" is not a byte array: write numbers 0 to 255 like [1, 103, 0, 255].`);
  }
  if (!Array.isArray(values)) {
    throw new Error(`"${text}" is not a byte array.`);
  }
  values.forEach((value, index) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) {
      throw new Error(`Item ${index + 1} of the byte array (${JSON.stringify(value)}) is not a byte (0 to 255).`);
    }
  });
  return Uint8Array.from(values as number[]);
}

/** Hex as the Console shows it ("01 67 00 FF") and standard padded base64 (what the API's frm_payload carries). */
export function formatBytes(bytes: Uint8Array): { hex: string; base64: string } {
  return {
    hex: Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' '),
    base64: Buffer.from(bytes).toString('base64'),
  };
}

/** The input fields v3.32.1 passes to each JavaScript function (javascript.go: decodeUplinkInput, encodeDownlinkInput…). */
const INPUT_FIELDS = {
  uplink: ['bytes', 'fPort'],
  'downlink-encode': ['data', 'fPort'],
  'downlink-decode': ['bytes', 'fPort'],
} as const;

/** One formatter test run, as far as it is known: its input, and the server's result when there is one. */
export type SilentChangeInput =
  | {
      direction: 'uplink' | 'downlink-decode';
      type: FormatterType;
      fPort: number;
      script?: string;
      /** The decoded payload the server returned. */
      result?: { data?: unknown };
    }
  | {
      direction: 'downlink-encode';
      type: FormatterType;
      /** The FPort given in the request; undefined or 0 when none. */
      fPort?: number;
      data: Record<string, unknown>;
      script?: string;
      result?: { bytes: Uint8Array; fPort: number };
      /** Bytes the user expected the script to return, as plain numbers (e.g. a test case): values beyond 0–255
       *  that arrive as their low 8 bits are named. */
      expectedBytes?: readonly number[];
    };

/**
 * What the server changes or ignores without an error, as user-facing lines (empty when nothing applies). Only what
 * the input and the result show: a truncated byte is named when the expected value is known.
 */
export function silentChanges(run: SilentChangeInput): string[] {
  const lines: string[] = [];
  if (run.type === 'FORMATTER_JAVASCRIPT' && run.script) {
    const known: readonly string[] = INPUT_FIELDS[run.direction];
    const unknown = [...new Set(Array.from(run.script.matchAll(/\binput\s*\.\s*([A-Za-z_$][\w$]*)/g), (m) => m[1]))]
      .filter((field) => !known.includes(field))
      .sort();
    if (unknown.length) {
      lines.push(
        `${unknown.map((f) => `input.${f}`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} undefined: v3.32.1 passes only ${known.join(' and ')}${unknown.includes('recvTime') ? ' (recvTime came in later versions)' : ''}.`,
      );
    }
  }
  if (
    run.direction !== 'downlink-encode' &&
    run.type === 'FORMATTER_JAVASCRIPT' &&
    /\bnew\s+Date\b/.test(run.script ?? '') &&
    hasEmptyObject(run.result?.data)
  ) {
    lines.push(
      'A Date in data arrives as {}: the server keeps no Date objects. Return date.toISOString() or a number.',
    );
  }
  if (run.direction === 'uplink' && run.fPort === 0) {
    lines.push(
      'FPort 0 carries MAC commands: the Application Server never runs a formatter on live uplinks on FPort 0.',
    );
  }
  if (run.direction !== 'downlink-encode') {
    return lines;
  }
  const requested = run.fPort || undefined;
  if (run.result) {
    if (requested === undefined) {
      if (run.type === 'FORMATTER_JAVASCRIPT') {
        lines.push(
          run.result.fPort === 1
            ? 'No FPort was given: the script saw input.fPort = 0, and the server used FPort 1 (the script returned none).'
            : `No FPort was given: the script saw input.fPort = 0 and chose FPort ${run.result.fPort}.`,
        );
      } else if (run.result.fPort === 1) {
        lines.push('No FPort was given: the server used FPort 1.');
      }
    } else if (run.result.fPort !== requested) {
      lines.push(`The script's fPort ${run.result.fPort} replaced the requested FPort ${requested}.`);
    }
  }
  if (run.type === 'FORMATTER_CAYENNELPP') {
    lines.push(...lppChanges(run.data));
    if (run.result && run.result.bytes.length === 0 && Object.keys(run.data).length > 0) {
      lines.push('Nothing was encoded: the downlink would carry no payload.');
    }
  }
  if (run.expectedBytes && run.result) {
    const actual = run.result.bytes;
    // goja drops the fraction, then Go keeps the low 8 bits (checked with goja b396bb4: 1.7 → 1, 300 → 44, -1 → 255).
    const truncated = run.expectedBytes
      .map((value, index) => ({ value, index, sent: ((Math.trunc(value) % 256) + 256) % 256 }))
      .filter(({ value, index, sent }) => Number.isFinite(value) && value !== sent && actual[index] === sent);
    if (truncated.length) {
      lines.push(
        `Bytes lose their fraction and keep only their low 8 bits: ${truncated
          .map(
            ({ value, index }) =>
              `byte ${index + 1} ${value} became ${actual[index]} (0x${actual[index].toString(16).padStart(2, '0').toUpperCase()})`,
          )
          .join(', ')}.`,
      );
    }
  }
  return lines;
}

/**
 * CayenneLPP downlink encoding (pkg/messageprocessors/cayennelpp: EncodeDownlink, parseName) takes only keys
 * value_<channel> (channel 0–255) with a number, and writes each as the channel and a signed 16-bit count of
 * hundredths ({"value_3":21.5,"value_4":-1} → 03 0866 04 FF9C); everything else is skipped without an error.
 */
function lppChanges(data: Record<string, unknown>): string[] {
  const ignored: string[] = [];
  const notNumbers: string[] = [];
  const inexact: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const m = /^value_(\d+)$/.exec(key);
    if (!m || Number(m[1]) > 255) {
      ignored.push(key);
    } else if (typeof value !== 'number') {
      notNumbers.push(key);
    } else if (value * 100 > 32767 || value * 100 < -32768 || Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) {
      inexact.push(`${key} (${value})`);
    }
  }
  const lines: string[] = [];
  if (ignored.length) {
    lines.push(
      `CayenneLPP encodes only value_<channel> keys (channel 0 to 255): ${ignored.join(', ')} ${ignored.length > 1 ? 'were' : 'was'} ignored.`,
    );
  }
  if (notNumbers.length) {
    lines.push(
      `CayenneLPP encodes only numbers: ${notNumbers.join(', ')} ${notNumbers.length > 1 ? 'were' : 'was'} ignored.`,
    );
  }
  if (inexact.length) {
    lines.push(
      `CayenneLPP sends each value as hundredths in two bytes (-327.68 to 327.67): ${inexact.join(', ')} cannot be sent exactly.`,
    );
  }
  return lines;
}

function hasEmptyObject(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(hasEmptyObject);
  }
  if (typeof value === 'object' && value !== null) {
    const values = Object.values(value);
    return values.length === 0 || values.some(hasEmptyObject);
  }
  return false;
}

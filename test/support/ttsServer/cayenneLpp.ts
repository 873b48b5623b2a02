// CayenneLPP as v3.32.1 runs it (pkg/messageprocessors/cayennelpp over TheThingsNetwork/go-cayenne-lib v1.2.0).
// Uplink: `<channel><type><value>` records, keys `<name>_<channel>`; a cut record or an unknown type is 400
// cayennelpp:output. Downlink: only `value_<channel>` keys, encoded as `<channel><int16 value×100>`; other keys and
// non-numbers are skipped silently; decoding stops at channel 0xFF.
import { TtsError } from './errors';

export const cayenneOutputError = (): TtsError =>
  new TtsError(3, 'pkg/messageprocessors/cayennelpp', 'output', 'invalid output');

interface LppType {
  name: string;
  size: number;
  read(view: DataView, at: number): unknown;
}

const i24 = (view: DataView, at: number): number => {
  const v = (view.getUint8(at) << 16) | (view.getUint8(at + 1) << 8) | view.getUint8(at + 2);
  return v & 0x800000 ? v - 0x1000000 : v;
};
const xyz = (view: DataView, at: number, scale: number) => ({
  x: view.getInt16(at) / scale,
  y: view.getInt16(at + 2) / scale,
  z: view.getInt16(at + 4) / scale,
});

const TYPES: Record<number, LppType> = {
  0: { name: 'digital_in', size: 1, read: (v, a) => v.getUint8(a) },
  1: { name: 'digital_out', size: 1, read: (v, a) => v.getUint8(a) },
  2: { name: 'analog_in', size: 2, read: (v, a) => v.getInt16(a) / 100 },
  3: { name: 'analog_out', size: 2, read: (v, a) => v.getInt16(a) / 100 },
  101: { name: 'luminosity', size: 2, read: (v, a) => v.getUint16(a) },
  102: { name: 'presence', size: 1, read: (v, a) => v.getUint8(a) },
  103: { name: 'temperature', size: 2, read: (v, a) => v.getInt16(a) / 10 },
  104: { name: 'relative_humidity', size: 1, read: (v, a) => v.getUint8(a) / 2 },
  113: { name: 'accelerometer', size: 6, read: (v, a) => xyz(v, a, 1000) },
  115: { name: 'barometric_pressure', size: 2, read: (v, a) => v.getUint16(a) / 10 },
  134: { name: 'gyrometer', size: 6, read: (v, a) => xyz(v, a, 100) },
  136: {
    name: 'gps',
    size: 9,
    read: (v, a) => ({ latitude: i24(v, a) / 10000, longitude: i24(v, a + 3) / 10000, altitude: i24(v, a + 6) / 100 }),
  },
};

const sorted = (map: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.keys(map)
      .sort()
      .map((k) => [k, map[k]]),
  );

export function decodeLppUplink(bytes: Uint8Array): Record<string, unknown> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, unknown> = {};
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) {
      throw cayenneOutputError();
    }
    const channel = bytes[at];
    const type = TYPES[bytes[at + 1]];
    if (!type || at + 2 + type.size > bytes.length) {
      throw cayenneOutputError();
    }
    out[`${type.name}_${channel}`] = type.read(view, at + 2);
    at += 2 + type.size;
  }
  return sorted(out);
}

export function decodeLppDownlink(bytes: Uint8Array): Record<string, unknown> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, unknown> = {};
  let at = 0;
  while (at < bytes.length && bytes[at] !== 0xff) {
    if (at + 3 > bytes.length) {
      throw cayenneOutputError();
    }
    out[`value_${bytes[at]}`] = view.getInt16(at + 1) / 100;
    at += 3;
  }
  return sorted(out);
}

/**
 * Encodes the `value_<channel>` keys; undefined when there is nothing to send (no frm_payload in the answer).
 * The real server walks a Go map, so with several keys its byte order varies from call to call; here it is the
 * order of the keys.
 */
export function encodeLppDownlink(data: Record<string, unknown>): Uint8Array | undefined {
  const out: number[] = [];
  for (const [name, value] of Object.entries(data)) {
    const match = /^(.+)_(\d+)$/.exec(name);
    if (!match || match[1] !== 'value' || Number(match[2]) > 255 || typeof value !== 'number') {
      continue;
    }
    const raw = Math.trunc(value * 100) & 0xffff;
    out.push(Number(match[2]), raw >> 8, raw & 0xff);
  }
  return out.length > 0 ? Uint8Array.from(out) : undefined;
}

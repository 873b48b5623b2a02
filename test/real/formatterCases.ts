// The payload formatter test cases test:real runs on the real TTS and on the test server (formatterParity.real.ts):
// each gives a comparable outcome, a result or the error's id, status and text.
import type { TtsClient } from '../../src/tts/client';
import type { FormatterType } from '../../src/tts/formatters';
import { SEED } from '../support/ttsServer';

export const CSMA = Uint8Array.from([0x09, 0x29, 0x80]);
export const DEMO_UPLINK = SEED.demo.formatters.deviceUplink;

export interface Case {
  name: string;
  run(api: TtsClient, appId: string, deviceId: string): Promise<unknown>;
}

export const js = (parameter: string) => ({ type: 'FORMATTER_JAVASCRIPT' as FormatterType, parameter });

type Formatters = TtsClient['formatters'];
const uplink = (name: string, request: Parameters<Formatters['decodeUplink']>[2]): Case => ({
  name,
  run: (api, app, dev) => api.formatters.decodeUplink(app, dev, request),
});
const downlink = (name: string, request: Parameters<Formatters['encodeDownlink']>[2]): Case => ({
  name,
  run: (api, app, dev) => api.formatters.encodeDownlink(app, dev, request),
});
const downlinkDecoded = (name: string, request: Parameters<Formatters['decodeDownlink']>[2]): Case => ({
  name,
  run: (api, app, dev) => api.formatters.decodeDownlink(app, dev, request),
});

/** Cases run on both servers; each gives a comparable outcome (a result, or the error's id, status and text). */
export const CASES: Case[] = [
  uplink('demo decoder, FPort 2 warning', { fPort: 2, bytes: CSMA, ...js(DEMO_UPLINK) }),
  uplink('input keys, no console, sorted keys', {
    fPort: 7,
    bytes: CSMA,
    ...js(
      'function decodeUplink(input) { return { data: { z: 1, keys: Object.keys(input), c: typeof console, b: input.bytes, p: input.fPort } }; }',
    ),
  }),
  uplink('legacy Decoder', {
    fPort: 1,
    bytes: CSMA,
    ...js('function Decoder(bytes, port) { return { n: bytes.length, port: port }; }'),
  }),
  uplink('array data', {
    fPort: 1,
    bytes: CSMA,
    ...js('function decodeUplink() { return { data: [1, 2] }; }'),
  }),
  uplink('output errors', { fPort: 1, bytes: Uint8Array.from([1]), ...js(DEMO_UPLINK) }),
  uplink('data not an object', {
    fPort: 1,
    bytes: CSMA,
    ...js('function decodeUplink() { return { data: 5 }; }'),
  }),
  uplink('neither decodeUplink nor Decoder', { fPort: 1, bytes: CSMA, ...js('var x = 1;') }),
  uplink('throws on line 2', {
    fPort: 1,
    bytes: CSMA,
    ...js('function decodeUplink(input) {\n  throw new Error("boom");\n}'),
  }),
  uplink('endless loop', {
    fPort: 1,
    bytes: CSMA,
    ...js('function decodeUplink() { for (;;) {} }'),
  }),
  uplink('CayenneLPP uplink', {
    fPort: 1,
    bytes: Uint8Array.from(Buffer.from('AWcA/wJoYA==', 'base64')),
    type: 'FORMATTER_CAYENNELPP',
  }),
  uplink('CayenneLPP uplink cut short', {
    fPort: 1,
    bytes: Uint8Array.from([1, 0x67]),
    type: 'FORMATTER_CAYENNELPP',
  }),
  uplink('no formatter', { fPort: 1, bytes: CSMA, type: 'FORMATTER_NONE' }),
  uplink('Device Repository without version IDs', { fPort: 1, bytes: CSMA, type: 'FORMATTER_REPOSITORY' }),
  downlink('encode: script fPort, bytes over 255', {
    fPort: 2,
    data: { led: true, level: 7 },
    ...js('function encodeDownlink(input) { return { bytes: [1, input.data.level, 300, -1, 1.7], fPort: 3 }; }'),
  }),
  downlink('encode: no fPort anywhere → 1', {
    fPort: 0,
    data: { a: 1 },
    ...js('function encodeDownlink(input) { return { bytes: [input.fPort], warnings: ["w"] }; }'),
  }),
  // goja hands encodeDownlink a Number object: typeof is "object" and === 2 is false (media/formatters/formatter.d.ts).
  downlink('encode: input.fPort is a Number object', {
    fPort: 2,
    data: { a: 1 },
    ...js(
      'function encodeDownlink(input) { return { bytes: [typeof input.fPort === "object" ? 1 : 0, input.fPort === 2 ? 1 : 0, input.fPort == 2 ? 1 : 0] }; }',
    ),
  }),
  downlink('encode: legacy Encoder', {
    fPort: 4,
    data: { a: 9 },
    ...js('function Encoder(object, port) { return [object.a, port]; }'),
  }),
  downlink('encode: null', {
    fPort: 2,
    data: { a: 1 },
    ...js('function encodeDownlink() { return null; }'),
  }),
  downlink('encode: CayenneLPP one value, other keys ignored', {
    fPort: 2,
    data: { value_3: 21.5, led: true, value_300: 1 },
    type: 'FORMATTER_CAYENNELPP',
  }),
  downlinkDecoded('decode downlink', {
    fPort: 2,
    bytes: Uint8Array.from([1, 7]),
    ...js('function decodeDownlink(input) { return { data: { b: input.bytes, p: input.fPort }, warnings: ["x"] }; }'),
  }),
  downlinkDecoded('decode downlink without decodeDownlink', {
    fPort: 2,
    bytes: Uint8Array.from([1]),
    ...js('function decodeUplink() { return {}; }'),
  }),
  downlinkDecoded('decode downlink CayenneLPP', {
    fPort: 2,
    bytes: Uint8Array.from(Buffer.from('AwhmBP+c', 'base64')),
    type: 'FORMATTER_CAYENNELPP',
  }),
];

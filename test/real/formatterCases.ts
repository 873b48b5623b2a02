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

/** Cases run on both servers; each gives a comparable outcome (a result, or the error's id, status and text). */
export const CASES: Case[] = [
  {
    name: 'demo decoder, FPort 2 warning',
    run: (api, app, dev) => api.formatters.decodeUplink(app, dev, { fPort: 2, bytes: CSMA, ...js(DEMO_UPLINK) }),
  },
  {
    name: 'input keys, no console, sorted keys',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 7,
        bytes: CSMA,
        ...js(
          'function decodeUplink(input) { return { data: { z: 1, keys: Object.keys(input), c: typeof console, b: input.bytes, p: input.fPort } }; }',
        ),
      }),
  },
  {
    name: 'legacy Decoder',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function Decoder(bytes, port) { return { n: bytes.length, port: port }; }'),
      }),
  },
  {
    name: 'array data',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink() { return { data: [1, 2] }; }'),
      }),
  },
  {
    name: 'output errors',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, { fPort: 1, bytes: Uint8Array.from([1]), ...js(DEMO_UPLINK) }),
  },
  {
    name: 'data not an object',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink() { return { data: 5 }; }'),
      }),
  },
  {
    name: 'neither decodeUplink nor Decoder',
    run: (api, app, dev) => api.formatters.decodeUplink(app, dev, { fPort: 1, bytes: CSMA, ...js('var x = 1;') }),
  },
  {
    name: 'throws on line 2',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink(input) {\n  throw new Error("boom");\n}'),
      }),
  },
  {
    name: 'endless loop',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: CSMA,
        ...js('function decodeUplink() { for (;;) {} }'),
      }),
  },
  {
    name: 'CayenneLPP uplink',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: Uint8Array.from(Buffer.from('AWcA/wJoYA==', 'base64')),
        type: 'FORMATTER_CAYENNELPP',
      }),
  },
  {
    name: 'CayenneLPP uplink cut short',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, {
        fPort: 1,
        bytes: Uint8Array.from([1, 0x67]),
        type: 'FORMATTER_CAYENNELPP',
      }),
  },
  {
    name: 'no formatter',
    run: (api, app, dev) => api.formatters.decodeUplink(app, dev, { fPort: 1, bytes: CSMA, type: 'FORMATTER_NONE' }),
  },
  {
    name: 'Device Repository without version IDs',
    run: (api, app, dev) =>
      api.formatters.decodeUplink(app, dev, { fPort: 1, bytes: CSMA, type: 'FORMATTER_REPOSITORY' }),
  },
  {
    name: 'encode: script fPort, bytes over 255',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 2,
        data: { led: true, level: 7 },
        ...js('function encodeDownlink(input) { return { bytes: [1, input.data.level, 300, -1, 1.7], fPort: 3 }; }'),
      }),
  },
  {
    name: 'encode: no fPort anywhere → 1',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 0,
        data: { a: 1 },
        ...js('function encodeDownlink(input) { return { bytes: [input.fPort], warnings: ["w"] }; }'),
      }),
  },
  {
    // goja hands encodeDownlink a Number object: typeof is "object" and === 2 is false (media/formatters/formatter.d.ts).
    name: 'encode: input.fPort is a Number object',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 2,
        data: { a: 1 },
        ...js(
          'function encodeDownlink(input) { return { bytes: [typeof input.fPort === "object" ? 1 : 0, input.fPort === 2 ? 1 : 0, input.fPort == 2 ? 1 : 0] }; }',
        ),
      }),
  },
  {
    name: 'encode: legacy Encoder',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 4,
        data: { a: 9 },
        ...js('function Encoder(object, port) { return [object.a, port]; }'),
      }),
  },
  {
    name: 'encode: null',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 2,
        data: { a: 1 },
        ...js('function encodeDownlink() { return null; }'),
      }),
  },
  {
    name: 'encode: CayenneLPP one value, other keys ignored',
    run: (api, app, dev) =>
      api.formatters.encodeDownlink(app, dev, {
        fPort: 2,
        data: { value_3: 21.5, led: true, value_300: 1 },
        type: 'FORMATTER_CAYENNELPP',
      }),
  },
  {
    name: 'decode downlink',
    run: (api, app, dev) =>
      api.formatters.decodeDownlink(app, dev, {
        fPort: 2,
        bytes: Uint8Array.from([1, 7]),
        ...js(
          'function decodeDownlink(input) { return { data: { b: input.bytes, p: input.fPort }, warnings: ["x"] }; }',
        ),
      }),
  },
  {
    name: 'decode downlink without decodeDownlink',
    run: (api, app, dev) =>
      api.formatters.decodeDownlink(app, dev, {
        fPort: 2,
        bytes: Uint8Array.from([1]),
        ...js('function decodeUplink() { return {}; }'),
      }),
  },
  {
    name: 'decode downlink CayenneLPP',
    run: (api, app, dev) =>
      api.formatters.decodeDownlink(app, dev, {
        fPort: 2,
        bytes: Uint8Array.from(Buffer.from('AwhmBP+c', 'base64')),
        type: 'FORMATTER_CAYENNELPP',
      }),
  },
];

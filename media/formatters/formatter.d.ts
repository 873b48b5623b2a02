/*
 * The Things Stack v3.32.1: the JavaScript payload formatter contract, exactly as its Application Server runs it
 * (pkg/messageprocessors/javascript/javascript.go, engine goja with a 100 ms limit per run).
 *
 Use it in a formatter file with JSDoc on the entry functions — `@param {DecodeUplinkInput} input` and
 * `@returns {DecodeUplinkOutput}`, or `@type {DecodeUplinkFunction}` (what Pull to Workspace adds above a pulled
 * script's functions, a line it never deploys) — beside the jsconfig.json it writes, or with
 * `/// <reference path="formatter.d.ts" />`. Add `// @ts-check` at the top of a file to have it checked (the
 * templates have it); without it the editor still types `input` for hover and completion, and reports nothing.
 *
 * What the server does around your functions (checked against goja at the commit v3.32.1 pins, b396bb4):
 * - Your script runs as a plain script (not a module: no import/export) in goja: ES2022 syntax except BigInt (10n),
 *   numeric separators (1_000), logical assignment (&&=, ||=, ??=), async generators and for await. There is no
 *   `console`, no `require`, no timers, no network; calling them throws a ReferenceError.
 * - The server appends its own `function main(input)` to your script: do not define a top-level `main`.
 * - Uplinks: decodeUplink(input) if defined, else the legacy Decoder(bytes, fPort). Then normalizeUplink({ data }) if
 *   defined and decodeUplink returned data and no errors. Live uplinks on FPort 0 (MAC commands) are never decoded.
 * - Downlinks: encodeDownlink(input) if defined, else the legacy Encoder(data, fPort). decodeDownlink(input) has no
 *   legacy fallback.
 * - The input holds only the fields below. In encodeDownlink (and the legacy Encoder) fPort is a Number object. Fields of later versions or other engines (recvTime, variables,
 *   attributes, fCnt, devEui…) are NOT passed: reading them gives undefined.
 * - Returned `errors` (non-empty) fail the message: the API answers 409 "output_errors" with the errors joined by ", ".
 * - A thrown exception fails it too (409, "Error: … at decodeUplink (<eval>:LINE:COL)": line numbers are one more than
 *   in your file, because the server adds a line before the script).
 * - Returning null or undefined, or `data` that is not an object, fails with "invalid output"; numbers that are not
 *   finite (NaN, Infinity) fail the conversion to JSON; a function in `data` fails it too.
 * - Values in `data` that are not JSON change silently: undefined → null (the key stays), a Date → {}, a Map →
 *   [[key, value], …], a Set or a typed array → a list; a warning that is not a string becomes one (5 → "5").
 * - Stored scripts are limited to 40960 characters and 40960 bytes of UTF-8.
 */

/** A byte: the server drops the fraction and keeps the low 8 bits of each returned number (1.7 → 1, 300 → 44, -1 → 255). */
type FormatterByte = number;

/**
 * A Number object (what `new Number(2)` makes): arithmetic, `==` and Number(x) see the number; `===`, `switch` and
 * `typeof` do not. Typed so that the editor reports `input.fPort === 2`: write `Number(input.fPort) === 2`.
 */
interface FormatterNumberObject {
  valueOf(): number;
  toString(radix?: number): string;
  /** Not there at run time: marks the type so that comparing it with a number is reported. */
  readonly numberObject: never;
}

/** What JSON can hold: the decoded payload becomes a JSON object (google.protobuf.Struct). */
type FormatterJsonValue = string | number | boolean | null | FormatterJsonValue[] | FormatterJsonObject;
interface FormatterJsonObject {
  [key: string]: FormatterJsonValue;
}

/** The input of decodeUplink: only these two fields in v3.32.1 (no recvTime). */
interface DecodeUplinkInput {
  /** The application payload (FRMPayload), decrypted; a copy you may change. */
  bytes: FormatterByte[];
  /** The LoRaWAN FPort, 1 to 223 for application data. */
  fPort: number;
}

interface DecodeUplinkOutput {
  /** The decoded payload; shown as `decoded_payload`. Must be an object. */
  data?: FormatterJsonObject;
  /** Shown as `decoded_payload_warnings`; the message is still delivered. */
  warnings?: string[];
  /** Non-empty: the uplink is not decoded (event as.up.data.decode.fail); the test API answers 409 output_errors. */
  errors?: string[];
}

/** The input of encodeDownlink: only these two fields in v3.32.1. */
interface EncodeDownlinkInput {
  /** The `decoded_payload` of the downlink request. */
  data: FormatterJsonObject;
  /**
   * The FPort of the request (0 when it gives none) as a Number OBJECT, not a primitive: v3.32.1 passes a Go pointer,
   * so `typeof input.fPort` is "object" and `input.fPort === 2` is always false. Use `Number(input.fPort) === 2`.
   */
  fPort: FormatterNumberObject;
}

interface EncodeDownlinkOutput {
  /** The payload to send. Each number loses its fraction and keeps its low 8 bits (1.7 → 1, 300 → 0x2C) silently. */
  bytes: FormatterByte[];
  /** Replaces the FPort of the request. Neither given: FPort 1. `input.fPort` may be returned as it is. */
  fPort?: number | FormatterNumberObject;
  warnings?: string[];
  /** Non-empty: the downlink is refused (409 output_errors). */
  errors?: string[];
}

/** The input of decodeDownlink: only these two fields in v3.32.1. */
interface DecodeDownlinkInput {
  bytes: FormatterByte[];
  fPort: number;
}

interface DecodeDownlinkOutput {
  data?: FormatterJsonObject;
  warnings?: string[];
  errors?: string[];
}

/** The input of normalizeUplink: the `data` decodeUplink returned. */
interface NormalizeUplinkInput {
  data: FormatterJsonObject;
}

interface NormalizeUplinkOutput {
  /** One measurement or a list, in The Things Stack's normalized payload schema (e.g. { air: { temperature: 21.5 } }). */
  data?: FormatterJsonObject | FormatterJsonObject[];
  warnings?: string[];
  errors?: string[];
}

/** Signatures, for `/** @type {DecodeUplinkFunction} *\/ const decodeUplink = (input) => …`. */
type DecodeUplinkFunction = (input: DecodeUplinkInput) => DecodeUplinkOutput;
type EncodeDownlinkFunction = (input: EncodeDownlinkInput) => EncodeDownlinkOutput;
type DecodeDownlinkFunction = (input: DecodeDownlinkInput) => DecodeDownlinkOutput;
type NormalizeUplinkFunction = (input: NormalizeUplinkInput) => NormalizeUplinkOutput;
/** Legacy (The Things Network V2): called when decodeUplink is not defined; returns the decoded object itself. */
type LegacyDecoderFunction = (bytes: FormatterByte[], fPort: number) => FormatterJsonObject;
/** Legacy (V2): called when encodeDownlink is not defined; returns the bytes; the FPort stays the request's. */
type LegacyEncoderFunction = (object: FormatterJsonObject, fPort: FormatterNumberObject) => FormatterByte[];

/**
 * The test cases kept beside a formatter, `<formatter>.tests.json` (e.g. uplink.js → uplink.tests.json), run from
 * VS Code's Testing view on the server's own engine. `bytes` is hex ("01 67 00 FF", "0x0167") or base64 ("AWcA/w==").
 * Only the fields given in `expect` are compared (JSON-deep; key order does not matter). tests.schema.json beside
 * this file describes the same format for the JSON editor.
 */
interface FormatterTestFile {
  cases: FormatterTestCase[];
}

type FormatterTestCase =
  | {
      name: string;
      direction: 'uplink' | 'downlink-decode';
      /** 0 to 255. */
      fPort: number;
      bytes: string;
      description?: string;
      expect: { data?: FormatterJsonObject; warnings?: string[]; errors?: string[] };
    }
  | {
      name: string;
      direction: 'downlink-encode';
      fPort: number;
      data: FormatterJsonObject;
      description?: string;
      expect: { bytes?: string; fPort?: number; warnings?: string[]; errors?: string[] };
    };

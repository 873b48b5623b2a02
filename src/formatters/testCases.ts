// The test-case file kept beside a formatter (`uplink.js` → `uplink.tests.json`): inputs and expected outputs, read
// with specific messages and judged against what the server returned. Format (also in media/formatters/formatter.d.ts):
//
//   { "cases": [
//     { "name": "temperature", "direction": "uplink", "fPort": 1, "bytes": "01 67 00 FF",
//       "expect": { "data": { "temperature_1": 25.5 } } },
//     { "name": "led on", "direction": "downlink-encode", "fPort": 2, "data": { "led": true },
//       "expect": { "bytes": "01", "fPort": 2 } } ] }
//
// A bare array of cases is accepted too. `bytes` is hex or base64 (see parseBytes). A case's result is judged by
// caseJudge.ts.
import { parseBytes } from './payload';
import { errorMessage } from '../util/errorMessage';

export interface FormatterTestCase {
  name: string;
  direction: 'uplink' | 'downlink-encode' | 'downlink-decode';
  fPort: number;
  bytes?: string;
  data?: Record<string, unknown>;
  expect: { data?: unknown; bytes?: string; fPort?: number; warnings?: string[]; errors?: string[] };
}

export interface CaseOutcome {
  name: string;
  passed: boolean;
  message?: string;
  /** Pretty JSON of what the case expects, and of the same fields of the result: a diff shows the difference. */
  expected?: string;
  actual?: string;
}

export type TestCaseDirection = FormatterTestCase['direction'];
const DIRECTIONS: readonly TestCaseDirection[] = ['uplink', 'downlink-encode', 'downlink-decode'];
const CASE_KEYS = ['name', 'direction', 'fPort', 'bytes', 'data', 'expect', 'description'];
const EXPECT_KEYS = ['data', 'bytes', 'fPort', 'warnings', 'errors'];

/** The test-case file beside a formatter file: `ttn/app/uplink.js` → `ttn/app/uplink.tests.json`. */
export function testCasesPathFor(formatterPath: string): string {
  return `${formatterPath.replace(/\.(?:js|cjs|mjs|ts)$/, '')}.tests.json`;
}

/** Reads a test-case file. A case with a problem is left out of `cases`; every problem names the case. */
export function parseTestCases(text: string): { cases: FormatterTestCase[]; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    return { cases: [], problems: [jsonProblem(text, error)] };
  }
  const list = Array.isArray(json) ? json : isObject(json) ? json.cases : undefined;
  if (!Array.isArray(list)) {
    return {
      cases: [],
      problems: ['The file must hold { "cases": [ … ] } (or a bare array of cases).'],
    };
  }
  const cases: FormatterTestCase[] = [];
  const problems: string[] = [];
  const names = new Set<string>();
  list.forEach((item: unknown, index) => {
    const found = readCase(item, index);
    if (typeof found === 'string') {
      problems.push(found);
    } else if (names.has(found.name)) {
      problems.push(`${label(index, found.name)}: another case has the same name; names must be unique.`);
    } else {
      names.add(found.name);
      cases.push(found);
    }
  });
  return { cases, problems };
}

function label(index: number, name?: unknown): string {
  return typeof name === 'string' && name.trim() ? `Case ${index + 1} ("${name}")` : `Case ${index + 1}`;
}

function readCase(item: unknown, index: number): FormatterTestCase | string {
  if (!isObject(item)) {
    return `${label(index)} is not an object.`;
  }
  const at = label(index, item.name);
  const unknownKey = Object.keys(item).find((k) => !CASE_KEYS.includes(k));
  if (unknownKey) {
    return `${at}: "${unknownKey}" is not a case field (use ${CASE_KEYS.join(', ')}).`;
  }
  if (typeof item.name !== 'string' || !item.name.trim()) {
    return `${at}: "name" must be a non-empty string.`;
  }
  if (!DIRECTIONS.includes(item.direction as TestCaseDirection)) {
    return `${at}: "direction" must be ${DIRECTIONS.map((d) => `"${d}"`).join(', ')}; it is ${JSON.stringify(item.direction) ?? 'missing'}.`;
  }
  const direction = item.direction as TestCaseDirection;
  if (!isFPort(item.fPort)) {
    return `${at}: "fPort" must be a whole number from 0 to 255; it is ${JSON.stringify(item.fPort) ?? 'missing'}.`;
  }
  const c: FormatterTestCase = { name: item.name, direction, fPort: item.fPort, expect: {} };
  if (direction === 'downlink-encode') {
    if (!isObject(item.data)) {
      return `${at}: a downlink-encode case needs "data", the object given to encodeDownlink.`;
    }
    if (item.bytes !== undefined) {
      return `${at}: "bytes" is the input of uplink and downlink-decode cases; a downlink-encode case has "data".`;
    }
    c.data = item.data;
  } else {
    if (typeof item.bytes !== 'string') {
      return `${at}: an ${direction} case needs "bytes" (hex or base64, "" for none).`;
    }
    const problem = bytesProblem(item.bytes);
    if (problem) {
      return `${at}: "bytes": ${problem}`;
    }
    if (item.data !== undefined) {
      return `${at}: "data" is the input of downlink-encode cases; put the expected output in "expect".`;
    }
    c.bytes = item.bytes;
  }
  const expect = readExpect(item.expect, direction);
  if (typeof expect === 'string') {
    return `${at}: ${expect}`;
  }
  c.expect = expect;
  return c;
}

function readExpect(value: unknown, direction: TestCaseDirection): FormatterTestCase['expect'] | string {
  if (!isObject(value)) {
    return '"expect" must be an object with what the result should hold (data, bytes, fPort, warnings or errors).';
  }
  const unknownKey = Object.keys(value).find((k) => !EXPECT_KEYS.includes(k));
  if (unknownKey) {
    return `"expect.${unknownKey}" is not checked (use ${EXPECT_KEYS.join(', ')}).`;
  }
  if (Object.keys(value).length === 0) {
    return '"expect" is empty, so the case could never fail; say what the result should hold.';
  }
  const expect: FormatterTestCase['expect'] = {};
  if (value.data !== undefined) {
    if (direction === 'downlink-encode') {
      return '"expect.data" is not a result of encoding; expect "bytes" (and "fPort").';
    }
    expect.data = value.data;
  }
  if (value.bytes !== undefined) {
    if (direction !== 'downlink-encode') {
      return `"expect.bytes" is not a result of ${direction === 'uplink' ? 'decoding an uplink' : 'decoding a downlink'}; expect "data".`;
    }
    if (typeof value.bytes !== 'string') {
      return '"expect.bytes" must be a string of hex or base64.';
    }
    const problem = bytesProblem(value.bytes);
    if (problem) {
      return `"expect.bytes": ${problem}`;
    }
    expect.bytes = value.bytes;
  }
  if (value.fPort !== undefined) {
    if (!isFPort(value.fPort)) {
      return `"expect.fPort" must be a whole number from 0 to 255; it is ${JSON.stringify(value.fPort)}.`;
    }
    expect.fPort = value.fPort;
  }
  for (const key of ['warnings', 'errors'] as const) {
    const list = value[key];
    if (list !== undefined) {
      if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
        return `"expect.${key}" must be a list of strings.`;
      }
      expect[key] = list;
    }
  }
  return expect;
}

function bytesProblem(text: string): string | undefined {
  try {
    parseBytes(text);
    return undefined;
  } catch (error: unknown) {
    return errorMessage(error);
  }
}

function jsonProblem(text: string, error: unknown): string {
  const message = errorMessage(error);
  const position = /at position (\d+)/.exec(message);
  if (!position) {
    return `The file is not valid JSON: ${message}.`;
  }
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `The file is not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}.`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255;
}

// Judges what the server returned for a formatter test case (testCases.ts) against the case's expectation: only the
// fields the case expects, compared as JSON (key order does not matter), with the first difference named.
import { formatBytes, parseBytes } from './payload';
import { isObject, type CaseOutcome, type FormatterTestCase } from './testCases';

/**
 * Compares a result with a case's expectation: only the fields the case expects, JSON-deep (key order does not
 * matter). Errors returned by the formatter fail a case that does not expect them.
 */
export function judgeCase(
  c: FormatterTestCase,
  actual: { data?: unknown; bytes?: Uint8Array; fPort?: number; warnings?: string[]; errors?: string[] },
): CaseOutcome {
  const expected: Record<string, unknown> = {};
  const got: Record<string, unknown> = {};
  const differences: string[] = [];
  const compare = (key: string, want: unknown, have: unknown, describe?: (path: string) => string) => {
    expected[key] = want;
    got[key] = have;
    const path = firstDifference(want, have, key);
    if (path !== undefined) {
      differences.push(describe ? describe(path) : path);
    }
  };
  if (actual.errors?.length && c.expect.errors === undefined) {
    return {
      name: c.name,
      passed: false,
      message: `The formatter returned errors: ${actual.errors.join(', ')}`,
      expected: pretty(c.expect),
      actual: pretty({ errors: actual.errors }),
    };
  }
  const e = c.expect;
  if (e.errors !== undefined) {
    compare('errors', e.errors, actual.errors ?? []);
  }
  if (e.data !== undefined) {
    compare('data', e.data, actual.data);
  }
  if (e.bytes !== undefined) {
    const want = formatBytes(parseBytes(e.bytes)).hex;
    const have = actual.bytes ? formatBytes(actual.bytes).hex : undefined;
    compare('bytes', want, have, () => `bytes: expected ${want || '(none)'}, got ${have || '(none)'}`);
  }
  if (e.fPort !== undefined) {
    compare('fPort', e.fPort, actual.fPort);
  }
  if (e.warnings !== undefined) {
    compare('warnings', e.warnings, actual.warnings ?? []);
  }
  if (!differences.length) {
    return { name: c.name, passed: true };
  }
  return {
    name: c.name,
    passed: false,
    message: `${differences.length === 1 ? 'Differs' : `${differences.length} fields differ`}: ${differences.join('; ')}`,
    expected: pretty(expected),
    actual: pretty(got),
  };
}

/** Undefined when equal as JSON; else the first differing path with both values ("data.temperature: expected 25.5, got 26"). */
function firstDifference(want: unknown, have: unknown, path: string): string | undefined {
  if (Array.isArray(want) && Array.isArray(have)) {
    for (let i = 0; i < Math.max(want.length, have.length); i++) {
      if (i >= want.length) {
        return `${path}[${i}]: not expected, got ${show(have[i])}`;
      }
      if (i >= have.length) {
        return `${path}[${i}]: expected ${show(want[i])}, missing`;
      }
      const d = firstDifference(want[i], have[i], `${path}[${i}]`);
      if (d !== undefined) {
        return d;
      }
    }
    return undefined;
  }
  if (isObject(want) && isObject(have)) {
    for (const key of Object.keys(want).sort()) {
      const sub = `${path}.${key}`;
      if (!(key in have) || have[key] === undefined) {
        return want[key] === undefined ? undefined : `${sub}: expected ${show(want[key])}, missing`;
      }
      const d = firstDifference(want[key], have[key], sub);
      if (d !== undefined) {
        return d;
      }
    }
    const extra = Object.keys(have)
      .filter((k) => !(k in want) && have[k] !== undefined)
      .sort();
    return extra.length ? `${path}.${extra[0]}: not expected, got ${show(have[extra[0]])}` : undefined;
  }
  return canonical(want) === canonical(have) ? undefined : `${path}: expected ${show(want)}, got ${show(have)}`;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
}

/** JSON with object keys sorted, so equal values print equally. */
function canonical(value: unknown): string | undefined {
  return JSON.stringify(sortKeys(value));
}

function pretty(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  }
  return value;
}

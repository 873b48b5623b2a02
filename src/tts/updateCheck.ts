// After an update, the answer carries the masked fields as stored. TTS v3.32.1 answers 200 to a client update of
// `endorsed` yet stores nothing (bunstore has no case for it), so "200" alone does not mean "done": compare what
// was sent with what came back, and name every field that did not take.
import { TtsError } from './errors';

/** TTS omits zero values (§0.8): a missing field, false, "", [] and {} all mean "zero". */
function isZero(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === '' ||
    value === 0 ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isZero))
  );
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Equal as stored values: zero values alike, lists as sets (TTS may reorder or de-duplicate), timestamps by instant. */
export function sameStoredValue(sent: unknown, stored: unknown): boolean {
  if (isZero(sent) || isZero(stored)) {
    return isZero(sent) && isZero(stored);
  }
  if (typeof sent === 'string' && typeof stored === 'string' && TIMESTAMP.test(sent) && TIMESTAMP.test(stored)) {
    return Date.parse(sent) === Date.parse(stored);
  }
  if (Array.isArray(sent) && Array.isArray(stored)) {
    const a = new Set(sent.map(canonical));
    const b = new Set(stored.map(canonical));
    return a.size === b.size && [...a].every((v) => b.has(v));
  }
  if (typeof sent === 'object' && typeof stored === 'object' && sent !== null && stored !== null) {
    const s = sent as Record<string, unknown>;
    const t = stored as Record<string, unknown>;
    return [...new Set([...Object.keys(s), ...Object.keys(t)])].every((key) => sameStoredValue(s[key], t[key]));
  }
  return sent === stored;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${k}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function valueAt(entity: unknown, path: string): unknown {
  let value: unknown = entity;
  for (const part of path.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/** Paths never echoed with their value: the secret comes back only as TTS chose to (Corrections 11). */
const NOT_ECHOED = new Set(['secret']);

/** The masked paths whose value in the answer is not what was sent. */
export function unstoredFields(sent: object, answer: object, paths: readonly string[]): string[] {
  return [...new Set(paths)].filter(
    (path) => !NOT_ECHOED.has(path) && !sameStoredValue(valueAt(sent, path), valueAt(answer, path)),
  );
}

const WORDS: Record<string, string> = { uris: 'URIs', id: 'ID', ids: 'IDs', url: 'URL' };

/** `skip_authorization` → "Skip Authorization", `redirect_uris` → "Redirect URIs". */
export function fieldLabel(path: string): string {
  return path
    .split(/[._]/)
    .filter(Boolean)
    .map((w) => WORDS[w] ?? w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** TTS answered the update with success but the answer shows that some fields kept their old value. */
export class NotStoredError extends TtsError {
  constructor(
    readonly fields: readonly string[],
    readonly stored: object,
  ) {
    super(
      200,
      0,
      'things-stack-manager',
      'update_not_stored',
      `The Things Stack accepted the change but did not store: ${fields.map(fieldLabel).join(', ')}.`,
      { fields: [...fields] },
      undefined,
    );
  }
}

/** Throws NotStoredError when a masked field of `sent` did not come back in `answer`; returns the answer otherwise. */
export function checkStored<T extends object>(sent: object, answer: T, paths: readonly string[]): T {
  const missing = unstoredFields(sent, answer, paths);
  if (missing.length > 0) {
    throw new NotStoredError(missing, answer);
  }
  return answer;
}

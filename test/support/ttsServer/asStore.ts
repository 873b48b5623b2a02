// Application Server storage as v3.32.1 answers it: field masks with sub-paths (`formatters.up_formatter`), masks
// validated against the message's paths, and the AS's JSON, which drops zero scalars (FORMATTER_NONE, '', false)
// but keeps empty messages (`"formatters":{}` is not the same as no `formatters`: such a device overrides the
// application's default formatters in both directions).
import { errors, TtsError } from './errors';
import { isObject } from './http';

const FORMATTER_SUBPATHS = ['up_formatter', 'up_formatter_parameter', 'down_formatter', 'down_formatter_parameter'];
const VERSION_SUBPATHS = ['brand_id', 'model_id', 'hardware_version', 'firmware_version', 'band_id'];

export const LINK_PATHS = [
  'default_formatters',
  ...FORMATTER_SUBPATHS.map((p) => `default_formatters.${p}`),
  'skip_payload_crypto',
];

/** The AS end device paths the test server knows (a subset of the AS's: no sessions, no queues). */
export const AS_DEVICE_PATHS = [
  'ids',
  'ids.device_id',
  'ids.application_ids',
  'ids.dev_eui',
  'ids.join_eui',
  'ids.dev_addr',
  'created_at',
  'updated_at',
  'formatters',
  ...FORMATTER_SUBPATHS.map((p) => `formatters.${p}`),
  'version_ids',
  ...VERSION_SUBPATHS.map((p) => `version_ids.${p}`),
  'session',
  'pending_session',
  'skip_payload_crypto_override',
  'activated_at',
  'last_seen_at',
];

/** Throws 400 field_mask_paths for paths outside `known`. */
export function validatePaths(paths: readonly string[], known: readonly string[]): void {
  const bad = paths.filter((p) => !known.includes(p));
  if (bad.length > 0) {
    throw errors.fieldMaskPaths(bad);
  }
}

/** ttnpb.HasAnyField: a path names `search` itself or one of its parents. */
export const hasAnyField = (paths: readonly string[], search: string): boolean =>
  paths.some((p) => p === search || search.startsWith(`${p}.`));

/** A copy of `source` holding only the values at `paths` (parents created as needed). */
export function pickPaths(source: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split('.');
    let from: unknown = source;
    let to = out;
    for (let i = 0; i < parts.length; i++) {
      if (!isObject(from) || from[parts[i]] === undefined) {
        break;
      }
      const value = from[parts[i]];
      if (i === parts.length - 1) {
        to[parts[i]] = structuredClone(value);
      } else {
        to[parts[i]] = isObject(to[parts[i]]) ? to[parts[i]] : {};
        to = to[parts[i]] as Record<string, unknown>;
      }
      from = value;
    }
  }
  return out;
}

/** SetFields: `target` takes the values of `source` at `paths`; a sub-path creates its parent message. */
export function setPaths(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  paths: readonly string[],
): void {
  for (const path of paths) {
    const parts = path.split('.');
    let from: unknown = source;
    let to = target;
    for (let i = 0; i < parts.length - 1; i++) {
      from = isObject(from) ? from[parts[i]] : undefined;
      if (!isObject(to[parts[i]])) {
        to[parts[i]] = {};
      }
      to = to[parts[i]] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    const value = isObject(from) ? from[last] : undefined;
    if (value === undefined) {
      delete to[last];
    } else {
      to[last] = structuredClone(value);
    }
  }
}

const ENUM_ZERO = new Set(['FORMATTER_NONE']);

/** The AS's JSON: zero scalars and enum zeros left out, empty messages kept. */
export function asJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(asJson);
  }
  if (!isObject(value)) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null || v === '' || v === false || v === 0 || ENUM_ZERO.has(v as string)) {
      continue;
    }
    if (Array.isArray(v) && v.length === 0) {
      continue;
    }
    out[key] = asJson(v);
  }
  return out;
}

/** The AS's store miss: 404 pkg/redis:not_found "entity not found". */
export const redisNotFound = (): TtsError => new TtsError(5, 'pkg/redis', 'not_found', 'entity not found');

/** as.formatters.max-parameter-length (bytes) and the MessagePayloadFormatters rule (runes): both 40960. */
export const MAX_PARAMETER_BYTES = 40960;
export const MAX_PARAMETER_RUNES = 40960;

/**
 * The checks of a formatter write, in the real order: the request validator (at most 40960 runes, error nested
 * like the request message: `outer` → `container` → the parameter) before the AS's byte limit (field_value with
 * cause formatter_script_too_large). Runs before the rights check, as in v3.32.1.
 */
export function checkFormatterSizes(
  paths: readonly string[],
  formatters: unknown,
  prefix: string,
  outer: { field: string; name: string },
  container: { field: string; name: string },
): void {
  const value = isObject(formatters) ? formatters : {};
  for (const direction of ['up', 'down']) {
    const field = `${direction}_formatter_parameter`;
    const parameter = value[field];
    if (!hasAnyField(paths, `${prefix}.${field}`) || typeof parameter !== 'string') {
      continue;
    }
    if ([...parameter].length > MAX_PARAMETER_RUNES) {
      throw errors.validation(
        outer.field,
        'embedded message failed validation',
        outer.name,
        errors.validation(
          container.field,
          'embedded message failed validation',
          container.name,
          errors.validation(
            field,
            `value length must be at most ${MAX_PARAMETER_RUNES} runes`,
            'MessagePayloadFormattersValidationError',
          ),
        ),
      );
    }
  }
  for (const direction of ['up', 'down']) {
    const field = `${direction}_formatter_parameter`;
    const parameter = value[field];
    if (!hasAnyField(paths, `${prefix}.${field}`) || typeof parameter !== 'string') {
      continue;
    }
    const size = Buffer.byteLength(parameter, 'utf8');
    if (size > MAX_PARAMETER_BYTES) {
      const cause = new TtsError(
        3,
        'pkg/applicationserver',
        'formatter_script_too_large',
        'formatter script size exceeds maximum allowed size',
        { max_size: MAX_PARAMETER_BYTES, size },
      );
      throw new TtsError(
        3,
        'pkg/applicationserver',
        'field_value',
        'invalid value of field `{field}`',
        { field: `${prefix}.${field}` },
        cause,
      );
    }
  }
}

const VERSION_ID = /^[a-z0-9](?:[-]?[a-z0-9]){2,}$/;

/** Brand and model IDs of version identifiers, checked like the generated validator (nested under `chain`). With both
 * invalid the real server names either (it walks the fields in no fixed order); here the brand. */
export function checkVersionIds(versionIds: unknown, chain: { field: string; name: string }[]): void {
  if (!isObject(versionIds)) {
    return;
  }
  for (const field of ['brand_id', 'model_id']) {
    const value = versionIds[field];
    if (typeof value === 'string' && value !== '' && !VERSION_ID.test(value)) {
      let error = errors.validation(
        field,
        `value does not match regex pattern "${VERSION_ID.source}"`,
        'EndDeviceVersionIdentifiersValidationError',
      );
      for (const level of [...chain].reverse()) {
        error = errors.validation(level.field, 'embedded message failed validation', level.name, error);
      }
      throw error;
    }
  }
}

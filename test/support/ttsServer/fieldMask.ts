// Field masks and the JSON TTS writes (§5, §2.2): only ids and timestamps unless the mask asks for more, unknown
// or forbidden paths rejected with field_mask_paths, and zero values (false, '', 0, [], enum 0) left out.
import { errors } from './errors';
import { isObject } from './http';

const BASE = ['ids', 'created_at', 'updated_at', 'deleted_at'];
/** Message-typed fields whose sub-paths may be named (`administrative_contact.user_ids`). */
const NESTABLE = new Set([
  'ids',
  'administrative_contact',
  'technical_contact',
  'version_ids',
  'picture',
  'profile_picture',
  'lora_alliance_profile_ids',
  'console_preferences',
  'claim_authentication_code',
]);

export const CLIENT_FIELDS = [
  ...BASE,
  'name',
  'description',
  'attributes',
  'contact_info',
  'administrative_contact',
  'technical_contact',
  'secret',
  'redirect_uris',
  'logout_redirect_uris',
  'state',
  'state_description',
  'skip_authorization',
  'endorsed',
  'grants',
  'rights',
];
export const CLIENT_PUBLIC = [
  ...BASE,
  'contact_info',
  'name',
  'description',
  'redirect_uris',
  'logout_redirect_uris',
  'state',
  'skip_authorization',
  'endorsed',
  'grants',
  'rights',
  'administrative_contact',
  'technical_contact',
];
export const CLIENT_UPDATABLE = [
  'administrative_contact',
  'attributes',
  'contact_info',
  'description',
  'endorsed',
  'grants',
  'logout_redirect_uris',
  'name',
  'redirect_uris',
  'rights',
  'secret',
  'skip_authorization',
  'state',
  'state_description',
  'technical_contact',
];
export const CLIENT_ADMIN_ONLY = ['state', 'state_description', 'skip_authorization', 'endorsed', 'grants'];

export const APPLICATION_FIELDS = [
  ...BASE,
  'name',
  'description',
  'attributes',
  'contact_info',
  'administrative_contact',
  'technical_contact',
  'network_server_address',
  'application_server_address',
  'join_server_address',
  'dev_eui_counter',
];
export const APPLICATION_PUBLIC = [...BASE, 'contact_info', 'administrative_contact', 'technical_contact'];
export const APPLICATION_UPDATABLE = [
  'administrative_contact',
  'attributes',
  'contact_info',
  'description',
  'name',
  'network_server_address',
  'application_server_address',
  'join_server_address',
  'technical_contact',
];

export const USER_FIELDS = [
  ...BASE,
  'name',
  'description',
  'attributes',
  'contact_info',
  'primary_email_address',
  'primary_email_address_validated_at',
  'password_updated_at',
  'require_password_update',
  'state',
  'state_description',
  'admin',
  'temporary_password_created_at',
  'temporary_password_expires_at',
  'profile_picture',
  'console_preferences',
];
export const USER_PUBLIC = [...BASE, 'contact_info', 'name', 'description', 'state', 'admin', 'profile_picture'];

export const ORGANIZATION_FIELDS = [
  ...BASE,
  'name',
  'description',
  'attributes',
  'contact_info',
  'administrative_contact',
  'technical_contact',
  'fanout_notifications',
];
/** PublicOrganizationFields (pkg/ttnpb/public.go). */
export const ORGANIZATION_PUBLIC = [...BASE, 'contact_info', 'name', 'administrative_contact', 'technical_contact'];
export const ORGANIZATION_UPDATABLE = [
  'administrative_contact',
  'attributes',
  'contact_info',
  'description',
  'fanout_notifications',
  'name',
  'technical_contact',
];

/** The Identity Server's end-device fields (isEndDeviceReadFieldPaths); others live in NS/AS/JS. */
export const DEVICE_FIELDS = [
  'ids',
  'created_at',
  'updated_at',
  'name',
  'description',
  'attributes',
  'version_ids',
  'service_profile_id',
  'network_server_address',
  'application_server_address',
  'join_server_address',
  'locations',
  'picture',
  'activated_at',
  'last_seen_at',
  'claim_authentication_code',
  'serial_number',
  'lora_alliance_profile_ids',
];

/** Mask paths from a query (`a,b`, possibly repeated) or a body (`"a,b"` or `{"paths":[…]}`). */
export function maskPaths(value: unknown): string[] {
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
  }
  if (Array.isArray(value)) {
    return value.flatMap(maskPaths);
  }
  if (isObject(value) && Array.isArray(value.paths)) {
    return value.paths.filter((p): p is string => typeof p === 'string');
  }
  return [];
}

function allowed(path: string, fields: readonly string[]): boolean {
  const top = path.split('.')[0];
  return fields.includes(path) || (path.includes('.') && fields.includes(top) && NESTABLE.has(top));
}

/** Throws 400 field_mask_paths for paths outside `fields`. */
export function validateMask(paths: readonly string[], fields: readonly string[]): void {
  const bad = paths.filter((p) => !allowed(p, fields));
  if (bad.length > 0) {
    throw errors.fieldMaskPaths(bad);
  }
}

export const topLevel = (paths: readonly string[]): string[] => [...new Set(paths.map((p) => p.split('.')[0]))];

/** The entity cut down to the base fields plus what the mask names. */
export function applyMask<T extends object>(
  entity: T,
  paths: readonly string[],
  base: readonly string[] = BASE,
): Partial<T> {
  return masker(paths, base)(entity);
}

/** applyMask for many entities under one mask (a list page): the kept fields are worked out once. */
export function masker(
  paths: readonly string[],
  base: readonly string[] = BASE,
): <T extends object>(entity: T) => Partial<T> {
  const keep = new Set([...base, ...topLevel(paths)]);
  return <T extends object>(entity: T): Partial<T> => {
    const out: Record<string, unknown> = {};
    for (const key in entity) {
      if (keep.has(key) && Object.hasOwn(entity, key)) {
        out[key] = entity[key];
      }
    }
    return out as Partial<T>;
  };
}

/** Keeps only the named fields (public-safe views). */
export function pick<T extends object>(entity: T, fields: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => fields.includes(key))) as Partial<T>;
}

const ENUM_ZERO: Record<string, string> = {
  state: 'STATE_REQUESTED',
  lorawan_version: 'MAC_UNKNOWN',
  lorawan_phy_version: 'PHY_UNKNOWN',
};

/** Drops zero values the way TTS's JSON marshaller does; array items and map values are kept. */
export function compact(value: unknown, inMap = false): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => compact(item));
  }
  if (!isObject(value)) {
    return value;
  }
  // Runs for every field of every entity of a list page: no arrays of entries or keys.
  const out: Record<string, unknown> = {};
  for (const k in value) {
    if (!Object.hasOwn(value, k)) {
      continue;
    }
    const v = value[k];
    if (!inMap && isZero(k, v)) {
      continue;
    }
    const compacted = compact(v, k === 'attributes' || k === 'context');
    if (!inMap && isObject(compacted) && isEmpty(compacted) && k !== 'data') {
      continue;
    }
    out[k] = compacted;
  }
  return out;
}

function isEmpty(value: object): boolean {
  for (const k in value) {
    if (Object.hasOwn(value, k)) {
      return false;
    }
  }
  return true;
}

function isZero(key: string, value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === '' ||
    value === 0 ||
    (Array.isArray(value) && value.length === 0) ||
    ENUM_ZERO[key] === value
  );
}

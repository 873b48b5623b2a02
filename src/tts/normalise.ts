// TTS omits zero values from JSON (§0.8): a missing list is `[]`, a missing client `state` is STATE_REQUESTED,
// a missing boolean is false. Defaults are filled only for fields the caller asked for, so a field left out
// of the mask is not mistaken for its zero value.

type Defaults<T> = { [K in keyof T]?: () => NonNullable<T[K]> };

export function withDefaults<T extends object>(entity: T, fields: readonly string[], defaults: Defaults<T>): T {
  const out = { ...entity } as Record<string, unknown>;
  for (const [field, make] of Object.entries(defaults) as [string, () => unknown][]) {
    if (fields.includes(field) && out[field] === undefined) {
      out[field] = make();
    }
  }
  return out as T;
}

const empty = <T>(): T[] => [];
const no = (): boolean => false;

export const CLIENT_DEFAULTS = {
  redirect_uris: empty<string>,
  logout_redirect_uris: empty<string>,
  grants: empty,
  rights: empty,
  state: () => 'STATE_REQUESTED' as const,
  skip_authorization: no,
  endorsed: no,
  name: () => '',
  description: () => '',
  state_description: () => '',
};

export const APPLICATION_DEFAULTS = {
  name: () => '',
  description: () => '',
};

export const ORGANIZATION_DEFAULTS = {
  name: () => '',
  description: () => '',
};

export const API_KEY_DEFAULTS = {
  rights: empty,
  name: () => '',
};

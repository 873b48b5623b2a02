// Application API keys (§3): the `NNSXS.` value only in the create response; the caller must hold every right it
// grants, adds or removes; `expires_at` in the future; `rights: []` in an update deletes the key.
import type { ApiKey } from '../../../src/tts/types';
import { APPLICATION_SPEC } from './applications';
import { requireRights } from './auth';
import { errors } from './errors';
import { compact, maskPaths, topLevel, validateMask } from './fieldMask';
import { empty, field, isObject, ok, type Ctx, type Reply, type Route } from './http';
import { listReply, ordered, pageRequest } from './paging';
import { live } from './registry';
import { isRight, type Right } from './rights';
import { iso, type ApiKeyRecord } from './state';
import { newToken, TOKEN_PREFIX } from './tokens';

const APP = 'application_ids.application_id';
const RIGHT = 'RIGHT_APPLICATION_SETTINGS_API_KEYS';

function appOf(ctx: Ctx, ...extra: Right[]): string {
  const appId = ctx.params[APP];
  requireRights(ctx.caller(), { kind: 'application', id: appId }, RIGHT, ...extra);
  live(APPLICATION_SPEC, ctx.server.state, appId);
  return appId;
}

function keyOf(ctx: Ctx, appId: string, keyId: string): ApiKeyRecord {
  const record = ctx.server.state.apiKeys.get(keyId);
  if (!record || record.entity.kind !== 'application' || record.entity.id !== appId) {
    throw errors.apiKeyNotFoundStore();
  }
  return record;
}

function checkRights(value: unknown, fieldName: string): Right[] {
  const rights: unknown[] = Array.isArray(value) ? value : [];
  if (rights.length === 0 || !rights.every(isRight) || new Set(rights).size !== rights.length) {
    throw errors.validation(fieldName, 'value must contain at least 1 unique right');
  }
  return rights;
}

function checkExpiry(ctx: Ctx, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms) || ms <= ctx.server.clock.now()) {
    throw errors.validation('expires_at', 'value must be greater than now');
  }
  return typeof value === 'string' ? value : undefined;
}

function checkName(value: unknown): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value.length > 50)) {
    throw errors.validation('name', 'value must be a string of at most 50 characters');
  }
  return value === '' ? undefined : value;
}

const shown = (record: ApiKeyRecord): unknown => compact({ ...record.apiKey, key: undefined });

function list(ctx: Ctx): Reply {
  const appId = appOf(ctx);
  const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
  const keys = [...ctx.server.state.apiKeys.values()].filter(
    (k) => k.entity.kind === 'application' && k.entity.id === appId,
  );
  const sorted = ordered(keys, ctx.query.get('order'), {
    api_key_id: (k) => k.apiKey.id,
    name: (k) => k.apiKey.name,
    created_at: (k) => k.apiKey.created_at,
    expires_at: (k) => k.apiKey.expires_at,
  });
  return listReply('api_keys', sorted, page, shown);
}

function create(ctx: Ctx): Reply {
  const body = isObject(ctx.body) ? ctx.body : {};
  const rights = checkRights(body.rights, 'rights');
  const appId = appOf(ctx, ...rights);
  const now = iso(ctx.server.clock.now());
  const { id, token } = newToken(TOKEN_PREFIX.apiKey);
  const apiKey: ApiKey = {
    id,
    name: checkName(body.name),
    rights,
    created_at: now,
    updated_at: now,
    expires_at: checkExpiry(ctx, body.expires_at),
  };
  ctx.server.state.apiKeys.set(id, { apiKey, token, entity: { kind: 'application', id: appId } });
  return ok(compact({ ...apiKey, key: token }));
}

function update(ctx: Ctx): Reply {
  const appId = appOf(ctx);
  const record = keyOf(ctx, appId, ctx.params['api_key.id']);
  const input = field(ctx.body, 'api_key');
  let paths = topLevel(maskPaths(isObject(ctx.body) ? ctx.body.field_mask : undefined));
  validateMask(paths, ['name', 'rights', 'expires_at']);
  if (paths.length === 0) {
    paths = ['rights', 'name'];
  }
  const key = record.apiKey;
  if (paths.includes('rights')) {
    const rights: unknown[] = Array.isArray(input.rights) ? input.rights : [];
    if (rights.length === 0) {
      appOf(ctx, ...(key.rights ?? []).filter(isRight));
      ctx.server.state.apiKeys.delete(record.apiKey.id ?? '');
      return empty(); // application_access.go:171-238: an update to no rights deletes the key
    }
    const next = checkRights(rights, 'api_key.rights');
    const old = (key.rights ?? []).filter(isRight);
    appOf(ctx, ...next.filter((r) => !old.includes(r)), ...old.filter((r) => !next.includes(r)));
    key.rights = next;
  }
  if (paths.includes('name')) {
    key.name = checkName(input.name);
  }
  if (paths.includes('expires_at')) {
    key.expires_at = checkExpiry(ctx, input.expires_at);
  }
  key.updated_at = iso(ctx.server.clock.now());
  return ok(shown(record));
}

function remove(ctx: Ctx): Reply {
  const appId = appOf(ctx);
  const record = keyOf(ctx, appId, ctx.params.key_id);
  ctx.server.state.apiKeys.delete(record.apiKey.id ?? '');
  return empty();
}

const BASE = `/applications/{${APP}}/api-keys`;

export const apiKeyRoutes: Route[] = [
  { method: 'GET', template: BASE, handler: list },
  { method: 'POST', template: BASE, handler: create },
  {
    method: 'GET',
    template: `${BASE}/{key_id}`,
    handler: (ctx) => ok(shown(keyOf(ctx, appOf(ctx), ctx.params.key_id))),
  },
  { method: 'PUT', template: `${BASE}/{api_key.id}`, handler: update },
  { method: 'DELETE', template: `${BASE}/{key_id}`, handler: remove },
];

// API keys of applications (§3), users and organizations (application_access.go, user_access.go,
// organization_access.go in v3.32.1), one set of rules for all three: the `NNSXS.` value only in the create answer;
// the `…_SETTINGS_API_KEYS` right, and every right the key gets; on update every right added or taken away;
// `expires_at` in the future; `rights: []` in an update (with `rights` in the mask) deletes the key and answers `{}`.
import type { ApiKey } from '../../../src/tts/types';
import { APPLICATION_SPEC } from './applications';
import { requireRights } from './auth';
import { errors } from './errors';
import { compact, maskPaths, topLevel, validateMask } from './fieldMask';
import { empty, field, isObject, ok, type Ctx, type Reply, type Route } from './http';
import { ORGANIZATION_SPEC } from './organizations';
import { listReply, ordered, pageRequest } from './paging';
import { live } from './registry';
import { isRight, type Right } from './rights';
import { iso, type ApiKeyRecord, type EntityRef } from './state';
import { newToken, TOKEN_PREFIX } from './tokens';

interface Holder {
  kind: 'application' | 'user' | 'organization';
  collection: 'applications' | 'users' | 'organizations';
  /** The validators' name part: `CreateApplicationAPIKeyRequestValidationError`. */
  name: 'Application' | 'User' | 'Organization';
  right: Right;
  /** 404 when the holder does not exist (or is deleted). */
  exists(ctx: Ctx, id: string): void;
}

const HOLDERS: Holder[] = [
  {
    kind: 'application',
    collection: 'applications',
    name: 'Application',
    right: 'RIGHT_APPLICATION_SETTINGS_API_KEYS',
    exists: (ctx, id) => live(APPLICATION_SPEC, ctx.server.state, id),
  },
  {
    kind: 'user',
    collection: 'users',
    name: 'User',
    right: 'RIGHT_USER_SETTINGS_API_KEYS',
    exists: (ctx, id) => {
      const user = ctx.server.state.users.get(id)?.user;
      if (!user || user.deleted_at) {
        throw errors.notFound('user', id);
      }
    },
  },
  {
    kind: 'organization',
    collection: 'organizations',
    name: 'Organization',
    right: 'RIGHT_ORGANIZATION_SETTINGS_API_KEYS',
    exists: (ctx, id) => live(ORGANIZATION_SPEC, ctx.server.state, id),
  },
];

function checkRights(value: unknown, request: string): Right[] {
  const rights: unknown[] = Array.isArray(value) ? value : [];
  const name = `${request}ValidationError`;
  if (rights.length === 0) {
    throw errors.validation('rights', 'value must contain at least 1 item(s)', name);
  }
  if (!rights.every(isRight) || new Set(rights).size !== rights.length) {
    throw errors.validation('rights', 'repeated value must contain unique items', name);
  }
  return rights;
}

function checkExpiry(ctx: Ctx, value: unknown, request: string): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms) || ms <= ctx.server.clock.now()) {
    throw errors.validation('expires_at', 'value must be greater than now', `${request}ValidationError`);
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

function routesOf(holder: Holder): Route[] {
  const idParam = `${holder.kind}_ids.${holder.kind}_id`;
  const base = `/${holder.collection}/{${idParam}}/api-keys`;
  /** The holder of the path, after its rights (the API-keys right and `extra`) and its existence. */
  const holderOf = (ctx: Ctx, ...extra: Right[]): EntityRef => {
    const ref: EntityRef = { kind: holder.kind, id: ctx.params[idParam] };
    requireRights(ctx.caller(), ref, holder.right);
    if (extra.length > 0) {
      requireRights(ctx.caller(), ref, ...extra);
    }
    holder.exists(ctx, ref.id);
    return ref;
  };
  const keyOf = (ctx: Ctx, ref: EntityRef, keyId: string): ApiKeyRecord => {
    const record = ctx.server.state.apiKeys.get(keyId);
    if (!record || record.entity.kind !== ref.kind || record.entity.id !== ref.id) {
      throw errors.apiKeyNotFoundStore({ api_key_id: keyId, entity_type: ref.kind, entity_id: ref.id });
    }
    return record;
  };

  const list = (ctx: Ctx): Reply => {
    const ref = holderOf(ctx);
    const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
    const keys = [...ctx.server.state.apiKeys.values()].filter(
      (k) => k.entity.kind === ref.kind && k.entity.id === ref.id,
    );
    const sorted = ordered(keys, ctx.query.get('order'), {
      api_key_id: (k) => k.apiKey.id,
      name: (k) => k.apiKey.name,
      created_at: (k) => k.apiKey.created_at,
      expires_at: (k) => k.apiKey.expires_at,
    });
    return listReply('api_keys', sorted, page, shown);
  };

  const create = (ctx: Ctx): Reply => {
    const request = `Create${holder.name}APIKeyRequest`;
    const body = isObject(ctx.body) ? ctx.body : {};
    const rights = checkRights(body.rights, request);
    const expiresAt = checkExpiry(ctx, body.expires_at, request);
    const ref = holderOf(ctx, ...rights);
    const now = iso(ctx.server.clock.now());
    const { id, token } = newToken(TOKEN_PREFIX.apiKey);
    const apiKey: ApiKey = {
      id,
      name: checkName(body.name),
      rights,
      created_at: now,
      updated_at: now,
      expires_at: expiresAt,
    };
    ctx.server.state.apiKeys.set(id, { apiKey, token, entity: ref });
    return ok(compact({ ...apiKey, key: token }));
  };

  const update = (ctx: Ctx): Reply => {
    const request = `Update${holder.name}APIKeyRequest`;
    const ref = holderOf(ctx);
    const keyId = ctx.params['api_key.id'];
    const input = field(ctx.body, 'api_key');
    let paths = topLevel(maskPaths(isObject(ctx.body) ? ctx.body.field_mask : undefined));
    validateMask(paths, ['name', 'rights', 'expires_at']);
    if (paths.length === 0) {
      paths = ['rights', 'name']; // backwards compatibility for older clients
    }
    const given: unknown[] = Array.isArray(input.rights) ? input.rights : [];
    if (given.length > 0) {
      const next = checkRights(given, request);
      const old = (keyOf(ctx, ref, keyId).apiKey.rights ?? []).filter(isRight);
      const added = next.filter((r) => !old.includes(r));
      const removed = old.filter((r) => !next.includes(r));
      requireRights(ctx.caller(), ref, ...added);
      requireRights(ctx.caller(), ref, ...removed);
    } else if (paths.includes('rights')) {
      keyOf(ctx, ref, keyId);
      ctx.server.state.apiKeys.delete(keyId); // an update to no rights deletes the key
      return empty();
    }
    const record = keyOf(ctx, ref, keyId);
    const key = record.apiKey;
    if (paths.includes('rights')) {
      key.rights = checkRights(given, request);
    }
    if (paths.includes('name')) {
      key.name = checkName(input.name);
    }
    if (paths.includes('expires_at')) {
      key.expires_at = checkExpiry(ctx, input.expires_at, request);
    }
    key.updated_at = iso(ctx.server.clock.now());
    return ok(shown(record)); // the whole key, not only the masked fields
  };

  const remove = (ctx: Ctx): Reply => {
    const ref = holderOf(ctx);
    keyOf(ctx, ref, ctx.params.key_id);
    ctx.server.state.apiKeys.delete(ctx.params.key_id);
    return empty();
  };

  return [
    { method: 'GET', template: base, handler: list },
    { method: 'POST', template: base, handler: create },
    {
      method: 'GET',
      template: `${base}/{key_id}`,
      handler: (ctx) => ok(shown(keyOf(ctx, holderOf(ctx), ctx.params.key_id))),
    },
    { method: 'PUT', template: `${base}/{api_key.id}`, handler: update },
    { method: 'DELETE', template: `${base}/{key_id}`, handler: remove },
  ];
}

export const apiKeyRoutes: Route[] = HOLDERS.flatMap(routesOf);

// The write side shared by clients and applications: create (ID rules, blocklist, creator as collaborator),
// update by field mask, soft delete, restore within the window, purge by admins (§2.1, §3, Corrections 13).
import type { OrganizationOrUserIdentifiers } from '../../../src/tts/types';
import { requireRights, type Caller } from './auth';
import { errors } from './errors';
import { applyMask, compact, maskPaths, pick, topLevel, validateMask } from './fieldMask';
import { empty, field, isObject, ok, type Ctx, type Reply } from './http';
import { live, refOf, type EntityShape, type RegistrySpec } from './registry';
import { forgetEntity, iso, memberRights, setMember, type AccountRef, type ServerState } from './state';

export interface LifecycleSpec<T extends EntityShape> extends RegistrySpec<T> {
  /** Kind-specific field checks on create and update input; throws validation errors. */
  validate(input: Record<string, unknown>): void;
  /** Stores a new entity built from the request; `once` is shown in the create response only (the secret). */
  create(
    ctx: Ctx,
    input: Record<string, unknown>,
    base: T,
    caller: Caller,
  ): { entity: T; once?: Record<string, unknown> };
  /** Kind-specific update rules (admin-only fields, secret); may return fields to echo. */
  update?(
    ctx: Ctx,
    entity: T,
    input: Record<string, unknown>,
    paths: string[],
    caller: Caller,
  ): Record<string, unknown> | void;
  /** Fields an update accepts in its mask (200) but does not store, as TTS v3.32.1 does with a client's `endorsed`. */
  ignoredOnUpdate?: readonly string[];
  beforeDelete?(state: ServerState, id: string): void;
  remove(state: ServerState, id: string): void;
}

export const ID_PATTERN = /^[a-z0-9](?:[-]?[a-z0-9]){2,}$/;

/** A sample of TTS's 731 reserved IDs (pkg/identityserver/blocklist/builtin.go). */
export const BLOCKLIST = new Set([
  'admin',
  'administrator',
  'api',
  'app',
  'apps',
  'application',
  'applications',
  'auth',
  'authorize',
  'cli',
  'client',
  'clients',
  'code',
  'console',
  'dashboard',
  'device',
  'devices',
  'events',
  'gateway',
  'gateways',
  'join',
  'login',
  'logout',
  'network',
  'oauth',
  'org',
  'organization',
  'organizations',
  'register',
  'root',
  'server',
  'settings',
  'stack',
  'support',
  'system',
  'thethings',
  'thethingsnetwork',
  'thethingsindustries',
  'token',
  'ttn',
  'tti',
  'ttnv3',
  'user',
  'users',
  'www',
  'help',
  'status',
  'account',
  'callback',
  'local-callback',
  'validate',
  'admin-console',
]);

export function validateId(value: unknown, fieldName: string): string {
  if (typeof value !== 'string' || value === '') {
    throw errors.validation(fieldName, 'value is required');
  }
  if (value.length > 36 || !ID_PATTERN.test(value)) {
    throw errors.validation(
      fieldName,
      `value does not match regex pattern \`${ID_PATTERN.source}\` or is longer than 36 characters`,
    );
  }
  return value;
}

/** Checks shared by every entity: name ≤ 50, description ≤ 2000, ≤ 10 attributes. */
export function validateCommon(input: Record<string, unknown>): void {
  const text = (name: string, max: number) => {
    const value = input[name];
    if (value !== undefined && (typeof value !== 'string' || value.length > max)) {
      throw errors.validation(name, `value must be a string of at most ${max} characters`);
    }
  };
  text('name', 50);
  text('description', 2000);
  const attributes = input.attributes;
  if (attributes !== undefined) {
    if (
      !isObject(attributes) ||
      Object.keys(attributes).length > 10 ||
      Object.entries(attributes).some(
        ([k, v]) => !ID_PATTERN.test(k) || k.length > 36 || typeof v !== 'string' || v.length > 200,
      )
    ) {
      throw errors.validation('attributes', 'at most 10 attributes, keys like IDs, values of at most 200 characters');
    }
  }
}

const ownerIds = (owner: AccountRef): OrganizationOrUserIdentifiers =>
  owner.kind === 'user' ? { user_ids: { user_id: owner.id } } : { organization_ids: { organization_id: owner.id } };

export function createEntity<T extends EntityShape>(spec: LifecycleSpec<T>, ctx: Ctx, owner: AccountRef): Reply {
  const caller = ctx.caller();
  requireRights(caller, owner, owner.kind === 'user' ? spec.rights.createUser : spec.rights.createOrg);
  const config = ctx.server.state.config;
  if (
    owner.kind === 'user' &&
    !caller.admin &&
    !(spec.kind === 'client' ? config.userRightsCreateClients : config.userRightsCreateApplications)
  ) {
    throw errors.adminsCreate(spec.kind); // is.user-rights.create-clients / create-applications off
  }
  const input = field(ctx.body, spec.kind);
  const id = validateId(field(input, 'ids')[spec.idField], `ids.${spec.idField}`);
  if (BLOCKLIST.has(id)) {
    throw errors.forbiddenId({ id });
  }
  if (spec.get(ctx.server.state, id)) {
    throw errors.idTaken({ id }); // also while a deleted entity still holds the ID (until purged)
  }
  validateCommon(input);
  spec.validate(input);
  const now = iso(ctx.server.clock.now());
  const base = {
    ...pick(input, spec.fields),
    ids: { [spec.idField]: id },
    created_at: now,
    updated_at: now,
    deleted_at: undefined,
    administrative_contact: input.administrative_contact ?? ownerIds(owner),
    technical_contact: input.technical_contact ?? ownerIds(owner),
  } as unknown as T;
  const { entity, once } = spec.create(ctx, input, base, caller);
  setMember(ctx.server.state, refOf(spec, id), owner, ['RIGHT_ALL']);
  return ok(compact({ ...entity, ...once }));
}

export function updateEntity<T extends EntityShape>(spec: LifecycleSpec<T>, ctx: Ctx, id: string): Reply {
  const caller = ctx.caller();
  requireRights(caller, refOf(spec, id), spec.rights.settings);
  const state = ctx.server.state;
  const entity = live(spec, state, id);
  const input = field(ctx.body, spec.kind);
  const paths = maskPaths(isObject(ctx.body) ? ctx.body.field_mask : undefined);
  validateMask(paths, spec.updatable);
  const masked = pick(input, topLevel(paths)); // like ValidateFields(paths): unmasked fields are ignored
  validateCommon(masked);
  spec.validate(masked);
  const echo = spec.update?.(ctx, entity, input, paths, caller) ?? {};
  const headers: Record<string, string> = {};
  const target = entity as Record<string, unknown>;
  for (const path of topLevel(paths)) {
    if (path === 'contact_info') {
      headers['X-Warning'] =
        'contact_info is deprecated and was ignored; use administrative_contact and technical_contact';
      continue;
    }
    if (path === 'secret' || spec.ignoredOnUpdate?.includes(path)) {
      continue;
    }
    if ((path === 'administrative_contact' || path === 'technical_contact') && isObject(input[path])) {
      checkContact(state, spec, id, input[path]);
    }
    target[path] = input[path];
  }
  entity.updated_at = iso(ctx.server.clock.now());
  return ok(compact({ ...applyMask(entity, paths), ...echo }), headers);
}

function checkContact<T extends EntityShape>(
  state: ServerState,
  spec: LifecycleSpec<T>,
  id: string,
  contact: Record<string, unknown>,
): void {
  const userId = field(contact, 'user_ids').user_id;
  const orgId = field(contact, 'organization_ids').organization_id;
  const account: AccountRef | undefined =
    typeof userId === 'string'
      ? { kind: 'user', id: userId }
      : typeof orgId === 'string'
        ? { kind: 'organization', id: orgId }
        : undefined;
  if (account && !memberRights(state, refOf(spec, id), account)) {
    throw errors.contactNoCollaborator({ contact_id: account.id });
  }
}

export function deleteEntity<T extends EntityShape>(spec: LifecycleSpec<T>, ctx: Ctx, id: string): Reply {
  requireRights(ctx.caller(), refOf(spec, id), spec.rights.delete);
  const entity = live(spec, ctx.server.state, id);
  spec.beforeDelete?.(ctx.server.state, id);
  entity.deleted_at = iso(ctx.server.clock.now());
  return empty();
}

export function restoreEntity<T extends EntityShape>(spec: LifecycleSpec<T>, ctx: Ctx, id: string): Reply {
  requireRights(ctx.caller(), refOf(spec, id), spec.rights.delete);
  const entity = spec.get(ctx.server.state, id);
  if (!entity?.deleted_at) {
    throw errors.notFound(spec.kind, id);
  }
  const window = ctx.server.state.config.restoreWindowMs;
  if (ctx.server.clock.now() - Date.parse(entity.deleted_at) > window) {
    throw errors.restoreWindowExpired({ restore_window: `${window / 3600_000}h` });
  }
  entity.deleted_at = undefined;
  entity.updated_at = iso(ctx.server.clock.now());
  return empty();
}

export function purgeEntity<T extends EntityShape>(spec: LifecycleSpec<T>, ctx: Ctx, id: string): Reply {
  const caller = ctx.caller();
  if (caller.kind === 'none') {
    throw errors.unauthenticated();
  }
  if (!caller.admin) {
    throw errors.adminsPurge(spec.kind);
  }
  if (!spec.get(ctx.server.state, id)) {
    throw errors.notFound(spec.kind, id);
  }
  spec.beforeDelete?.(ctx.server.state, id);
  spec.remove(ctx.server.state, id);
  forgetEntity(ctx.server.state, refOf(spec, id));
  return empty();
}

// The write side shared by clients, applications and organizations: create (ID rules, blocklist, creator as
// collaborator, contacts only the creator), update by field mask (contacts: the caller unless admin, and
// collaborators), soft delete, restore within the window, purge by admins (§2.1, §3, Corrections 13).
import type { OrganizationOrUserIdentifiers } from '../../../src/tts/types';
import { accountErrors } from './accountErrors';
import { callerAccount, requireRights, type Caller } from './auth';
import { errors } from './errors';
import { applyMask, compact, maskPaths, pick, topLevel, validateMask } from './fieldMask';
import { empty, field, isObject, ok, type Ctx, type Reply } from './http';
import { live, refOf, type EntityShape, type RegistrySpec } from './registry';
import { BLOCKLIST, validateCommon, validateId } from './entityIds';
import { forgetEntity, iso, memberRights, setMember, type AccountRef, type EntityRef, type ServerState } from './state';

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
  /** Is the ID in use (default: an entity of this kind holds it; organizations share theirs with users). */
  idTaken?(state: ServerState, id: string): boolean;
  beforeDelete?(state: ServerState, id: string): void;
  remove(state: ServerState, id: string): void;
}

export { BLOCKLIST, ID_PATTERN, validateCommon, validateId } from './entityIds';

const ownerIds = (owner: AccountRef): OrganizationOrUserIdentifiers =>
  owner.kind === 'user' ? { user_ids: { user_id: owner.id } } : { organization_ids: { organization_id: owner.id } };

/** Is `is.user-rights.create-…` on for the kind (non-admins creating under a user)? */
function usersMayCreate(state: ServerState, kind: EntityShapeKind): boolean {
  const config = state.config;
  return kind === 'client'
    ? config.userRightsCreateClients
    : kind === 'application'
      ? config.userRightsCreateApplications
      : config.userRightsCreateOrganizations;
}
type EntityShapeKind = LifecycleSpec<EntityShape>['kind'];

export function createEntity<T extends EntityShape>(spec: LifecycleSpec<T>, ctx: Ctx, owner: AccountRef): Reply {
  const caller = ctx.caller();
  const state = ctx.server.state;
  requireRights(caller, owner, owner.kind === 'user' ? spec.rights.createUser : spec.rights.createOrg);
  if (owner.kind === 'user' && !caller.admin && !usersMayCreate(state, spec.kind)) {
    // is.user-rights.create-clients / create-applications / create-organizations off
    throw spec.kind === 'organization' ? accountErrors.adminsCreateOrganizations() : errors.adminsCreate(spec.kind);
  }
  const input = field(ctx.body, spec.kind);
  const id = validateId(field(input, 'ids')[spec.idField], `ids.${spec.idField}`);
  if (BLOCKLIST.has(id)) {
    throw errors.forbiddenId({ id });
  }
  if (spec.idTaken ? spec.idTaken(state, id) : spec.get(state, id)) {
    throw errors.idTaken({ id }); // also while a deleted entity still holds the ID (until purged)
  }
  for (const contact of [input.administrative_contact, input.technical_contact]) {
    const account = isObject(contact) ? accountOf(contact) : undefined;
    if (account && (account.kind !== owner.kind || account.id !== owner.id)) {
      throw errors.contactNoCollaborator({ contact: account.id }); // validateCollaboratorEqualsContact
    }
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
  setMember(state, refOf(spec, id), owner, ['RIGHT_ALL']);
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
  checkContacts(state, caller, refOf(spec, id), input);
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
    target[path] = input[path];
  }
  entity.updated_at = iso(ctx.server.clock.now());
  return ok(compact({ ...applyMask(entity, paths), ...echo }), headers);
}

function accountOf(ids: Record<string, unknown>): AccountRef | undefined {
  const userId = field(ids, 'user_ids').user_id;
  const orgId = field(ids, 'organization_ids').organization_id;
  return typeof userId === 'string'
    ? { kind: 'user', id: userId }
    : typeof orgId === 'string'
      ? { kind: 'organization', id: orgId }
      : undefined;
}

/**
 * The contacts an update sends (read from the body, masked or not, as TTS does): only the caller itself unless an
 * admin (validateContactInfoRestrictions; collaborator_rights.set_others_as_contacts is off), and collaborators.
 */
function checkContacts(state: ServerState, caller: Caller, entity: EntityRef, input: Record<string, unknown>): void {
  const contacts = [input.administrative_contact, input.technical_contact]
    .map((c) => (isObject(c) ? accountOf(c) : undefined))
    .filter((c): c is AccountRef => c !== undefined);
  const me = callerAccount(caller);
  if (!caller.admin && contacts.some((c) => c.kind !== me?.kind || c.id !== me.id)) {
    throw accountErrors.contactInfoRestricted();
  }
  const stranger = contacts.find((c) => !memberRights(state, entity, c));
  if (stranger) {
    throw errors.contactNoCollaborator({ contact: stranger.id });
  }
}

export function deleteEntity<T extends EntityShape>(spec: LifecycleSpec<T>, ctx: Ctx, id: string): Reply {
  requireRights(ctx.caller(), refOf(spec, id), spec.rights.delete);
  const entity = live(spec, ctx.server.state, id);
  spec.beforeDelete?.(ctx.server.state, id);
  entity.deleted_at = iso(ctx.server.clock.now());
  ctx.server.state.changes.count++; // what is reached through a deleted organization is no longer reached
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
  ctx.server.state.changes.count++;
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

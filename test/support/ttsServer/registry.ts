// What clients and applications have in common (client_registry.go, application_registry.go): one spec per kind
// and the read side — list (own, user, organization, deleted), get with public-safe fallback, search, rights.
import type { OrganizationOrUserIdentifiers } from '../../../src/tts/types';
import { callerAccount, membershipRights, requireAuthenticated, requireRights, type Caller } from './auth';
import { errors } from './errors';
import { compact, masker, maskPaths, pick, validateMask } from './fieldMask';
import { ok, queryList, type Ctx, type Reply } from './http';
import { listReply, ordered, pageRequest } from './paging';
import { sorted, type Right } from './rights';
import { parseRefKey, refKey, type AccountRef, type EntityRef, type ServerState } from './state';

export interface EntityShape {
  name?: string;
  description?: string;
  attributes?: Record<string, string>;
  created_at?: string;
  updated_at?: string;
  deleted_at?: string;
  administrative_contact?: OrganizationOrUserIdentifiers;
  technical_contact?: OrganizationOrUserIdentifiers;
}

export interface RegistrySpec<T extends EntityShape> {
  kind: 'client' | 'application';
  collection: 'clients' | 'applications';
  idField: 'client_id' | 'application_id';
  fields: readonly string[];
  publicFields: readonly string[];
  updatable: readonly string[];
  rights: {
    info: Right;
    settings: Right;
    delete: Right;
    collaborators: Right;
    listUser: Right;
    listOrg: Right;
    createUser: Right;
    createOrg: Right;
  };
  get(state: ServerState, id: string): T | undefined;
  all(state: ServerState): Iterable<T>;
  idOf(entity: T): string;
}

export const refOf = <T extends EntityShape>(spec: RegistrySpec<T>, id: string): EntityRef => ({ kind: spec.kind, id });

/** An entity that exists and is not deleted, else 404 `<kind>_not_found`. */
export function live<T extends EntityShape>(spec: RegistrySpec<T>, state: ServerState, id: string): T {
  const entity = spec.get(state, id);
  if (!entity || entity.deleted_at) {
    throw errors.notFound(spec.kind, id);
  }
  return entity;
}

/** Read masks: every field but `secret`, which can never be read back (§2.1). */
function readMask<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx): string[] {
  const paths = maskPaths(queryList(ctx.query, 'field_mask').join(','));
  validateMask(
    paths,
    spec.fields.filter((f) => f !== 'secret'),
  );
  return paths;
}

/** Renders with the mask; without the info right only the public fields are shown. */
function render<T extends EntityShape>(
  spec: RegistrySpec<T>,
  caller: Caller,
  entity: T,
  mask: (entity: T) => Partial<T>,
): unknown {
  const masked = mask(entity);
  const mayRead = caller.rightsOn({ kind: spec.kind, id: spec.idOf(entity) }).has(spec.rights.info);
  return compact(mayRead ? masked : pick(masked, spec.publicFields));
}

const orderKeys = <T extends EntityShape>(spec: RegistrySpec<T>) => ({
  [spec.idField]: (e: T) => spec.idOf(e),
  name: (e: T) => e.name,
  created_at: (e: T) => e.created_at,
});

function listOf<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx, entities: T[]): Reply {
  const caller = ctx.caller();
  const paths = readMask(spec, ctx);
  const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
  const deleted = ctx.query.get('deleted') === 'true';
  const order = ctx.query.get('order');
  const byId = !order || order === spec.idField;
  const items = (byId ? inIdOrder(spec, entities) : ordered(entities, order, orderKeys(spec))).filter(
    (e) => Boolean(e.deleted_at) === deleted,
  );
  const mask = masker(paths);
  return listReply(spec.collection, items, page, (e) => render(spec, caller, e, mask));
}

/**
 * A list in ID order, kept per list: IDs never change, and the lists collaborationsOf hands out stay the same array
 * until the state changes, so paging through thousands neither sorts nor checks the order again on every page.
 */
const idOrdered = new WeakMap<readonly EntityShape[], EntityShape[]>();

function inIdOrder<T extends EntityShape>(spec: RegistrySpec<T>, entities: T[]): T[] {
  let sorted = idOrdered.get(entities);
  if (!sorted) {
    sorted = ordered(entities, null, orderKeys(spec));
    idOrdered.set(entities, sorted);
  }
  return sorted as T[];
}

/** `GET /clients`: everything the caller reaches, directly or through organizations; admins see all. */
export function listOwn<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx): Reply {
  const caller = ctx.caller();
  const account = callerAccount(caller);
  if (!account) {
    return ok({}); // no user or organization identity: 200 {} without X-Total-Count (Corrections 12)
  }
  requireRights(caller, account, account.kind === 'user' ? spec.rights.listUser : spec.rights.listOrg);
  const state = ctx.server.state;
  const all = [...spec.all(state)];
  const reachable = caller.admin
    ? all
    : all.filter((e) => membershipRights(state, account, refOf(spec, spec.idOf(e))).size > 0);
  return listOf(spec, ctx, reachable);
}

/** `GET /users/{…}/clients`, `GET /organizations/{…}/clients`: direct collaborations only. */
export function listCollaborations<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx, account: AccountRef): Reply {
  const caller = ctx.caller();
  requireRights(caller, account, account.kind === 'user' ? spec.rights.listUser : spec.rights.listOrg);
  return listOf(spec, ctx, collaborationsOf(spec, ctx.server.state, account));
}

/** Per server state: the entities of a kind each account collaborates on directly, until the state next changes. */
const collaborations = new WeakMap<ServerState, { changes: number; lists: Map<string, EntityShape[]> }>();

/**
 * Walked from the memberships once per change rather than per request: testing each of thousands of entities with
 * a `kind:id` key made for it (a fresh string to flatten, hash and compare) was most of a list request's cost.
 * listOf filters and orders the result (by a key, then the ID), so neither in-place changes nor this order matter.
 */
function collaborationsOf<T extends EntityShape>(spec: RegistrySpec<T>, state: ServerState, account: AccountRef): T[] {
  let index = collaborations.get(state);
  if (index?.changes !== state.changes.count) {
    index = { changes: state.changes.count, lists: new Map() };
    collaborations.set(state, index);
  }
  const member = refKey(account);
  const cacheKey = `${spec.kind} ${member}`;
  let list = index.lists.get(cacheKey);
  if (!list) {
    list = [];
    for (const [key, members] of state.memberships) {
      const ref = parseRefKey(key);
      const entity = ref.kind === spec.kind && members.has(member) ? spec.get(state, ref.id) : undefined;
      if (entity) {
        list.push(entity);
      }
    }
    index.lists.set(cacheKey, list);
  }
  return list as T[];
}

export function getOne<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx, id: string): Reply {
  const caller = ctx.caller();
  requireAuthenticated(caller);
  const paths = readMask(spec, ctx);
  const held = caller.rightsOn(refOf(spec, id));
  if (!held.has(spec.rights.info) && !paths.every((p) => spec.publicFields.includes(p.split('.')[0]))) {
    requireRights(caller, refOf(spec, id), spec.rights.info);
  }
  return ok(render(spec, caller, live(spec, ctx.server.state, id), masker(paths)));
}

export function listRights<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx, id: string): Reply {
  const caller = ctx.caller();
  requireAuthenticated(caller);
  const rights = sorted(caller.rightsOn(refOf(spec, id)));
  return ok(rights.length > 0 ? { rights } : {});
}

/** `GET /search/{clients,applications}`: memberships only unless admin; filters are case-insensitive substrings. */
export function search<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx): Reply {
  const caller = ctx.caller();
  requireAuthenticated(caller);
  const q = ctx.query;
  const has = (value: string | undefined, needle: string | null) =>
    !needle || (value ?? '').toLowerCase().includes(needle.toLowerCase());
  const states = q.getAll('state');
  const attributeFilters = [...q.keys()].filter((k) => /^attributes_contain\[.+\]$/.test(k));
  const matches = (e: T): boolean => {
    const id = spec.idOf(e);
    const query = q.get('query');
    return (
      (caller.admin || caller.rightsOn(refOf(spec, id)).size > 0) &&
      (!query || has(id, query) || has(e.name, query) || has(e.description, query)) &&
      has(id, q.get('id_contains')) &&
      has(e.name, q.get('name_contains')) &&
      has(e.description, q.get('description_contains')) &&
      (states.length === 0 || states.includes((e as { state?: string }).state ?? 'STATE_REQUESTED')) &&
      attributeFilters.every((k) => has(e.attributes?.[k.slice(19, -1)], q.get(k)))
    );
  };
  return listOf(spec, ctx, [...spec.all(ctx.server.state)].filter(matches));
}

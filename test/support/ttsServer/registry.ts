// What clients, applications and organizations have in common (client_registry.go, application_registry.go,
// organization_registry.go): one spec per kind and the read side — list (own, user, organization, deleted), get with
// public-safe fallback, search, rights.
import type { OrganizationOrUserIdentifiers } from '../../../src/tts/types';
import { accountErrors } from './accountErrors';
import { callerAccount, requireAuthenticated, requireRights, type Caller } from './auth';
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
  kind: 'client' | 'application' | 'organization';
  collection: 'clients' | 'applications' | 'organizations';
  idField: 'client_id' | 'application_id' | 'organization_id';
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
  /** What `…/rights` may answer: the caller's rights cut to these (listApplicationRights: AllApplicationRights). */
  rightsScope: ReadonlySet<Right>;
  /** The right a non-admin needs to see more than public fields in search results (organizations: a TTS slip). */
  searchInfo?: Right;
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
  info: Right = spec.rights.info,
): unknown {
  const masked = mask(entity);
  const mayRead = caller.rightsOn({ kind: spec.kind, id: spec.idOf(entity) }).has(info);
  return compact(mayRead ? masked : pick(masked, spec.publicFields));
}

const orderKeys = <T extends EntityShape>(spec: RegistrySpec<T>) => ({
  [spec.idField]: (e: T) => spec.idOf(e),
  name: (e: T) => e.name,
  created_at: (e: T) => e.created_at,
});

/** One page of `entities` (live or, with `deleted=true`, deleted ones) under the request's mask, order and paging. */
export function listOf<T extends EntityShape>(
  spec: RegistrySpec<T>,
  ctx: Ctx,
  entities: T[],
  info: Right = spec.rights.info,
): Reply {
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
  return listReply(spec.collection, items, page, (e) => render(spec, caller, e, mask, info));
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

/**
 * `GET /clients`, `GET /applications`: what the caller collaborates on, directly or through an organization it is a
 * member of (FindMemberships with includeIndirect) — for admins too in v3.32.1, which lists an admin's own memberships
 * here, not every entity (the admin's view of everything is `/search/…`); `config.listAllForAdmins` keeps the old way.
 */
export function listOwn<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx): Reply {
  const caller = ctx.caller();
  const account = callerAccount(caller);
  if (!account) {
    return ok({}); // no user or organization identity: 200 {} without X-Total-Count (Corrections 12)
  }
  requireRights(caller, account, account.kind === 'user' ? spec.rights.listUser : spec.rights.listOrg);
  const state = ctx.server.state;
  if (caller.admin && state.config.listAllForAdmins) {
    return listOf(spec, ctx, [...spec.all(state)]); // not v3.32.1 (see ServerConfig.listAllForAdmins)
  }
  return listOf(spec, ctx, reachable(spec, state, account));
}

/** What an account collaborates on directly or through the live organizations it is a member of. */
function reachable<T extends EntityShape>(spec: RegistrySpec<T>, state: ServerState, account: AccountRef): T[] {
  const direct = collaborationsOf(spec, state, account);
  const viaOrganizations = account.kind === 'user' ? liveOrganizationsOf(state, account.id) : [];
  if (viaOrganizations.length === 0) {
    return direct;
  }
  const all = new Set(direct);
  for (const org of viaOrganizations) {
    collaborationsOf(spec, state, { kind: 'organization', id: org }).forEach((e) => all.add(e));
  }
  return [...all];
}

/** The live organizations a user is a direct member of (organizations are never nested). */
export function liveOrganizationsOf(state: ServerState, userId: string): string[] {
  const member = `user:${userId}`;
  const out: string[] = [];
  for (const [id, org] of state.organizations) {
    if (!org.deleted_at && state.memberships.get(`organization:${id}`)?.has(member)) {
      out.push(id);
    }
  }
  return out;
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
  const rights = sorted([...caller.rightsOn(refOf(spec, id))].filter((r) => spec.rightsScope.has(r)));
  return ok(rights.length > 0 ? { rights } : {});
}

const STATES = ['STATE_REQUESTED', 'STATE_APPROVED', 'STATE_REJECTED', 'STATE_FLAGGED', 'STATE_SUSPENDED'];

/** `state` query values by name or number, as grpc-gateway parses the repeated enum (else 400 without details). */
function statesOf(query: URLSearchParams): string[] {
  return query.getAll('state').map((value) => {
    const state = /^\d+$/.test(value) ? STATES[Number(value)] : STATES.find((s) => s === value);
    if (!state) {
      throw accountErrors.badEnum('state', value);
    }
    return state;
  });
}

/**
 * `GET /search/{clients,applications,organizations}`: memberships only unless admin (for admins everything, which
 * is how an admin sees the queue of requested clients: `state=STATE_REQUESTED`); filters are case-insensitive
 * substrings; `state` (clients) is honoured for everyone.
 */
export function search<T extends EntityShape>(spec: RegistrySpec<T>, ctx: Ctx): Reply {
  const caller = ctx.caller();
  requireAuthenticated(caller);
  const q = ctx.query;
  const has = (value: string | undefined, needle: string | null) =>
    !needle || (value ?? '').toLowerCase().includes(needle.toLowerCase());
  const states = statesOf(q);
  const account = callerAccount(caller);
  if (!account) {
    throw accountErrors.searchForbidden();
  }
  const mine = caller.admin ? undefined : new Set<T>(reachable(spec, ctx.server.state, account));
  const attributeFilters = [...q.keys()].filter((k) => /^attributes_contain\[.+\]$/.test(k));
  const matches = (e: T): boolean => {
    const id = spec.idOf(e);
    const query = q.get('query');
    return (
      (!mine || mine.has(e)) &&
      (!query || has(id, query) || has(e.name, query) || has(e.description, query)) &&
      has(id, q.get('id_contains')) &&
      has(e.name, q.get('name_contains')) &&
      has(e.description, q.get('description_contains')) &&
      (states.length === 0 || states.includes((e as { state?: string }).state ?? 'STATE_REQUESTED')) &&
      attributeFilters.every((k) => has(e.attributes?.[k.slice(19, -1)], q.get(k)))
    );
  };
  const info = caller.admin ? spec.rights.info : (spec.searchInfo ?? spec.rights.info);
  return listOf(spec, ctx, [...spec.all(ctx.server.state)].filter(matches), info);
}

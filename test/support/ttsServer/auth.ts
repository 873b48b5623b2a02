// Who is calling and what may they do (entity_access.go, rights.go): OAuth access tokens carry the client's rights
// at authorization time and are intersected with the user's membership rights; API keys carry their own rights on
// their owner entity. Admins hold the universal rights everywhere.
import type { IncomingHttpHeaders } from 'node:http';
import { errors } from './errors';
import type { Clock } from './http';
import { expand, intersect, missing, union, UNIVERSAL_RIGHTS, type Right } from './rights';
import {
  memberRights,
  membersOf,
  type AccessTokenRecord,
  type AccountRef,
  type ApiKeyRecord,
  type EntityRef,
  type ServerState,
} from './state';
import { splitToken, TOKEN_PREFIX } from './tokens';

export interface Caller {
  kind: 'none' | 'oauth' | 'api-key';
  /** The user behind an OAuth token or a user API key. */
  userId?: string;
  /** The owner of an API key. */
  keyEntity?: EntityRef;
  admin: boolean;
  token?: AccessTokenRecord;
  apiKey?: ApiKeyRecord;
  rightsOn(entity: EntityRef): Set<Right>;
}

const NOBODY: Caller = { kind: 'none', admin: false, rightsOn: () => new Set() };

/** Per server state: membership rights by account and entity, worked out once until the memberships next change. */
const membershipCache = new WeakMap<
  ServerState,
  { changes: number; byAccount: Map<string, Map<string, Set<Right>>> }
>();

/** Rights an account holds on an entity through membership, directly or through an organization it belongs to. */
export function membershipRights(state: ServerState, account: AccountRef, entity: EntityRef): Set<Right> {
  let cache = membershipCache.get(state);
  if (cache?.changes !== state.changes.count) {
    cache = { changes: state.changes.count, byAccount: new Map() };
    membershipCache.set(state, cache);
  }
  // Keyed by the entity's own ID string under its account and kind: a list page asks for a hundred entities, and
  // hashing an existing string is cheap where building a `kind:id` key for each was most of a request's cost.
  const accountKey = `${account.kind}:${account.id}/${entity.kind}`;
  let byEntity = cache.byAccount.get(accountKey);
  if (!byEntity) {
    byEntity = new Map();
    cache.byAccount.set(accountKey, byEntity);
  }
  let rights = byEntity.get(entity.id);
  if (!rights) {
    rights = membershipRightsNow(state, account, entity);
    byEntity.set(entity.id, rights);
  }
  return rights;
}

function membershipRightsNow(state: ServerState, account: AccountRef, entity: EntityRef): Set<Right> {
  if (entity.kind === account.kind && entity.id === account.id) {
    return expand(['RIGHT_ALL']);
  }
  let rights = expand(memberRights(state, entity, account) ?? []);
  if (account.kind === 'user') {
    for (const [member, orgRights] of membersOf(state, entity)) {
      if (member.kind !== 'organization' || state.organizations.get(member.id)?.deleted_at) {
        continue; // a deleted organization passes on no rights (its delete and restore count as changes)
      }
      const inOrg = memberRights(state, member, account);
      if (inOrg) {
        rights = union(rights, intersect(expand(orgRights), expand(inOrg)));
      }
    }
  }
  return rights;
}

export function authenticate(state: ServerState, clock: Clock, headers: IncomingHttpHeaders): Caller {
  const header = headers.authorization;
  if (!header) {
    return NOBODY;
  }
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match || match[1].toLowerCase() !== 'bearer') {
    throw errors.unsupportedAuthorization();
  }
  const parts = splitToken(match[2]);
  if (!parts) {
    throw errors.malformedToken();
  }
  const now = clock.now();
  if (parts.type === TOKEN_PREFIX.accessToken) {
    return oauthCaller(state, now, parts.id, match[2]);
  }
  if (parts.type === TOKEN_PREFIX.apiKey) {
    return apiKeyCaller(state, now, parts.id, match[2]);
  }
  throw errors.unsupportedAuthorization();
}

function oauthCaller(state: ServerState, now: number, id: string, value: string): Caller {
  const token = state.accessTokens.get(id);
  if (!token) {
    throw errors.tokenNotFound();
  }
  if (token.accessToken !== value) {
    throw errors.invalidAuthorization();
  }
  if (now >= token.expiresAt) {
    throw errors.tokenExpired();
  }
  const client = state.clients.get(token.clientId)?.client;
  if (!client || client.deleted_at) {
    throw errors.tokenNotFound();
  }
  if (client.state === 'STATE_REJECTED') {
    throw errors.oauthClientRejected();
  }
  if (client.state === 'STATE_SUSPENDED') {
    throw errors.oauthClientSuspended();
  }
  const user = state.users.get(token.userId)?.user;
  if (!user || user.deleted_at) {
    throw errors.tokenNotFound();
  }
  const admin = user.admin === true;
  const held = expand(token.rights);
  // The entities of a list page mostly share their membership rights (expand() hands out one Set per list of
  // rights): their intersection with the token's rights is worked out once per request. Nobody mutates these sets.
  const intersected = new WeakMap<Set<Right>, Set<Right>>();
  return {
    kind: 'oauth',
    userId: token.userId,
    admin,
    token,
    rightsOn: (entity) => {
      const rights = userRights(state, token.userId, admin, entity);
      let out = intersected.get(rights);
      if (!out) {
        out = intersect(rights, held);
        intersected.set(rights, out);
      }
      return out;
    },
  };
}

function apiKeyCaller(state: ServerState, now: number, id: string, value: string): Caller {
  const apiKey = state.apiKeys.get(id);
  if (!apiKey) {
    throw errors.apiKeyNotFound();
  }
  if (apiKey.token !== value) {
    throw errors.invalidAuthorization();
  }
  if (apiKey.apiKey.expires_at && Date.parse(apiKey.apiKey.expires_at) <= now) {
    throw errors.apiKeyExpired();
  }
  const held = expand(apiKey.apiKey.rights ?? []);
  const owner = apiKey.entity;
  const userId = owner.kind === 'user' ? owner.id : undefined;
  const admin = userId !== undefined && state.users.get(userId)?.user.admin === true;
  const rightsOn = (entity: EntityRef): Set<Right> => {
    if (owner.kind === 'user') {
      return intersect(userRights(state, owner.id, admin, entity), held);
    }
    if (owner.kind === 'organization') {
      return intersect(membershipRights(state, { kind: 'organization', id: owner.id }, entity), held);
    }
    return owner.kind === entity.kind && owner.id === entity.id ? held : new Set();
  };
  return { kind: 'api-key', userId, keyEntity: owner, admin, apiKey, rightsOn };
}

function userRights(state: ServerState, userId: string, admin: boolean, entity: EntityRef): Set<Right> {
  const rights = membershipRights(state, { kind: 'user', id: userId }, entity);
  return admin ? union(rights, UNIVERSAL_RIGHTS) : rights;
}

/** Throws 401 without credentials, 403 naming the missing rights otherwise. */
export function requireRights(caller: Caller, entity: EntityRef, ...required: Right[]): Set<Right> {
  if (caller.kind === 'none') {
    throw errors.unauthenticated();
  }
  const held = caller.rightsOn(entity);
  const lacking = missing(held, required);
  if (held.size === 0) {
    throw errors.noRights(entity.kind, entity.id, lacking);
  }
  if (lacking.length > 0) {
    throw errors.insufficientRights(entity.kind, entity.id, lacking);
  }
  return held;
}

export function requireAuthenticated(caller: Caller): void {
  if (caller.kind === 'none') {
    throw errors.unauthenticated();
  }
}

/** The account a caller acts as when listing "its" entities, if any (Corrections 12). */
export function callerAccount(caller: Caller): AccountRef | undefined {
  if (caller.userId) {
    return { kind: 'user', id: caller.userId };
  }
  if (caller.keyEntity?.kind === 'organization') {
    return { kind: 'organization', id: caller.keyEntity.id };
  }
  return undefined;
}

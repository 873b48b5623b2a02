// The server's in-memory stores. Entities keep their contract shape (src/tts/types) so responses are built from
// them directly; secrets, passwords and token values live beside them, never inside what is returned.
import type {
  ApiKey,
  Application,
  ApplicationLink,
  Client,
  EndDevice,
  Organization,
  User,
} from '../../../src/tts/types';
import type { Right } from './rights';

export type EntityKind = 'user' | 'organization' | 'application' | 'client';
export interface EntityRef {
  kind: EntityKind;
  id: string;
}
/** Who can be a collaborator: users and organizations (one ID namespace). */
export type AccountRef = EntityRef & { kind: 'user' | 'organization' };

export const refKey = (ref: EntityRef): string => `${ref.kind}:${ref.id}`;

export function parseRefKey(key: string): EntityRef {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as EntityKind, id: key.slice(at + 1) };
}

export interface UserRecord {
  user: User;
  password: string;
}
export interface ClientRecord {
  client: Client;
  secret: string;
  /** False after `secret` was set through Update: TTS stores it unhashed, so token requests fail from then on. */
  secretUsable: boolean;
}
export interface ApiKeyRecord {
  /** As stored: `key` is never kept here. */
  apiKey: ApiKey;
  /** The full `NNSXS.<id>.<key>` value. */
  token: string;
  entity: EntityRef;
}
export interface AccessTokenRecord {
  id: string;
  accessToken: string;
  refreshToken?: string;
  userId: string;
  clientId: string;
  userSessionId: string;
  rights: Right[];
  createdAt: number;
  expiresAt: number;
}
export interface CodeRecord {
  code: string;
  clientId: string;
  userId: string;
  userSessionId: string;
  /** The resolved redirect URI (osin's realRedirectUri) the token request must match. */
  redirectUri: string;
  state: string;
  rights: Right[];
  createdAt: number;
  expiresAt: number;
}
export interface AuthorizationRecord {
  userId: string;
  clientId: string;
  rights: Right[];
  createdAt: number;
  updatedAt: number;
}
export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
}

export interface ServerConfig {
  /** is.user-rights.create-clients / create-applications / create-organizations. */
  userRightsCreateClients: boolean;
  userRightsCreateApplications: boolean;
  userRightsCreateOrganizations: boolean;
  /**
   * Not v3.32.1: `GET /clients` and `GET /applications` give an admin every entity. v3.32.1 lists an admin's own
   * collaborations there like anyone's (an admin finds the rest with `/search/…`); set false for that. On (the
   * default) because the commands' admin pickers still list everything through these routes.
   */
  listAllForAdmins: boolean;
  /** is.delete.restore: 24 h. */
  restoreWindowMs: number;
  /** is.pagination.default-limit. */
  defaultLimit: number;
}

/**
 * A Map that counts additions and removals in a counter its state shares, so an index derived from the state knows
 * when to rebuild — also after a test changed the state directly. Entities changed in place are not counted: readers
 * take their fields fresh.
 */
export class CountedMap<K, V> extends Map<K, V> {
  constructor(private readonly changes: { count: number }) {
    super();
  }

  override set(key: K, value: V): this {
    this.changes.count++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.changes.count++;
    return super.delete(key);
  }

  override clear(): void {
    this.changes.count++;
    super.clear();
  }
}

export interface ServerState {
  users: Map<string, UserRecord>;
  organizations: Map<string, Organization>;
  clients: Map<string, ClientRecord>;
  applications: Map<string, Application>;
  /** Application ID → device ID → device. */
  devices: Map<string, Map<string, EndDevice>>;
  /** API key ID → key. */
  apiKeys: Map<string, ApiKeyRecord>;
  /** Application Server: application ID → link (its default formatters). Absent: GET answers 404 pkg/redis:not_found. */
  links: Map<string, ApplicationLink>;
  /** Application Server: application ID → device ID → its AS end device (ids, times, formatters, version_ids). */
  asDevices: Map<string, Map<string, EndDevice>>;
  /** Entity ref key → account ref key → rights as granted (not expanded). Counted maps, inner ones too. */
  memberships: Map<string, Map<string, Right[]>>;
  /** Access token ID (shared by its refresh token) → token. */
  accessTokens: Map<string, AccessTokenRecord>;
  codes: Map<string, CodeRecord>;
  /** `<user_id>/<client_id>` → the user's consent. */
  authorizations: Map<string, AuthorizationRecord>;
  /** Browser session cookie value → session. */
  sessions: Map<string, SessionRecord>;
  config: ServerConfig;
  /** Additions and removals in `clients`, `applications` and `memberships` (see CountedMap). */
  changes: { count: number };
}

export function createState(): ServerState {
  const changes = { count: 0 };
  return {
    users: new Map(),
    organizations: new Map(),
    clients: new CountedMap(changes),
    applications: new CountedMap(changes),
    devices: new Map(),
    apiKeys: new Map(),
    links: new Map(),
    asDevices: new Map(),
    memberships: new CountedMap(changes),
    accessTokens: new Map(),
    codes: new Map(),
    authorizations: new Map(),
    sessions: new Map(),
    config: {
      userRightsCreateClients: true,
      userRightsCreateApplications: true,
      userRightsCreateOrganizations: true,
      listAllForAdmins: true,
      restoreWindowMs: 24 * 3600_000,
      defaultLimit: 100,
    },
    changes,
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Sets a collaborator's rights; empty rights remove the membership (SetCollaborator semantics). */
export function setMember(state: ServerState, entity: EntityRef, account: AccountRef, rights: readonly Right[]): void {
  const key = refKey(entity);
  let members = state.memberships.get(key);
  if (rights.length === 0) {
    members?.delete(refKey(account));
    return;
  }
  if (!members) {
    members = new CountedMap(state.changes);
    state.memberships.set(key, members);
  }
  members.set(refKey(account), [...rights]);
}

export function memberRights(state: ServerState, entity: EntityRef, account: AccountRef): Right[] | undefined {
  return state.memberships.get(refKey(entity))?.get(refKey(account));
}

export function membersOf(state: ServerState, entity: EntityRef): [AccountRef, Right[]][] {
  const members = state.memberships.get(refKey(entity));
  return members ? [...members].map(([key, rights]) => [parseRefKey(key) as AccountRef, rights]) : [];
}

/** Drops every trace of an entity: memberships on it, its API keys, and for clients its tokens and consents. */
export function forgetEntity(state: ServerState, entity: EntityRef): void {
  state.memberships.delete(refKey(entity));
  for (const [id, key] of state.apiKeys) {
    if (key.entity.kind === entity.kind && key.entity.id === entity.id) {
      state.apiKeys.delete(id);
    }
  }
  if (entity.kind === 'client') {
    for (const [id, token] of state.accessTokens) {
      if (token.clientId === entity.id) {
        state.accessTokens.delete(id);
      }
    }
    for (const [key, auth] of state.authorizations) {
      if (auth.clientId === entity.id) {
        state.authorizations.delete(key);
      }
    }
  }
}

/** Does the account ID exist (users and organizations share one namespace)? */
export function accountExists(state: ServerState, account: AccountRef): boolean {
  return account.kind === 'user' ? state.users.has(account.id) : state.organizations.has(account.id);
}

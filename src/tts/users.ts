// Who is signed in (§7): auth_info, the user, their organizations; the clients the user authorized and their tokens,
// revoked one by one or as a whole (§1.9); and finding accounts by ID (user or organization).
import type { HttpClient } from './http';
import { listAll, listPage, type ListOptions, type Page } from './paging';
import {
  ownerOf,
  type AccessToken,
  type AuthInfo,
  type ClientAuthorization,
  type Organization,
  type Owner,
  type RightName,
  type User,
} from './types';

const enc = encodeURIComponent;

export const USER_FIELDS = ['name', 'primary_email_address', 'admin'] as const;
export const ORGANIZATION_FIELDS = ['name'] as const;

/** What a token or API key is, reduced to what the extension needs. */
export interface Identity {
  kind: 'oauth' | 'api-key' | 'other' | 'anonymous';
  /** The user behind an OAuth token or a user API key. */
  userId?: string;
  /** For an API key owned by something else than a user: `application:app1`, `organization:acme`. */
  entity?: string;
  tokenId?: string;
  clientId?: string;
  keyName?: string;
  rights: RightName[];
  isAdmin: boolean;
  expiresAt?: string;
}

export function identityOf(info: AuthInfo): Identity {
  const isAdmin = info.is_admin === true;
  if (info.oauth_access_token) {
    const t = info.oauth_access_token;
    return {
      kind: 'oauth',
      userId: t.user_ids?.user_id,
      tokenId: t.id,
      clientId: t.client_ids?.client_id,
      rights: (t.rights ?? []) as RightName[],
      isAdmin,
      expiresAt: t.expires_at,
    };
  }
  if (info.api_key) {
    const key = info.api_key.api_key;
    const ids = info.api_key.entity_ids;
    const [entityKind, entityId] = ids?.user_ids
      ? ['user', ids.user_ids.user_id]
      : ids?.application_ids
        ? ['application', ids.application_ids.application_id]
        : ids?.organization_ids
          ? ['organization', ids.organization_ids.organization_id]
          : ids?.gateway_ids
            ? ['gateway', ids.gateway_ids.gateway_id]
            : ['unknown', undefined];
    return {
      kind: 'api-key',
      userId: entityKind === 'user' ? entityId : undefined,
      entity: entityKind === 'user' ? undefined : `${entityKind}:${entityId ?? '?'}`,
      tokenId: key?.id,
      keyName: key?.name,
      rights: (key?.rights ?? []) as RightName[],
      isAdmin,
      expiresAt: key?.expires_at,
    };
  }
  if (info.user_session || info.gateway_token) {
    return { kind: 'other', rights: [], isAdmin };
  }
  return { kind: 'anonymous', rights: [], isAdmin: false };
}

export class UsersApi {
  constructor(private readonly http: HttpClient) {}

  async authInfo(signal?: AbortSignal): Promise<AuthInfo> {
    const { data } = await this.http.request<AuthInfo>('GET', '/auth_info', { signal });
    return data;
  }

  async identity(signal?: AbortSignal): Promise<Identity> {
    return identityOf(await this.authInfo(signal));
  }

  async get(userId: string, fields: readonly string[] = USER_FIELDS, signal?: AbortSignal): Promise<User> {
    const { data } = await this.http.request<User>('GET', `/users/${enc(userId)}`, {
      query: { field_mask: fields.join(',') },
      signal,
    });
    return data;
  }

  /** Every organization the user is a member of (all pages). */
  async organizations(userId: string, signal?: AbortSignal): Promise<Organization[]> {
    return listAll<Organization>(this.http, `/users/${enc(userId)}/organizations`, 'organizations', {
      limit: 1000,
      signal,
      query: { field_mask: ORGANIZATION_FIELDS.join(',') },
    });
  }

  /** One page of the clients the user authorized, newest first. */
  async authorizations(userId: string, options: ListOptions = {}): Promise<Page<ClientAuthorization>> {
    return listPage<ClientAuthorization>(this.http, `/users/${enc(userId)}/authorizations`, 'authorizations', {
      ...options,
      query: { order: '-created_at', ...options.query },
    });
  }

  /** One page of the access tokens of the user's authorization of a client (token values are never listed). */
  async tokens(userId: string, clientId: string, options: ListOptions = {}): Promise<Page<AccessToken>> {
    return listPage<AccessToken>(this.http, `/users/${enc(userId)}/authorizations/${enc(clientId)}/tokens`, 'tokens', {
      ...options,
      query: { order: '-created_at', ...options.query },
    });
  }

  /** De-authorizes the client. The Things Stack leaves its tokens valid: revoke them first (§1.9). */
  async deleteAuthorization(userId: string, clientId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', `/users/${enc(userId)}/authorizations/${enc(clientId)}`, { signal });
  }

  /**
   * Accounts (users and organizations) whose ID contains `query`. Without `collaboratorOf`, a non-admin gets at most
   * 10 and nothing for fewer than 2 characters (v3.32.1 registry_search.go).
   */
  async searchAccounts(query: string, options: { onlyUsers?: boolean; signal?: AbortSignal } = {}): Promise<Owner[]> {
    const { data } = await this.http.request<{ account_ids?: Parameters<typeof ownerOf>[0][] }>(
      'GET',
      '/search/accounts',
      { query: { query, only_users: options.onlyUsers || undefined }, signal: options.signal },
    );
    return (data.account_ids ?? []).map(ownerOf).filter((o): o is Owner => o !== undefined);
  }

  /** Revokes one access token; a token may revoke itself (§1.9). */
  async deleteToken(userId: string, clientId: string, tokenId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', `/users/${enc(userId)}/authorizations/${enc(clientId)}/tokens/${enc(tokenId)}`, {
      signal,
    });
  }
}

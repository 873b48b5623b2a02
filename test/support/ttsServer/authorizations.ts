// The clients a user authorized and their access tokens (oauth_registry.go, bunstore/oauth_store.go in v3.32.1):
// listed oldest first by default (`order` only `created_at` / `-created_at`), tokens with their values blanked and
// their rights as granted. De-authorizing removes only the consent: the tokens stay valid and listed, and their
// refresh tokens still work, until each is revoked. A token may list and revoke itself and its siblings (same user
// and client) without RIGHT_USER_AUTHORIZED_CLIENTS; with that right (e.g. an API key) any token ID goes.
import { accountErrors } from './accountErrors';
import { requireRights, type Caller } from './auth';
import { errors } from './errors';
import { compact } from './fieldMask';
import { empty, type Ctx, type Reply, type Route } from './http';
import { listReply, ordered, pageRequest } from './paging';
import { iso, type AccessTokenRecord, type AuthorizationRecord } from './state';

const USER = 'user_ids.user_id';
const CLIENT = 'client_ids.client_id';
const RIGHT = 'RIGHT_USER_AUTHORIZED_CLIENTS';

/** A token as listed: no token values, rights as granted (not expanded: auth_info expands them). */
export function listedToken(token: AccessTokenRecord): Record<string, unknown> {
  return compact({
    user_ids: { user_id: token.userId },
    user_session_id: token.userSessionId,
    client_ids: { client_id: token.clientId },
    id: token.id,
    rights: token.rights,
    created_at: iso(token.createdAt),
    expires_at: iso(token.expiresAt),
  }) as Record<string, unknown>;
}

export function listedAuthorization(a: AuthorizationRecord): Record<string, unknown> {
  return compact({
    user_ids: { user_id: a.userId },
    client_ids: { client_id: a.clientId },
    rights: a.rights,
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
  }) as Record<string, unknown>;
}

/** The user of the path exists (after the rights check, as the store looks it up): else 404 user_not_found. */
function existingUser(ctx: Ctx, userId: string): void {
  const user = ctx.server.state.users.get(userId)?.user;
  if (!user || user.deleted_at) {
    throw errors.notFound('user', userId);
  }
}

/** The client of the path exists: the OAuth store's lookup answers 404 `pkg/util/store:not_found` otherwise. */
function existingClient(ctx: Ctx, clientId: string): void {
  const client = ctx.server.state.clients.get(clientId)?.client;
  if (!client || client.deleted_at) {
    throw accountErrors.noResults();
  }
}

/** A token of the same user and client acts without the right (listOAuthAccessTokens, deleteOAuthAccessToken). */
const isOwnAuthorization = (caller: Caller, userId: string, clientId: string): boolean =>
  caller.token !== undefined && caller.token.userId === userId && caller.token.clientId === clientId;

function listAuthorizations(ctx: Ctx): Reply {
  const userId = ctx.params[USER];
  requireRights(ctx.caller(), { kind: 'user', id: userId }, RIGHT);
  existingUser(ctx, userId);
  const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
  const auths = [...ctx.server.state.authorizations.values()].filter((a) => a.userId === userId);
  const sorted = ordered(
    auths,
    ctx.query.get('order'),
    { created_at: (a) => a.createdAt },
    'ListOAuthClientAuthorizationsRequest',
  );
  return listReply('authorizations', sorted, page, listedAuthorization);
}

function listTokens(ctx: Ctx): Reply {
  const { [USER]: userId, [CLIENT]: clientId } = ctx.params;
  const caller = ctx.caller();
  if (!isOwnAuthorization(caller, userId, clientId)) {
    requireRights(caller, { kind: 'user', id: userId }, RIGHT);
  }
  existingUser(ctx, userId);
  existingClient(ctx, clientId);
  const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
  const tokens = [...ctx.server.state.accessTokens.values()].filter(
    (t) => t.userId === userId && t.clientId === clientId,
  );
  const sorted = ordered(
    tokens,
    ctx.query.get('order'),
    { created_at: (t) => t.createdAt },
    'ListOAuthAccessTokensRequest',
  );
  return listReply('tokens', sorted, page, listedToken);
}

function deleteAuthorization(ctx: Ctx): Reply {
  const { [USER]: userId, [CLIENT]: clientId } = ctx.params;
  requireRights(ctx.caller(), { kind: 'user', id: userId }, RIGHT);
  existingUser(ctx, userId);
  existingClient(ctx, clientId);
  // Only the consent row goes (bunstore/oauth_store.go DeleteAuthorization): tokens stay until revoked.
  if (!ctx.server.state.authorizations.delete(`${userId}/${clientId}`)) {
    throw errors.authorizationNotFound({ user_id: userId, client_id: clientId });
  }
  return empty();
}

function deleteToken(ctx: Ctx): Reply {
  const { [USER]: userId, [CLIENT]: clientId, id } = ctx.params;
  const caller = ctx.caller();
  if (!isOwnAuthorization(caller, userId, clientId)) {
    requireRights(caller, { kind: 'user', id: userId }, RIGHT);
  }
  const tokens = ctx.server.state.accessTokens;
  if (caller.token && caller.token.id !== id) {
    // A token revoking another: the other must belong to the user and client of the path. Without a token (an API
    // key) v3.32.1 does not compare: any token ID is deleted.
    const other = tokens.get(id);
    if (!other) {
      throw accountErrors.accessTokenIdNotFound({ access_token_id: id });
    }
    if (other.userId !== userId || other.clientId !== clientId) {
      throw accountErrors.accessTokenMismatch();
    }
  }
  if (!tokens.delete(id)) {
    throw accountErrors.accessTokenIdNotFound({ access_token_id: id });
  }
  return empty();
}

export const authorizationRoutes: Route[] = [
  { method: 'GET', template: `/users/{${USER}}/authorizations`, handler: listAuthorizations },
  { method: 'DELETE', template: `/users/{${USER}}/authorizations/{${CLIENT}}`, handler: deleteAuthorization },
  { method: 'GET', template: `/users/{${USER}}/authorizations/{${CLIENT}}/tokens`, handler: listTokens },
  { method: 'DELETE', template: `/users/{${USER}}/authorizations/{${CLIENT}}/tokens/{id}`, handler: deleteToken },
];

// Who am I and what may I do (§7, §1.9): auth_info, users and their organizations, the IS configuration, and the
// user's OAuth authorizations and tokens (a token may always revoke itself).
import { requireRights, type Caller } from './auth';
import { errors } from './errors';
import {
  applyMask,
  compact,
  maskPaths,
  ORGANIZATION_FIELDS,
  pick,
  USER_FIELDS,
  USER_PUBLIC,
  validateMask,
} from './fieldMask';
import { empty, ok, queryList, type Ctx, type Reply, type Route } from './http';
import { listReply, ordered, pageRequest } from './paging';
import { expand, sorted, UNIVERSAL_RIGHTS } from './rights';
import { iso, type AccessTokenRecord } from './state';

function authInfo(ctx: Ctx): Reply {
  const caller = ctx.caller();
  const admin = caller.admin ? { universal_rights: { rights: sorted(UNIVERSAL_RIGHTS) }, is_admin: true } : {};
  if (caller.token) {
    return ok(compact({ oauth_access_token: tokenView(caller.token), ...admin }));
  }
  if (caller.apiKey) {
    const { apiKey, entity } = caller.apiKey;
    const idField = {
      user: 'user_ids',
      organization: 'organization_ids',
      application: 'application_ids',
      client: 'client_ids',
    }[entity.kind];
    const entityIds = { [idField]: { [`${entity.kind}_id`]: entity.id } };
    return ok(compact({ api_key: { api_key: { ...apiKey, key: undefined }, entity_ids: entityIds }, ...admin }));
  }
  return ok({});
}

/** A token as the API shows it: values blanked, rights expanded. */
function tokenView(token: AccessTokenRecord): Record<string, unknown> {
  return {
    user_ids: { user_id: token.userId },
    user_session_id: token.userSessionId,
    client_ids: { client_id: token.clientId },
    id: token.id,
    rights: sorted(expand(token.rights)),
    created_at: iso(token.createdAt),
    expires_at: iso(token.expiresAt),
  };
}

function getUser(ctx: Ctx): Reply {
  const caller = ctx.caller();
  const userId = ctx.params['user_ids.user_id'];
  const paths = maskPaths(queryList(ctx.query, 'field_mask').join(','));
  validateMask(paths, USER_FIELDS);
  const mayRead = caller.rightsOn({ kind: 'user', id: userId }).has('RIGHT_USER_INFO');
  if (!mayRead && !paths.every((p) => USER_PUBLIC.includes(p.split('.')[0]))) {
    requireRights(caller, { kind: 'user', id: userId }, 'RIGHT_USER_INFO');
  }
  const user = ctx.server.state.users.get(userId)?.user;
  if (!user || user.deleted_at) {
    throw errors.notFound('user', userId);
  }
  const masked = applyMask(user, paths);
  return ok(compact(mayRead ? masked : pick(masked, USER_PUBLIC)));
}

function userOrganizations(ctx: Ctx): Reply {
  const userId = ctx.params['collaborator.user_ids.user_id'];
  requireRights(ctx.caller(), { kind: 'user', id: userId }, 'RIGHT_USER_ORGANIZATIONS_LIST');
  const state = ctx.server.state;
  const paths = maskPaths(queryList(ctx.query, 'field_mask').join(','));
  validateMask(paths, ORGANIZATION_FIELDS);
  const deleted = ctx.query.get('deleted') === 'true';
  const orgs = [...state.organizations.values()].filter(
    (org) =>
      Boolean(org.deleted_at) === deleted &&
      state.memberships.get(`organization:${org.ids?.organization_id}`)?.has(`user:${userId}`),
  );
  const page = pageRequest(ctx.query, state.config.defaultLimit);
  const items = ordered(orgs, ctx.query.get('order'), {
    organization_id: (o) => o.ids?.organization_id,
    name: (o) => o.name,
    created_at: (o) => o.created_at,
  });
  return listReply('organizations', items, page, (o) => compact(applyMask(o, paths)));
}

function isConfiguration(ctx: Ctx): Reply {
  const config = ctx.server.state.config;
  // BoolValue wrappers: false is written out, so this is not compacted.
  return ok({
    configuration: {
      user_registration: {
        enabled: true,
        invitation: { required: false },
        admin_approval: { required: false },
        contact_info_validation: { required: false },
        password_requirements: { min_length: 8, max_length: 1000 },
      },
      user_rights: {
        create_applications: config.userRightsCreateApplications,
        create_clients: config.userRightsCreateClients,
        create_gateways: true,
        create_organizations: true,
      },
      user_login: { disable_credentials_login: false },
      admin_rights: { all: false },
      collaborator_rights: { set_others_as_contacts: false },
    },
  });
}

const USER = 'user_ids.user_id';
const CLIENT = 'client_ids.client_id';

function listAuthorizations(ctx: Ctx): Reply {
  const userId = ctx.params[USER];
  requireRights(ctx.caller(), { kind: 'user', id: userId }, 'RIGHT_USER_AUTHORIZED_CLIENTS');
  const auths = [...ctx.server.state.authorizations.values()].filter((a) => a.userId === userId);
  const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
  return listReply(
    'authorizations',
    ordered(auths, ctx.query.get('order'), { created_at: (a) => a.createdAt }),
    page,
    (a) =>
      compact({
        user_ids: { user_id: a.userId },
        client_ids: { client_id: a.clientId },
        rights: sorted(a.rights),
        created_at: iso(a.createdAt),
        updated_at: iso(a.updatedAt),
      }),
  );
}

/** RIGHT_USER_AUTHORIZED_CLIENTS, or a token of the same user and client (oauth_registry.go:50-125). */
function requireOwnOrRight(caller: Caller, userId: string, clientId: string): void {
  if (caller.token && caller.token.userId === userId && caller.token.clientId === clientId) {
    return;
  }
  requireRights(caller, { kind: 'user', id: userId }, 'RIGHT_USER_AUTHORIZED_CLIENTS');
}

function listTokens(ctx: Ctx): Reply {
  const { [USER]: userId, [CLIENT]: clientId } = ctx.params;
  requireOwnOrRight(ctx.caller(), userId, clientId);
  const tokens = [...ctx.server.state.accessTokens.values()].filter(
    (t) => t.userId === userId && t.clientId === clientId,
  );
  const page = pageRequest(ctx.query, ctx.server.state.config.defaultLimit);
  return listReply('tokens', ordered(tokens, ctx.query.get('order'), { created_at: (t) => t.createdAt }), page, (t) =>
    compact(tokenView(t)),
  );
}

function deleteToken(ctx: Ctx): Reply {
  const { [USER]: userId, [CLIENT]: clientId, id } = ctx.params;
  requireOwnOrRight(ctx.caller(), userId, clientId);
  const token = ctx.server.state.accessTokens.get(id);
  if (!token || token.userId !== userId || token.clientId !== clientId) {
    throw errors.accessTokenNotFound();
  }
  ctx.server.state.accessTokens.delete(id);
  return empty();
}

function deleteAuthorization(ctx: Ctx): Reply {
  const { [USER]: userId, [CLIENT]: clientId } = ctx.params;
  requireRights(ctx.caller(), { kind: 'user', id: userId }, 'RIGHT_USER_AUTHORIZED_CLIENTS');
  // Only the consent row goes (bunstore/oauth_store.go:400-444); tokens stay until revoked.
  if (!ctx.server.state.authorizations.delete(`${userId}/${clientId}`)) {
    throw errors.authorizationNotFound();
  }
  return empty();
}

export const userRoutes: Route[] = [
  { method: 'GET', template: '/auth_info', handler: authInfo },
  { method: 'GET', template: '/is/configuration', handler: isConfiguration },
  { method: 'GET', template: `/users/{${USER}}`, handler: getUser },
  { method: 'GET', template: '/users/{collaborator.user_ids.user_id}/organizations', handler: userOrganizations },
  { method: 'GET', template: `/users/{${USER}}/authorizations`, handler: listAuthorizations },
  { method: 'DELETE', template: `/users/{${USER}}/authorizations/{${CLIENT}}`, handler: deleteAuthorization },
  { method: 'GET', template: `/users/{${USER}}/authorizations/{${CLIENT}}/tokens`, handler: listTokens },
  { method: 'DELETE', template: `/users/{${USER}}/authorizations/{${CLIENT}}/tokens/{id}`, handler: deleteToken },
];

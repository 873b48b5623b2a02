// Who am I and what may I do (§7): auth_info, users, the IS configuration. The user's authorizations and tokens are
// in authorizations.ts, organizations in organizations.ts.
import { requireRights } from './auth';
import { errors } from './errors';
import { applyMask, compact, maskPaths, pick, USER_FIELDS, USER_PUBLIC, validateMask } from './fieldMask';
import { ok, queryList, type Ctx, type Reply, type Route } from './http';
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
        create_organizations: config.userRightsCreateOrganizations,
      },
      user_login: { disable_credentials_login: false },
      admin_rights: { all: false },
      collaborator_rights: { set_others_as_contacts: false },
    },
  });
}

export const userRoutes: Route[] = [
  { method: 'GET', template: '/auth_info', handler: authInfo },
  { method: 'GET', template: '/is/configuration', handler: isConfiguration },
  { method: 'GET', template: '/users/{user_ids.user_id}', handler: getUser },
];

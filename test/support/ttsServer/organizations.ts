// Organizations as v3.32.1 keeps them (organization_registry.go, organization_access.go): created by a user (who
// gets RIGHT_ALL; organizations are never nested), listed per user — `GET /organizations` is the caller's own
// memberships, for admins too —, get with public fields, update by field mask, deleted even while they still own
// applications and clients (which then no longer reach anyone through it), restored, purged by admins (with the
// organization's API keys and its collaborations), rights, search, users as collaborators.
import type { Organization } from '../../../src/tts/types';
import { accountErrors } from './accountErrors';
import { callerAccount } from './auth';
import { collaboratorRoutes } from './collaborators';
import { errors } from './errors';
import { ORGANIZATION_FIELDS, ORGANIZATION_PUBLIC, ORGANIZATION_UPDATABLE } from './fieldMask';
import { ok, type Ctx, type Reply, type Route } from './http';
import { createEntity, deleteEntity, purgeEntity, restoreEntity, updateEntity, type LifecycleSpec } from './lifecycle';
import { getOne, listCollaborations, listRights, search } from './registry';
import { rightsNamed } from './rights';
import type { AccountRef } from './state';

export const ORGANIZATION_SPEC: LifecycleSpec<Organization> = {
  kind: 'organization',
  collection: 'organizations',
  idField: 'organization_id',
  fields: ORGANIZATION_FIELDS,
  publicFields: ORGANIZATION_PUBLIC,
  updatable: ORGANIZATION_UPDATABLE,
  rights: {
    info: 'RIGHT_ORGANIZATION_INFO',
    settings: 'RIGHT_ORGANIZATION_SETTINGS_BASIC',
    delete: 'RIGHT_ORGANIZATION_DELETE',
    collaborators: 'RIGHT_ORGANIZATION_SETTINGS_MEMBERS',
    listUser: 'RIGHT_USER_ORGANIZATIONS_LIST',
    listOrg: 'RIGHT_USER_ORGANIZATIONS_LIST', // not used: organizations are never nested
    createUser: 'RIGHT_USER_ORGANIZATIONS_CREATE',
    createOrg: 'RIGHT_USER_ORGANIZATIONS_CREATE', // not used
  },
  // listOrganizationRights: the caller's rights ∩ (AllEntityRights ∪ AllOrganizationRights).
  rightsScope: rightsNamed('RIGHT_APPLICATION_', 'RIGHT_CLIENT_', 'RIGHT_GATEWAY_', 'RIGHT_ORGANIZATION_'),
  // SearchOrganizations shows non-admins more than the public fields only with RIGHT_CLIENT_INFO (sic, v3.32.1).
  searchInfo: 'RIGHT_CLIENT_INFO',
  get: (state, id) => state.organizations.get(id),
  all: (state) => state.organizations.values(),
  idOf: (org) => org.ids?.organization_id ?? '',
  // Users and organizations are accounts: one namespace of IDs.
  idTaken: (state, id) => state.organizations.has(id) || state.users.has(id),
  validate(input) {
    const fanout = input.fanout_notifications;
    if (fanout !== undefined && typeof fanout !== 'boolean') {
      throw errors.validation('fanout_notifications', 'value must be a boolean');
    }
  },
  create(ctx, _input, base) {
    ctx.server.state.organizations.set(this.idOf(base), base);
    return { entity: base };
  },
  remove(state, id) {
    state.organizations.delete(id);
    // DeleteAccountMembers: the organization's own collaborations on applications and clients go with it.
    for (const members of state.memberships.values()) {
      members.delete(`organization:${id}`);
    }
  },
};

const S = ORGANIZATION_SPEC;

/** `GET /organizations`: the caller's organizations (or those of `collaborator.user_ids.user_id`). */
function listOwn(ctx: Ctx): Reply {
  const userParam = ctx.query.get('collaborator.user_ids.user_id');
  if (ctx.query.get('collaborator.organization_ids.organization_id')) {
    throw accountErrors.nestedOrganizations();
  }
  const account: AccountRef | undefined = userParam ? { kind: 'user', id: userParam } : callerAccount(ctx.caller());
  if (!account) {
    return ok({}); // no user or organization behind the credentials
  }
  if (account.kind === 'organization') {
    throw accountErrors.nestedOrganizations(); // an organization API key asking for "its" organizations
  }
  return listCollaborations(S, ctx, account);
}

const USER = 'collaborator.user_ids.user_id';
const ID = 'organization_ids.organization_id';

export const organizationRoutes: Route[] = [
  { method: 'GET', template: '/organizations', handler: listOwn },
  {
    method: 'GET',
    template: `/users/{${USER}}/organizations`,
    handler: (ctx) => listCollaborations(S, ctx, { kind: 'user', id: ctx.params[USER] }),
  },
  {
    method: 'POST',
    template: `/users/{${USER}}/organizations`,
    handler: (ctx) => createEntity(S, ctx, { kind: 'user', id: ctx.params[USER] }),
  },
  { method: 'GET', template: `/organizations/{${ID}}`, handler: (ctx) => getOne(S, ctx, ctx.params[ID]) },
  {
    method: 'PUT',
    template: '/organizations/{organization.ids.organization_id}',
    handler: (ctx) => updateEntity(S, ctx, ctx.params['organization.ids.organization_id']),
  },
  {
    method: 'DELETE',
    template: '/organizations/{organization_id}',
    handler: (ctx) => deleteEntity(S, ctx, ctx.params.organization_id),
  },
  {
    method: 'POST',
    template: '/organizations/{organization_id}/restore',
    handler: (ctx) => restoreEntity(S, ctx, ctx.params.organization_id),
  },
  {
    method: 'DELETE',
    template: '/organizations/{organization_id}/purge',
    handler: (ctx) => purgeEntity(S, ctx, ctx.params.organization_id),
  },
  {
    method: 'GET',
    template: '/organizations/{organization_id}/rights',
    handler: (ctx) => listRights(S, ctx, ctx.params.organization_id),
  },
  { method: 'GET', template: '/search/organizations', handler: (ctx) => search(S, ctx) },
  ...collaboratorRoutes(S, 'collaborators'),
];

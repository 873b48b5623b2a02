// OAuth client registry (§2): non-admins create REQUESTED clients, the secret is generated and shown once,
// admin-only fields, and `secret` never readable afterwards.
import type { Client } from '../../../src/tts/types';
import { errors } from './errors';
import { CLIENT_ADMIN_ONLY, CLIENT_FIELDS, CLIENT_PUBLIC, CLIENT_UPDATABLE, topLevel } from './fieldMask';
import type { Route } from './http';
import { collaboratorRoutes } from './collaborators';
import { createEntity, deleteEntity, purgeEntity, restoreEntity, updateEntity, type LifecycleSpec } from './lifecycle';
import { getOne, listCollaborations, listOwn, listRights, search } from './registry';
import { isRight, rightsNamed } from './rights';
import { noteSecret } from './issuedSecrets';
import { newTokenKey } from './tokens';

const STATES = ['STATE_REQUESTED', 'STATE_APPROVED', 'STATE_REJECTED', 'STATE_FLAGGED', 'STATE_SUSPENDED'];
const GRANTS = ['GRANT_AUTHORIZATION_CODE', 'GRANT_PASSWORD', 'GRANT_REFRESH_TOKEN'];

function validateClient(input: Record<string, unknown>): void {
  const list = (name: string, ok: (v: unknown) => boolean, maxItems = 10) => {
    const value = input[name];
    if (value !== undefined && (!Array.isArray(value) || value.length > maxItems || !value.every(ok))) {
      throw errors.validation(name, 'invalid value');
    }
  };
  const uri = (v: unknown) => typeof v === 'string' && v.length <= 128;
  list('redirect_uris', uri);
  list('logout_redirect_uris', uri);
  list('rights', isRight, 100);
  list('grants', (v) => typeof v === 'string' && GRANTS.includes(v), 3);
  if (input.state !== undefined && (typeof input.state !== 'string' || !STATES.includes(input.state))) {
    throw errors.validation('state', 'value must be a State');
  }
  for (const [name, max] of [
    ['state_description', 128],
    ['secret', 128],
  ] as const) {
    const value = input[name];
    if (value !== undefined && (typeof value !== 'string' || value.length > max)) {
      throw errors.validation(name, `value must be a string of at most ${max} characters`);
    }
  }
}

export const CLIENT_SPEC: LifecycleSpec<Client> = {
  kind: 'client',
  collection: 'clients',
  idField: 'client_id',
  fields: CLIENT_FIELDS,
  publicFields: CLIENT_PUBLIC,
  updatable: CLIENT_UPDATABLE,
  rights: {
    info: 'RIGHT_CLIENT_INFO',
    settings: 'RIGHT_CLIENT_SETTINGS_BASIC',
    delete: 'RIGHT_CLIENT_DELETE',
    collaborators: 'RIGHT_CLIENT_SETTINGS_COLLABORATORS',
    listUser: 'RIGHT_USER_CLIENTS_LIST',
    listOrg: 'RIGHT_ORGANIZATION_CLIENTS_LIST',
    createUser: 'RIGHT_USER_CLIENTS_CREATE',
    createOrg: 'RIGHT_ORGANIZATION_CLIENTS_CREATE',
  },
  rightsScope: rightsNamed('RIGHT_CLIENT_'),
  get: (state, id) => state.clients.get(id)?.client,
  all: function* (state) {
    for (const record of state.clients.values()) {
      yield record.client;
    }
  },
  idOf: (client) => client.ids?.client_id ?? '',
  validate: validateClient,
  create(ctx, input, base, caller) {
    const secret = typeof input.secret === 'string' && input.secret !== '' ? input.secret : newTokenKey();
    noteSecret('client secret', secret);
    const client: Client = { ...base, secret: undefined };
    if (!caller.admin) {
      // client_registry.go:122-127: self-registered clients wait for an admin.
      client.state = 'STATE_REQUESTED';
      client.state_description = 'admin approval required';
      client.skip_authorization = false;
      client.endorsed = false;
    }
    ctx.server.state.clients.set(this.idOf(client), { client, secret, secretUsable: true });
    return { entity: client, once: { secret } };
  },
  // bunstore's updateClientModel has no case for `endorsed`: the update answers 200 with the old value.
  ignoredOnUpdate: ['endorsed'],
  update(ctx, client, input, paths, caller) {
    const fields = topLevel(paths);
    const adminField = fields.find((f) => CLIENT_ADMIN_ONLY.includes(f));
    if (adminField && !caller.admin) {
      throw errors.updateAdminField({ field: adminField });
    }
    if (fields.includes('state') && !fields.includes('state_description')) {
      client.state_description = undefined;
    }
    if (fields.includes('secret')) {
      const record = ctx.server.state.clients.get(this.idOf(client));
      const secret = typeof input.secret === 'string' ? input.secret : '';
      noteSecret('client secret', secret);
      if (record) {
        record.secret = secret;
        record.secretUsable = false; // stored unhashed by TTS, so the token endpoint can no longer verify it
      }
      return { secret };
    }
    return undefined;
  },
  remove: (state, id) => {
    state.clients.delete(id);
  },
};

const S = CLIENT_SPEC;

export const clientRoutes: Route[] = [
  { method: 'GET', template: '/clients', handler: (ctx) => listOwn(S, ctx) },
  {
    method: 'GET',
    template: '/users/{collaborator.user_ids.user_id}/clients',
    handler: (ctx) => listCollaborations(S, ctx, { kind: 'user', id: ctx.params['collaborator.user_ids.user_id'] }),
  },
  {
    method: 'GET',
    template: '/organizations/{collaborator.organization_ids.organization_id}/clients',
    handler: (ctx) =>
      listCollaborations(S, ctx, {
        kind: 'organization',
        id: ctx.params['collaborator.organization_ids.organization_id'],
      }),
  },
  {
    method: 'POST',
    template: '/users/{collaborator.user_ids.user_id}/clients',
    handler: (ctx) => createEntity(S, ctx, { kind: 'user', id: ctx.params['collaborator.user_ids.user_id'] }),
  },
  {
    method: 'POST',
    template: '/organizations/{collaborator.organization_ids.organization_id}/clients',
    handler: (ctx) =>
      createEntity(S, ctx, { kind: 'organization', id: ctx.params['collaborator.organization_ids.organization_id'] }),
  },
  {
    method: 'GET',
    template: '/clients/{client_ids.client_id}',
    handler: (ctx) => getOne(S, ctx, ctx.params['client_ids.client_id']),
  },
  {
    method: 'PUT',
    template: '/clients/{client.ids.client_id}',
    handler: (ctx) => updateEntity(S, ctx, ctx.params['client.ids.client_id']),
  },
  { method: 'DELETE', template: '/clients/{client_id}', handler: (ctx) => deleteEntity(S, ctx, ctx.params.client_id) },
  {
    method: 'POST',
    template: '/clients/{client_id}/restore',
    handler: (ctx) => restoreEntity(S, ctx, ctx.params.client_id),
  },
  {
    method: 'DELETE',
    template: '/clients/{client_id}/purge',
    handler: (ctx) => purgeEntity(S, ctx, ctx.params.client_id),
  },
  {
    method: 'GET',
    template: '/clients/{client_id}/rights',
    handler: (ctx) => listRights(S, ctx, ctx.params.client_id),
  },
  { method: 'GET', template: '/search/clients', handler: (ctx) => search(S, ctx) },
  ...collaboratorRoutes(S, 'collaborators'),
];

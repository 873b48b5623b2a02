// Application registry (§3): like clients, plus no delete or purge while the application still has devices.
import type { Application } from '../../../src/tts/types';
import { collaboratorRoutes } from './collaborators';
import { errors } from './errors';
import { APPLICATION_FIELDS, APPLICATION_PUBLIC, APPLICATION_UPDATABLE } from './fieldMask';
import type { Route } from './http';
import { createEntity, deleteEntity, purgeEntity, restoreEntity, updateEntity, type LifecycleSpec } from './lifecycle';
import { getOne, listCollaborations, listOwn, listRights, search } from './registry';
import { rightsNamed } from './rights';

const ADDRESS =
  /^(?:(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])(?::[0-9]{1,5})?$|^$/;

export const APPLICATION_SPEC: LifecycleSpec<Application> = {
  kind: 'application',
  collection: 'applications',
  idField: 'application_id',
  fields: APPLICATION_FIELDS,
  publicFields: APPLICATION_PUBLIC,
  updatable: APPLICATION_UPDATABLE,
  rights: {
    info: 'RIGHT_APPLICATION_INFO',
    settings: 'RIGHT_APPLICATION_SETTINGS_BASIC',
    delete: 'RIGHT_APPLICATION_DELETE',
    collaborators: 'RIGHT_APPLICATION_SETTINGS_COLLABORATORS',
    listUser: 'RIGHT_USER_APPLICATIONS_LIST',
    listOrg: 'RIGHT_ORGANIZATION_APPLICATIONS_LIST',
    createUser: 'RIGHT_USER_APPLICATIONS_CREATE',
    createOrg: 'RIGHT_ORGANIZATION_APPLICATIONS_CREATE',
  },
  rightsScope: rightsNamed('RIGHT_APPLICATION_'),
  get: (state, id) => state.applications.get(id),
  all: (state) => state.applications.values(),
  idOf: (app) => app.ids?.application_id ?? '',
  validate(input) {
    for (const name of ['network_server_address', 'application_server_address', 'join_server_address']) {
      const value = input[name];
      if (value !== undefined && (typeof value !== 'string' || !ADDRESS.test(value))) {
        throw errors.validation(name, 'value does not match regex pattern (host[:port])');
      }
    }
  },
  create(ctx, _input, base) {
    const app: Application = { ...base, dev_eui_counter: undefined };
    ctx.server.state.applications.set(this.idOf(app), app);
    return { entity: app };
  },
  beforeDelete(state, id) {
    const count = state.devices.get(id)?.size ?? 0;
    if (count > 0) {
      throw errors.applicationHasDevices({ count });
    }
  },
  remove(state, id) {
    state.applications.delete(id);
    state.devices.delete(id);
  },
};

const S = APPLICATION_SPEC;

export const applicationRoutes: Route[] = [
  { method: 'GET', template: '/applications', handler: (ctx) => listOwn(S, ctx) },
  {
    method: 'GET',
    template: '/users/{collaborator.user_ids.user_id}/applications',
    handler: (ctx) => listCollaborations(S, ctx, { kind: 'user', id: ctx.params['collaborator.user_ids.user_id'] }),
  },
  {
    method: 'GET',
    template: '/organizations/{collaborator.organization_ids.organization_id}/applications',
    handler: (ctx) =>
      listCollaborations(S, ctx, {
        kind: 'organization',
        id: ctx.params['collaborator.organization_ids.organization_id'],
      }),
  },
  {
    method: 'POST',
    template: '/users/{collaborator.user_ids.user_id}/applications',
    handler: (ctx) => createEntity(S, ctx, { kind: 'user', id: ctx.params['collaborator.user_ids.user_id'] }),
  },
  {
    method: 'POST',
    template: '/organizations/{collaborator.organization_ids.organization_id}/applications',
    handler: (ctx) =>
      createEntity(S, ctx, { kind: 'organization', id: ctx.params['collaborator.organization_ids.organization_id'] }),
  },
  {
    method: 'GET',
    template: '/applications/{application_ids.application_id}',
    handler: (ctx) => getOne(S, ctx, ctx.params['application_ids.application_id']),
  },
  {
    method: 'PUT',
    template: '/applications/{application.ids.application_id}',
    handler: (ctx) => updateEntity(S, ctx, ctx.params['application.ids.application_id']),
  },
  {
    method: 'DELETE',
    template: '/applications/{application_id}',
    handler: (ctx) => deleteEntity(S, ctx, ctx.params.application_id),
  },
  {
    method: 'POST',
    template: '/applications/{application_id}/restore',
    handler: (ctx) => restoreEntity(S, ctx, ctx.params.application_id),
  },
  {
    method: 'DELETE',
    template: '/applications/{application_id}/purge',
    handler: (ctx) => purgeEntity(S, ctx, ctx.params.application_id),
  },
  {
    method: 'GET',
    template: '/applications/{application_id}/rights',
    handler: (ctx) => listRights(S, ctx, ctx.params.application_id),
  },
  { method: 'GET', template: '/search/applications', handler: (ctx) => search(S, ctx) },
  ...collaboratorRoutes(S, 'collaborator'),
];

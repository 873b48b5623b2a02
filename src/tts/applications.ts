// Applications (§3): the registry plus the field masks callers use.
import type { HttpClient } from './http';
import { APPLICATION_DEFAULTS, withDefaults } from './normalise';
import { EntityRegistry } from './registry';
import type { Application } from './types';

export const APPLICATION_LIST_FIELDS = ['name', 'description'] as const;
export const APPLICATION_DETAIL_FIELDS = [
  'name',
  'description',
  'attributes',
  'administrative_contact',
  'technical_contact',
  'network_server_address',
  'application_server_address',
  'join_server_address',
] as const;

export class ApplicationsApi extends EntityRegistry<Application> {
  constructor(http: HttpClient) {
    super(http, { collection: 'applications', entity: 'application', idField: 'application_id' }, (app, fields) =>
      withDefaults(app, fields, APPLICATION_DEFAULTS),
    );
  }
}

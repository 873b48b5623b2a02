// OAuth clients (§2): the registry plus the field masks callers use.
import type { HttpClient } from './http';
import { CLIENT_DEFAULTS, withDefaults } from './normalise';
import { EntityRegistry } from './registry';
import type { Client } from './types';

/** What the explorer shows for each client in a list. */
export const CLIENT_LIST_FIELDS = ['name', 'description', 'state', 'state_description'] as const;
/** Everything a collaborator may read (the secret is never readable after create). */
export const CLIENT_DETAIL_FIELDS = [
  'name',
  'description',
  'state',
  'state_description',
  'redirect_uris',
  'logout_redirect_uris',
  'grants',
  'rights',
  'skip_authorization',
  'endorsed',
  'administrative_contact',
  'technical_contact',
  'attributes',
] as const;

export class ClientsApi extends EntityRegistry<Client> {
  constructor(http: HttpClient) {
    super(http, { collection: 'clients', entity: 'client', idField: 'client_id' }, (client, fields) =>
      withDefaults(client, fields, CLIENT_DEFAULTS),
    );
  }
}

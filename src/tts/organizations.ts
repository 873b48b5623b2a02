// Organizations (§2 of the Identity Server registries): the registry for them, as for clients and applications —
// list per user or all (admins), get, create for a user, update, delete, restore, purge, search.
import type { HttpClient } from './http';
import { ORGANIZATION_DEFAULTS, withDefaults } from './normalise';
import { EntityRegistry } from './registry';
import type { Organization } from './types';

export const ORGANIZATION_LIST_FIELDS = ['name', 'description'] as const;
export const ORGANIZATION_DETAIL_FIELDS = [
  'name',
  'description',
  'administrative_contact',
  'technical_contact',
] as const;

export class OrganizationsApi extends EntityRegistry<Organization> {
  constructor(http: HttpClient) {
    super(http, { collection: 'organizations', entity: 'organization', idField: 'organization_id' }, (org, fields) =>
      withDefaults(org, fields, ORGANIZATION_DEFAULTS),
    );
  }
}

// The rights this extension's features use — the one list the "Register an OAuth Client for VS Code" wizard grants,
// and which a unit test checks against the command table. Add a right here when a feature starts to need it.
import type { Right } from './rights';

export const FEATURE_RIGHTS = {
  account: ['RIGHT_USER_INFO', 'RIGHT_USER_AUTHORIZED_CLIENTS', 'RIGHT_USER_SETTINGS_API_KEYS'],
  organizations: [
    'RIGHT_USER_ORGANIZATIONS_LIST',
    'RIGHT_USER_ORGANIZATIONS_CREATE',
    'RIGHT_ORGANIZATION_INFO',
    'RIGHT_ORGANIZATION_SETTINGS_BASIC',
    'RIGHT_ORGANIZATION_DELETE',
    'RIGHT_ORGANIZATION_SETTINGS_API_KEYS',
    'RIGHT_ORGANIZATION_SETTINGS_MEMBERS',
  ],
  applications: [
    'RIGHT_USER_APPLICATIONS_LIST',
    'RIGHT_ORGANIZATION_APPLICATIONS_LIST',
    'RIGHT_USER_APPLICATIONS_CREATE',
    'RIGHT_ORGANIZATION_APPLICATIONS_CREATE',
    'RIGHT_APPLICATION_INFO',
    'RIGHT_APPLICATION_SETTINGS_BASIC',
    'RIGHT_APPLICATION_DELETE',
    'RIGHT_APPLICATION_DEVICES_READ',
    'RIGHT_APPLICATION_SETTINGS_API_KEYS',
    'RIGHT_APPLICATION_SETTINGS_COLLABORATORS',
  ],
  clients: [
    'RIGHT_USER_CLIENTS_LIST',
    'RIGHT_ORGANIZATION_CLIENTS_LIST',
    'RIGHT_USER_CLIENTS_CREATE',
    'RIGHT_ORGANIZATION_CLIENTS_CREATE',
    'RIGHT_CLIENT_INFO',
    'RIGHT_CLIENT_SETTINGS_BASIC',
    'RIGHT_CLIENT_DELETE',
    'RIGHT_CLIENT_SETTINGS_COLLABORATORS',
  ],
  liveEvents: ['RIGHT_APPLICATION_TRAFFIC_READ'],
} as const satisfies Record<string, readonly Right[]>;

/** Every right above, once, in a stable order. */
export const EXTENSION_RIGHTS: readonly Right[] = [...new Set<Right>(Object.values(FEATURE_RIGHTS).flat())];

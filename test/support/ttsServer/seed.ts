// Helpers to grow the test server's world fast (plain map inserts, no HTTP): thousands of entities in milliseconds.
// The world every server starts with is seedWorld.ts.
import type {
  ApiKey,
  Application,
  Client,
  EndDevice,
  EndDeviceVersionIdentifiers,
  MessagePayloadFormatters,
  Organization,
  User,
} from '../../../src/tts/types';
import { asDevice } from './formatters';
import type { Clock } from './http';
import type { Right } from './rights';
import { noteSecret } from './issuedSecrets';
import { iso, setMember, type AccountRef, type EntityRef, type ServerState } from './state';
import { newToken, TOKEN_PREFIX } from './tokens';

export type OwnerArg = string | AccountRef;

export interface Seeder {
  user(options: { id: string; password?: string; admin?: boolean; name?: string; email?: string }): User;
  organization(options: { id: string; name?: string; members?: Record<string, Right[]> }): Organization;
  /** IDs are `<prefix>-0001`, … (default prefix `<owner>-app`), or exactly `ids`. */
  applications(owner: OwnerArg, n: number, options?: { prefix?: string; ids?: string[]; name?: string }): Application[];
  /** APPROVED clients by default; the secret defaults to `<id>-secret`. */
  clients(
    owner: OwnerArg,
    n: number,
    options?: {
      prefix?: string;
      ids?: string[];
      name?: string;
      state?: Client['state'];
      secret?: string;
      rights?: Right[];
      redirectUris?: string[];
      grants?: Client['grants'];
      skipAuthorization?: boolean;
      endorsed?: boolean;
    },
  ): (Client & { secret: string })[];
  devices(appId: string, n: number, options?: { prefix?: string }): EndDevice[];
  /** Application API keys; `key` is the full NNSXS value. */
  apiKeys(
    appId: string,
    n: number,
    options?: { rights?: Right[]; name?: string },
  ): (ApiKey & { id: string; key: string })[];
  /** An API key owned by any entity. */
  apiKey(entity: EntityRef, rights: Right[], name?: string): string;
  /** The application's default formatters on the AS link (creates the link). */
  link(appId: string, defaults: MessagePayloadFormatters): void;
  /** The device's own formatters (and version IDs) on the AS (creates the AS end device). */
  asDevice(
    appId: string,
    deviceId: string,
    options: { formatters?: MessagePayloadFormatters; versionIds?: EndDeviceVersionIdentifiers },
  ): EndDevice;
}

export function createSeeder(state: ServerState, clock: Clock): Seeder {
  const now = () => iso(clock.now());
  const ownerOf = (owner: OwnerArg): AccountRef => {
    if (typeof owner !== 'string') {
      return owner;
    }
    return state.organizations.has(owner) ? { kind: 'organization', id: owner } : { kind: 'user', id: owner };
  };
  const contact = (owner: AccountRef) =>
    owner.kind === 'user' ? { user_ids: { user_id: owner.id } } : { organization_ids: { organization_id: owner.id } };
  /** `n` unused IDs `<prefix>-0001`, … continuing after any taken ones; or exactly `ids`. */
  const freeIds = (taken: (id: string) => boolean, prefix: string, n: number, ids?: string[]): string[] => {
    if (ids) {
      return ids.slice(0, n);
    }
    const width = Math.max(4, String(n).length);
    const out: string[] = [];
    for (let i = 1; out.length < n; i++) {
      const id = `${prefix}-${String(i).padStart(width, '0')}`;
      if (!taken(id)) {
        out.push(id);
      }
    }
    return out;
  };

  const seeder: Seeder = {
    user({ id, password = `${id}-password`, admin = false, name, email }) {
      const t = now();
      const user: User = {
        ids: { user_id: id },
        created_at: t,
        updated_at: t,
        name: name ?? id[0].toUpperCase() + id.slice(1),
        primary_email_address: email ?? `${id}@example.com`,
        primary_email_address_validated_at: t,
        state: 'STATE_APPROVED',
        admin,
      };
      state.users.set(id, { user, password });
      noteSecret('password', password);
      return user;
    },
    organization({ id, name, members = {} }) {
      const t = now();
      const org: Organization = { ids: { organization_id: id }, created_at: t, updated_at: t, name: name ?? id };
      state.organizations.set(id, org);
      for (const [userId, rights] of Object.entries(members)) {
        setMember(state, { kind: 'organization', id }, { kind: 'user', id: userId }, rights);
      }
      return org;
    },
    applications(ownerArg, n, options = {}) {
      const owner = ownerOf(ownerArg);
      const t = now();
      return freeIds((id) => state.applications.has(id), options.prefix ?? `${owner.id}-app`, n, options.ids).map(
        (id) => {
          const app: Application = {
            ids: { application_id: id },
            created_at: t,
            updated_at: t,
            name: options.name ?? `Application ${id}`,
            administrative_contact: contact(owner),
            technical_contact: contact(owner),
          };
          state.applications.set(id, app);
          setMember(state, { kind: 'application', id }, owner, ['RIGHT_ALL']);
          return app;
        },
      );
    },
    clients(ownerArg, n, options = {}) {
      const owner = ownerOf(ownerArg);
      const t = now();
      return freeIds((id) => state.clients.has(id), options.prefix ?? `${owner.id}-client`, n, options.ids).map(
        (id) => {
          const client: Client = {
            ids: { client_id: id },
            created_at: t,
            updated_at: t,
            name: options.name ?? `Client ${id}`,
            endorsed: options.endorsed,
            administrative_contact: contact(owner),
            technical_contact: contact(owner),
            redirect_uris: options.redirectUris ?? ['http://127.0.0.1/callback'],
            state: options.state ?? 'STATE_APPROVED',
            skip_authorization: options.skipAuthorization ?? false,
            grants: options.grants ?? ['GRANT_AUTHORIZATION_CODE', 'GRANT_REFRESH_TOKEN'],
            rights: options.rights ?? ['RIGHT_USER_INFO', 'RIGHT_USER_APPLICATIONS_LIST', 'RIGHT_APPLICATION_ALL'],
          };
          const secret = options.secret ?? `${id}-secret`;
          state.clients.set(id, { client, secret, secretUsable: true });
          noteSecret('client secret', secret);
          setMember(state, { kind: 'client', id }, owner, ['RIGHT_ALL']);
          return { ...client, secret };
        },
      );
    },
    devices(appId, n, options = {}) {
      let devices = state.devices.get(appId);
      if (!devices) {
        devices = new Map();
        state.devices.set(appId, devices);
      }
      const map = devices;
      const t = now();
      return freeIds((id) => map.has(id), options.prefix ?? 'device', n).map((id) => {
        const serial = (map.size + 1).toString(16).toUpperCase().padStart(8, '0');
        const device: EndDevice = {
          ids: {
            device_id: id,
            application_ids: { application_id: appId },
            dev_eui: `70B3D57E${serial}`,
            join_eui: '0000000000000000',
          },
          created_at: t,
          updated_at: t,
          name: `Device ${id}`,
        };
        map.set(id, device);
        return device;
      });
    },
    apiKeys(appId, n, options = {}) {
      return Array.from({ length: n }, (_, i) => {
        const key = seeder.apiKey(
          { kind: 'application', id: appId },
          options.rights ?? ['RIGHT_APPLICATION_ALL'],
          options.name ?? `key ${i + 1}`,
        );
        const record = state.apiKeys.get(key.split('.')[1]);
        return { ...record?.apiKey, id: key.split('.')[1], key };
      });
    },
    link(appId, defaults) {
      state.links.set(appId, { default_formatters: { ...defaults } });
    },
    asDevice(appId, deviceId, options) {
      const device = asDevice(state, appId, deviceId, now());
      if (options.formatters) {
        device.formatters = { ...options.formatters };
      }
      if (options.versionIds) {
        device.version_ids = { ...options.versionIds };
      }
      return device;
    },
    apiKey(entity, rights, name) {
      const { id, token } = newToken(TOKEN_PREFIX.apiKey);
      const t = now();
      state.apiKeys.set(id, { apiKey: { id, name, rights, created_at: t, updated_at: t }, token, entity });
      return token;
    },
  };
  return seeder;
}

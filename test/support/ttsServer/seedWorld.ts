// The world every test server starts with: the users and the `cli` client always; with the demo seed also
// organizations, the extension's own client, applications, devices and formatters (SEED names them for tests).
import type { Right } from './rights';
import type { Seeder } from './seed';
import type { ServerState } from './state';

export const SEED = {
  admin: { userId: 'admin', password: 'admin-password' },
  alice: { userId: 'alice', password: 'alice-password' },
  bob: { userId: 'bob', password: 'bob-password' },
  acme: { organizationId: 'acme' },
  loraLab: { organizationId: 'lora-lab' },
  /** The stack's public client (no secret), as `ttn-lw-cli` uses it. */
  cli: { id: 'cli', redirectUris: ['local-callback', 'code'] },
  /** The extension's own APPROVED client, owned by alice (demo seed only). */
  client: {
    id: 'vscode-ext',
    secret: 'vscode-ext-secret',
    redirectUris: ['http://127.0.0.1/callback', 'code', 'vscode://lpwan-tools.things-stack-manager/auth/callback'],
    rights: ['RIGHT_USER_ALL', 'RIGHT_APPLICATION_ALL', 'RIGHT_CLIENT_ALL', 'RIGHT_ORGANIZATION_ALL'] as Right[],
  },
  demo: {
    applications: {
      aliceSensors: 'alice-sensors',
      aliceTracker: 'alice-tracker',
      acmeFleet: 'acme-fleet',
      acmeParking: 'acme-parking',
      bobWeather: 'bob-weather',
    },
    /** The application with devices (3 of them). */
    appWithDevices: 'alice-sensors',
    deviceCount: 3,
    /**
     * Formatters on the Application Server: `alice-sensors` has CayenneLPP as its default uplink formatter (its link),
     * and its first device its own JavaScript uplink formatter, as the real stack's seeded demo-device
     * (`CSmA` → {"humidity":64,"temperature":23.45}).
     */
    formatters: {
      deviceId: 'device-0001',
      deviceUplink: `function decodeUplink(input) {
  // 3 bytes: temperature int16 big-endian in 0.01 °C, humidity uint8 in 0.5 %
  if (input.bytes.length < 3) {
    return { errors: ["expected 3 bytes, got " + input.bytes.length] };
  }
  var t = (input.bytes[0] << 8) | input.bytes[1];
  if (t & 0x8000) t -= 0x10000;
  return {
    data: { temperature: t / 100, humidity: input.bytes[2] / 2 },
    warnings: input.fPort === 1 ? [] : ["unexpected FPort " + input.fPort]
  };
}`,
    },
    clients: {
      /** REQUESTED (created by a non-admin, not yet approved). */
      aliceDashboard: { id: 'alice-dashboard', secret: 'alice-dashboard-secret' },
      acmePortal: { id: 'acme-portal', secret: 'acme-portal-secret' },
    },
  },
} as const;

/** Users and the `cli` client always; with 'demo' also organizations, the extension's client, apps and devices. */
export function seedWorld(seeder: Seeder, state: ServerState, kind: 'demo' | 'none'): void {
  seeder.user({ id: SEED.admin.userId, password: SEED.admin.password, admin: true, name: 'Admin' });
  seeder.user({ id: SEED.alice.userId, password: SEED.alice.password, name: 'Alice' });
  seeder.user({ id: SEED.bob.userId, password: SEED.bob.password, name: 'Bob' });
  // is-db create-oauth-client: public, APPROVED, skip_authorization and endorsed, no collaborator.
  seeder.clients(SEED.admin.userId, 1, {
    ids: [SEED.cli.id],
    name: 'Command-line interface',
    redirectUris: [...SEED.cli.redirectUris],
    rights: ['RIGHT_ALL'],
    skipAuthorization: true,
    endorsed: true,
    secret: '',
  });
  const cli = state.clients.get(SEED.cli.id)?.client;
  if (cli) {
    cli.administrative_contact = undefined;
    cli.technical_contact = undefined;
  }
  state.memberships.delete(`client:${SEED.cli.id}`);
  if (kind === 'none') {
    return;
  }
  seeder.organization({
    id: SEED.acme.organizationId,
    name: 'ACME Corp',
    members: { alice: ['RIGHT_ORGANIZATION_ALL'] },
  });
  seeder.organization({
    id: SEED.loraLab.organizationId,
    name: 'LoRa Lab',
    members: { bob: ['RIGHT_ORGANIZATION_ALL'] },
  });
  const ext = SEED.client;
  seeder.clients(SEED.alice.userId, 1, {
    ids: [ext.id],
    name: 'Things Stack Manager',
    redirectUris: [...ext.redirectUris],
    rights: [...ext.rights],
    secret: ext.secret,
  });
  const { applications: apps, clients } = SEED.demo;
  seeder.applications('alice', 1, { ids: [apps.aliceSensors], name: 'Sensors' });
  seeder.applications('alice', 1, { ids: [apps.aliceTracker], name: 'Tracker' });
  seeder.applications('acme', 1, { ids: [apps.acmeFleet], name: 'Fleet' });
  seeder.applications('acme', 1, { ids: [apps.acmeParking], name: 'Parking' });
  seeder.applications('bob', 1, { ids: [apps.bobWeather], name: 'Weather station' });
  seeder.devices(SEED.demo.appWithDevices, SEED.demo.deviceCount);
  seeder.link(SEED.demo.appWithDevices, { up_formatter: 'FORMATTER_CAYENNELPP' });
  seeder.asDevice(SEED.demo.appWithDevices, SEED.demo.formatters.deviceId, {
    formatters: { up_formatter: 'FORMATTER_JAVASCRIPT', up_formatter_parameter: SEED.demo.formatters.deviceUplink },
  });
  seeder.clients('alice', 1, {
    ids: [clients.aliceDashboard.id],
    name: 'Dashboard',
    secret: clients.aliceDashboard.secret,
    state: 'STATE_REQUESTED',
  });
  seeder.clients('acme', 1, { ids: [clients.acmePortal.id], name: 'ACME portal', secret: clients.acmePortal.secret });
}

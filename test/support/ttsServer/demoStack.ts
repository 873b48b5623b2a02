// The world `npm start` shows a new user — and that the e2e journey and the tree tests use, so what ships is what is
// tested: alice with 26 applications (real names), ACME's 12, OAuth clients of both, 25 devices in one application,
// the extension's own demo client, a user API key, uplinks from the demo devices every few seconds, and the account
// side (seedAccount.ts: an organization of alice's, her user API keys, OAuth clients she authorized).
import { SEED } from './seedWorld';
import type { TtsTestServer } from './index';
import { seedAccount } from './seedAccount';

export const DEMO_CLIENT = { id: 'vscode-demo', secret: 'vscode-demo-secret' };
export const DEMO_TRAFFIC_APP = 'greenhouse-climate';

const ALICE_APPS: [string, string][] = [
  [DEMO_TRAFFIC_APP, 'Greenhouse climate'],
  ['cold-chain-rotterdam', 'Cold chain (Rotterdam)'],
  ['parking-north', 'Parking sensors north'],
  ['parking-south', 'Parking sensors south'],
  ['river-levels', 'River levels'],
  ['soil-moisture', 'Soil moisture'],
  ['beehive-scales', 'Beehive scales'],
  ['door-contacts', 'Door contacts'],
  ['air-quality-center', 'Air quality (city center)'],
  ['water-meters', 'Water meters'],
  ['gas-meters', 'Gas meters'],
  ['bike-trackers', 'Bike trackers'],
  ['cattle-collars', 'Cattle collars'],
  ['smart-bins', 'Smart bins'],
  ['street-lights', 'Street lights'],
  ['vibration-bridge', 'Bridge vibration'],
  ['frost-alerts', 'Frost alerts'],
  ['office-desks', 'Office desk occupancy'],
  ['co2-classrooms', 'CO₂ in classrooms'],
  ['boat-moorings', 'Boat moorings'],
  ['tank-levels', 'Tank levels'],
  ['weather-roof', 'Rooftop weather'],
  ['leak-detectors', 'Leak detectors'],
  ['test-bench', ''],
];
const ACME_APPS: [string, string][] = [
  ['acme-forklifts', 'Forklifts'],
  ['acme-pallets', 'Pallet trackers'],
  ['acme-cold-rooms', 'Cold rooms'],
  ['acme-energy', 'Energy meters'],
  ['acme-doors', 'Loading doors'],
  ['acme-fire-doors', 'Fire doors'],
  ['acme-compressors', 'Compressors'],
  ['acme-hvac', 'HVAC'],
  ['acme-lighting', 'Warehouse lighting'],
  ['acme-security', 'Security sensors'],
  ['acme-waste', 'Waste containers'],
  ['acme-lab', ''],
];
const ALICE_CLIENTS: [string, string][] = [
  ['grafana-dashboard', 'Grafana dashboard'],
  ['home-assistant', 'Home Assistant'],
  ['node-red-flows', 'Node-RED flows'],
  ['mobile-app', 'Field service app'],
  ['reporting-job', 'Nightly reporting'],
  ['sandbox-client', ''],
];
const ACME_CLIENTS: [string, string][] = [
  ['acme-erp', 'ERP connector'],
  ['acme-maintenance', 'Maintenance portal'],
  ['acme-bi', 'BI exports'],
  ['acme-kiosk', 'Reception kiosk'],
];

export interface DemoStack {
  /** A user API key of alice (`NNSXS.…`) with her user, application, client and organization rights. */
  apiKey: string;
  /** Starts the uplinks; returns the stop function. */
  traffic(everyMs?: number): () => void;
}

/** Seeds the demo world on top of the test server's own seed ('demo'). */
export function seedDemoStack(server: TtsTestServer): DemoStack {
  server.seed.clients('alice', 1, {
    ids: [DEMO_CLIENT.id],
    secret: DEMO_CLIENT.secret,
    name: 'Things Stack Manager (demo)',
    redirectUris: ['http://127.0.0.1/', 'code'],
    grants: ['GRANT_AUTHORIZATION_CODE', 'GRANT_REFRESH_TOKEN'],
    rights: [...SEED.client.rights],
  });
  for (const [owner, list] of [
    ['alice', ALICE_APPS],
    ['acme', ACME_APPS],
  ] as const) {
    for (const [id, name] of list) {
      server.seed.applications(owner, 1, { ids: [id], name });
    }
  }
  for (const [owner, list] of [
    ['alice', ALICE_CLIENTS],
    ['acme', ACME_CLIENTS],
  ] as const) {
    for (const [id, name] of list) {
      server.seed.clients(owner, 1, { ids: [id], name });
    }
  }
  server.seed.devices(DEMO_TRAFFIC_APP, 25);
  const apiKey = server.createUserApiKey('alice', [
    'RIGHT_USER_ALL',
    'RIGHT_APPLICATION_ALL',
    'RIGHT_CLIENT_ALL',
    'RIGHT_ORGANIZATION_ALL',
  ]);
  // The account side: alice's organization and user API keys, apps she authorized, a client awaiting approval.
  seedAccount(server);
  return {
    apiKey,
    traffic: (everyMs = 3_000) => demoTraffic(server, [DEMO_TRAFFIC_APP, SEED.demo.appWithDevices], everyMs),
  };
}

/** One uplink every `everyMs` from each application's devices in turn. */
function demoTraffic(server: TtsTestServer, applications: string[], everyMs: number): () => void {
  let turn = 0;
  const timer = setInterval(() => {
    for (const app of applications) {
      const devices = [...(server.state.devices.get(app)?.keys() ?? [])];
      if (devices.length > 0) {
        void server.events.emitUplinks(app, { count: 1, deviceId: devices[turn % devices.length] });
      }
    }
    turn++;
  }, everyMs);
  return () => clearInterval(timer);
}

// The TTS test server in a process of its own for the listing and tree benches (forked by serverProcess.start()),
// so its work, heap and garbage collector stay out of the measuring process, the way a real server's would.
import { fork, type ChildProcess } from 'node:child_process';
import { APPLICATION_LIST_FIELDS } from '../src/tts/applications';
import { startTtsServer, type TtsTestServer } from '../test/support/ttsServer';

/** The seeded account: `applications` applications and `clients` OAuth clients, owned by the user `user`. */
export const WORLD = { user: 'bench', applications: 5000, clients: 10_000, latencyMs: 20 };

export interface BenchServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** Forks this file (Node's flags, tsx included, carry over) and resolves once the server listens. */
export async function start(): Promise<BenchServer> {
  const child: ChildProcess = fork(__filename, ['--serve']);
  const { url, token } = await new Promise<{ url: string; token: string }>((ok, fail) => {
    child.once('message', (m) => ok(m as { url: string; token: string }));
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`The bench server exited (${code}) before it listened.`)));
  });
  return {
    url,
    token,
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('close');
      await exited;
    },
  };
}

async function serve(): Promise<void> {
  const server = await startTtsServer({ contract: false });
  server.seed.user({ id: WORLD.user });
  const apps = server.seed.applications(WORLD.user, WORLD.applications, { prefix: 'bench-app' });
  // Realistic entities: a description, attributes and server addresses, as integrations leave them.
  for (const app of apps) {
    const id = app.ids?.application_id ?? '';
    const stored = server.state.applications.get(id)!;
    stored.description = `Sensors of building ${id}, floor plan v2, maintained by facilities`;
    stored.attributes = {
      site: 'amsterdam-north',
      team: 'facilities',
      integration: 'influxdb',
      contract: 'ref-2026-0042',
    };
    stored.network_server_address = 'eu1.cloud.thethings.network';
    stored.application_server_address = 'eu1.cloud.thethings.network';
    stored.join_server_address = 'eu1.cloud.thethings.network';
  }
  server.seed.clients(WORLD.user, WORLD.clients, { prefix: 'bench-client' });
  await warmUp(server);
  server.knobs.latencyMs = WORLD.latencyMs;
  // The server records every request and response for the tests' assertions; nothing here reads them, and
  // keeping thousands of response bodies only makes this process's garbage collector slower as the run goes on.
  setInterval(() => server.requests.splice(0), 250).unref();
  const token = server.issueTokens(WORLD.user, 'vscode-ext').access_token;
  process.on('message', (message) => {
    if (message === 'close') {
      void server.close().then(() => process.exit(0));
    }
  });
  process.send?.({ url: server.url, token });
}

/**
 * A real TTS has served plenty before our first request; this one has compiled none of its code yet. Listing
 * another account's applications a few dozen times brings the server's code up to speed without caching anything
 * of the bench account, so the client's first page still costs whatever it costs the server to list 5,000.
 */
async function warmUp(server: TtsTestServer): Promise<void> {
  server.seed.user({ id: 'warm-up' });
  server.seed.applications('warm-up', 500, { prefix: 'warm-up-app' });
  const token = server.issueTokens('warm-up', 'vscode-ext').access_token;
  const masks = [APPLICATION_LIST_FIELDS.join(','), 'name,description,attributes'];
  for (let i = 0; i < 40; i++) {
    const query = new URLSearchParams({ limit: '100', page: String((i % 5) + 1), field_mask: masks[i % 2] });
    const response = await fetch(`${server.url}/api/v3/users/warm-up/applications?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
  }
}

if (process.argv.includes('--serve')) {
  void serve();
}

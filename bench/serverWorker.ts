// The TTS test server on its own thread for the listing bench, so the server's work runs beside the client's
// (on another core) the way a real server would, instead of queueing on the client's event loop.
import { parentPort } from 'node:worker_threads';
import { APPLICATION_LIST_FIELDS } from '../src/tts/applications';
import { startTtsServer, type TtsTestServer } from '../test/support/ttsServer';

async function main(): Promise<void> {
  const server = await startTtsServer({ contract: false });
  server.seed.user({ id: 'bench' });
  const apps = server.seed.applications('bench', 5000, { prefix: 'bench-app' });
  // Realistic entities: a description, attributes and server addresses, as integrations leave them.
  for (const app of apps) {
    const id = app.ids?.application_id ?? '';
    const stored = server.state.applications.get(id)!;
    stored.description = `Sensors of building ${id}, floor plan v2, maintained by facilities`;
    stored.attributes = { site: 'amsterdam-north', team: 'facilities', integration: 'influxdb', contract: 'ref-2026-0042' };
    stored.network_server_address = 'eu1.cloud.thethings.network';
    stored.application_server_address = 'eu1.cloud.thethings.network';
    stored.join_server_address = 'eu1.cloud.thethings.network';
  }
  await warmUp(server);
  server.knobs.latencyMs = 20;
  // The server records every request and response for the tests' assertions; nothing here reads them, and
  // keeping thousands of response bodies only makes this thread's garbage collector slower as the run goes on.
  setInterval(() => server.requests.splice(0), 250).unref();
  const token = server.issueTokens('bench', 'vscode-ext').access_token;
  parentPort?.on('message', (message: string) => {
    if (message === 'close') {
      void server.close().then(() => process.exit(0));
    }
  });
  parentPort?.postMessage({ url: server.url, token });
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
    const response = await fetch(`${server.url}/api/v3/users/warm-up/applications?${query}`, { headers: { Authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
  }
}

void main();

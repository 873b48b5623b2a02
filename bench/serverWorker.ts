// The TTS test server on its own thread for the listing bench, so the server's work runs beside the client's
// (on another core) the way a real server would, instead of queueing on the client's event loop.
import { parentPort } from 'node:worker_threads';
import { startTtsServer } from '../test/support/ttsServer';

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
  server.knobs.latencyMs = 20;
  const token = server.issueTokens('bench', 'vscode-ext').access_token;
  parentPort?.on('message', (message: string) => {
    if (message === 'close') {
      void server.close().then(() => process.exit(0));
    }
  });
  parentPort?.postMessage({ url: server.url, token });
}

void main();

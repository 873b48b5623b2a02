// npm start: the extension in a real VS Code (code-server) against a local demo stack, for a first look.
// Builds the .vsix, starts the TTS test server with demo data ("Local demo stack") and code-server with the
// extension installed and the deployment configured, prints the URL and the demo logins, runs until Ctrl-C.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SEED, startTtsServer } from '../test/support/ttsServer';
import { DEMO_CLIENT, seedDemoStack } from '../test/support/ttsServer/demoStack';
import { startCodeServer } from '../test/support/workbench';
import { errorMessage } from '../src/util/errorMessage';

async function main(): Promise<void> {
  // ::1: code-server would tunnel 127.0.0.1 URLs that the extension opens through its own port proxy.
  const server = await startTtsServer({ host: '::1' });
  const demo = seedDemoStack(server);
  const apiKey = demo.apiKey;
  // Uplinks every few seconds from the demo devices, so Show Live Events has something to show.
  const stopTraffic = demo.traffic(3_000);
  const stateDir = resolve('.e2e/start');
  // Outside the repository, or Git offers to open "a repository in the parent folders" on first open.
  const workspace = join(tmpdir(), 'things-stack-manager-demo', 'workspace');
  mkdirSync(workspace, { recursive: true });
  const code = await startCodeServer({
    workspace,
    stateDir,
    vsix: resolve('things-stack-manager.vsix'),
    settings: { 'thingsStack.deployments': [{ name: 'Local demo stack', url: server.url, clientId: DEMO_CLIENT.id }] },
    port: Number(process.env.PORT) || 0,
  });
  console.log(`
Things Stack Manager is running in VS Code (code-server): open ${code.url}/?folder=${encodeURIComponent(workspace)}

  Local demo stack (TTS test server): ${server.url}
  Sign in as alice / ${SEED.alice.password} (admin / ${SEED.admin.password} for admin actions):
    - browser sign-in: first run "Things Stack: Set OAuth Client Secret" with ${DEMO_CLIENT.secret}
    - or "Sign in with a code", or an API key: ${apiKey}
  With a real account, run "Things Stack: Add Deployment" (TTN Sandbox eu1 is the default choice).

Press Ctrl-C to stop.`);
  const stop = async (): Promise<void> => {
    stopTraffic();
    await code.stop();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  console.error(`npm start failed: ${errorMessage(error)}`);
  process.exit(1);
});

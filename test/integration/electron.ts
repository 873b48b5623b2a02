// npm run test:vscode: the extension-host suite in desktop VS Code through @vscode/test-electron, wherever VS
// Code can be downloaded (not on machines without internet; there npm run test:host runs it in code-server).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { SEED, startTtsServer } from '../support/ttsServer';
import { seedAccount } from '../support/ttsServer/seedAccount';
import { bundleSuite, TEST_CLIENT } from './run';
import { errorMessage } from '../../src/util/errorMessage';

async function main(): Promise<number> {
  const server = await startTtsServer();
  server.seed.clients('alice', 1, {
    ids: [TEST_CLIENT.id],
    secret: TEST_CLIENT.secret,
    name: 'VS Code (tests)',
    redirectUris: ['vscode://lpwan-tools.things-stack-manager/auth/callback', 'http://127.0.0.1/', 'code'],
    grants: ['GRANT_AUTHORIZATION_CODE', 'GRANT_REFRESH_TOKEN'],
    rights: [...SEED.client.rights],
  });
  seedAccount(server); // alice's organization, user API keys, and the clients she authorized
  const root = mkdtempSync(join(tmpdir(), 'tsm-desktop-'));
  const userData = join(root, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'thingsStack.deployments': [{ name: 'Local test stack', url: server.url, clientId: TEST_CLIENT.id }],
    }),
  );
  try {
    await runTests({
      extensionDevelopmentPath: resolve(__dirname, '../..'),
      extensionTestsPath: await bundleSuite(),
      launchArgs: [root, '--user-data-dir', userData, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: {
        TSM_TTS_URL: server.url,
        TSM_CLIENT_ID: TEST_CLIENT.id,
        TSM_CLIENT_SECRET: TEST_CLIENT.secret,
        TSM_HOST: 'desktop',
        TSM_USER: SEED.alice.userId,
        TSM_PASSWORD: SEED.alice.password,
      },
    });
    return 0;
  } catch (error) {
    console.error(`[test:vscode] ${errorMessage(error)}`);
    return 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
    await server.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});

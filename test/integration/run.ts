// Runs the extension-host suite inside code-server (npm run test:host): starts the TTS test server, bundles the
// suite, opens the workbench with the test hooks, and plays the user in the browser (login, consent, dialogs).
// The same suite runs in desktop VS Code through @vscode/test-electron (npm run test:vscode) where it can be
// downloaded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { SEED, startTtsServer } from '../support/ttsServer';
import { seedAccount } from '../support/ttsServer/seedAccount';
import { allowSignInDialogs, playUser, withoutCode } from '../support/robot';
import { ScreenServer } from '../support/screen';
import { SUITES } from './suites';
import { allowAccountAccess, runExtensionTests, TRUST_ALL_LINKS } from '../support/workbench';

const REPO = resolve(__dirname, '../..');
export const ACCOUNT_LABEL = 'alice · Local test stack';
export const TEST_CLIENT = { id: 'vscode-web-tests', secret: 'vscode-web-tests-secret' };

export async function bundleSuite(): Promise<string> {
  const names = ['index', ...SUITES];
  await build({
    entryPoints: names.map((n) => join(REPO, 'test/integration', n === 'index' ? 'index.ts' : `${n}.test.ts`)),
    outdir: join(REPO, 'out/integration'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(REPO, 'out/integration/index.js');
}

async function main(): Promise<number> {
  const started = Date.now();
  const server = await startTtsServer({ host: '::1' });
  // The browser comes back through code-server's callback route on a loopback port: register the loopback
  // exception (any port, any path), as a user of code-server would register their own host.
  server.seed.clients('alice', 1, {
    ids: [TEST_CLIENT.id],
    secret: TEST_CLIENT.secret,
    name: 'VS Code (tests)',
    redirectUris: ['http://127.0.0.1/', 'code'],
    grants: ['GRANT_AUTHORIZATION_CODE', 'GRANT_REFRESH_TOKEN'],
    rights: [...SEED.client.rights],
  });
  seedAccount(server); // alice's organization, user API keys, and the clients she authorized
  // Uplinks for the live events suite, all through the run.
  const uplinks = setInterval(() => void server.events.emitUplinks(SEED.demo.appWithDevices, { count: 1 }), 200);
  const workspace = mkdtempSync(join(tmpdir(), 'tsm-host-ws-'));
  const screen = await ScreenServer.start();
  try {
    const testsIndex = await bundleSuite();
    const code = await runExtensionTests({
      extensionPath: REPO,
      testsIndex,
      workspace,
      timeoutMs: Number(process.env.HOST_TESTS_TIMEOUT_MS) || 600_000,
      // TTS on ::1 is not tunnelled by code-server's port proxy (like a real remote TTS). The workbench refuses
      // dialogs in tests, so the answers a user gives once (trust the link, allow the account) are stored up front.
      storage: {
        ...TRUST_ALL_LINKS,
        ...allowAccountAccess('thingsstack', ACCOUNT_LABEL, 'lpwan-tools.things-stack-manager', 'Things Stack Manager'),
      },
      env: {
        TSM_TTS_URL: server.url,
        TSM_CLIENT_ID: TEST_CLIENT.id,
        TSM_CLIENT_SECRET: TEST_CLIENT.secret,
        TSM_SCREEN_URL: screen.url,
        TSM_SUITES: process.env.TSM_SUITES ?? '',
      },
      screen,
      codeDirs: [join(REPO, 'dist')],
      viewport: { width: 1400, height: 2200 }, // tall, so every row of the expanded tree is rendered
      settings: {
        'thingsStack.deployments': [{ name: 'Local test stack', url: server.url, clientId: TEST_CLIENT.id }],
      },
      onBrowser: (wb) => {
        const log = (line: string): void => console.log(`  [${line}]`);
        wb.context.on('page', (page) => log(`browser: new tab ${withoutCode(page.url())}`));
        playUser(wb.context, { userId: SEED.alice.userId, password: SEED.alice.password, log });
        allowSignInDialogs(wb.page, log);
      },
    });
    console.log(
      `[host-tests] ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return code;
  } finally {
    clearInterval(uplinks);
    await screen.close();
    rmSync(workspace, { recursive: true, force: true });
    await server.close();
  }
}

if (require.main === module) {
  // Run as a script (npm run test:host); electron.ts imports bundleSuite from here.
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`[host-tests] error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    },
  );
}

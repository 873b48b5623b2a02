// npm run test:e2e: the packaged .vsix in a real VS Code workbench (code-server) driven in headless Chromium, as
// a user: welcome view, browser sign-in, status bar, trees, an OAuth client with its one-time secret, an
// application with an API key, deleting both, signing out. Screenshots of every step go to test-results/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { playUser } from '../support/robot';
import { SEED, startTtsServer } from '../support/ttsServer';
import { launchBrowser, runCommand, startCodeServer, TRUST_ALL_LINKS, seedApplicationStorage } from '../support/workbench';
import { answer, clickRow, dialog, Journey, toast } from './driver';

const CLIENT = { id: 'vscode-e2e', secret: 'vscode-e2e-secret-value' };
const STACK = 'Local e2e stack';

async function main(): Promise<number> {
  const started = Date.now();
  const server = await startTtsServer({ host: '::1' });
  server.seed.clients('alice', 1, {
    ids: [CLIENT.id], secret: CLIENT.secret, name: 'VS Code (e2e)', redirectUris: ['http://127.0.0.1/', 'code'],
    grants: ['GRANT_AUTHORIZATION_CODE', 'GRANT_REFRESH_TOKEN'], rights: [...SEED.client.rights],
  });
  const workspace = mkdtempSync(join(tmpdir(), 'tsm-e2e-ws-'));
  const code = await startCodeServer({
    workspace, vsix: resolve('things-stack-manager.vsix'),
    settings: { 'thingsStack.deployments': [{ name: STACK, url: server.url, clientId: CLIENT.id }] },
  });
  const wb = await launchBrowser();
  const { page } = wb;
  const journey = new Journey(page);
  try {
    playUser(wb.context, { userId: SEED.alice.userId, password: SEED.alice.password, log: (l) => console.log(`    ${l}`) });
    await seedApplicationStorage(page, code.url, TRUST_ALL_LINKS);
    await journey.run('workbench', async () => {
      await page.goto(`${code.url}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    });
    await journey.run('welcome-view', async () => {
      await page.locator('.part.activitybar a.action-label[aria-label^="The Things Stack"]').click();
      await page.getByText('Sign in to see your OAuth clients and applications.').waitFor({ timeout: 30_000 });
    });
    await journey.run('set-client-secret', async () => {
      await runCommand(page, 'Things Stack: Set OAuth Client Secret');
      await answer(page, /Secret of OAuth client/, CLIENT.secret);
      await toast(page, /Stored the secret/);
    });
    await journey.run('sign-in-through-browser', async () => {
      await page.locator('.part.sidebar a.monaco-button', { hasText: 'Sign In' }).first().click();
      await answer(page, /Sign in with your browser/); // the recommended method: browser, back through VS Code
      await page.locator('.statusbar', { hasText: `alice · ${STACK}` }).waitFor({ timeout: 60_000 });
    });
    await journey.run('trees', async () => {
      await clickRow(page, 'Applications');
      await page.locator('.part.sidebar .monaco-list-row', { hasText: 'alice-sensors' }).first().waitFor({ timeout: 20_000 });
      await clickRow(page, 'OAuth Clients');
    });
    await journey.run('create-oauth-client', async () => {
      await runCommand(page, 'Things Stack: Create OAuth Client');
      await answer(page, /\(1\/8\)[\s\S]*alice/); // owner: the user
      await answer(page, /\(2\/8\)/, 'alice-e2e-dashboard');
      await answer(page, /\(3\/8\)/, 'Alice e2e dashboard');
      await answer(page, /\(4\/8\)/, 'Shows the sensor data of Alice on a dashboard; reads application data only.');
      await answer(page, /\(5\/8\)/, 'https://dashboard.example.com/callback');
      await answer(page, /\(6\/8\)/, '');
      await answer(page, /\(7\/8\)/); // grants as proposed
      // Whatever follows (the refresh-token question, the rights presets and the advice) takes the proposed answer.
      for (let i = 0; i < 4 && !(await page.locator('.monaco-dialog-box').isVisible()); i++) {
        if (await page.locator('.quick-input-widget').isVisible()) {
          await answer(page, /./);
        } else {
          await page.waitForTimeout(300);
        }
      }
      const text = await dialog(page, /Secret of OAuth client "alice-e2e-dashboard"/, 'I Have Copied It', 30_000);
      if (!/\S{16,}/.test(text)) {
        throw new Error('the secret was not shown');
      }
    });
    await journey.run('create-application', async () => {
      await runCommand(page, 'Things Stack: Create Application');
      await answer(page, /\(1\/4\)[\s\S]*alice/);
      await answer(page, /\(2\/4\)/, 'alice-e2e-app');
      await answer(page, /\(3\/4\)/, 'Alice e2e app');
      await answer(page, /\(4\/4\)/, '');
      await toast(page, /alice-e2e-app/);
    });
    await journey.run('create-api-key', async () => {
      await runCommand(page, 'Things Stack: Create API Key');
      await answer(page, /Which Application/, 'alice-e2e-app');
      await answer(page, /\(1\/3\)/, 'e2e-integration');
      for (let i = 0; i < 4 && !(await page.locator('.monaco-dialog-box').isVisible()); i++) {
        if (await page.locator('.quick-input-widget').isVisible()) {
          await answer(page, /./); // the proposed rights preset, then "Never" expires
        } else {
          await page.waitForTimeout(300);
        }
      }
      await dialog(page, /API key "e2e-integration"/, 'I Have Copied It', 30_000);
    });
    await journey.run('delete-oauth-client', async () => {
      await runCommand(page, 'Things Stack: Delete OAuth Client');
      await answer(page, /Which OAuth Client/, 'alice-e2e-dashboard');
      await dialog(page, /alice-e2e-dashboard/, 'Delete');
      await toast(page, /Deleted/);
    });
    await journey.run('delete-application', async () => {
      await runCommand(page, 'Things Stack: Delete Application');
      await answer(page, /Which Application/, 'alice-e2e-app');
      if (await page.locator('.quick-input-widget').isVisible()) {
        await answer(page, /alice-e2e-app|ID/, 'alice-e2e-app'); // type the ID to confirm
      }
      await dialog(page, /alice-e2e-app/, 'Delete');
      await toast(page, /Deleted/);
    });
    await journey.run('sign-out', async () => {
      await runCommand(page, 'Things Stack: Sign Out');
      await page.locator('.statusbar', { hasText: 'The Things Stack' }).waitFor({ timeout: 20_000 });
      await page.getByText('Sign in to see your OAuth clients and applications.').waitFor({ timeout: 20_000 });
    });
    console.log(`e2e journey passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`e2e journey failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await wb.close();
    await code.stop();
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

void main().then((exitCode) => {
  process.exitCode = exitCode;
});

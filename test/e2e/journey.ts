// npm run test:e2e: the packaged .vsix in a real VS Code workbench (code-server) driven in headless Chromium, as a
// new user of `npm start` — on the same demo stack: welcome view, a cancelled sign-in, the printed API key, the
// explorer clicked through (an application and each of its children), Refresh on each level, a sign-in with a code,
// an authorized app revoked from its row and an organization opened, clients, applications and API keys created and
// deleted, a payload formatter opened and tested, the code session's own authorization revoked (which signs it
// out), the browser sign-in with the demo's client, VS Code's own OAuth client registered, sign-out. Every step
// checks what the screen shows and fails on an error notification it did not expect or on a tree error or uncaught
// error in the workbench's logs (the log tripwire, which the first step shows working); screenshots of every step go
// to test-results/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXTENSION_ID, LogTripwire } from '../support/logTripwire';
import { playUser } from '../support/robot';
import { watchNotices } from '../support/screen';
import { SEED, startTtsServer } from '../support/ttsServer';
import { DEMO_CLIENT, seedDemoStack } from '../support/ttsServer/demoStack';
import { launchBrowser, seedApplicationStorage, startCodeServer, TRUST_ALL_LINKS } from '../support/workbench';
import { Journey } from './driver';
import { STACK, type JourneyContext } from './journey/context';
import { authorizedApps, revokeOwnAuthorization } from './journey/account';
import { changeEntities, registerVsCodeClient } from './journey/entities';
import { openAndTestFormatter } from './journey/formatters';
import { cancelSignIn, signInThroughBrowser, signInWithApiKey, signInWithCode, signOut } from './journey/signIn';
import { filterByTypedText, firstClicks, refreshEachLevel } from './journey/tree';
import { errorMessage } from '../../src/util/errorMessage';

async function main(): Promise<number> {
  const started = Date.now();
  const server = await startTtsServer({ host: '::1' });
  const demo = seedDemoStack(server); // what npm start shows
  const stopTraffic = demo.traffic(3_000);
  const workspace = mkdtempSync(join(tmpdir(), 'tsm-e2e-ws-'));
  const code = await startCodeServer({
    workspace,
    vsix: resolve('things-stack-manager.vsix'),
    settings: { 'thingsStack.deployments': [{ name: STACK, url: server.url, clientId: DEMO_CLIENT.id }] },
  });
  const wb = await launchBrowser({ width: 1400, height: 2000 });
  const { page } = wb;
  const log = new LogTripwire(code.userDataDir, [join(code.extensionsDir, EXTENSION_ID)]);
  log.watch(page);
  const x: JourneyContext = { page, context: wb.context, journey: new Journey(page, log), server, apiKey: demo.apiKey };
  try {
    playUser(wb.context, {
      userId: SEED.alice.userId,
      password: SEED.alice.password,
      log: (l) => console.log(`    ${l}`),
    });
    await watchNotices(page);
    await seedApplicationStorage(page, code.url, TRUST_ALL_LINKS);
    await x.journey.run('workbench', async () => {
      await page.goto(`${code.url}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    });
    await x.journey.run(
      'log-tripwire-sees-a-planted-tree-error',
      async () => {
        await page.evaluate(() => console.error('TreeError [thingsStack.explorer] Tree element not found: (planted)'));
        await page.waitForTimeout(500);
      },
      [],
      (found) => {
        const planted = found.filter((p) => p.kind === 'tree error' && p.text.includes('(planted)'));
        if (planted.length === 0 || planted.length !== found.length) {
          throw new Error(`the log tripwire did not see just the planted tree error: ${JSON.stringify(found)}`);
        }
        planted.forEach((p) => (p.expected = true));
      },
    );
    await x.journey.run('welcome-view', async () => {
      await page.locator('.part.activitybar a.action-label[aria-label^="The Things Stack"]').click();
      await page.getByText('Sign in to see your OAuth clients and applications.').waitFor({ timeout: 30_000 });
    });
    await cancelSignIn(x);
    await signInWithApiKey(x);
    await firstClicks(x);
    await refreshEachLevel(x);
    await filterByTypedText(x);
    await signOut(x, 'sign-out-of-the-api-key');
    await signInWithCode(x);
    await authorizedApps(x);
    await changeEntities(x);
    await openAndTestFormatter(x);
    await revokeOwnAuthorization(x); // signs the code session out
    await signInThroughBrowser(x, DEMO_CLIENT.secret);
    await registerVsCodeClient(x); // last: the deployment then uses the new client, which awaits approval
    await signOut(x);
    const after = log.unexpected();
    if (after.length > 0) {
      throw new Error(`the workbench's logs after the last step: ${after.map((p) => p.text).join(' | ')}`);
    }
    console.log(`e2e journey passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`e2e journey failed: ${errorMessage(error)}`);
    return 1;
  } finally {
    stopTraffic();
    await wb.close();
    await code.stop();
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

void main().then((exitCode) => {
  process.exitCode = exitCode;
});

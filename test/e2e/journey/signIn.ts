// The e2e journey's sign-ins, as a new user of the demo does them: cancelling, the printed API key, a code from the
// browser, and the browser with the demo's own client once its secret is set; and signing out.
import { notices, watchNotices } from '../../support/screen';
import { runCommand } from '../../support/workbench';
import { answer, toast } from '../driver';
import { QUICK_INPUT, STACK, type JourneyContext } from './context';

const WELCOME = 'Sign in to see your OAuth clients and applications.';

async function signedOut(x: JourneyContext): Promise<void> {
  await x.page.locator('.statusbar', { hasText: 'The Things Stack' }).waitFor({ timeout: 20_000 });
  await x.page.getByText(WELCOME).waitFor({ timeout: 20_000 });
}

async function startSignIn(x: JourneyContext): Promise<void> {
  await x.page.locator('.part.sidebar a.monaco-button', { hasText: 'Sign In' }).first().click();
  await x.page.locator(QUICK_INPUT, { hasText: /Sign in to Local demo stack/ }).waitFor({ timeout: 20_000 });
}

export async function cancelSignIn(x: JourneyContext): Promise<void> {
  const { page, journey } = x;
  await journey.run('cancel-sign-in', async () => {
    // Escape at the method picker, then Escape in the code box: both end quietly, still signed out.
    await startSignIn(x);
    await page.keyboard.press('Escape');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
    await runCommand(page, 'Things Stack: Sign In');
    await page.locator(QUICK_INPUT).waitFor({ timeout: 20_000 });
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: /with a code/i })
      .first()
      .click();
    await page.waitForTimeout(1500);
    if (await page.locator(QUICK_INPUT).isVisible()) {
      await page.keyboard.press('Escape');
    }
    await page.waitForTimeout(1000);
    // Nothing keeps running: no "Signing in…" progress is left behind.
    await page
      .locator('.notifications-toasts .notification-toast', { hasText: /Signing in/ })
      .waitFor({ state: 'hidden', timeout: 10_000 })
      .catch(() => {
        throw new Error('the "Signing in…" progress stayed after Escape');
      });
    await page.getByText(WELCOME).waitFor({ timeout: 10_000 });
    for (const tab of x.context.pages().filter((p) => p !== page)) {
      await tab.close(); // the browser tab the code flow opened
    }
  });
}

export async function signInWithApiKey(x: JourneyContext): Promise<void> {
  const { page, journey } = x;
  await journey.run('sign-in-with-the-printed-api-key', async () => {
    const before = (await notices(page)).length;
    await startSignIn(x);
    // Nothing is said about the demo's OAuth client, whose secret is not stored: the user did not choose it.
    await answer(page, /Sign in to Local demo stack/, 'Use an API key');
    await answer(page, /Paste an API key/, x.apiKey);
    await page.locator('.statusbar', { hasText: /alice/ }).waitFor({ timeout: 30_000 });
    await page.locator('.part.sidebar .monaco-list-row', { hasText: STACK }).first().waitFor({ timeout: 20_000 });
    const said = (await notices(page)).slice(before).filter((n) => /vscode-demo|secret/i.test(n.message));
    if (said.length > 0) {
      throw new Error(
        `a notification about a client the user did not choose: ${said.map((n) => n.message).join(' | ')}`,
      );
    }
  });
}

export async function signInWithCode(x: JourneyContext): Promise<void> {
  const { page, journey, context } = x;
  await journey.run('sign-in-with-a-code', async () => {
    await startSignIn(x);
    const tab = context.waitForEvent('page', { timeout: 20_000 });
    await answer(page, /Sign in to Local demo stack/, 'Sign in with a code (public "cli" client)');
    // The browser tab: the robot logs in and authorizes; the stack then shows the code to paste.
    const browser = await tab;
    await browser.waitForURL(/\/oauth\/code\?/, { timeout: 30_000 });
    const code = (await browser.locator('#code').innerText()).trim();
    await browser.close();
    await answer(page, /paste the authorization code/, code);
    await page.locator('.statusbar', { hasText: `alice · ${STACK}` }).waitFor({ timeout: 30_000 });
  });
}

export async function signInThroughBrowser(x: JourneyContext, secret: string): Promise<void> {
  const { page, journey } = x;
  await journey.run('set-client-secret', async () => {
    await runCommand(page, 'Things Stack: Set OAuth Client Secret');
    await answer(page, /Secret of OAuth client/, secret);
    await toast(page, /Stored the secret/);
  });
  await journey.run('sign-in-through-the-browser', async () => {
    await startSignIn(x);
    await answer(page, /Sign in with your browser/); // now recommended: the browser comes back through VS Code
    await page.locator('.statusbar', { hasText: `alice · ${STACK}` }).waitFor({ timeout: 60_000 });
  });
}

export async function signOut(x: JourneyContext, name = 'sign-out'): Promise<void> {
  await x.journey.run(name, async () => {
    await runCommand(x.page, 'Things Stack: Sign Out');
    // Sign Out asks first when there is more than one account; with one it signs out.
    if (await x.page.locator('.monaco-dialog-box').isVisible()) {
      await x.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Sign Out' }).first().click();
    }
    await signedOut(x);
    await toast(x.page, /Signed out/i);
  });
}

export { watchNotices };

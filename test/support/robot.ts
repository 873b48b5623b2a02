// Plays the user in a real browser: logs in and answers the consent page of the TTS test server in every tab
// the workbench opens, and allows VS Code's "wants to sign in" dialogs. Used by the host suite and the e2e run.
import type { BrowserContext, Page } from 'playwright-core';

export interface RobotOptions {
  userId: string;
  password: string;
  /** Answer on the consent page; default true. */
  approve?: boolean;
  /** Where the robot reports what it did (for the test log). */
  log?: (line: string) => void;
}

/** Logs in and authorizes on a TTS test-server page if it is one; returns once the page has left /oauth. */
export async function answerAuthorizePage(page: Page, options: RobotOptions): Promise<boolean> {
  await page.waitForLoadState('domcontentloaded').catch(() => undefined);
  if (!/\/oauth\/(authorize|login)/.test(page.url())) {
    return false;
  }
  const login = page.locator('input[name="user_id"]');
  if (await login.count()) {
    await login.fill(options.userId);
    await page.locator('input[name="password"]').fill(options.password);
    // The page logs in with a script (POST /oauth/api/auth/login, as TTS) and then goes on to the authorize URL.
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !/\/oauth\/login/.test(url.pathname), { timeout: 15_000 });
    await page.waitForLoadState('domcontentloaded');
    options.log?.(`robot: logged in as ${options.userId}`);
  }
  const button = page.locator(`button[name="authorize"][value="${options.approve === false ? 'false' : 'true'}"]`);
  if (await button.count()) {
    await Promise.all([page.waitForLoadState('domcontentloaded'), button.click()]);
    options.log?.(
      `robot: ${options.approve === false ? 'denied' : 'authorized'} the client; the browser went to ${withoutCode(page.url())}`,
    );
  }
  return true;
}

/** Answers authorize pages in every new tab of the context, for as long as the context lives. */
export function playUser(context: BrowserContext, options: RobotOptions): void {
  context.on('page', (page) => {
    void answerAuthorizePage(page, options).catch((error: unknown) => options.log?.(`robot: ${String(error)}`));
  });
}

/** Clicks "Allow" whenever VS Code asks whether an extension may sign in. Stops when the page closes. */
export function allowSignInDialogs(page: Page, log?: (line: string) => void): void {
  let stopped = false;
  page.once('close', () => {
    stopped = true;
  });
  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const dialog = page.locator('.monaco-dialog-box');
        if (await dialog.count()) {
          const text = (await dialog.first().innerText()).replace(/\s+/g, ' ');
          if (/wants to sign in|sign in again/i.test(text)) {
            const allow = dialog.locator('.monaco-button', { hasText: /^(Allow|Sign in|Sign In)$/ });
            if (await allow.count()) {
              await allow.first().click();
              log?.(`robot: allowed "${text.slice(0, 80)}"`);
            }
          }
        }
      } catch {
        // The page is navigating or closing; try again.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  void loop();
}

/** A browser URL fit for the test log: an authorization code in it (query or vscode-query) is masked. */
export function withoutCode(url: string): string {
  return url.replace(/(code(?:=|%3D|%253D))[^&%]+/gi, '$1…');
}

// The browser half of a test workbench: headless Debian Chromium through playwright-core (workbench.ts starts the
// code-server it opens), and running a command through the palette as a user does.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WorkbenchBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium; Playwright gives it a fresh --user-data-dir. Open callback URLs in `context` (same profile). */
export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<WorkbenchBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found; run scripts/setup-workbench.sh`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close().catch(() => undefined) };
}

/**
 * Runs a command through the palette (F1) like a user. Retries while the workbench is still registering the
 * extensions' contributions (under load the row can be missing for a while after `.monaco-workbench` appears).
 */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input.input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (;;) {
    if (!(await input.isVisible())) {
      await page.keyboard.press('F1');
    }
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 5_000 });
      await row.click();
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`command "${title}" did not appear in the palette: ${String(err)}`);
      }
      await page.keyboard.press('Escape');
    }
  }
}

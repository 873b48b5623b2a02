// What every part of the e2e journey works with: the page, the stack, and small waits on what the screen shows.
import type { BrowserContext, Page } from 'playwright-core';
import type { TtsTestServer } from '../../support/ttsServer';
import { answer, type Journey } from '../driver';

export const STACK = 'Local demo stack';
export const QUICK_INPUT = '.quick-input-widget';

export interface JourneyContext {
  page: Page;
  context: BrowserContext;
  journey: Journey;
  server: TtsTestServer;
  /** alice's user API key, as `npm start` prints it. */
  apiKey: string;
}

/** Polls `check` until it holds; the error says what was awaited. */
export async function until(
  page: Page,
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); await page.waitForTimeout(200)) {
    if (Date.now() > deadline) {
      throw new Error(`the screen did not show ${what}`);
    }
  }
}

/** Accepts what each quick input proposes until a modal dialog shows (the wizards' last step). */
export async function acceptUntilDialog(page: Page, max: number): Promise<void> {
  for (let i = 0; i < max && !(await page.locator('.monaco-dialog-box').isVisible()); i++) {
    if (await page.locator(QUICK_INPUT).isVisible()) {
      await answer(page, /./);
    } else {
      await page.waitForTimeout(300);
    }
  }
}

/** The text of the active editor as shown (only its rendered lines). */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(
    /\u00a0/g,
    ' ',
  );
}

// What a user does in the workbench, as small steps: palette commands, quick inputs, modal dialogs, tree rows,
// each step timed and photographed into test-results/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

export class Journey {
  private step = 0;
  readonly timings: [string, number][] = [];

  constructor(readonly page: Page, private readonly dir = 'test-results') {
    mkdirSync(dir, { recursive: true });
  }

  async run(name: string, action: () => Promise<void>): Promise<void> {
    const started = Date.now();
    const label = `${String(++this.step).padStart(2, '0')}-${name}`;
    try {
      await action();
    } catch (error) {
      await this.page.screenshot({ path: `${this.dir}/e2e-${label}-FAILED.png` }).catch(() => undefined);
      throw new Error(`step ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.page.screenshot({ path: `${this.dir}/e2e-${label}.png` });
    const ms = Date.now() - started;
    this.timings.push([label, ms]);
    console.log(`  ✔ ${label} (${(ms / 1000).toFixed(1)} s)`);
  }
}

const QUICK_INPUT = '.quick-input-widget';

/** Waits for a quick input whose text matches, then types `value` (if any) and presses Enter. */
export async function answer(page: Page, expect: RegExp, value?: string, timeoutMs = 20_000): Promise<void> {
  const widget = page.locator(QUICK_INPUT);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await widget.isVisible()) {
      const text = await widget.innerText().catch(() => '');
      if (expect.test(text)) {
        break;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no quick input matching ${expect} (saw: ${(await widget.innerText().catch(() => '')).slice(0, 200)})`);
    }
    await page.waitForTimeout(100);
  }
  const input = page.locator(`${QUICK_INPUT} input.input`);
  if (value !== undefined) {
    await input.fill(value);
    await page.waitForTimeout(150); // validation runs on change
  }
  await input.press('Enter');
  await page.waitForTimeout(250);
}

/** Picks the quick-pick row with this label. */
export async function pick(page: Page, expect: RegExp, label: string): Promise<void> {
  await answer(page, expect, label);
}

/** Clicks a button of the modal dialog whose text matches. */
export async function dialog(page: Page, expect: RegExp, button: string, timeoutMs = 20_000): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ timeout: timeoutMs });
  const text = (await box.innerText()).replace(/\s+/g, ' ');
  if (!expect.test(text)) {
    throw new Error(`dialog did not match ${expect}: ${text.slice(0, 200)}`);
  }
  await box.locator('.monaco-button', { hasText: button }).first().click();
  await box.waitFor({ state: 'detached', timeout: timeoutMs }).catch(() => undefined);
  return text;
}

export async function clickRow(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first().click();
  await page.waitForTimeout(300);
}

export async function toast(page: Page, expect: RegExp, timeoutMs = 20_000): Promise<void> {
  await page.locator('.notifications-toasts .notification-toast', { hasText: expect }).first().waitFor({ timeout: timeoutMs });
}

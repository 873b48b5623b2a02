// What a user does in the workbench, as small steps: palette commands, quick inputs, modal dialogs, tree rows,
// each step timed and photographed into test-results/, and checked: a step fails on any error notification it did
// not announce, and its own assertions read what the screen shows (rows, messages, editor text).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describeProblems, type LogProblem, type LogTripwire } from '../support/logTripwire';
import { moveAwayFromHover, notices, rows, unexpectedErrors, type Notice } from '../support/screen';
import { errorMessage } from '../../src/util/errorMessage';

export class Journey {
  private step = 0;
  readonly timings: [string, number][] = [];

  constructor(
    readonly page: Page,
    /** Reads the workbench's logs: a tree error or an uncaught error of the extension fails the step. */
    private readonly log?: LogTripwire,
    private readonly dir = 'test-results',
  ) {
    mkdirSync(dir, { recursive: true });
    // Only this run's screenshots: an older run's steps may have had other numbers.
    readdirSync(dir)
      .filter((f) => /^e2e-.*\.png$/.test(f))
      .forEach((f) => rmSync(join(dir, f)));
  }

  /**
   * Runs a step; `expectErrors` names the error notifications this step provokes on purpose, `expectLog` the log
   * problems (the tripwire's self-check).
   */
  async run(
    name: string,
    action: () => Promise<void>,
    expectErrors: RegExp[] = [],
    expectLog?: (found: LogProblem[]) => void,
  ): Promise<void> {
    const started = Date.now();
    const label = `${String(++this.step).padStart(2, '0')}-${name}`;
    const before = (await notices(this.page).catch((): Notice[] => [])).length;
    try {
      await action();
      await this.page.waitForTimeout(300); // a notification raised by the step's last action
      const unexpected = unexpectedErrors((await notices(this.page)).slice(before), expectErrors);
      if (unexpected.length > 0) {
        throw new Error(`error notification: ${unexpected.map((n) => n.message).join(' | ')}`);
      }
      const logged = this.log?.read() ?? [];
      if (expectLog) {
        expectLog(logged);
      } else if (logged.length > 0) {
        throw new Error(`the workbench's logs:\n${describeProblems(logged)}`);
      }
    } catch (error) {
      await this.page.screenshot({ path: `${this.dir}/e2e-${label}-FAILED.png` }).catch(() => undefined);
      throw new Error(`step ${label} failed: ${errorMessage(error)}`);
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
      throw new Error(
        `no quick input matching ${expect} (saw: ${(await widget.innerText().catch(() => '')).slice(0, 200)})`,
      );
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
  await moveAwayFromHover(page);
  await page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first().click();
  await page.waitForTimeout(300);
}

export async function toast(page: Page, expect: RegExp, timeoutMs = 20_000): Promise<void> {
  await page
    .locator('.notifications-toasts .notification-toast', { hasText: expect })
    .first()
    .waitFor({ timeout: timeoutMs });
}

/** The tree rows as "indent label — description", two spaces per level. */
export async function treeRows(page: Page): Promise<string[]> {
  return (await rows(page)).map(
    (r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}${r.description ? ` — ${r.description}` : ''}`,
  );
}

export { under } from '../support/treeRows';

/** Waits until the tree's rows pass `check`; the error lists what the screen showed. */
export async function rowsUntil(
  page: Page,
  what: string,
  check: (rows: string[]) => boolean,
  timeoutMs = 20_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await treeRows(page);
    if (check(now)) {
      return now;
    }
    if (Date.now() > deadline) {
      throw new Error(`the tree did not show ${what}; it showed:\n${now.join('\n')}`);
    }
    await page.waitForTimeout(200);
  }
}

/** Clicks the inline action (e.g. "Refresh") of the first row whose text matches. */
export async function rowAction(page: Page, text: string | RegExp, action: string): Promise<void> {
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
  await moveAwayFromHover(page);
  await row.hover();
  await row.locator(`.action-label[aria-label^="${action}"]`).first().click();
  await page.waitForTimeout(300);
}

/** Expands a collapsed row (clicking an expanded one would collapse it). */
export async function expandRow(page: Page, text: string | RegExp, nth = 0): Promise<void> {
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: text }).nth(nth);
  await row.waitFor({ timeout: 20_000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') {
    await moveAwayFromHover(page);
    await row.click();
    await page.waitForTimeout(300);
  }
}

/** Runs an item of a row's context menu (right-click, then the item; Enter if the menu is still open). */
export async function contextMenu(page: Page, row: string | RegExp, item: string | RegExp): Promise<void> {
  await moveAwayFromHover(page);
  await page.locator('.part.sidebar .monaco-list-row', { hasText: row }).first().click({ button: 'right' });
  const entry = page.locator('.context-view .action-label', { hasText: item }).first();
  await entry.waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300); // the menu takes clicks once it has settled
  await entry.hover();
  await entry.click();
  await page.waitForTimeout(300);
  if (await entry.isVisible()) {
    await page.keyboard.press('Enter');
  }
}

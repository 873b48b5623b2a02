// What the workbench shows, read from its DOM: the explorer's rows and every notification that appeared. The
// notification log is kept by a script the page runs before the workbench loads, so a toast that closed again is
// still seen. Host suites reach it over HTTP (ScreenServer, TSM_SCREEN_URL); the e2e journey calls it directly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { LogTripwire } from './logTripwire';

export interface Row {
  level: number;
  label: string;
  description: string;
  expanded?: boolean;
}
export interface Notice {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** Runs in the page: records each notification once, in order, in window.__tsmNotices. */
function recordNotices(): void {
  const w = window as unknown as { __tsmNotices?: { severity: string; message: string }[] };
  const seen = new WeakSet<Element>();
  w.__tsmNotices = [];
  const scan = (): void => {
    document.querySelectorAll('.notification-list-item').forEach((item) => {
      const message = item.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '';
      if (seen.has(item) || !message) {
        return;
      }
      seen.add(item);
      const icon = item.querySelector('.notification-list-item-icon');
      const severity = icon?.classList.contains('codicon-error')
        ? 'error'
        : icon?.classList.contains('codicon-warning')
          ? 'warning'
          : 'info';
      w.__tsmNotices?.push({ severity, message });
    });
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
}

/**
 * Call before the page loads the workbench. The script is sent as text with a `__name` of its own: tsx compiles this
 * file with esbuild's keepNames, which wraps named inner functions in `__name(…)`, a helper the page does not have —
 * without it the script throws before it starts watching and every notice would go unseen.
 */
export async function watchNotices(page: Page): Promise<void> {
  await page.addInitScript({ content: `(() => { const __name = (f) => f; (${recordNotices.toString()})(); })();` });
}

export async function notices(page: Page): Promise<Notice[]> {
  return page.evaluate(() => (window as unknown as { __tsmNotices?: Notice[] }).__tsmNotices ?? []);
}

/** The rows of the side bar's tree as shown (only the rendered ones: keep the window tall; see rowsCut). */
export async function rows(page: Page): Promise<Row[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row')).map((row) => ({
      level: Number(row.getAttribute('aria-level') ?? '0'),
      label: row.querySelector('.label-name')?.textContent?.trim() ?? row.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
      expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
    })),
  );
}

/**
 * Whether the tree goes on below its last rendered row (VS Code renders the rows in view only): that row is expanded,
 * or it or one of its ancestors has a later sibling (aria-posinset < aria-setsize).
 */
export async function rowsCut(page: Page): Promise<boolean> {
  // No named function inside: tsx would wrap it in a `__name` helper the page does not have (see watchNotices).
  return page.evaluate(() => {
    const list = Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row'));
    const last = list.at(-1);
    if (!last) {
      return false;
    }
    if (last.getAttribute('aria-expanded') === 'true') {
      return true;
    }
    for (let i = list.length - 1, level = Number(last.getAttribute('aria-level')); i >= 0 && level >= 1; i--) {
      if (Number(list[i].getAttribute('aria-level')) === level) {
        if (Number(list[i].getAttribute('aria-posinset')) < Number(list[i].getAttribute('aria-setsize'))) {
          return true;
        }
        level--;
      }
    }
    return false;
  });
}

/** A row by its labels from the top (the deployment, then each level below); exact labels. */
export type RowPath = readonly string[];

/** The index among the rendered rows of the row at `path`, or -1. */
export function findRow(list: readonly Row[], path: RowPath): number {
  let from = 0;
  let index = -1;
  for (let depth = 0; depth < path.length; depth++) {
    index = -1;
    for (let i = from; i < list.length && (depth === 0 || list[i].level > depth); i++) {
      if (list[i].level === depth + 1 && list[i].label === path[depth]) {
        index = i;
        break;
      }
    }
    if (index < 0) {
      return -1;
    }
    from = index + 1;
  }
  return index;
}

/**
 * The row at `path` once it is on screen and has not moved for a moment: a click on a list that is still growing
 * above it would land on another row (rows move down as an expansion renders).
 */
async function rowAt(page: Page, path: RowPath, timeoutMs = 20_000) {
  let last = '';
  for (const deadline = Date.now() + timeoutMs; ; await page.waitForTimeout(80)) {
    const list = await rows(page);
    const index = findRow(list, path);
    const where = `${index}/${list.length}`;
    if (index >= 0 && where === last) {
      return { row: page.locator('.part.sidebar .monaco-list-row').nth(index), expanded: list[index].expanded };
    }
    last = index >= 0 ? where : '';
    if (Date.now() > deadline) {
      throw new Error(`no row ${path.join(' › ')} on screen`);
    }
  }
}

/**
 * Clicks a row, as a user does: a row that has children expands or collapses (the click is repeated if the row
 * moved under the pointer), another runs its command.
 */
export async function clickRow(page: Page, path: RowPath): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const { row, expanded } = await rowAt(page, path);
    await moveAwayFromHover(page);
    await row.click();
    if (expanded === undefined) {
      return;
    }
    for (let i = 0; i < 20; i++) {
      const list = await rows(page);
      const now = list[findRow(list, path)]?.expanded;
      if (now !== undefined && now !== expanded) {
        return;
      }
      await page.waitForTimeout(50);
    }
    if (attempt === 2) {
      throw new Error(`a click on ${path.join(' › ')} did not ${expanded ? 'collapse' : 'expand'} it`);
    }
  }
}

/**
 * A row's tooltip (a hover over the rows below it) takes the next click, as it would a user's; the user moves the
 * mouse away first, and so does this.
 */
export async function moveAwayFromHover(page: Page): Promise<void> {
  // Away first, always: a mouse resting on a row shows its tooltip only after a delay, which can fall mid-click.
  await page.mouse.move(1, 1);
  const hover = page.locator('.context-view .monaco-hover');
  if (await hover.isVisible()) {
    await hover.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => page.keyboard.press('Escape'));
  }
}

/** Clicks one of the row's inline buttons (shown while the mouse is over it), e.g. "Refresh". */
export async function rowButton(page: Page, path: RowPath, action: string): Promise<void> {
  const { row } = await rowAt(page, path);
  await moveAwayFromHover(page); // another row's tooltip can cover this one
  await row.hover();
  await row.locator(`.action-label[aria-label^="${action}"]`).first().click();
}

/** Clicks one of the view's title buttons, e.g. "Refresh All" (VS Code runs it with the tree's focused row). */
export async function titleButton(page: Page, action: string): Promise<void> {
  await moveAwayFromHover(page);
  await page.locator(`.part.sidebar .title-actions .action-label[aria-label^="${action}"]`).first().click();
}

/** Runs an entry of the row's context menu (right click). */
export async function rowMenu(page: Page, path: RowPath, item: string): Promise<void> {
  const { row } = await rowAt(page, path);
  await moveAwayFromHover(page);
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .action-label', { hasText: item }).first();
  await entry.waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300); // the menu takes clicks once it has settled
  await entry.click();
}

/** Error notifications not matched by one of `expected`. */
export function unexpectedErrors(list: readonly Notice[], expected: readonly RegExp[] = []): Notice[] {
  return list.filter((n) => n.severity === 'error' && !expected.some((e) => e.test(n.message)));
}

/**
 * Serves one page to an extension-host suite: GET /rows, /notices, /log; a user's gestures on the tree: POST
 * /click, /button, /menu with {path, action, item}, /title with {action}; and the log tripwire's self-check: POST /log/plant {text} (an
 * error in the window's console), /log/expect {from, to} (planted problems that do not fail the run).
 */
export class ScreenServer {
  private page: Page | undefined;
  private log: LogTripwire | undefined;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ScreenServer> {
    const holder: { self?: ScreenServer } = {};
    const server = createServer((req, res) => {
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const page = holder.self?.page;
      if (!page) {
        send(503, { error: 'no page yet' });
        return;
      }
      const log = holder.self?.log;
      if (req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const { path, action, item, from, to, text } = JSON.parse(body || '{}') as {
            path: string[];
            action?: string;
            item?: string;
            from?: number;
            to?: number;
            text?: string;
          };
          const gesture =
            req.url === '/log/expect' && from !== undefined && to !== undefined
              ? Promise.resolve(log?.expect(from, to))
              : req.url === '/log/plant' && text
                ? page.evaluate((t) => console.error(t), text)
                : req.url === '/click'
                  ? clickRow(page, path)
                  : req.url === '/button' && action
                    ? rowButton(page, path, action)
                    : req.url === '/menu' && item
                      ? rowMenu(page, path, item)
                      : req.url === '/title' && action
                        ? titleButton(page, action)
                        : Promise.reject(new Error(`unknown gesture ${req.url}`));
          gesture.then(
            () => send(200, {}),
            (error: unknown) => send(500, { error: String(error) }),
          );
        });
        return;
      }
      const read =
        req.url === '/rows'
          ? rows(page)
          : req.url === '/notices'
            ? notices(page)
            : req.url === '/log'
              ? Promise.resolve(log?.all() ?? [])
              : undefined;
      if (!read) {
        send(404, { error: 'unknown' });
        return;
      }
      read.then(
        (body) => send(200, body),
        (error: unknown) => send(500, { error: String(error) }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.self = new ScreenServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.self;
  }

  attach(page: Page, log?: LogTripwire): void {
    this.page = page;
    this.log = log;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

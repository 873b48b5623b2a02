// What the workbench shows, read from its DOM: the explorer's rows and every notification that appeared. The
// notification log is kept by a script the page runs before the workbench loads, so a toast that closed again is
// still seen. Host suites reach it over HTTP (ScreenServer, TSM_SCREEN_URL); the e2e journey calls it directly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

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

/** The rows of the side bar's tree as shown (only the rendered ones: keep the window tall). */
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

/** Error notifications not matched by one of `expected`. */
export function unexpectedErrors(list: readonly Notice[], expected: readonly RegExp[] = []): Notice[] {
  return list.filter((n) => n.severity === 'error' && !expected.some((e) => e.test(n.message)));
}

/** Serves rows and notices of one page to an extension-host suite: GET /rows, GET /notices. */
export class ScreenServer {
  private page: Page | undefined;
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
      const read = req.url === '/rows' ? rows(page) : req.url === '/notices' ? notices(page) : undefined;
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

  attach(page: Page): void {
    this.page = page;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

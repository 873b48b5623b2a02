// The workbench's screen as the runner reads it from the DOM (test/support/screen.ts), for the extension-host suites.
import type { LogProblem } from '../support/logTripwire';
import type { Notice, Row } from '../support/screen';

export function screenUrl(): string | undefined {
  return process.env.TSM_SCREEN_URL;
}

async function get<T>(path: string): Promise<T> {
  const url = screenUrl();
  if (!url) {
    throw new Error('TSM_SCREEN_URL is not set: run this suite through test/integration/run.ts');
  }
  const res = await fetch(`${url}${path}`);
  if (!res.ok) {
    throw new Error(`screen ${path}: ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as T;
}

export const screenRows = (): Promise<Row[]> => get<Row[]>('/rows');
export const screenNotices = (): Promise<Notice[]> => get<Notice[]>('/notices');
async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${screenUrl()}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) {
    throw new Error(`screen ${path}: ${res.status} ${await res.text()}`);
  }
}

/** Clicks the row at `path` (labels from the top) in the workbench, as the user does. */
export const clickRow = (path: readonly string[]): Promise<void> => post('/click', { path });
/** Clicks an inline button of the row (e.g. "Refresh"). */
export const rowButton = (path: readonly string[], action: string): Promise<void> => post('/button', { path, action });
/** Clicks one of the view's title buttons (e.g. "Refresh All"). */
export const titleButton = (action: string): Promise<void> => post('/title', { action });
/** Runs an entry of the row's context menu. */
export const rowMenu = (path: readonly string[], item: string): Promise<void> => post('/menu', { path, item });

/** Writes an error into the workbench window's console (the log tripwire's self-check). */
export const plantInWindowConsole = (text: string): Promise<void> => post('/log/plant', { text });
/** Tells the log tripwire that its problems `from` to `to` were planted by a self-check. */
export const expectLogProblems = (from: number, to: number): Promise<void> => post('/log/expect', { from, to });

/** What the log tripwire found in the workbench's logs since the run began (test/support/logTripwire.ts). */
export const screenLog = (): Promise<LogProblem[]> => get<LogProblem[]>('/log');

/**
 * Announces an error notification the current test provokes on purpose (the tripwire in tripwire.test.ts lets it
 * pass). Here, not in that file: importing a test file would register its tests and hooks a second time.
 */
export function expectErrorNotice(pattern: RegExp): void {
  ((globalThis as { __tsmExpectedErrors?: RegExp[] }).__tsmExpectedErrors ??= []).push(pattern);
}

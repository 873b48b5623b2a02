// The workbench's screen as the runner reads it from the DOM (test/support/screen.ts), for the extension-host suites.
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

/**
 * Announces an error notification the current test provokes on purpose (the tripwire in tripwire.test.ts lets it
 * pass). Here, not in that file: importing a test file would register its tests and hooks a second time.
 */
export function expectErrorNotice(pattern: RegExp): void {
  ((globalThis as { __tsmExpectedErrors?: RegExp[] }).__tsmExpectedErrors ??= []).push(pattern);
}

// The extension under test and its test-mode API, shared by the extension-host suites.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'lpwan-tools.things-stack-manager';
export const PROVIDER_ID = 'thingsstack';

export async function extensionApi(): Promise<NonNullable<ExtensionApi['testing']>> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  }
  const api = await extension.activate();
  if (!api.testing) {
    throw new Error('The extension did not run in test mode');
  }
  return api.testing;
}

/** The TTS test server the runner started, and the deployment the settings point at. */
export function testServer(): { url: string; key: string; clientId: string; clientSecret: string } {
  const url = process.env.TSM_TTS_URL;
  if (!url) {
    throw new Error('TSM_TTS_URL is not set: run this suite through test/integration/run.ts');
  }
  return {
    url,
    key: new URL(url).host,
    clientId: process.env.TSM_CLIENT_ID ?? '',
    clientSecret: process.env.TSM_CLIENT_SECRET ?? '',
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

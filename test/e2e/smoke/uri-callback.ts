// Workbench self-test, end to end: the smoke extension, installed from a .vsix into code-server, asks for an
// external callback URI (asExternalUri) from a command run through the palette; opening that URL plus
// &code=x&state=y in a new tab of the same browser context must reach the extension's UriHandler.
// Run: npx tsx test/e2e/smoke/uri-callback.ts   (exit 0 = delivered). Screenshots: test-results/smoke-*.png
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launchBrowser,
  runCommand,
  startCodeServer,
  type CodeServer,
  type WorkbenchBrowser,
} from '../../support/workbench';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../..');
const RESULTS = join(REPO, 'test-results');

async function waitForFile(file: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${file}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return readFileSync(file, 'utf8');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const lap = (what: string) => console.log(`[uri-callback] ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const tmp = mkdtempSync(join(tmpdir(), 'tsm-smoke-'));
  const outDir = join(tmp, 'out');
  const workspace = join(tmp, 'ws');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  let server: CodeServer | undefined;
  let wb: WorkbenchBrowser | undefined;
  try {
    const vsix = join(tmp, 'smoke.vsix');
    execFileSync(
      process.execPath,
      [
        join(REPO, 'node_modules/@vscode/vsce/vsce'),
        'package',
        '--no-dependencies',
        '--allow-missing-repository',
        '--skip-license',
        '-o',
        vsix,
      ],
      { cwd: HERE, stdio: 'pipe' },
    );
    lap('packaged smoke.vsix');

    server = await startCodeServer({ workspace, vsix, env: { SMOKE_OUT_DIR: outDir } });
    lap(`code-server up at ${server.url} with the .vsix installed`);
    wb = await launchBrowser();
    const { page, context } = wb;
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
    lap('workbench loaded');

    await runCommand(page, 'Smoke: Callback URI');
    const callback = (await waitForFile(join(outDir, 'callback-uri.txt'), 30_000)).trim();
    lap(`asExternalUri → ${callback}`);
    if (!/^http:\/\/127\.0\.0\.1:\d+\/.*callback\?.*vscode-authority=lpwan-tools\.smoke/.test(callback)) {
      throw new Error(`unexpected external callback URI: ${callback}`);
    }
    await page.screenshot({ path: join(RESULTS, 'smoke-1-callback-uri.png') });

    // What an OAuth server does: redirect to the callback with code and state appended. Same context = same
    // profile, whose local storage carries the callback to the workbench tab.
    const tab = await context.newPage();
    await tab.goto(`${callback}&code=x&state=y`);
    const handled = JSON.parse(await waitForFile(join(outDir, 'handled-uri.txt'), 30_000)) as {
      path: string;
      query: string;
    };
    lap(`UriHandler got ${handled.path}?${handled.query}`);
    const q = new URLSearchParams(handled.query);
    if (handled.path !== '/auth/callback' || q.get('code') !== 'x' || q.get('state') !== 'y') {
      throw new Error(`UriHandler received ${JSON.stringify(handled)}; expected /auth/callback with code=x&state=y`);
    }
    await page.bringToFront();
    await page
      .locator('.notifications-toasts .notification-toast', { hasText: 'Smoke handled' })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(RESULTS, 'smoke-2-handled.png') });
    lap('passed');
  } finally {
    await wb?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (err: unknown) => {
    console.error(`[uri-callback] FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);

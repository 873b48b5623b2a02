// A real VS Code workbench for tests and `npm start`: code-server (test/e2e/workbench, installed by
// scripts/setup-workbench.sh) driven by headless Debian Chromium through playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_ENTRY = join(REPO, 'test/e2e/workbench/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface CodeServerOptions {
  workspace: string;
  /** Root for everything below that is not given (kept); default: a temp dir removed by stop(). */
  stateDir?: string;
  extensionsDir?: string;
  userDataDir?: string;
  vsix?: string;
  settings?: Record<string, unknown>;
  /** Added to code-server's environment; its extension host inherits it. */
  env?: Record<string, string>;
  /** 0 or absent: a free port. */
  port?: number;
  verbose?: boolean; // echo code-server's output (also WORKBENCH_DEBUG=1)
  /** More code-server flags. */
  args?: string[];
}

export interface CodeServer { url: string; port: number; stop(): Promise<void> }

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer().once('error', rej).listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no free port'))));
    });
  });
}

/** One GET without keep-alive: a pooled fetch() socket kept the process alive ~5 s after stop(). */
function answers(url: string): Promise<boolean> {
  return new Promise((res) => {
    const req = httpGet(url, { agent: false, timeout: 2_000 }, (r) => { r.resume(); res(r.statusCode === 200); });
    req.on('timeout', () => req.destroy());
    req.on('error', () => res(false));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for `p` but at most `ms`; clears its timer, which would otherwise keep the process alive. */
async function atMost(p: Promise<unknown>, ms: number): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => { t = setTimeout(r, ms); })]);
  clearTimeout(t);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) { return; }
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

// code-server runs in its own session, so Ctrl-C in the terminal does not reach it: if the caller dies without
// stop() (exit, or a signal nobody else handles), kill every live server's group.
const live = new Set<ChildProcess>();
let guarded = false;
function guardLiveServers(): void {
  if (guarded) { return; }
  guarded = true;
  process.on('exit', () => { for (const c of live) { killGroup(c, 'SIGKILL'); } });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      for (const c of live) { killGroup(c, 'SIGKILL'); }
      if (process.listenerCount(sig) === 1) { process.exit(128 + osConstants.signals[sig]); }
    });
  }
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER_ENTRY)) { throw new Error(`code-server missing (${CODE_SERVER_ENTRY}): run scripts/setup-workbench.sh`); }
  const ownState = opts.stateDir === undefined;
  const state = opts.stateDir ?? mkdtempSync(join(tmpdir(), 'tsm-workbench-'));
  const userDataDir = opts.userDataDir ?? join(state, 'user-data');
  const extensionsDir = opts.extensionsDir ?? join(state, 'extensions');
  // Its sockets (vscode-ipc-*, vscode-git-*) outlive a killed server: keep them in a short private dir.
  const tmp = mkdtempSync(join(tmpdir(), 'tsm-cs-tmp-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Without these code-server writes ~/.config/code-server and ~/.local/share/code-server.
    XDG_CONFIG_HOME: join(state, 'xdg-config'),
    XDG_DATA_HOME: join(state, 'xdg-data'),
    TMPDIR: tmp,
    // No gallery (open-vsx.org is unreachable offline): saves failed lookups; extensions come as .vsix.
    EXTENSIONS_GALLERY: '{}',
    ...opts.env,
  };
  for (const d of [extensionsDir, env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, join(userDataDir, 'User')]) { mkdirSync(d ?? state, { recursive: true }); }
  // A kept user-data dir (npm start) keeps the user's own settings; ours and the caller's win.
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  let existing: Record<string, unknown> = {};
  try { existing = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>; } catch { /* none or JSONC */ }
  const settings = {
    ...existing,
    'workbench.startupEditor': 'none', // no first-run walkthrough
    'extensions.autoCheckUpdates': false, // the gallery is unreachable offline
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    ...opts.settings,
  };
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const dirs = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  const cleanup = () => {
    rmSync(tmp, { recursive: true, force: true });
    if (ownState) { rmSync(state, { recursive: true, force: true }); }
  };

  if (opts.vsix) {
    const r = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...dirs, '--install-extension', resolve(opts.vsix), '--force'],
      { env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) {
      cleanup();
      throw new Error(`code-server --install-extension ${opts.vsix} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
    }
  }

  const port = opts.port || (await freePort());
  const args = [
    CODE_SERVER_ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', ...(opts.args ?? []), ...dirs, resolve(opts.workspace),
  ];
  // detached = setsid(): own process group, so stop() also reaches the file watchers and extension hosts.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const verbose = opts.verbose || process.env.WORKBENCH_DEBUG === '1';
  let output = '';
  const collect = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
    if (verbose) { process.stderr.write(`[code-server] ${b.toString()}`); }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  const exitedPromise = new Promise<void>((r) => child.once('exit', (code, sig) => { exited = `${code ?? sig}`; r(); }));
  live.add(child);
  guardLiveServers();

  let stopped = false;
  const stop = async () => {
    if (stopped) { return; }
    stopped = true;
    killGroup(child, 'SIGTERM');
    await atMost(exitedPromise, 5_000);
    await sleep(200); // file-watcher children outlive the main process briefly
    killGroup(child, 'SIGKILL');
    live.delete(child);
    cleanup();
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`code-server exited (${exited}) before answering:\n${output}`);
    }
    if (await answers(`${url}/healthz`)) { break; }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url, port, stop };
}

export interface WorkbenchBrowser { browser: Browser; context: BrowserContext; page: Page; close(): Promise<void> }

/** Headless Chromium; Playwright gives it a fresh --user-data-dir. Open callback URLs in `context` (same profile). */
export async function launchBrowser(): Promise<WorkbenchBrowser> {
  if (!existsSync(CHROMIUM)) { throw new Error(`${CHROMIUM} not found; run scripts/setup-workbench.sh`); }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
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
    if (!(await input.isVisible())) { await page.keyboard.press('F1'); }
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 5_000 });
      await row.click();
      return;
    } catch (err) {
      if (Date.now() > deadline) { throw new Error(`command "${title}" did not appear in the palette: ${String(err)}`); }
      await page.keyboard.press('Escape');
    }
  }
}

export interface ExtensionTestOptions {
  extensionPath: string;
  /** The compiled tests index (exports run(): Promise<void>). */
  testsIndex: string;
  workspace: string;
  timeoutMs?: number;
  /** Reaches the extension host through code-server's environment. */
  env?: Record<string, string>;
  settings?: Record<string, unknown>; // user settings for the test window
  /** Where the extension host's console lines go; default stdout. */
  log?: (line: string) => void;
  /** More code-server flags. */
  args?: string[];
  /** Entries for the workbench's application storage before it loads (see seedApplicationStorage). */
  storage?: Record<string, string>;
  /** Called with the browser before the workbench loads, e.g. to play the user in popups and dialogs. */
  onBrowser?: (wb: WorkbenchBrowser) => void;
}

/** The URL that makes the web workbench run an extension-host test suite (its test hooks). */
export function testWorkbenchUrl(url: string, port: number, o: { extensionPath: string; testsIndex: string; workspace: string }): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(o.extensionPath)],
    ['extensionTestsPath', remote(o.testsIndex)],
    // Without a debugId the workbench treats this as a CLI test run and logs extension-host output through its log
    // service, indistinguishable from its own; with one it prints "%c[Extension Host] …" to the console.
    ['debugId', 'tsm-host-tests'],
  ];
  return `${url}/?folder=${encodeURIComponent(resolve(o.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** printf-style console arguments as the browser console would show them (%c styles dropped). */
export function formatConsole(args: unknown[]): string {
  const [fmt, ...rest] = args;
  const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));
  if (typeof fmt !== 'string') { return args.map(str).join(' '); }
  const out = fmt.replace(/%([csdifoOj%]?)/g, (_m, k: string) => {
    if (k === '%' || k === '' || rest.length === 0) { return k === '%' ? '%' : ''; }
    const v = rest.shift();
    return k === 'c' ? '' : k === 'd' || k === 'i' ? String(Math.trunc(Number(v))) : k === 'f' ? String(Number(v)) : str(v);
  });
  return [out, ...rest.map(str)].join(' ');
}

/** Runs an extension-host mocha suite inside code-server; resolves with the suite's exit code (0 = passed). */
export async function runExtensionTests(opts: ExtensionTestOptions): Promise<number> {
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const p of [opts.extensionPath, opts.testsIndex, opts.workspace]) {
    if (!existsSync(p)) { throw new Error(`not found: ${p}`); }
  }
  const server = await startCodeServer({ workspace: opts.workspace, env: opts.env, settings: opts.settings, args: opts.args });
  let wb: WorkbenchBrowser | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    wb = await launchBrowser();
    opts.onBrowser?.(wb);
    const { page } = wb;
    let done!: (code: number) => void;
    const exitCode = new Promise<number>((r) => { done = r; });
    // Must exist before the workbench loads: it calls window.codeAutomationExit(code, logs) when run() settles.
    await page.exposeFunction('codeAutomationExit', (code: unknown) => done(typeof code === 'number' ? code : 1));
    // Chained so lines keep their order and the last ones are printed before the browser closes.
    let printed = Promise.resolve();
    page.on('console', (msg) => {
      if (!msg.text().startsWith('%c[Extension Host]')) { return; }
      const args = Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '?')));
      printed = printed.then(async () => log(formatConsole(await args).replace(/^\[Extension Host\] ?/, '')));
    });
    page.on('pageerror', (e) => log(`[page error] ${e.message}`));
    const failed = new Promise<never>((_, rej) => {
      page.once('crash', () => rej(new Error('the workbench page crashed before the tests reported a result')));
      wb?.browser.once('disconnected', () => rej(new Error('Chromium exited before the tests reported a result')));
      timer = setTimeout(() => rej(new Error(
        `extension-host tests did not report a result within ${timeoutMs / 1000} s (no codeAutomationExit call); ` +
        'check that the tests index exports run() and that the extension activates')), timeoutMs);
    });
    failed.catch(() => undefined); // observed through the races; may settle after them
    if (opts.storage) {
      await seedApplicationStorage(page, server.url, opts.storage);
    }
    await Promise.race([page.goto(testWorkbenchUrl(server.url, server.port, opts)), failed]);
    const code = await Promise.race([exitCode, failed]);
    await atMost(printed, 2_000);
    return code;
  } finally {
    if (timer) { clearTimeout(timer); }
    await wb?.close();
    await server.stop();
  }
}

/** Trust every link domain, as "Manage Trusted Domains" would: openExternal then needs no confirmation. */
export const TRUST_ALL_LINKS = { 'http.linkProtectionTrustedDomains': '["*"]' };

/** Lets an extension use an account of a provider and prefer it, as clicking "Allow" and picking it once would. */
export function allowAccountAccess(providerId: string, accountLabel: string, extensionId: string, name: string): Record<string, string> {
  return {
    [`${providerId}-${accountLabel}`]: JSON.stringify([{ id: extensionId, name, allowed: true }]),
    [`${extensionId.toLowerCase()}-${providerId}`]: accountLabel,
  };
}

/**
 * Writes entries into the workbench's application storage (IndexedDB `vscode-web-state-db-global`, store
 * `ItemTable`) before it loads: the state a user's earlier clicks would have left, since dialogs are refused in tests.
 */
export async function seedApplicationStorage(page: Page, serverUrl: string, items: Record<string, string>): Promise<void> {
  await page.goto(`${serverUrl}/healthz`);
  await page.evaluate((entries) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('vscode-web-state-db-global', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('ItemTable');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('ItemTable', 'readwrite');
      for (const [key, value] of Object.entries(entries)) {
        tx.objectStore('ItemTable').put(value, key);
      }
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  }), items);
}

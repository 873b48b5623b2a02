// A real VS Code workbench for tests and `npm start`: code-server (test/e2e/workbench, installed by
// scripts/setup-workbench.sh) driven by headless Debian Chromium through playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_ENTRY = join(REPO, 'test/e2e/workbench/node_modules/code-server/out/node/entry.js');
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

export interface CodeServer {
  url: string;
  port: number;
  /** Its --user-data-dir: settings, storage and the logs (the extension host writes logs/<session>/exthost1/...). */
  userDataDir: string;
  /** Its --extensions-dir. */
  extensionsDir: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
      .once('error', rej)
      .listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no free port'))));
      });
  });
}

/** One GET without keep-alive: a pooled fetch() socket kept the process alive ~5 s after stop(). */
function answers(url: string): Promise<boolean> {
  return new Promise((res) => {
    const req = httpGet(url, { agent: false, timeout: 2_000 }, (r) => {
      r.resume();
      res(r.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => res(false));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for `p` but at most `ms`; clears its timer, which would otherwise keep the process alive. */
export async function atMost(p: Promise<unknown>, ms: number): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  await Promise.race([
    p,
    new Promise<void>((r) => {
      t = setTimeout(r, ms);
    }),
  ]);
  clearTimeout(t);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

// code-server runs in its own session, so Ctrl-C in the terminal does not reach it: if the caller dies without
// stop() (exit, or a signal nobody else handles), kill every live server's group.
const live = new Set<ChildProcess>();
let guarded = false;
function guardLiveServers(): void {
  if (guarded) {
    return;
  }
  guarded = true;
  process.on('exit', () => {
    for (const c of live) {
      killGroup(c, 'SIGKILL');
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      for (const c of live) {
        killGroup(c, 'SIGKILL');
      }
      if (process.listenerCount(sig) === 1) {
        process.exit(128 + osConstants.signals[sig]);
      }
    });
  }
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server missing (${CODE_SERVER_ENTRY}): run scripts/setup-workbench.sh`);
  }
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
  for (const d of [extensionsDir, env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, join(userDataDir, 'User')]) {
    mkdirSync(d ?? state, { recursive: true });
  }
  // A kept user-data dir (npm start) keeps the user's own settings; ours and the caller's win.
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    /* none or JSONC */
  }
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
    if (ownState) {
      rmSync(state, { recursive: true, force: true });
    }
  };

  if (opts.vsix) {
    const r = spawnSync(
      process.execPath,
      [CODE_SERVER_ENTRY, ...dirs, '--install-extension', resolve(opts.vsix), '--force'],
      { env, encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) {
      cleanup();
      throw new Error(
        `code-server --install-extension ${opts.vsix} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`,
      );
    }
  }

  const port = opts.port || (await freePort());
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...(opts.args ?? []),
    ...dirs,
    resolve(opts.workspace),
  ];
  // detached = setsid(): own process group, so stop() also reaches the file watchers and extension hosts.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const verbose = opts.verbose || process.env.WORKBENCH_DEBUG === '1';
  let output = '';
  const collect = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
    if (verbose) {
      process.stderr.write(`[code-server] ${b.toString()}`);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  const exitedPromise = new Promise<void>((r) =>
    child.once('exit', (code, sig) => {
      exited = `${code ?? sig}`;
      r();
    }),
  );
  live.add(child);
  guardLiveServers();

  let stopped = false;
  const stop = async () => {
    if (stopped) {
      return;
    }
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
    if (await answers(`${url}/healthz`)) {
      break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url, port, userDataDir, extensionsDir, stop };
}

export { CHROMIUM, CHROMIUM_ARGS, launchBrowser, runCommand, type WorkbenchBrowser } from './workbenchBrowser';
export { formatConsole, runExtensionTests, testWorkbenchUrl, type ExtensionTestOptions } from './hostTests';
export { allowAccountAccess, seedApplicationStorage, TRUST_ALL_LINKS } from './workbenchStorage';

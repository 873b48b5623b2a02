// Extension-host mocha suites inside code-server, through the web workbench's test hooks: the suite's run()
// result arrives in window.codeAutomationExit and mocha's output in the page console.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeProblems, LogTripwire } from './logTripwire';
import { watchNotices, type ScreenServer } from './screen';
import { atMost, launchBrowser, startCodeServer, type WorkbenchBrowser } from './workbench';
import { seedApplicationStorage } from './workbenchStorage';

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
  /** Folders of the extension's own code: an uncaught error whose stack runs through them fails the run. */
  codeDirs?: string[];
  /** Serves the workbench's rows and notifications to the suite (its URL goes in `env` as TSM_SCREEN_URL). */
  screen?: ScreenServer;
  viewport?: { width: number; height: number };
}

/** The URL that makes the web workbench run an extension-host test suite (its test hooks). */
export function testWorkbenchUrl(
  url: string,
  port: number,
  o: { extensionPath: string; testsIndex: string; workspace: string },
): string {
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
  const str = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
  if (typeof fmt !== 'string') {
    return args.map(str).join(' ');
  }
  const out = fmt.replace(/%([csdifoOj%]?)/g, (_m, k: string) => {
    if (k === '%' || k === '' || rest.length === 0) {
      return k === '%' ? '%' : '';
    }
    const v = rest.shift();
    return k === 'c'
      ? ''
      : k === 'd' || k === 'i'
        ? String(Math.trunc(Number(v)))
        : k === 'f'
          ? String(Number(v))
          : str(v);
  });
  return [out, ...rest.map(str)].join(' ');
}

/** Runs an extension-host mocha suite inside code-server; resolves with the suite's exit code (0 = passed). */
export async function runExtensionTests(opts: ExtensionTestOptions): Promise<number> {
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const p of [opts.extensionPath, opts.testsIndex, opts.workspace]) {
    if (!existsSync(p)) {
      throw new Error(`not found: ${p}`);
    }
  }
  const server = await startCodeServer({
    workspace: opts.workspace,
    env: opts.env,
    settings: opts.settings,
    args: opts.args,
  });
  let wb: WorkbenchBrowser | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    wb = await launchBrowser(opts.viewport);
    opts.onBrowser?.(wb);
    const { page } = wb;
    await watchNotices(page);
    const tripwire = new LogTripwire(server.userDataDir, opts.codeDirs ?? [resolve(opts.extensionPath, 'dist')]);
    tripwire.watch(page);
    opts.screen?.attach(page, tripwire);
    let done!: (code: number) => void;
    const exitCode = new Promise<number>((r) => {
      done = r;
    });
    // Must exist before the workbench loads: it calls window.codeAutomationExit(code, logs) when run() settles.
    await page.exposeFunction('codeAutomationExit', (code: unknown) => done(typeof code === 'number' ? code : 1));
    // Chained so lines keep their order and the last ones are printed before the browser closes.
    let printed = Promise.resolve();
    page.on('console', (msg) => {
      if (!msg.text().startsWith('%c[Extension Host]')) {
        return;
      }
      const args = Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '?')));
      printed = printed.then(async () => log(formatConsole(await args).replace(/^\[Extension Host\] ?/, '')));
    });
    page.on('pageerror', (e) => log(`[page error] ${e.message}`));
    const failed = new Promise<never>((_, rej) => {
      page.once('crash', () => rej(new Error('the workbench page crashed before the tests reported a result')));
      wb?.browser.once('disconnected', () => rej(new Error('Chromium exited before the tests reported a result')));
      timer = setTimeout(
        () =>
          rej(
            new Error(
              `extension-host tests did not report a result within ${timeoutMs / 1000} s (no codeAutomationExit call); ` +
                'check that the tests index exports run() and that the extension activates',
            ),
          ),
        timeoutMs,
      );
    });
    failed.catch(() => undefined); // observed through the races; may settle after them
    if (opts.storage) {
      await seedApplicationStorage(page, server.url, opts.storage);
    }
    await Promise.race([page.goto(testWorkbenchUrl(server.url, server.port, opts)), failed]);
    const code = await Promise.race([exitCode, failed]);
    await atMost(printed, 2_000);
    // The log tripwire over the whole run: every test checked its own part; this also covers hooks and the end.
    const problems = tripwire.unexpected();
    if (problems.length > 0) {
      log(`[log tripwire] the workbench's logs show ${problems.length} problem(s):\n${describeProblems(problems)}`);
      return code === 0 ? 1 : code;
    }
    return code;
  } finally {
    if (timer) {
      clearTimeout(timer);
    }
    await wb?.close();
    await server.stop();
  }
}

// The Testing view for formatters: each `<formatter>.tests.json` beside a formatter file (linked, or at
// ttn/<app>/[devices/<dev>/]uplink.js in a fresh clone) is a test item, its cases are children; running them runs
// each case on the server with the formatter file's current text (judged by judgeCase), a failure shows expected vs
// actual as a diff (TestMessage.diff).
import vscode = require('vscode');
import type { Account, Accounts } from '../../auth/accounts';
import { caseDevice, runCase } from '../../commands/formatterCases';
import { describeError } from '../../ui/errorText';
import { parseWorkspacePath, type FormatterLocation } from '../location';
import { parseTestCases, testCasesPathFor, type CaseOutcome, type FormatterTestCase } from '../testCases';
import type { WorkspaceLinks } from './links';
import { TEST_FILES } from './testsWhenNeeded';
import { UnsafeWorkspacePathError } from '../workspaceFiles';

interface FileData {
  /** The linked formatter file the cases test. */
  formatterPath: string;
  cases: Map<string, FormatterTestCase>;
}

export class FormatterTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('thingsStack.formatterTests', 'Things Stack Formatters');
  private readonly files = new Map<string, FileData>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The last outcome of each case item, by item id (the extension-host tests read it). */
  readonly outcomes = new Map<string, CaseOutcome | { name: string; passed: false; message: string }>();

  constructor(
    private readonly links: WorkspaceLinks,
    private readonly accounts: Accounts,
  ) {
    this.controller.resolveHandler = async (item) => {
      if (!item) {
        await this.discover();
      }
    };
    this.controller.refreshHandler = () => this.discover();
    this.controller.createRunProfile(
      'Run on The Things Stack',
      vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token),
      true,
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.tests.json');
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(() => void this.discover()),
      watcher.onDidChange(() => void this.discover()),
      watcher.onDidDelete(() => void this.discover()),
      links.onDidChange(() => void this.discover()),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.path.endsWith('.tests.json')) {
          void this.discover();
        }
      }),
    );
  }

  /** The formatter files that may have cases beside them: the linked ones, and any at a formatter path (a clone). */
  private async formatterPaths(): Promise<string[]> {
    const found = await vscode.workspace.findFiles(TEST_FILES, undefined, 1000);
    const byPlace = found
      .map((uri) => this.links.pathOf(uri)?.replace(/\.tests\.json$/, '.js'))
      .filter((p): p is string => p !== undefined && parseWorkspacePath(p) !== undefined);
    return [...new Set([...this.links.paths(), ...byPlace])];
  }

  /** Finds the test-case files beside formatter files and reads their cases. */
  async discover(): Promise<void> {
    const seen = new Set<string>();
    for (const formatterPath of await this.formatterPaths()) {
      const path = testCasesPathFor(formatterPath);
      let refused: string | undefined;
      const text = await this.links.read(path).catch((error: unknown) => {
        refused = error instanceof UnsafeWorkspacePathError ? error.message : undefined; // shown on the item
        return undefined;
      });
      if (text === undefined && refused === undefined) {
        continue;
      }
      seen.add(path);
      const uri = this.links.uriOf(path);
      const file = this.controller.items.get(path) ?? this.controller.createTestItem(path, path, uri);
      const { cases, problems } = text === undefined ? { cases: [], problems: [refused!] } : parseTestCases(text);
      file.error = problems.length ? problems.join('\n') : undefined;
      const lines = (text ?? '').split('\n');
      file.children.replace(
        cases.map((c) => {
          const item =
            file.children.get(`${path}#${c.name}`) ?? this.controller.createTestItem(`${path}#${c.name}`, c.name, uri);
          const line = lines.findIndex((l) => l.includes(JSON.stringify(c.name)));
          item.range = line >= 0 ? new vscode.Range(line, 0, line, lines[line].length) : undefined;
          item.description = `${c.direction}, FPort ${c.fPort}`;
          return item;
        }),
      );
      this.controller.items.add(file);
      this.files.set(path, { formatterPath, cases: new Map(cases.map((c) => [c.name, c])) });
    }
    this.controller.items.forEach((item) => {
      if (!seen.has(item.id)) {
        this.controller.items.delete(item.id);
        this.files.delete(item.id);
      }
    });
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    await this.discover();
    const run = this.controller.createTestRun(request);
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const wanted: vscode.TestItem[] = [];
    const add = (item: vscode.TestItem): void => {
      if (excluded.has(item.id)) {
        return;
      }
      if (this.files.has(item.id)) {
        item.children.forEach(add);
      } else {
        wanted.push(item);
      }
    };
    (request.include ?? [...this.controller.items].map(([, item]) => item)).forEach(add);
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      // One device lookup and one read of the formatter file per test file; one request per case.
      const byFile = new Map<string, vscode.TestItem[]>();
      for (const item of wanted) {
        const file = item.id.slice(0, item.id.indexOf('#'));
        byFile.set(file, [...(byFile.get(file) ?? []), item]);
      }
      for (const [file, items] of byFile) {
        items.forEach((i) => run.enqueued(i));
        await this.runFile(run, file, items, abort.signal);
      }
    } finally {
      cancel.dispose();
      run.end();
    }
  }

  private async runFile(
    run: vscode.TestRun,
    file: string,
    items: vscode.TestItem[],
    signal: AbortSignal,
  ): Promise<void> {
    const data = this.files.get(file);
    const fail = (item: vscode.TestItem, message: string): void => {
      this.outcomes.set(item.id, { name: item.label, passed: false, message });
      run.errored(item, new vscode.TestMessage(message));
    };
    if (!data) {
      items.forEach((i) => fail(i, `${file} is not beside a formatter file any more.`));
      return;
    }
    const target = this.target(data.formatterPath);
    if (typeof target === 'string') {
      items.forEach((i) => fail(i, target));
      return;
    }
    const { account, location } = target;
    let script: string | undefined;
    let device: string;
    try {
      await this.links.check(data.formatterPath); // its text is sent to the server: never a linked file's
      const uri = this.links.uriOf(data.formatterPath);
      script =
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText() ??
        (await this.links.read(data.formatterPath));
      device = await caseDevice(account.api, location, signal);
    } catch (error) {
      items.forEach((i) => fail(i, describeError(error)));
      return;
    }
    if (script === undefined) {
      items.forEach((i) => fail(i, `${data.formatterPath} does not exist.`));
      return;
    }
    for (const item of items) {
      if (signal.aborted) {
        run.skipped(item);
        continue;
      }
      const c = data.cases.get(item.label);
      if (!c) {
        fail(item, 'The case is no longer in the file.');
        continue;
      }
      run.started(item);
      const started = Date.now();
      try {
        const outcome = await runCase(account.api.formatters, location, device, script, c, signal);
        this.outcomes.set(item.id, outcome);
        if (outcome.passed) {
          run.passed(item, Date.now() - started);
        } else {
          const message =
            outcome.expected !== undefined && outcome.actual !== undefined
              ? vscode.TestMessage.diff(outcome.message ?? 'Differs', outcome.expected, outcome.actual)
              : new vscode.TestMessage(outcome.message ?? 'Failed');
          message.location = item.uri && item.range ? new vscode.Location(item.uri, item.range) : undefined;
          run.failed(item, message, Date.now() - started);
        }
      } catch (error) {
        fail(item, describeError(error));
      }
    }
  }

  /** Where a formatter file's cases run: its link, else the place its path names on the one signed-in deployment. */
  private target(formatterPath: string): { account: Account; location: FormatterLocation } | string {
    const location = this.links.placeOf(formatterPath, this.accounts);
    if (!location) {
      return `${formatterPath} is not linked to a deployment: run "Compare with Deployed" on it once to choose one.`;
    }
    const account = this.accounts.account(location.deploymentKey);
    return account ? { account, location } : `Sign in to ${location.deploymentKey} to run formatter tests there.`;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.controller.dispose();
  }
}

// Root hooks for every extension-host test: an error notification that the test did not announce with
// expectErrorNotice() fails it, and so does a tree error or an uncaught error of this extension in the workbench's
// logs (the log tripwire, test/support/logTripwire.ts). (Only where the runner reads the screen: code-server.)
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { describeProblems, type LogProblem } from '../support/logTripwire';
import { unexpectedErrors, type Notice } from '../support/screen';
import { EXTENSION_ID } from './api';
import {
  expectErrorNotice,
  expectLogProblems,
  plantInWindowConsole,
  screenLog,
  screenNotices,
  screenUrl,
} from './screen';

// Each suite file is bundled on its own, so the list lives on globalThis (see expectErrorNotice in ./screen).
const shared = globalThis as { __tsmExpectedErrors?: RegExp[] };
let seenBefore = 0;
let logBefore = 0;

beforeEach(async () => {
  shared.__tsmExpectedErrors = [];
  seenBefore = screenUrl() ? (await screenNotices()).length : 0;
  logBefore = screenUrl() ? (await screenLog()).length : 0;
});

afterEach(async function () {
  if (!screenUrl()) {
    return;
  }
  await new Promise((r) => setTimeout(r, 300)); // a notification raised by the test's last step
  const unexpected = unexpectedErrors((await screenNotices()).slice(seenBefore), shared.__tsmExpectedErrors);
  if (unexpected.length > 0) {
    throw new Error(
      `error notification(s) during "${this.currentTest?.title}": ${unexpected.map((n) => n.message).join(' | ')}`,
    );
  }
  const logged = (await screenLog()).slice(logBefore).filter((p) => !p.expected);
  if (logged.length > 0) {
    throw new Error(`the workbench's logs during "${this.currentTest?.title}":\n${describeProblems(logged)}`);
  }
});

/** Waits until the log tripwire has found new problems matching `test`; marks them planted; returns them. */
async function planted(test: (p: LogProblem) => boolean): Promise<LogProblem[]> {
  let all: LogProblem[] = [];
  for (let i = 0; i < 100 && !all.slice(logBefore).some(test); i++) {
    await new Promise((r) => setTimeout(r, 100));
    all = await screenLog();
  }
  await new Promise((r) => setTimeout(r, 500)); // the rest of what the plant logs
  all = await screenLog();
  await expectLogProblems(logBefore, all.length);
  return all.slice(logBefore).filter(test);
}

// The tripwire itself: an error toast must be seen on the screen, or every check above passes for nothing.
describe('error notification tripwire', () => {
  it('sees an error notification the moment the workbench shows one', async function () {
    if (!screenUrl()) {
      this.skip();
    }
    const message = `Tripwire self-check ${Date.now()}`;
    expectErrorNotice(/^Tripwire self-check/);
    void vscode.window.showErrorMessage(message);
    let seen: Notice[] = [];
    for (let i = 0; i < 50 && !seen.some((n) => n.message.includes(message)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await screenNotices();
    }
    assert.deepEqual(
      seen.filter((n) => n.message.includes(message)),
      [{ severity: 'error', message }],
    );
    assert.deepEqual(unexpectedErrors(seen, [/^Tripwire self-check/]), []);
    assert.equal(unexpectedErrors(seen).length >= 1, true, 'an unannounced error would fail the test');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});

// The log tripwire itself: problems planted in the workbench's logs must be found and classified, or every check of
// the logs passes for nothing. The extension host log's entry comes through VS Code's own path: an event listener of
// this extension throws, which VS Code catches and logs as the extension's error. The hook above and run.ts let
// exactly these planted entries pass.
describe('log tripwire', () => {
  it('finds an uncaught error of this extension in the extension host log', async function () {
    if (!screenUrl()) {
      this.skip();
    }
    const listener = vscode.workspace.onDidChangeConfiguration(() => {
      throw new Error(`Log tripwire self-check ${Date.now()}`);
    });
    try {
      const config = vscode.workspace.getConfiguration('thingsStack');
      const before = config.inspect<number>('pageSize')?.globalValue;
      await config.update('pageSize', 57, vscode.ConfigurationTarget.Global);
      await config.update('pageSize', before, vscode.ConfigurationTarget.Global);
    } finally {
      listener.dispose();
    }
    const found = await planted((p) => p.source === 'extension host log' && p.text.includes(EXTENSION_ID));
    assert.ok(found.length > 0, 'the planted error was not found in the extension host log');
    assert.ok(found.every((p) => p.kind === 'uncaught error'));
  });

  it("finds a tree error in the window's console", async function () {
    if (!screenUrl()) {
      this.skip();
    }
    await plantInWindowConsole('TreeError [thingsStack.explorer] Tree element not found: (log tripwire self-check)');
    const found = await planted((p) => p.text.includes('log tripwire self-check'));
    assert.deepEqual(
      found.map((p) => [p.source, p.kind]),
      [['window console', 'tree error']],
    );
  });
});

// A root hook for every extension-host test: an error notification that the test did not announce with
// expectErrorNotice() fails it. (Only where the runner reads the screen: code-server, not desktop VS Code.)
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { unexpectedErrors, type Notice } from '../support/screen';
import { expectErrorNotice, screenNotices, screenUrl } from './screen';

// Each suite file is bundled on its own, so the list lives on globalThis (see expectErrorNotice in ./screen).
const shared = globalThis as { __tsmExpectedErrors?: RegExp[] };
let seenBefore = 0;

beforeEach(async () => {
  shared.__tsmExpectedErrors = [];
  seenBefore = screenUrl() ? (await screenNotices()).length : 0;
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
});

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

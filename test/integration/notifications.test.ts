// In the real workbench (issue 21): VS Code turns `[label](command:…)` in a notification into a link that runs the
// command; what the extension shows goes through src/platform/notifications.ts and stays plain text.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { showInfo } from '../../src/platform/notifications';
import type { Notice } from '../support/screen';
import { screenNotices, screenUrl } from './screen';

async function shown(marker: string): Promise<Notice> {
  let seen: Notice[] = [];
  for (let i = 0; i < 50 && !seen.some((n) => n.message.includes(marker)); i++) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await screenNotices();
  }
  const notice = seen.find((n) => n.message.includes(marker));
  assert.ok(notice, `no notification with ${marker}`);
  return notice;
}

describe('notifications: no link from text', () => {
  it('a link VS Code would render is shown as the text it is', async function () {
    if (!screenUrl()) {
      this.skip(); // the screen is read only in code-server
    }
    const link = '[Click here to fix it](command:workbench.action.terminal.new)';
    // The control: the same text straight to VS Code becomes a link, whose label alone is the notice's text.
    void vscode.window.showInformationMessage(`Control ${Date.now()}: ${link}`);
    assert.match((await shown('Control')).message, /^Control \d+: Click here to fix it$/);
    void showInfo(`Plain ${Date.now()}: ${link}`);
    assert.match(
      (await shown('Plain')).message,
      /^Plain \d+: \[Click here to fix it\] \(command:workbench\.action\.terminal\.new\)$/,
    );
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});

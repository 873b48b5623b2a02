// Payload formatters in the real workbench, changed on the server: Change Formatter Type opens or empties the
// document, and a save that would overwrite a change made elsewhere asks (Compare, Reload).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extensionApi, testServer, waitFor } from './api';
import { answer, APP, DEVICE, formatterNode, formattersHooks, serverScript } from './formatters.fixture';
import { expectErrorNotice } from './screen';

describe('payload formatters', () => {
  formattersHooks();

  it("changes an application's formatter type: JavaScript opens the template, None (after asking) empties it", async () => {
    const app = 'alice-tracker';
    const location = await formatterNode(app);
    const account = (await extensionApi()).accounts.account(testServer().key)!;
    await answer('JavaScript');
    await vscode.commands.executeCommand('thingsStack.changeFormatterType', location);
    const editor = await waitFor('the new formatter', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith(`/${app}/uplink.js`) ? e : undefined;
    });
    assert.match(editor.document.getText(), /function decodeUplink\(input\)/);
    assert.equal((await account.api.formatters.getApplication(app))?.up?.parameter, editor.document.getText());
    await answer('None', 'yes');
    await vscode.commands.executeCommand('thingsStack.changeFormatterType', location);
    assert.deepEqual((await account.api.formatters.getApplication(app))?.up, { type: 'FORMATTER_NONE' });
    await waitFor('the document emptied', () => (editor.document.getText() === '' ? true : undefined));
  });

  it('never overwrites a change on the server: Compare opens a diff and saves nothing, Reload takes the server version', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('thingsStack.openFormatter', await formatterNode());
    const editor = await waitFor('the formatter editor', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'thingsstack-formatter'
        ? vscode.window.activeTextEditor
        : undefined,
    );
    const document = editor.document;
    const account = api.accounts.account(testServer().key)!;
    const theirs = `${document.getText()}\n// changed in the Console\n`;
    await account.api.formatters.setDevice(APP, DEVICE, 'up', { type: 'FORMATTER_JAVASCRIPT', parameter: theirs });
    const asked: string[] = [];
    api.formatters.hooks.conflict = async (message) => {
      asked.push(message);
      return 'compare';
    };
    try {
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// mine\n'));
      expectErrorNotice(/Not saved: the formatter changed on the server/);
      assert.equal(await document.save(), false, 'not saved');
      assert.equal(asked.length, 1);
      assert.match(asked[0], /changed on the server since you opened it/);
      await waitFor(
        'the diff editor',
        () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .some(
              (t) =>
                t.input instanceof vscode.TabInputTextDiff &&
                t.input.original.scheme === 'thingsstack-view' &&
                t.input.modified.toString() === document.uri.toString(),
            ) || undefined,
      );
      assert.equal(await serverScript(), theirs, 'the server keeps its version');
      assert.ok(document.isDirty);

      api.formatters.hooks.conflict = async () => 'reload';
      await vscode.window.showTextDocument(document);
      await document.save();
      await waitFor('the server version in the editor', () =>
        document.getText() === theirs && !document.isDirty ? true : undefined,
      );
      assert.equal(await serverScript(), theirs);
    } finally {
      api.formatters.hooks.conflict = undefined;
    }
  });
});

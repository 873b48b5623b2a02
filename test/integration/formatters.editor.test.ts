// Payload formatters in the real workbench, the formatter as a document: open one from the tree, see diagnostics,
// edit and save it, test its unsaved text with a payload and read the decoded JSON.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extensionApi, testServer, waitFor } from './api';
import { answer, APP, DEVICE, formatterNode, formattersHooks, serverScript } from './formatters.fixture';

describe('payload formatters', () => {
  formattersHooks();

  it('shows the device formatter in the tree and opens it as a JavaScript document with one request', async () => {
    const node = await formatterNode();
    assert.equal(node.description, 'JavaScript · in effect: JavaScript (device)');
    const item = (await extensionApi()).tree.getTreeItem(node);
    assert.equal(item.command?.command, 'thingsStack.openFormatter');
    const reads = (await extensionApi()).formatters.fileSystem.reads;
    await vscode.commands.executeCommand('thingsStack.openFormatter', node);
    const editor = await waitFor('the formatter editor', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'thingsstack-formatter'
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.equal((await extensionApi()).formatters.fileSystem.reads - reads, 1, 'opening reads the server once');
    assert.equal(editor.document.languageId, 'javascript');
    assert.match(editor.document.uri.path, new RegExp(`/${APP}/devices/${DEVICE}/uplink\\.js$`));
    assert.equal(editor.document.getText(), await serverScript());
  });

  it('shows a syntax error as a diagnostic while typing, before anything is uploaded', async () => {
    const editor = vscode.window.activeTextEditor!;
    const uri = editor.document.uri;
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\nfunction broken( {\n'));
    const diagnostics = await waitFor('a syntax error diagnostic', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Things Stack formatter');
      return d.some((x) => x.severity === vscode.DiagnosticSeverity.Error) ? d : undefined;
    });
    assert.ok(diagnostics[0].range.start.line >= editor.document.lineCount - 3, JSON.stringify(diagnostics[0].range));
    await vscode.commands.executeCommand('undo');
    await waitFor('the diagnostic gone', () =>
      vscode.languages.getDiagnostics(uri).some((x) => x.severity === vscode.DiagnosticSeverity.Error)
        ? undefined
        : true,
    );
  });

  it('saves an edit to the server, writing only this formatter', async () => {
    const editor = vscode.window.activeTextEditor!;
    const edited = editor.document.getText().replace('/ 100', '/ 10');
    assert.notEqual(edited, editor.document.getText());
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), edited));
    const reads = (await extensionApi()).formatters.fileSystem.reads;
    assert.equal(await editor.document.save(), true);
    assert.equal(editor.document.isDirty, false);
    assert.equal((await extensionApi()).formatters.fileSystem.reads, reads, 'a save does not read the document again');
    assert.equal(await serverScript(), edited);
    const account = (await extensionApi()).accounts.account(testServer().key)!;
    assert.equal((await account.api.formatters.getDevice(APP, DEVICE)).formatters?.down?.type, 'FORMATTER_NONE');
  });

  it("tests the editor's unsaved text with a payload and shows the decoded JSON", async () => {
    const editor = vscode.window.activeTextEditor!;
    const formatterUri = editor.document.uri;
    const restore = editor.document.getText();
    await editor.edit((e) =>
      e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), restore.replace('/ 10', '/ 100')),
    );
    assert.ok(editor.document.isDirty);
    const { refused } = await answer('09 2G 80', '09 29 80', '300', '1');
    await vscode.commands.executeCommand('thingsStack.testUplinkFormatter', formatterUri);
    assert.equal(refused.length, 2, refused.join(' | '));
    assert.match(refused[0], /G/);
    assert.match(refused[1], /1 to 223/);
    const json = await waitFor('the result document', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'thingsstack-view' ? d : undefined;
    });
    const report = JSON.parse(json.getText()) as { decoded?: unknown; errors: string[]; device: string };
    assert.deepEqual(report.decoded, { temperature: 23.45, humidity: 64 });
    assert.deepEqual(report.errors, []);
    assert.equal(report.device, DEVICE);
    // Back to the formatter, unsaved edit dropped.
    const back = await vscode.window.showTextDocument(formatterUri);
    await back.edit((e) => e.replace(new vscode.Range(0, 0, back.document.lineCount, 0), restore));
    assert.equal(await back.document.save(), true);
  });
});

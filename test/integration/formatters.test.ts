import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerNode, FormatterNode } from '../../src/explorer/nodeTypes';
import type { ConfirmOptions, InputOptions, PickOptions, Ui } from '../../src/ui/ui';
import { extensionApi, testServer, waitFor } from './api';
import { expectErrorNotice } from './tripwire.test';

// Payload formatters in the real workbench against the test server (seeded: device-0001 of alice-sensors has its own
// JavaScript uplink formatter): open one from the tree, see diagnostics, edit and save, test it with a payload and
// read the decoded JSON, pull it to the workspace and run a test-case file in the Testing view.
describe('payload formatters', () => {
  const APP = 'alice-sensors';
  const DEVICE = 'device-0001';
  let restoreUi: () => void = () => undefined;

  /** The prompts of the formatter commands answered in order (each answer must pass the prompt's validation). */
  async function answer(...answers: string[]): Promise<{ refused: string[] }> {
    const api = await extensionApi();
    const real = api.formatters.defaultUi;
    const refused: string[] = [];
    const input = async (o: InputOptions): Promise<string> => {
      for (;;) {
        const next = answers.shift();
        assert.ok(next !== undefined, `unexpected prompt: ${o.prompt}`);
        const check = o.validate?.(next);
        if (check?.severity === 'error') {
          refused.push(check.message); // as the box shows it while the user types; the box stays open
          continue;
        }
        return next;
      }
    };
    const pick = async <T>(o: PickOptions<T>): Promise<T> => {
      const next = answers.shift();
      const item = o.items.find((i) => i.label === next);
      assert.ok(item, `no "${next}" in ${o.title}: ${o.items.map((i) => i.label).join(', ')}`);
      return item.value;
    };
    const confirm = async (o: ConfirmOptions): Promise<boolean> => {
      const next = answers.shift();
      assert.ok(next === 'yes' || next === 'no', `unexpected question: ${o.message}`);
      return next === 'yes';
    };
    api.formatters.hooks.ui = new Proxy(real, {
      get(target, prop) {
        if (prop === 'input') {
          return input;
        }
        if (prop === 'confirm') {
          return confirm;
        }
        if (prop === 'pick') {
          return pick;
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Ui;
    restoreUi = () => {
      api.formatters.hooks.ui = undefined;
    };
    return { refused };
  }

  async function formatterNode(): Promise<FormatterNode> {
    const api = await extensionApi();
    const model = api.explorer;
    let node: ExplorerNode | undefined;
    const path: ((n: ExplorerNode) => boolean)[] = [
      (n) => n.kind === 'deployment',
      (n) => n.kind === 'section' && n.section === 'applications',
      (n) => n.kind === 'owner' && n.isSelf,
      (n) => n.kind === 'application' && n.applicationId === APP,
      (n) => n.kind === 'devices',
      (n) => n.kind === 'device' && n.device.ids?.device_id === DEVICE,
      (n) => n.kind === 'formatters',
      (n) => n.kind === 'formatter' && n.direction === 'up',
    ];
    for (const match of path) {
      const children: ExplorerNode[] = await waitFor('the tree', async () => {
        const c = await model.children(node);
        return c.some(match) ? c : undefined;
      });
      node = children.find(match);
    }
    return node as FormatterNode;
  }

  const serverScript = async (): Promise<string | undefined> => {
    const account = (await extensionApi()).accounts.account(testServer().key);
    return (await account!.api.formatters.getDevice(APP, DEVICE)).formatters?.up?.parameter;
  };

  afterEach(() => restoreUi());
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

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
      return d?.uri.scheme === 'thingsstack-json' ? d : undefined;
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

  it('pulls the formatter to the workspace and runs its test-case file in the Testing view', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('thingsStack.pullFormatter', await formatterNode());
    const path = `ttn/${APP}/devices/${DEVICE}/uplink.js`;
    const file = await waitFor('the pulled file', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.path.endsWith(path) ? d : undefined;
    });
    assert.equal(file.getText(), await serverScript());
    assert.ok(api.formatters.links.get(path), 'the link is remembered');
    for (const name of ['ttn/formatter.d.ts', 'ttn/jsconfig.json']) {
      assert.ok(await api.formatters.links.read(name), `${name}: types for // @ts-check in pulled files`);
    }
    const status = await waitFor('the sync state', () => api.formatters.status.current);
    assert.deepEqual(status, { path, state: 'in-sync' });

    // Edit the file: the status says so; Compare with Deployed shows the diff; Deploy from File writes it.
    const editor = await vscode.window.showTextDocument(file);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// deployed from the workspace\n'));
    await waitFor('changed locally', () => api.formatters.status.current?.state === 'changed-locally' || undefined);
    await vscode.commands.executeCommand('thingsStack.compareFormatter', file.uri);
    await waitFor(
      'the diff with the deployed formatter',
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .some(
            (t) =>
              t.input instanceof vscode.TabInputTextDiff &&
              t.input.original.scheme === 'thingsstack-formatter-deployed' &&
              t.input.modified.toString() === file.uri.toString(),
          ) || undefined,
    );
    await vscode.commands.executeCommand('thingsStack.deployFormatter', file.uri);
    assert.equal(await serverScript(), file.getText());
    assert.ok((await serverScript())?.startsWith('// deployed from the workspace'));
    await vscode.window.showTextDocument(file);
    await waitFor('in sync again', () => api.formatters.status.current?.state === 'in-sync' || undefined);

    const cases = {
      cases: [
        {
          name: 'decodes temperature and humidity',
          direction: 'uplink',
          fPort: 1,
          bytes: '09 29 80',
          expect: { data: { temperature: 234.5, humidity: 64 } },
        },
        {
          name: 'wrong on purpose',
          direction: 'uplink',
          fPort: 1,
          bytes: 'CSmA',
          expect: { data: { temperature: 1 } },
        },
      ],
    };
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(file.uri, '..', 'uplink.tests.json'),
      new TextEncoder().encode(JSON.stringify(cases, null, 2)),
    );
    const tests = await waitFor('the test controller', () => api.formatters.tests());
    await tests.discover();
    const ids = await waitFor('the test items', () => {
      const found: string[] = [];
      tests.controller.items.forEach((file) => file.children.forEach((c) => found.push(c.id)));
      return found.length === 2 ? found : undefined;
    });
    tests.outcomes.clear();
    await vscode.commands.executeCommand('testing.runAll');
    await waitFor('both cases to finish', () => (ids.every((id) => tests.outcomes.has(id)) ? true : undefined));
    const [pass, fail] = ids.map((id) => tests.outcomes.get(id));
    assert.equal(pass?.passed, true, JSON.stringify(pass));
    assert.equal(fail?.passed, false);
    assert.match(fail?.message ?? '', /data\.temperature: expected 1, got 234\.5/);
  });

  it('runs the test cases of a formatter file in a fresh clone (no link on this machine) on the signed-in deployment', async () => {
    const api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const dir = vscode.Uri.joinPath(folder, 'ttn', 'alice-sensors');
    const write = (name: string, text: string): Thenable<void> =>
      vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
    await write('uplink.js', 'function decodeUplink(input) {\n  return { data: { n: input.bytes.length } };\n}\n');
    await write(
      'uplink.tests.json',
      JSON.stringify({
        cases: [{ name: 'counts bytes', direction: 'uplink', fPort: 1, bytes: '01 02 03', expect: { data: { n: 3 } } }],
      }),
    );
    assert.equal(api.formatters.links.get('ttn/alice-sensors/uplink.js'), undefined, 'not linked');
    const tests = await waitFor('the test controller', () => api.formatters.tests());
    await tests.discover();
    const id = 'ttn/alice-sensors/uplink.tests.json#counts bytes';
    await waitFor('the clone case', () => {
      let found = false;
      tests.controller.items.forEach((file) => file.children.forEach((c) => (found ||= c.id === id)));
      return found || undefined;
    });
    tests.outcomes.delete(id);
    await vscode.commands.executeCommand('testing.runAll');
    const outcome = await waitFor('the case to finish', () => tests.outcomes.get(id));
    assert.deepEqual(outcome, { name: 'counts bytes', passed: true });

    // The same file in its editor: Test Uplink Formatter runs its text on the signed-in deployment.
    await answer('device-0002', '01 02', '1');
    await vscode.commands.executeCommand('thingsStack.testUplinkFormatter', vscode.Uri.joinPath(dir, 'uplink.js'));
    const json = await waitFor('the result document', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'thingsstack-json' && d.getText().includes('"AQI="') ? d : undefined;
    });
    assert.deepEqual((JSON.parse(json.getText()) as { decoded?: unknown }).decoded, { n: 2 });
  });

  it("changes an application's formatter type: JavaScript opens the template, None (after asking) empties it", async () => {
    const app = 'alice-tracker';
    const location = {
      kind: 'formatter',
      id: 'x',
      deploymentKey: testServer().key,
      applicationId: app,
      direction: 'up',
    };
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
                t.input.original.scheme === 'thingsstack-formatter-deployed' &&
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

  it('tests the formatter in effect with an uplink captured in the live events panel, without prompts', async () => {
    const event = {
      name: 'as.up.data.forward',
      data: {
        end_device_ids: { device_id: DEVICE, application_ids: { application_id: APP } },
        uplink_message: { f_port: 1, frm_payload: 'CSmA' },
      },
    };
    await answer(); // any prompt fails the test
    await vscode.commands.executeCommand('thingsStack.testFormatterWithUplink', {
      deploymentKey: testServer().key,
      event,
    });
    const json = await waitFor('the result document', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'thingsstack-json' && d.getText().includes('"CSmA"') ? d : undefined;
    });
    const report = JSON.parse(json.getText()) as { decoded?: { humidity?: number }; device: string };
    assert.equal(report.device, DEVICE);
    assert.equal(report.decoded?.humidity, 64);
  });
});

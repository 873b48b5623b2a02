// Payload formatters in the real workbench, in the workspace: pull the formatter, compare and deploy it with the sync
// status, run its test-case file in the Testing view, and run the cases of a fresh clone (no link).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withEditorTypes, withoutEditorTypes } from '../../src/formatters/editorTypes';
import { extensionApi, testServer, waitFor } from './api';
import { expectErrorNotice, screenNotices, screenUrl } from './screen';
import { answer, APP, DEVICE, formatterNode, formattersHooks, serverScript } from './formatters.fixture';

describe('payload formatters', () => {
  formattersHooks();

  it('a pulled formatter shows no problem, and its input is typed from the shipped declarations', async function () {
    this.timeout(120_000); // the TypeScript server starts on the first JavaScript file
    await vscode.commands.executeCommand('thingsStack.pullFormatter', await formatterNode());
    const path = `ttn/${APP}/devices/${DEVICE}/uplink.js`;
    const file = await waitFor('the pulled file', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.path.endsWith(path) ? d : undefined;
    });
    const line = file
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('function decodeUplink(input)'));
    const at = new vscode.Position(line, 'function decodeUplink('.length + 1);
    const hover = await waitFor(
      'a hover of input that knows its type',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          file.uri,
          at,
        );
        const text = hovers
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : c.value))
          .join('\n');
        return /DecodeUplinkInput/.test(text) ? text : undefined;
      },
      90_000,
    );
    assert.match(hover, /input: DecodeUplinkInput/);
    // The TypeScript server reports in this workbench: a file that opts in to checks gets its error …
    const probe = vscode.Uri.joinPath(file.uri, '..', '..', '..', 'probe.js');
    await vscode.workspace.fs.writeFile(
      probe,
      new TextEncoder().encode(
        '// @ts-check\n/** @type {DecodeUplinkFunction} */\nfunction decodeUplink(input) { return { data: { t: input.recvTime } }; }\n',
      ),
    );
    await vscode.window.showTextDocument(probe, { preview: false });
    const reported = await waitFor(
      'the probe file checked',
      () => vscode.languages.getDiagnostics(probe).find((d) => /recvTime/.test(d.message)),
      60_000,
    );
    assert.equal(reported.source, 'ts');
    // … and the pulled file, by then checked as well, has none.
    assert.deepEqual(
      vscode.languages.getDiagnostics(file.uri).map((d) => `${d.source}: ${d.message}`),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(probe);
  });

  it('pulls the formatter to the workspace and runs its test-case file in the Testing view', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('thingsStack.pullFormatter', await formatterNode());
    const path = `ttn/${APP}/devices/${DEVICE}/uplink.js`;
    const file = await waitFor('the pulled file', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.path.endsWith(path) ? d : undefined;
    });
    assert.equal(file.getText(), withEditorTypes((await serverScript()) ?? ''), 'the script, typed for the editor');
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
              t.input.original.scheme === 'thingsstack-view' &&
              t.input.modified.toString() === file.uri.toString(),
          ) || undefined,
    );
    await vscode.commands.executeCommand('thingsStack.deployFormatter', file.uri);
    assert.equal(await serverScript(), withoutEditorTypes(file.getText()), 'deployed without the types line');
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
      return d?.uri.scheme === 'thingsstack-view' && d.getText().includes('"AQI="') ? d : undefined;
    });
    assert.deepEqual((JSON.parse(json.getText()) as { decoded?: unknown }).decoded, { n: 2 });
  });

  it('refuses to deploy a formatter file that is a symbolic link (it could lead to ~/.aws/credentials)', async () => {
    const api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const outside = await mkdtemp(join(tmpdir(), 'tsm-outside-'));
    const secret = join(outside, 'credentials');
    await writeFile(secret, 'aws_secret_access_key = not-for-the-server\n');
    const link = vscode.Uri.joinPath(folder, 'ttn', 'alice-sensors', 'downlink.js');
    await symlink(secret, link.fsPath);
    const account = api.accounts.account(testServer().key)!;
    const before = await account.api.formatters.getApplication(APP);
    try {
      expectErrorNotice(/^ttn\/alice-sensors\/downlink\.js is a symbolic link: /);
      await vscode.commands.executeCommand('thingsStack.deployFormatter', link);
      await waitFor('the refusal', async () =>
        (await screenNotices()).some((n) => n.message.startsWith('ttn/alice-sensors/downlink.js is a symbolic link'))
          ? true
          : undefined,
      ).catch((error: unknown) => (screenUrl() ? Promise.reject(error) : undefined));
      assert.deepEqual(await account.api.formatters.getApplication(APP), before, 'nothing was deployed');
    } finally {
      await rm(link.fsPath, { force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });
});

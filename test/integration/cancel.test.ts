import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { vscodeSignInUi } from '../../src/auth/vscode/signInUi';
import { extensionApi } from './api';
import { isCancellation } from '../../src/util/cancellation';

// Every way of cancelling a sign-in ends quietly (issue 12): the real commands, the real boundary and the real
// vscode.CancellationError; only the user's answers are scripted through the test hooks.
describe('cancelling ends quietly', () => {
  const lines: string[] = [];
  let restore: () => void = () => undefined;

  before(async () => {
    const api = await extensionApi();
    const { pickFlow, ui } = api.hooks;
    const echo = api.log.echo;
    api.log.echo = (line) => {
      lines.push(line);
      echo?.(line);
    };
    restore = () => {
      api.hooks.pickFlow = pickFlow;
      api.hooks.ui = ui;
      api.log.echo = echo;
    };
  });
  after(() => restore());

  const cases: [string, 'paste-code' | 'api-key', Partial<ReturnType<typeof vscodeSignInUi>>][] = [
    ['Escape in the code box', 'paste-code', { openBrowser: async () => true, askCode: async () => undefined }],
    ['Escape in the API key box', 'api-key', { askApiKey: async () => undefined }],
  ];
  for (const [name, flowId, answers] of cases) {
    it(`${name}: the Sign In command finishes, logs the cancel and reports no failure`, async () => {
      const api = await extensionApi();
      api.hooks.pickFlow = (flows) => flows.find((f) => f.id === flowId) ?? flows[0];
      api.hooks.ui = (deploymentName) => ({ ...vscodeSignInUi(deploymentName), ...answers });
      const from = lines.length;
      await vscode.commands.executeCommand('thingsStack.signIn');
      const said = lines.slice(from).join('\n');
      assert.match(said, /Sign-in to .* cancelled\./);
      assert.doesNotMatch(said, /failed unexpectedly|Something went wrong/);
    });
  }

  it('vscode.CancellationError is what the boundary (vscode-free) recognises by name', () => {
    const error = new vscode.CancellationError();
    assert.equal(error.name, 'Canceled');
    assert.ok(isCancellation(error));
  });
});

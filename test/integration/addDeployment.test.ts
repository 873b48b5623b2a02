import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { vscodeSignInUi } from '../../src/auth/vscode/signInUi';
import { answeringUi } from './answers';
import { extensionApi, testServer, waitFor } from './api';

// Add Deployment from the command palette, then "Sign In" on its message: the real commands, boundary and user
// settings; the user's answers are scripted through the test hooks, and the sign-in is cancelled at its last step.
describe('Add Deployment, then Sign In from its message', () => {
  const lines: string[] = [];
  const shown: string[] = [];
  let restore: () => Promise<void> = async () => undefined;

  before(async () => {
    const api = await extensionApi();
    const settings = vscode.workspace.getConfiguration('thingsStack');
    const saved = settings.inspect('deployments')?.globalValue;
    const { pickFlow, ui, deploymentUi } = api.hooks;
    const echo = api.log.echo;
    api.log.echo = (line) => {
      lines.push(line);
      echo?.(line);
    };
    restore = async () => {
      Object.assign(api.hooks, { pickFlow, ui, deploymentUi });
      api.log.echo = echo;
      await vscode.workspace
        .getConfiguration('thingsStack')
        .update('deployments', saved, vscode.ConfigurationTarget.Global);
    };
  });
  after(() => restore());

  /** Add Deployment's prompts answered in order, and "Sign In" pressed on every message that offers it. */
  async function answering(...answers: string[]): Promise<{ refused: string[] }> {
    const api = await extensionApi();
    const { ui, refused } = answeringUi(api.formatters.defaultUi, answers, {
      info: async (message: string, ...actions: string[]): Promise<string | undefined> => {
        shown.push(message);
        return actions.includes('Sign In') ? 'Sign In' : undefined;
      },
    });
    api.hooks.deploymentUi = ui;
    api.hooks.pickFlow = (flows) => flows.find((f) => f.id === 'api-key') ?? flows[0];
    api.hooks.ui = (name) => ({ ...vscodeSignInUi(name), askApiKey: async () => undefined });
    return { refused };
  }

  const cancelledSince = (from: number): boolean =>
    lines.slice(from).some((l) => l.includes('Sign-in to Second stack cancelled.'));

  it('adds a deployment under a new URL, and "Sign In" starts the sign-in to that one', async () => {
    const url = `${testServer().url}/second-stack`;
    const { refused } = await answering('Self-hosted or other URL…', url, 'Second stack');
    const from = lines.length;
    await vscode.commands.executeCommand('thingsStack.addDeployment');
    const configured = vscode.workspace.getConfiguration('thingsStack').inspect('deployments')?.globalValue;
    assert.ok(
      (configured as { name: string; url: string }[]).some((d) => d.name === 'Second stack' && d.url === url),
      JSON.stringify(configured),
    );
    assert.deepEqual(refused, [], 'every answer is accepted');
    assert.ok(shown.includes('Added Second stack.'), shown.join(' | '));
    await waitFor('the sign-in that "Sign In" started to end', () => cancelledSince(from) || undefined);
    assert.doesNotMatch(lines.slice(from).join('\n'), /failed unexpectedly|Something went wrong/);
    const api = await extensionApi();
    assert.ok(
      api.accounts.deployments().some((d) => d.name === 'Second stack'),
      'the new deployment is known to the accounts',
    );
  });

  it('does not add a URL twice: it says which deployment has it', async () => {
    const before = vscode.workspace.getConfiguration('thingsStack').inspect('deployments')?.globalValue;
    await answering('Self-hosted or other URL…', `${testServer().url}/second-stack`, 'Again');
    shown.length = 0;
    const from = lines.length;
    await vscode.commands.executeCommand('thingsStack.addDeployment');
    assert.deepEqual(vscode.workspace.getConfiguration('thingsStack').inspect('deployments')?.globalValue, before);
    assert.deepEqual(shown, ['"Second stack" is already configured.']);
    await waitFor('its "Sign In" to end', () => cancelledSince(from) || undefined);
  });
});

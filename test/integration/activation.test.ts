import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, PROVIDER_ID } from './api';

describe('activation', () => {
  it('activates lazily (no * or startup activation) and returns its test API', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const events = (extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), JSON.stringify(events));
    const api = await extensionApi();
    assert.ok(api.provider);
    assert.ok(extension.isActive);
  });

  it('registers the authentication provider: a silent getSession answers without a prompt', async () => {
    const session = await vscode.authentication.getSession(PROVIDER_ID, ['deployment:nowhere.example'], {
      silent: true,
    });
    assert.equal(session, undefined);
  });

  it('registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (
      extension.packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
    assert.ok(contributed.length >= 9);
  });

  it("finds a handler in the extension's command table for every contributed command (none is run)", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (
      extension.packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands.map((c) => c.command);
    const { commands } = await extensionApi();
    // The lookup a registered command makes when it runs (commands/vscode/register.ts).
    assert.deepEqual(
      contributed.filter((id) => typeof commands.resolve(id)?.handler !== 'function'),
      [],
      'contributed without a handler',
    );
    assert.deepEqual(
      commands.ids().filter((id) => !contributed.includes(id)),
      [],
      'handled but not contributed',
    );
  });
});

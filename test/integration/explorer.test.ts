import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/explorer/nodeTypes';
import { extensionApi, waitFor } from './api';

// The explorer's model in the extension host, filled from the TTS test server (tree.test.ts reads the real
// TreeView back from the screen; the provider's own getChildren is VS Code's to call).
describe('explorer', () => {
  async function children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return (await extensionApi()).explorer.children(node);
  }
  async function label(node: ExplorerNode): Promise<string> {
    const item = (await extensionApi()).tree.getTreeItem(node);
    return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  }

  it("shows the deployment with OAuth Clients, Applications and the account's rows once signed in", async () => {
    const roots = await waitFor('the deployment node', async () => {
      const nodes = await children();
      return nodes.some((n) => n.kind === 'deployment') ? nodes : undefined;
    });
    const deployment = roots.find((n) => n.kind === 'deployment')!;
    assert.equal(await label(deployment), 'Local test stack');
    const sections = await children(deployment);
    assert.deepEqual(await Promise.all(sections.map(label)), [
      'OAuth Clients',
      'Applications',
      'Organizations',
      'Authorized Apps',
      'Your API Keys',
    ]);
  });

  it("lists the user's applications from the server, grouped by owner", async () => {
    const [deployment] = (await children()).filter((n) => n.kind === 'deployment');
    const applications = (await children(deployment)).find(
      (n) => n.kind === 'section' && n.section === 'applications',
    )!;
    const owners = await children(applications);
    assert.ok(owners.length >= 2, 'the user and an organization');
    assert.equal(owners[0].kind === 'owner' && owners[0].isSelf, true, 'the user first');
    const apps = await children(owners[0]);
    const ids = apps
      .filter((n) => n.kind === 'application')
      .map((n) => (n.kind === 'application' ? n.applicationId : ''));
    assert.ok(ids.includes('alice-sensors'), JSON.stringify(ids));
    const item = (await extensionApi()).tree.getTreeItem(apps.find((n) => n.kind === 'application')!);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.ok(item.contextValue);
  });

  it('expands an OAuth client into its properties', async () => {
    const [deployment] = (await children()).filter((n) => n.kind === 'deployment');
    const clients = (await children(deployment)).find((n) => n.kind === 'section' && n.section === 'clients')!;
    const [self] = await children(clients);
    const client = (await children(self)).find((n) => n.kind === 'client')!;
    assert.ok(client, 'the user has a client');
    const kinds = new Set((await children(client)).map((n) => n.kind));
    for (const kind of ['property', 'uriList', 'rights', 'secret', 'collaborators']) {
      assert.ok(kinds.has(kind as ExplorerNode['kind']), `has ${kind}: ${[...kinds].join(',')}`);
    }
  });
});

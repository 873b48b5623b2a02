import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerModel } from '../../src/explorer/model';
import type { ExplorerNode } from '../../src/explorer/nodeTypes';
import type { Row } from '../support/screen';
import { extensionApi, testServer, waitFor } from './api';
import { screenRows, screenUrl } from './screen';
import { under } from '../support/treeRows';

// The real TreeView in the workbench, read back from the screen: expand every kind of node, refresh each, create,
// delete, restore, Load more and filter, and check the rows the user sees (and, through the tripwire, that no
// error notification appeared).
describe('explorer tree as shown', () => {
  let model: ExplorerModel;
  let view: vscode.TreeView<ExplorerNode>;
  const key = (): string => testServer().key;
  const text = (rows: Row[]): string[] =>
    rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}${r.description ? ` — ${r.description}` : ''}`);

  /** The node at a path of `kind:id` keys (as the explorer fixture names them), through the model. */
  async function nodeAt(...path: string[]): Promise<ExplorerNode> {
    let node: ExplorerNode | undefined;
    for (const segment of path) {
      const children: ExplorerNode[] = await model.children(node);
      node = children.find((c) => keyOf(c) === segment);
      assert.ok(node, `no ${segment} under ${path.join(' / ')}: ${children.map(keyOf).join(', ')}`);
    }
    return node!;
  }
  function keyOf(n: ExplorerNode): string {
    switch (n.kind) {
      case 'section':
        return `section:${n.section}`;
      case 'owner':
        return `owner:${n.owner.kind}:${n.owner.id}`;
      case 'client':
        return `client:${n.clientId}`;
      case 'application':
        return `application:${n.applicationId}`;
      case 'property':
        return `property:${n.property}`;
      default:
        return n.kind;
    }
  }
  async function expand(node: ExplorerNode): Promise<void> {
    await view.reveal(node, { expand: true, select: false, focus: false });
  }
  /** Polls the screen until `check` passes (the tree renders asynchronously); returns the rows. */
  async function rowsWhen(what: string, check: (rows: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
    let last: string[] = [];
    try {
      await waitFor(
        what,
        async () => {
          last = text(await screenRows());
          return check(last) || undefined;
        },
        timeoutMs,
      );
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the rows:\n${last.join('\n')}`);
    }
    return last;
  }
  /** The rows once they stop changing for a second. */
  async function stableRows(): Promise<string[]> {
    let last = text(await screenRows());
    for (let same = 0; same < 5;) {
      await new Promise((r) => setTimeout(r, 200));
      const now = text(await screenRows());
      same = now.join('\n') === last.join('\n') ? same + 1 : 0;
      last = now;
    }
    return last;
  }

  before(async function () {
    if (!screenUrl()) {
      this.skip(); // desktop VS Code: no screen reader
    }
    const api = await extensionApi();
    model = api.explorer;
    view = api.treeView;
    await vscode.commands.executeCommand('workbench.view.extension.thingsStack');
    await rowsWhen('the deployment row', (rows) => rows.some((r) => r.startsWith('Local test stack')));
  });

  let expanded: string[] = [];

  it('shows every kind of node as it is expanded', async () => {
    const clients = await nodeAt('deployment', 'section:clients');
    const apps = await nodeAt('deployment', 'section:applications');
    for (const path of [
      ['deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard', 'rights'],
      ['deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard', 'collaborators'],
      ['deployment', 'section:clients', 'deleted'],
      ['deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors', 'apiKeys'],
      ['deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors', 'devices'],
      ['deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors', 'collaborators'],
    ]) {
      await expand(await nodeAt(...path));
    }
    assert.ok(clients && apps);
    expanded = await rowsWhen(
      'the expanded tree',
      (rows) =>
        under(rows, 'Sensors').length >= 8 &&
        under(rows, 'End Devices').length >= 3 &&
        under(rows, 'Rights').length > 0 &&
        under(rows, 'Collaborators').length > 0 &&
        rows.some((r) => r.trim().startsWith('Recently Deleted')),
    );
    expanded = await stableRows(); // counts arrive after their lists
    const app = under(expanded, 'Sensors');
    assert.deepEqual(
      app.slice(0, 5).map((r) => r.split(' — ')[0]),
      ['ID', 'Name', 'Description', 'Created', 'Updated'],
      app.join('\n'),
    );
    assert.ok(app[0].endsWith('— alice-sensors'));
    assert.match(app.find((r) => r.startsWith('End Devices')) ?? '', /— \d+ devices?/);
  });

  it('refreshing each kind of node keeps the rows the user sees', async () => {
    const targets: [string, string[]][] = [
      ['the deployment', ['deployment']],
      ['OAuth Clients', ['deployment', 'section:clients']],
      ['an owner of clients', ['deployment', 'section:clients', 'owner:user:alice']],
      ['a client', ['deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard']],
      ['its rights', ['deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard', 'rights']],
      [
        'its collaborators',
        ['deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard', 'collaborators'],
      ],
      ['Recently Deleted', ['deployment', 'section:clients', 'deleted']],
      ['Applications', ['deployment', 'section:applications']],
      ['an owner of applications', ['deployment', 'section:applications', 'owner:user:alice']],
      ['an application', ['deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors']],
      [
        'its API keys',
        ['deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors', 'apiKeys'],
      ],
      [
        'its end devices',
        ['deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors', 'devices'],
      ],
    ];
    for (const [name, path] of targets) {
      await vscode.commands.executeCommand('thingsStack.refresh', await nodeAt(...path));
      await new Promise((r) => setTimeout(r, 400));
      const rows = await rowsWhen(
        `the rows after refreshing ${name}`,
        (now) => now.join('\n') === expanded.join('\n'),
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\nexpected:\n${expanded.join('\n')}`);
      });
      assert.deepEqual(rows, expanded, name);
    }
    // The view's own Refresh (everything).
    await vscode.commands.executeCommand('thingsStack.refresh');
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(
      await rowsWhen('the rows after Refresh', (now) => now.join('\n') === expanded.join('\n')),
      expanded,
    );
  });

  it('shows a created client, moves a deleted one to Recently Deleted and back on restore', async () => {
    const account = (await extensionApi()).accounts.account(key());
    assert.ok(account);
    await account.api.clients.create(
      { kind: 'user', id: 'alice' },
      {
        ids: { client_id: 'alice-tree-test' },
        name: 'Tree test',
        redirect_uris: ['https://tree.example.com/callback'],
        grants: ['GRANT_AUTHORIZATION_CODE'],
        rights: ['RIGHT_USER_INFO'],
      },
    );
    model.refreshSection(key(), 'clients'); // what Create OAuth Client does after the server said yes
    let rows = await rowsWhen('the new client under alice', (now) =>
      under(now, 'alice').some((r) => r.startsWith('Tree test')),
    );
    assert.ok(!under(rows, 'Recently Deleted').some((r) => r.startsWith('Tree test')));
    await account.api.clients.delete('alice-tree-test');
    model.refreshSection(key(), 'clients');
    rows = await rowsWhen(
      'the deleted client under Recently Deleted',
      (now) =>
        under(now, 'Recently Deleted').some((r) => r.startsWith('Tree test')) &&
        !under(now, 'alice').some((r) => r.startsWith('Tree test')),
    );
    const deleted = model.find((n) => n.kind === 'client' && n.clientId === 'alice-tree-test' && n.deleted)[0];
    assert.ok(deleted);
    await vscode.commands.executeCommand('thingsStack.restoreClient', deleted);
    rows = await rowsWhen(
      'the restored client under alice again',
      (now) =>
        under(now, 'alice').some((r) => r.startsWith('Tree test')) &&
        !under(now, 'Recently Deleted').some((r) => r.startsWith('Tree test')),
    );
    await account.api.clients.delete('alice-tree-test');
    model.refreshSection(key(), 'clients');
    await rowsWhen('the client gone again', (now) => !under(now, 'alice').some((r) => r.startsWith('Tree test')));
  });

  it('Load more adds the next page once; a filter shows only matches and clears', async () => {
    const config = vscode.workspace.getConfiguration('thingsStack');
    await config.update('pageSize', 1, vscode.ConfigurationTarget.Global);
    try {
      // A new page size starts the tree over; expand the user's applications again.
      await new Promise((r) => setTimeout(r, 500));
      await expand(await nodeAt('deployment', 'section:applications', 'owner:user:alice'));
      let rows = await rowsWhen('one application and Load More', (now) => {
        const apps = under(now, 'Applications');
        const alice =
          apps.length > 0 ? under(now.slice(now.findIndex((r) => r.trim().startsWith('Applications'))), 'alice') : [];
        return alice.length === 2 && alice[1].startsWith('Load More');
      });
      const more = model.find(
        (n) => n.kind === 'loadMore' && n.parentId?.endsWith('/applications/o:user:alice') === true,
      )[0];
      assert.ok(more);
      await vscode.commands.executeCommand('thingsStack.loadMore', more);
      rows = await rowsWhen('two applications', (now) => {
        const alice = under(now.slice(now.findIndex((r) => r.trim().startsWith('Applications'))), 'alice');
        return alice.filter((r) => !r.startsWith('Load More')).length === 2;
      });
      const alice = under(rows.slice(rows.findIndex((r) => r.trim().startsWith('Applications'))), 'alice');
      assert.equal(new Set(alice).size, alice.length, 'each row once');
    } finally {
      await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
    await new Promise((r) => setTimeout(r, 500));
    await expand(await nodeAt('deployment', 'section:applications'));
    model.setFilter(key(), 'applications', 'tracker'); // what Filter… does with the text typed
    let rows = await rowsWhen('only the match', (now) => {
      const shown = under(now, 'Applications');
      return shown.length === 1 && shown[0].includes('alice-tracker');
    });
    model.setFilter(key(), 'applications', undefined);
    rows = await rowsWhen('the owners again', (now) => under(now, 'Applications').some((r) => r.startsWith('alice')));
    assert.ok(under(rows, 'Applications').some((r) => r.startsWith('Recently Deleted')));
  });
});

// Refresh, create, delete, restore, Load more and filter replayed against a fake of VS Code's extension-host tree
// (test/support/fakeTreeHost.ts): no id is ever registered twice and the rows come back as they should. The real
// TreeView is exercised by the extension-host suite (test/integration/tree.test.ts).
import { strict as assert } from 'node:assert';
import { ChangeLog } from '../../../src/explorer/changeLog';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { FakeTreeHost } from '../../support/fakeTreeHost';
import { explorerFixture, key, walk, type Fixture } from '../../support/explorerFixture';
import { under } from '../../support/treeRows';

/** The tree as ExplorerTreeProvider feeds it (with its ChangeLog), or without the guard. */
function host(f: Fixture, guarded = true): FakeTreeHost<ExplorerNode> {
  const changes = new ChangeLog();
  const listeners: ((n: ExplorerNode | undefined) => void)[] = [];
  f.model.onDidChange((n) => {
    changes.record(n?.id);
    listeners.forEach((l) => l(n));
  });
  return new FakeTreeHost<ExplorerNode>({
    id: (n) => n.id,
    label: key,
    children: (n) => (guarded ? changes.current(n?.id, () => f.model.children(n)) : f.model.children(n)),
    onDidChange: (l) => listeners.push(l),
  });
}

/** Expands every row that has children, down to `depth` levels, as a user clicking through would. */
async function expandAll(tree: FakeTreeHost<ExplorerNode>, f: Fixture, depth: number): Promise<void> {
  for (let level = 0; level < depth; level++) {
    for (const node of f.model.find(() => true)) {
      if (
        ![
          'property',
          'uri',
          'right',
          'secret',
          'apiKey',
          'device',
          'collaborator',
          'message',
          'error',
          'loadMore',
        ].includes(node.kind) &&
        !(node.kind === 'client' || node.kind === 'application' ? node.deleted : false)
      ) {
        tree.expanded.add(node.id);
      }
    }
    await tree.rows();
    await tree.settle(); // counts arrive after the lists
  }
}

describe('explorer tree refresh (fake extension host)', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  it('refreshing each kind of node with its children expanded shows the same rows, each id once', async () => {
    f = await explorerFixture();
    const tree = host(f);
    await expandAll(tree, f, 6);
    const before = await tree.rows();
    assert.ok(before.includes('        property:created_at'), 'an application expanded into its properties');
    const kinds = new Set<string>();
    for (const node of f.model.find((n) => tree.expanded.has(n.id))) {
      if (kinds.has(node.kind)) {
        continue;
      }
      kinds.add(node.kind);
      f.model.refresh(f.model.get(node.id));
      await tree.settle();
      assert.deepEqual(tree.errors, [], `refresh of a ${node.kind}`);
      assert.deepEqual(await tree.rows(), before, `rows after refreshing a ${node.kind}`);
    }
    assert.ok(kinds.size >= 10, [...kinds].join(','));
    f.model.refresh();
    await tree.settle();
    assert.deepEqual(await tree.rows(), before, 'after Refresh of the whole view');
    assert.deepEqual(tree.errors, []);
  });

  it('a refresh that overtakes a slow load registers nothing twice (and does without the guard)', async () => {
    for (const guarded of [true, false]) {
      f = await explorerFixture();
      const tree = host(f, guarded);
      await expandAll(tree, f, 4);
      const before = await tree.rows();
      f.server.knobs.latencyMs = 40;
      const section = await walk(f, 'deployment', 'section:clients');
      f.model.refresh(section);
      await new Promise((r) => setTimeout(r, 60)); // the owners' lists are loading
      f.model.refresh(section);
      await new Promise((r) => setTimeout(r, 20));
      f.model.refreshSection(f.deployment.key, 'clients'); // as after a create
      await tree.settle();
      await new Promise((r) => setTimeout(r, 300));
      await tree.settle();
      f.server.knobs.latencyMs = 0;
      if (guarded) {
        assert.deepEqual(tree.errors, []);
        assert.deepEqual(await tree.rows(), before);
      } else {
        assert.match(
          tree.errors.join('\n'),
          /Element with id .*clients\/o:user:alice\/.* is already registered/,
          'the race this guards against',
        );
      }
      await f.close();
    }
  });

  it('create, delete, restore, Load more and filter: rows follow, each id once', async () => {
    f = await explorerFixture({ pageSize: 2 });
    f.server.seed.clients('alice', 3, { prefix: 'extra' });
    const tree = host(f);
    await expandAll(tree, f, 4);
    const owner = await walk(f, 'deployment', 'section:clients', 'owner:user:alice');
    const shown = under(await tree.rows(), 'owner:user:alice');
    assert.equal(shown.at(-1), 'loadMore', shown.join(','));
    // Load more, twice: the page after the last one adds nothing twice.
    for (let i = 0; i < 3; i++) {
      const more = f.model.find((n) => n.kind === 'loadMore' && n.parentId === owner.id)[0];
      if (more?.kind === 'loadMore') {
        await f.model.loadMore(more);
        await tree.settle();
      }
    }
    const all = under(await tree.rows(), 'owner:user:alice').filter((r) => r.startsWith('client:'));
    assert.equal(new Set(all).size, all.length);
    assert.ok(all.length >= 4, all.join(','));
    // Create: the section is refreshed as the command does.
    await f.account.api.clients.create(
      { kind: 'user', id: 'alice' },
      {
        ids: { client_id: 'alice-new-one' },
        name: 'New',
        redirect_uris: ['https://x.example/cb'],
        grants: ['GRANT_AUTHORIZATION_CODE'],
        rights: ['RIGHT_USER_INFO'],
      },
    );
    f.model.refreshSection(f.deployment.key, 'clients');
    await tree.settle();
    // Delete, then restore.
    await f.account.api.clients.delete('extra-0001');
    f.model.refreshSection(f.deployment.key, 'clients');
    await tree.settle();
    assert.ok(under(await tree.rows(), 'deleted').includes('client:extra-0001'), 'listed under Recently Deleted');
    assert.ok(!under(await tree.rows(), 'owner:user:alice').includes('client:extra-0001'), 'no longer under its owner');
    await f.account.api.clients.restore('extra-0001');
    f.model.refreshSection(f.deployment.key, 'clients');
    await tree.settle();
    // Filter and clear.
    f.model.setFilter(f.deployment.key, 'clients', 'extra');
    await tree.settle();
    const filtered = under(await tree.rows(), 'section:clients');
    assert.ok(
      filtered.length > 0 && filtered.every((r) => r.startsWith('client:extra-') || r === 'loadMore'),
      filtered.join(','),
    );
    f.model.setFilter(f.deployment.key, 'clients', undefined);
    await tree.settle();
    assert.deepEqual(tree.errors, []);
    assert.ok(
      under(await tree.rows(), 'owner:user:alice').includes('client:alice-new-one'),
      'the created client is listed',
    );
    const ids = f.model.find(() => true).map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length);
  });
});

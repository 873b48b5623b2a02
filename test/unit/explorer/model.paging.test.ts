// The explorer model against the TTS test server over HTTP: paging with "Load more" and the page size setting, and
// the filter (search endpoint, per deployment and section).
import { strict as assert } from 'node:assert';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { explorerFixture, keys, walk, type Fixture } from '../../support/explorerFixture';

describe('explorer model', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('paging', () => {
    beforeEach(async () => {
      f = await explorerFixture({ pageSize: 100 });
      f.server.seed.applications('alice', 248, { prefix: 'bulk' });
    });

    it('shows a page, then "Load more" until everything is loaded, with the total', async () => {
      const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
      let children = await f.model.children(owner);
      assert.equal(children.length, 101);
      const more = children[100];
      assert.ok(more.kind === 'loadMore' && more.loaded === 100 && more.total === 250);
      assert.equal(owner.kind === 'owner' && owner.total, 250, 'the count is known when the owner shows');
      const events: unknown[] = [];
      f.model.onDidChange((n) => events.push(n));
      await f.model.loadMore(more);
      assert.deepEqual(events, [undefined], 'the tree is told, from its root');
      children = await f.model.children(owner);
      assert.equal(children.length, 201);
      await f.model.loadMore(children[200] as Extract<ExplorerNode, { kind: 'loadMore' }>);
      children = await f.model.children(owner);
      assert.equal(children.length, 250);
      assert.ok(children.every((c) => c.kind === 'application'));
      const limits = f.server.requests
        .filter((r) => r.path.endsWith('/users/alice/applications'))
        .map((r) => `${r.query.page}/${r.query.limit}`);
      assert.deepEqual(limits, ['1/100', '2/100', '3/100']);
    });

    it('uses the page size setting', async () => {
      await f.close();
      f = await explorerFixture({ pageSize: 7 });
      const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
      const children = await f.model.children(owner);
      assert.equal(children.filter((c) => c.kind === 'application').length, 2, 'demo seed only');
      f.server.seed.applications('alice', 10, { prefix: 'more' });
      await f.model.refresh(owner);
      assert.equal((await f.model.children(owner)).length, 8);
    });
  });

  describe('filter', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('searches by ID, name or description through the search endpoint, flat, and clears', async () => {
      const section = await walk(f, 'deployment', 'section:clients');
      const events: unknown[] = [];
      f.model.onDidChange((n) => events.push(n));
      await f.model.setFilter(f.deployment.key, 'clients', 'dash');
      assert.deepEqual(events, [undefined]);
      assert.equal(section.kind === 'section' && section.filter, 'dash');
      assert.deepEqual(keys(await f.model.children(section)), ['client:alice-dashboard']);
      assert.ok(f.server.requests.some((r) => r.path === '/api/v3/search/clients' && r.query.query === 'dash'));
      await f.model.setFilter(f.deployment.key, 'clients', 'ACME');
      assert.deepEqual(keys(await f.model.children(section)), ['client:acme-portal']);
      await f.model.setFilter(f.deployment.key, 'clients', 'nothing-like-this');
      const empty = await f.model.children(section);
      assert.ok(
        empty.length === 1 &&
          empty[0].kind === 'message' &&
          /Nothing matches "nothing-like-this"/.test(empty[0].message),
      );
      await f.model.setFilter(f.deployment.key, 'clients', undefined);
      assert.equal(section.kind === 'section' && section.filter, undefined);
      assert.deepEqual(keys(await f.model.children(section)), [
        'owner:user:alice',
        'owner:organization:acme',
        'deleted',
      ]);
    });

    it('keeps filters per deployment and section', async () => {
      await f.model.setFilter(f.deployment.key, 'applications', 'fleet');
      assert.equal(f.model.filterOf(f.deployment.key, 'clients'), undefined);
      assert.deepEqual(keys(await f.model.children(await walk(f, 'deployment', 'section:applications'))), [
        'application:acme-fleet',
      ]);
    });
  });
});

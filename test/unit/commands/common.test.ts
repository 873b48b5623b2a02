// Shared commands: refresh, filter with type-ahead, load more, copy ID / value / JSON, JSON documents, Console links.
import { strict as assert } from 'node:assert';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { run } from '../../support/commandRunner';
import { explorerFixture, key, walk, type Fixture } from '../../support/explorerFixture';

describe('shared commands', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture({ pageSize: 2 });
  });
  afterEach(async () => f?.close());

  it('filters with type-ahead: picking an item filters by its ID, Enter filters by the text, and clears', async () => {
    const section = await walk(f, 'deployment', 'section:applications');
    await run(f, 'thingsStack.filter', [{ search: 'acme', choose: 'acme-parking' }], section);
    assert.equal(f.model.filterOf(f.deployment.key, 'applications'), 'acme-parking');
    assert.deepEqual((await f.model.children(section)).map(key), ['application:acme-parking']);
    await run(f, 'thingsStack.filter', [{ pick: 'Applications' }, { search: 'alice' }]);
    assert.deepEqual((await f.model.children(section)).map(key), [
      'application:alice-sensors',
      'application:alice-tracker',
    ]);
    await run(f, 'thingsStack.clearFilter', [], section);
    assert.equal(f.model.filterOf(f.deployment.key, 'applications'), undefined);
  });

  it('loads more from a "Load more" node and refreshes a node', async () => {
    f.server.seed.applications('alice', 1, { ids: ['alice-zz'] });
    const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
    const first = await f.model.children(owner);
    assert.equal(first.at(-1)?.kind, 'loadMore');
    await run(f, 'thingsStack.loadMore', [], first.at(-1));
    assert.deepEqual((await f.model.children(owner)).map(key), [
      'application:alice-sensors',
      'application:alice-tracker',
      'application:alice-zz',
    ]);
    f.server.seed.applications('alice', 1, { ids: ['alice-zzz'] });
    await run(f, 'thingsStack.refresh', [], owner);
    assert.equal((await f.model.children(owner)).at(-1)?.kind, 'loadMore');
  });

  it('Refresh All loads everything again, whatever row VS Code hands it (a title button gets the focused row)', async () => {
    const owner = async () =>
      (await walk(f, 'deployment', 'section:applications', 'owner:user:alice')) as ExplorerNode & { total?: number };
    const before = (await owner()).total ?? 0;
    const focused = await walk(f, 'deployment', 'section:clients', 'owner:user:alice');
    f.server.seed.applications('alice', 1, { ids: ['alice-new'] });
    await run(f, 'thingsStack.refresh', [], focused);
    assert.equal((await owner()).total, before, 'Refresh of a row reloads that row only');
    await run(f, 'thingsStack.refreshAll', [], focused);
    assert.equal((await owner()).total, before + 1);
  });

  it('copies IDs and values of any node', async () => {
    const client = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
    const props = await f.model.children(client);
    await run(
      f,
      'thingsStack.copyId',
      [],
      props.find((p) => key(p) === 'property:name'),
    );
    await run(
      f,
      'thingsStack.copyValue',
      [],
      props.find((p) => key(p) === 'property:name'),
    );
    const device = (
      await f.model.children(
        await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors', 'devices'),
      )
    )[0];
    await run(f, 'thingsStack.copyId', [], device);
    await run(f, 'thingsStack.copyId', [{ pick: 'Application' }, { search: '', choose: 'alice-tracker' }]);
    assert.deepEqual(f.ui.clipboard, ['alice-tracker']);
  });

  it('copies and shows JSON fetched fresh, never with a secret', async () => {
    const client = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
    await run(f, 'thingsStack.copyAsJson', [], client);
    const json = JSON.parse(f.ui.clipboard[0]) as Record<string, unknown>;
    assert.equal((json.ids as { client_id: string }).client_id, 'alice-dashboard');
    assert.deepEqual(json.redirect_uris, ['http://127.0.0.1/callback']);
    assert.equal('secret' in json, false);
    assert.ok(!f.ui.clipboard[0].includes('alice-dashboard-secret'));
    await run(f, 'thingsStack.showJson', [{ pick: 'Application' }, { search: '', choose: 'alice-sensors' }]);
    assert.equal(f.ui.documents[0].title, 'application alice-sensors');
  });

  it('opens deployment-aware Console links', async () => {
    const nodes: ExplorerNode[] = [
      await walk(f, 'deployment', 'section:clients'),
      await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard'),
      await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors'),
    ];
    const devices = (await f.model.children(nodes[2])).find((n) => n.kind === 'devices')!;
    nodes.push(devices, (await f.model.children(devices))[0]);
    const opened: string[] = [];
    for (const node of nodes) {
      await run(f, 'thingsStack.openInConsole', [], node);
      opened.push(...f.ui.opened);
    }
    await run(f, 'thingsStack.openInConsole', [{ pick: 'OAuth Client' }, { search: 'acme', choose: 'acme-portal' }]);
    opened.push(...f.ui.opened);
    const c = `${f.server.url}/console`;
    assert.deepEqual(opened, [
      `${c}/user-settings/oauth-clients`,
      `${c}/user-settings/oauth-clients/alice-dashboard`,
      `${c}/applications/alice-sensors`,
      `${c}/applications/alice-sensors/devices`,
      `${c}/applications/alice-sensors/devices/device-0001`,
      `${c}/user-settings/oauth-clients/acme-portal`,
    ]);
  });

  it('asks the user to sign in first when nobody is', async () => {
    f.accounts.signOut(f.deployment.key);
    await run(f, 'thingsStack.createClient', []);
    assert.match(f.ui.text('error'), /Sign in to The Things Stack first/);
  });

  it('asks which deployment when signed in to several', async () => {
    const { accountFor } = await import('../../support/explorerFixture');
    const { resolveDeployment } = await import('../../../src/tts/deployments');
    const other = resolveDeployment({ name: 'Second', url: f.server.url.replace('127.0.0.1', 'localhost') });
    f.accounts.setDeployments([f.deployment, other]);
    f.accounts.signIn(accountFor(f.server, other, 'bob'));
    await run(f, 'thingsStack.copyId', [
      { pick: 'Second', expect: /Which deployment/ },
      { pick: 'Application' },
      { search: '', choose: 'bob-weather' },
    ]);
    assert.deepEqual(f.ui.clipboard, ['bob-weather']);
  });
});

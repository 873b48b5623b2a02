// The explorer model against the TTS test server over HTTP: owners, paging with "Load more", filter, refresh,
// lazy loading, error and empty states, and change events.
import { strict as assert } from 'node:assert';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { explorerFixture, key, walk, type Fixture } from '../../support/explorerFixture';

const keys = (nodes: ExplorerNode[]): string[] => nodes.map(key);

describe('explorer model', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('structure', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('shows one node per deployment, then OAuth Clients and Applications', async () => {
      const roots = await f.model.children();
      assert.deepEqual(keys(roots), ['deployment']);
      assert.equal(roots[0].kind === 'deployment' && roots[0].accountLabel, 'alice · Local');
      assert.deepEqual(keys(await f.model.children(roots[0])), ['section:clients', 'section:applications']);
    });

    it('groups by owner: the user first, then each organization, then Recently Deleted', async () => {
      const clients = await walk(f, 'deployment', 'section:clients');
      assert.deepEqual(keys(await f.model.children(clients)), [
        'owner:user:alice',
        'owner:organization:acme',
        'deleted',
      ]);
      const apps = await walk(f, 'deployment', 'section:applications');
      const owners = await f.model.children(apps);
      assert.equal(owners[1].kind === 'owner' && owners[1].label, 'ACME Corp');
    });

    it("lists each owner's own clients and applications", async () => {
      assert.deepEqual(
        keys(await f.model.children(await walk(f, 'deployment', 'section:clients', 'owner:user:alice'))),
        ['client:alice-dashboard', 'client:vscode-ext'],
      );
      assert.deepEqual(
        keys(await f.model.children(await walk(f, 'deployment', 'section:clients', 'owner:organization:acme'))),
        ['client:acme-portal'],
      );
      assert.deepEqual(
        keys(await f.model.children(await walk(f, 'deployment', 'section:applications', 'owner:user:alice'))),
        ['application:alice-sensors', 'application:alice-tracker'],
      );
      assert.deepEqual(
        keys(await f.model.children(await walk(f, 'deployment', 'section:applications', 'owner:organization:acme'))),
        ['application:acme-fleet', 'application:acme-parking'],
      );
    });

    it('expands a client into its properties, URIs, grants, grouped rights, masked secret and collaborators', async () => {
      const client = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
      const children = await f.model.children(client);
      assert.deepEqual(keys(children), [
        'property:id',
        'property:name',
        'property:description',
        'property:state',
        'uriList:redirect_uris',
        'uriList:logout_redirect_uris',
        'property:grants',
        'rights',
        'property:skip_authorization',
        'property:endorsed',
        'secret',
        'collaborators',
      ]);
      const state = children.find((c) => key(c) === 'property:state');
      assert.match(state?.kind === 'property' ? state.value : '', /^Requested — awaiting admin approval/);
      const grants = children.find((c) => key(c) === 'property:grants');
      assert.equal(grants?.kind === 'property' && grants.value, 'Authorization code, Refresh token');
      assert.equal(grants?.kind === 'property' && grants.editable, false, 'only admins edit grants');
      const uris = await f.model.children(children[4]);
      assert.deepEqual(keys(uris), ['uri:http://127.0.0.1/callback']);
      const secret = children.find((c) => c.kind === 'secret');
      assert.equal(secret?.kind === 'secret' && secret.stored, false);
      const rights = await f.model.children(children[7]);
      assert.deepEqual(keys(rights), ['rightGroup:user', 'rightGroup:application']);
      const app = rights[1];
      assert.ok(app.kind === 'rightGroup' && app.summary.all && app.summary.held === app.summary.total);
      assert.deepEqual(keys(await f.model.children(app)), ['right:RIGHT_APPLICATION_ALL']);
      assert.deepEqual(keys(await f.model.children(children[11])), ['collaborator:user:alice']);
    });

    it('marks the secret as stored when VS Code has it', async () => {
      await f.accounts.storeClientSecret(f.deployment.key, 'alice-dashboard', 'alice-dashboard-secret');
      const client = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
      const secret = (await f.model.children(client)).find((c) => c.kind === 'secret');
      assert.equal(secret?.kind === 'secret' && secret.stored, true);
    });

    it('expands an application into its properties, API keys (name, rights, expiry), collaborators and end devices with a count', async () => {
      f.server.seed.apiKeys('alice-sensors', 2, { rights: ['RIGHT_APPLICATION_TRAFFIC_READ'], name: 'mqtt' });
      const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors');
      const children = await f.model.children(app);
      assert.deepEqual(keys(children), [
        'property:id',
        'property:name',
        'property:description',
        'property:created_at',
        'property:updated_at',
        'apiKeys',
        'collaborators',
        'devices',
        'formatters',
      ]);
      const stored = f.server.state.applications.get('alice-sensors')!;
      const props = Object.fromEntries(children.flatMap((c) => (c.kind === 'property' ? [[c.property, c]] : [])));
      assert.equal(props.id.value, 'alice-sensors');
      assert.equal(props.name.value, stored.name);
      assert.ok(props.name.editable && props.description.editable && !props.id.editable && !props.created_at.editable);
      assert.match(props.created_at.value, /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      const [apiKeysNode, , devicesNode] = children.slice(5);
      // The device count shows before End Devices is expanded.
      assert.equal(devicesNode.kind === 'devices' && devicesNode.total, 3);
      const apiKeys = await f.model.children(apiKeysNode);
      assert.equal(apiKeys.length, 2);
      assert.ok(
        apiKeys[0].kind === 'apiKey' &&
          apiKeys[0].key.name === 'mqtt' &&
          apiKeys[0].key.rights?.[0] === 'RIGHT_APPLICATION_TRAFFIC_READ',
      );
      const devices = await f.model.children(devicesNode);
      assert.deepEqual(keys(devices), ['device:device-0001', 'device:device-0002', 'device:device-0003']);
    });

    it('shows empty states', async () => {
      const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
      const devices = (await f.model.children(app)).find((n) => n.kind === 'devices')!;
      const children = await f.model.children(devices);
      assert.deepEqual(keys(children), ['message']);
      assert.equal(children[0].kind === 'message' && children[0].message, 'No end devices');
    });

    it('offers to create the first client of an owner that has none', async () => {
      const owner = await walk(f, 'deployment', 'section:clients', 'owner:organization:acme');
      f.server.state.clients.delete('acme-portal');
      f.model.refresh(owner);
      const [empty] = await f.model.children(owner);
      assert.ok(
        empty.kind === 'message' && empty.command === 'thingsStack.createClient' && empty.commandArgs?.[0] === owner,
      );
      assert.equal(empty.kind === 'message' && empty.message, 'No OAuth clients yet: create one');
    });

    it('loads nothing until a node is expanded', async () => {
      const before = f.server.requests.length;
      await f.model.children();
      await walk(f, 'deployment', 'section:clients');
      assert.equal(f.server.requests.length, before, 'sections need no request');
      await f.model.children(await walk(f, 'deployment', 'section:clients'));
      assert.ok(
        f.server.requests.slice(before).every((r) => r.path.endsWith('/organizations')),
        'owners only',
      );
    });
  });

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
      await new Promise((r) => setImmediate(r));
      assert.equal(owner.kind === 'owner' && owner.total, 250);
      const events: (ExplorerNode | undefined)[] = [];
      f.model.onDidChange((n) => events.push(n));
      await f.model.loadMore(more);
      assert.equal(events[0], owner, 'the owner node is told to refresh');
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
      f.model.refresh(owner);
      assert.equal((await f.model.children(owner)).length, 8);
    });
  });

  describe('filter', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('searches by ID, name or description through the search endpoint, flat, and clears', async () => {
      const section = await walk(f, 'deployment', 'section:clients');
      const events: (ExplorerNode | undefined)[] = [];
      f.model.onDidChange((n) => events.push(n));
      f.model.setFilter(f.deployment.key, 'clients', 'dash');
      assert.equal(events[0], section);
      assert.equal(section.kind === 'section' && section.filter, 'dash');
      assert.deepEqual(keys(await f.model.children(section)), ['client:alice-dashboard']);
      assert.ok(f.server.requests.some((r) => r.path === '/api/v3/search/clients' && r.query.query === 'dash'));
      f.model.setFilter(f.deployment.key, 'clients', 'ACME');
      assert.deepEqual(keys(await f.model.children(section)), ['client:acme-portal']);
      f.model.setFilter(f.deployment.key, 'clients', 'nothing-like-this');
      const empty = await f.model.children(section);
      assert.ok(
        empty.length === 1 &&
          empty[0].kind === 'message' &&
          /Nothing matches "nothing-like-this"/.test(empty[0].message),
      );
      f.model.setFilter(f.deployment.key, 'clients', undefined);
      assert.equal(section.kind === 'section' && section.filter, undefined);
      assert.deepEqual(keys(await f.model.children(section)), [
        'owner:user:alice',
        'owner:organization:acme',
        'deleted',
      ]);
    });

    it('keeps filters per deployment and section', async () => {
      f.model.setFilter(f.deployment.key, 'applications', 'fleet');
      assert.equal(f.model.filterOf(f.deployment.key, 'clients'), undefined);
      assert.deepEqual(keys(await f.model.children(await walk(f, 'deployment', 'section:applications'))), [
        'application:acme-fleet',
      ]);
    });
  });

  describe('refresh and errors', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('serves from cache until refreshed, per node and all', async () => {
      const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
      assert.equal((await f.model.children(owner)).length, 2);
      f.server.seed.applications('alice', 1, { ids: ['alice-new'] });
      assert.equal((await f.model.children(owner)).length, 2, 'cached');
      f.model.refresh(owner);
      assert.equal((await f.model.children(owner)).length, 3);
      f.server.seed.applications('alice', 1, { ids: ['alice-newer'] });
      const events: (ExplorerNode | undefined)[] = [];
      f.model.onDidChange((n) => events.push(n));
      f.model.refresh();
      assert.deepEqual(events, [undefined]);
      assert.equal(
        (await f.model.children(await walk(f, 'deployment', 'section:applications', 'owner:user:alice'))).length,
        4,
      );
    });

    it('shows a server error with its correlation id, and retries after a refresh', async () => {
      const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
      f.server.knobs.failNext({ status: 500, path: '/users/alice/applications' });
      const failed = await f.model.children(owner);
      assert.equal(failed.length, 1);
      assert.ok(failed[0].kind === 'error');
      assert.match(failed[0].message, /internal error \(correlation id [0-9a-f]{32}\)/);
      f.model.refresh(owner);
      assert.deepEqual(keys(await f.model.children(owner)), ['application:alice-sensors', 'application:alice-tracker']);
    });

    it('keeps the user as owner when the organizations cannot be listed', async () => {
      f.server.knobs.failNext({ status: 503, path: '/users/alice/organizations' });
      const children = await f.model.children(await walk(f, 'deployment', 'section:clients'));
      assert.deepEqual(keys(children), ['owner:user:alice', 'error', 'deleted']);
      assert.match(
        children[1].kind === 'error' ? children[1].message : '',
        /^Could not list your organizations: service unavailable/,
      );
    });

    it('shows a missing right by name', async () => {
      const app = await walk(
        f,
        'deployment',
        'section:applications',
        'owner:organization:acme',
        'application:acme-fleet',
      );
      f.server.seed.organization({ id: 'acme', name: 'ACME Corp', members: { alice: ['RIGHT_ORGANIZATION_INFO'] } });
      const devices = (await f.model.children(app)).find((n) => n.kind === 'devices')!;
      const children = await f.model.children(devices);
      assert.ok(children[0].kind === 'error');
      assert.match(children[0].message, /RIGHT_APPLICATION_DEVICES_READ/);
    });

    it('lists recently deleted entities', async () => {
      await f.account.api.applications.delete('alice-tracker');
      const deleted = await walk(f, 'deployment', 'section:applications', 'deleted');
      const children = await f.model.children(deleted);
      assert.deepEqual(keys(children), ['application:alice-tracker']);
      assert.ok(children[0].kind === 'application' && children[0].deleted);
      assert.deepEqual(await f.model.children(children[0]), [], 'deleted entities do not expand');
    });
  });

  describe('accounts', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('is empty while nobody is signed in (the welcome view shows), and refreshes on sign-in and sign-out', async () => {
      const events: (ExplorerNode | undefined)[] = [];
      f.model.onDidChange((n) => events.push(n));
      f.accounts.signOut(f.deployment.key);
      assert.deepEqual(await f.model.children(), []);
      assert.deepEqual(events, [undefined]);
      f.accounts.signIn(f.account);
      assert.equal((await f.model.children()).length, 1);
    });

    it('shows deployments that share an Identity Server once (TTN Sandbox clusters)', async () => {
      f.accounts.setDeployments([f.deployment, { ...f.deployment, name: 'Local (nam1)' }]);
      const roots = await f.model.children();
      assert.equal(roots.length, 1);
      assert.equal(roots[0].kind === 'deployment' && roots[0].name, 'Local / Local (nam1)');
    });

    it('does not redraw the tree when only a token was refreshed', async () => {
      const events: (ExplorerNode | undefined)[] = [];
      f.model.onDidChange((n) => events.push(n));
      f.accounts.fire();
      assert.deepEqual(events, []);
    });

    it('offers sign-in under a deployment that is signed out while another is signed in', async () => {
      const other = { ...f.deployment, key: 'other.example.com', name: 'Other' };
      f.accounts.setDeployments([f.deployment, other]);
      const roots = await f.model.children();
      assert.equal(roots.length, 2);
      const signIn = await f.model.children(roots[1]);
      assert.ok(signIn[0].kind === 'message' && signIn[0].command === 'thingsStack.signIn');
    });

    it('drops what belonged to the previous account when the account changes', async () => {
      const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
      await f.model.children(owner);
      const { accountFor } = await import('../../support/explorerFixture');
      f.accounts.signIn(accountFor(f.server, f.deployment, 'bob'));
      const section = await walk(f, 'deployment', 'section:applications');
      assert.deepEqual(keys(await f.model.children(section)), [
        'owner:user:bob',
        'owner:organization:lora-lab',
        'deleted',
      ]);
    });
  });
});

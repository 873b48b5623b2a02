// The explorer model against the TTS test server over HTTP: its structure — deployments, sections, owners, what a
// client or an application expands into, empty states and lazy loading. Paging and filter: model.paging.test.ts;
// refresh, errors and accounts: model.refresh.test.ts.
import { strict as assert } from 'node:assert';
import { explorerFixture, key, keys, walk, type Fixture } from '../../support/explorerFixture';

describe('explorer model', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('structure', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('shows one node per deployment, then OAuth Clients, Applications and the account side', async () => {
      const roots = await f.model.children();
      assert.deepEqual(keys(roots), ['deployment']);
      assert.equal(roots[0].kind === 'deployment' && roots[0].accountLabel, 'alice · Local');
      assert.deepEqual(keys(await f.model.children(roots[0])), [
        'section:clients',
        'section:applications',
        'section:organizations',
        'authorizations',
        'apiKeys',
      ]);
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
      await f.model.refresh(owner);
      const [empty] = await f.model.children(owner);
      assert.ok(
        empty.kind === 'message' && empty.command === 'thingsStack.createClient' && empty.commandArgs?.[0] === owner,
      );
      assert.equal(empty.kind === 'message' && empty.message, 'No OAuth clients yet: create one');
    });

    it('loads a level when it is expanded: its nodes and the first page of each list among them (their counts)', async () => {
      let before = f.server.requests.length;
      await f.model.children();
      await walk(f, 'deployment', 'section:clients');
      assert.deepEqual(
        f.server.requests
          .slice(before)
          .map((r) => r.path)
          .sort(),
        ['/api/v3/users/alice/api-keys'],
        'the deployment: the first page of your API keys (their count); sections and Authorized Apps load when expanded',
      );
      before = f.server.requests.length;
      const owners = await f.model.children(await walk(f, 'deployment', 'section:clients'));
      assert.deepEqual(
        f.server.requests
          .slice(before)
          .map((r) => `${r.path}${r.query.deleted ? ' (deleted)' : ''}`)
          .sort(),
        [
          '/api/v3/clients (deleted)',
          '/api/v3/organizations/acme/clients',
          '/api/v3/users/alice/clients',
          '/api/v3/users/alice/organizations',
        ],
        'the organizations, then one page per owner and of Recently Deleted; nothing deeper',
      );
      assert.deepEqual(
        owners.map((o) => (o.kind === 'owner' || o.kind === 'deleted' ? o.total : -1)),
        [2, 1, 0],
        'every count is known when the rows show',
      );
    });
  });
});

// The explorer model against the TTS test server over HTTP: the cache and refresh, error states, and what changes
// when accounts sign in, out or switch (change events).
import { strict as assert } from 'node:assert';
import { explorerFixture, keys, walk, type Fixture } from '../../support/explorerFixture';

describe('explorer model', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('refresh and errors', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('serves from cache until refreshed, per node and all', async () => {
      const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
      assert.equal((await f.model.children(owner)).length, 2);
      f.server.seed.applications('alice', 1, { ids: ['alice-new'] });
      assert.equal((await f.model.children(owner)).length, 2, 'cached');
      await f.model.refresh(owner);
      assert.equal((await f.model.children(owner)).length, 3);
      f.server.seed.applications('alice', 1, { ids: ['alice-newer'] });
      const events: unknown[] = [];
      f.model.onDidChange((n) => events.push(n));
      await f.model.refresh();
      assert.deepEqual(events, [undefined]);
      assert.equal(
        (await f.model.children(await walk(f, 'deployment', 'section:applications', 'owner:user:alice'))).length,
        4,
      );
    });

    it('shows a server error with its correlation id, and retries after a refresh', async () => {
      // An owner's first page loads with its section (for its count): the error shows when the owner expands.
      f.server.knobs.failNext({ status: 500, path: '/users/alice/applications' });
      const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
      assert.equal(owner.kind === 'owner' && owner.total, undefined, 'no count without a list');
      const failed = await f.model.children(owner);
      assert.equal(failed.length, 1);
      assert.ok(failed[0].kind === 'error');
      assert.match(failed[0].message, /internal error \(correlation id [0-9a-f]{32}\)/);
      await f.model.refresh(owner);
      assert.deepEqual(keys(await f.model.children(owner)), ['application:alice-sensors', 'application:alice-tracker']);
    });

    it('keeps the user as owner when the organizations cannot be listed', async () => {
      const section = await walk(f, 'deployment', 'section:clients');
      f.server.knobs.failNext({ status: 503, path: '/users/alice/organizations' });
      const children = await f.model.children(section);
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
      const events: unknown[] = [];
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
      const events: unknown[] = [];
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

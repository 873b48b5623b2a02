// Delete, restore and purge against the TTS test server: modal confirmations that say what cannot be undone,
// typing the ID for applications that are not pristine, refusing applications with devices before any request,
// the 24-hour restore window and admin-only purge.
import { strict as assert } from 'node:assert';
import { run, writes } from '../../support/commandRunner';
import { resolveDeployment } from '../../../src/tts/deployments';
import { accountFor, explorerFixture, walk, type Fixture } from '../../support/explorerFixture';

describe('delete, restore and purge', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('as a user', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('deletes a client after a modal that says the ID cannot be reused and restore lasts 24 hours', async () => {
      const client = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
      await run(
        f,
        'thingsStack.deleteClient',
        [{ confirm: true, expect: /Delete OAuth client "alice-dashboard"\?.*cannot be reused.*24 hours/s }],
        client,
      );
      assert.ok(f.server.state.clients.get('alice-dashboard')?.client.deleted_at);
      assert.match(f.ui.text('info'), /Deleted OAuth client "alice-dashboard"\. You can restore it/);
      const owner = await walk(f, 'deployment', 'section:clients', 'owner:user:alice');
      assert.ok(
        !(await f.model.children(owner)).some((c) => c.kind === 'client' && c.clientId === 'alice-dashboard'),
        'the tree is refreshed',
      );
    });

    it('deletes nothing when the modal is dismissed', async () => {
      const before = f.server.requests.length;
      await run(f, 'thingsStack.deleteClient', [{ search: '', choose: 'alice-dashboard' }, { confirm: false }]);
      assert.deepEqual(writes(f, before), []);
      assert.deepEqual(f.ui.messages, []);
    });

    it('restores from Recently Deleted (tree and palette)', async () => {
      await f.account.api.clients.delete('alice-dashboard');
      await f.account.api.applications.delete('alice-tracker');
      const deleted = await f.model.children(await walk(f, 'deployment', 'section:clients', 'deleted'));
      await run(f, 'thingsStack.restoreClient', [], deleted[0]);
      assert.equal(f.server.state.clients.get('alice-dashboard')?.client.deleted_at, undefined);
      await run(f, 'thingsStack.restoreApplication', [
        { search: '', choose: 'alice-tracker', expect: /Restore Which Recently Deleted Application/ },
      ]);
      assert.equal(f.server.state.applications.get('alice-tracker')?.deleted_at, undefined);
      assert.match(f.ui.text('info'), /Restored application "alice-tracker"/);
    });

    it('says there is nothing to restore', async () => {
      await run(f, 'thingsStack.restoreApplication', []);
      assert.match(f.ui.text('error'), /There is no recently deleted application on Local/);
    });

    it("shows the server's refusal after the restore window", async () => {
      await f.account.api.clients.delete('alice-dashboard');
      const [deleted] = await f.model.children(await walk(f, 'deployment', 'section:clients', 'deleted'));
      f.server.clock.advance(25 * 3_600_000);
      f.accounts.signIn(accountFor(f.server, f.deployment, 'alice')); // the old access token expired meanwhile
      await run(f, 'thingsStack.restoreClient', [], deleted);
      assert.match(f.ui.text('error'), /can no longer be restored \(correlation id [0-9a-f]+\)/);
    });

    it('refuses to delete an application that still has devices, before sending anything', async () => {
      const before = f.server.requests.length;
      await run(f, 'thingsStack.deleteApplication', [{ search: '', choose: 'alice-sensors' }]);
      assert.match(
        f.ui.text('error'),
        /^Application "alice-sensors" still has 3 end devices, and The Things Stack refuses to delete an application with devices\. Delete its end devices first/,
      );
      assert.deepEqual(writes(f, before), []);
    });

    it('asks for the ID to be typed when the application has other collaborators or API keys', async () => {
      f.server.seed.apiKeys('alice-tracker', 1);
      const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
      await run(
        f,
        'thingsStack.deleteApplication',
        [
          { confirm: true },
          {
            input: 'alice-track',
            invalid: /Type the ID "alice-tracker" exactly/,
            expect: /It has 1 API key\. Type "alice-tracker" to confirm/,
          },
          { input: '', invalid: /Type the ID "alice-tracker" exactly/ }, // an empty box cannot be accepted…
          { input: 'alice-tracker' },
        ],
        app,
      );
      assert.deepEqual(f.ui.openingChecks, ['']); // …but it opens neutral, not already red
      assert.ok(f.server.state.applications.get('alice-tracker')?.deleted_at);
      const fleet = await walk(
        f,
        'deployment',
        'section:applications',
        'owner:organization:acme',
        'application:acme-fleet',
      );
      await run(
        f,
        'thingsStack.deleteApplication',
        [{ confirm: true }, { cancel: true, expect: /1 other collaborator/ }],
        fleet,
      );
      assert.equal(f.server.state.applications.get('acme-fleet')?.deleted_at, undefined);
    });

    it('deletes a pristine application after the modal only', async () => {
      await run(f, 'thingsStack.deleteApplication', [
        { search: 'tracker', choose: 'alice-tracker' },
        { confirm: true, expect: /Integrations that use it stop working/ },
      ]);
      assert.ok(f.server.state.applications.get('alice-tracker')?.deleted_at);
    });

    it('offers purge only to admins', async () => {
      const before = f.server.requests.length;
      await run(f, 'thingsStack.purgeApplication', []);
      assert.match(f.ui.text('error'), /Only administrators of Local can purge applications/);
      assert.deepEqual(writes(f, before), []);
    });

    it('names the missing right before asking, and sends nothing, when the account may not delete', async () => {
      f.server.seed.organization({
        id: 'acme',
        name: 'ACME Corp',
        members: { alice: ['RIGHT_ORGANIZATION_INFO', 'RIGHT_ORGANIZATION_CLIENTS_LIST'] },
      });
      const before = f.server.requests.length;
      await run(f, 'thingsStack.deleteClient', [{ search: '', choose: 'acme-portal' }]);
      assert.deepEqual(writes(f, before), []);
      assert.match(
        f.ui.text('error'),
        /cannot delete OAuth client "acme-portal": it lacks RIGHT_CLIENT_DELETE \(the right to delete a client\) on OAuth client "acme-portal"/,
      );
    });

    it('shows a missing right by name when the server refuses a delete after all', async () => {
      f.server.knobs.failNext({ status: 403, method: 'DELETE', path: '/clients/alice-dashboard' });
      await run(f, 'thingsStack.deleteClient', [{ search: '', choose: 'alice-dashboard' }, { confirm: true }]);
      assert.match(f.ui.text('error'), /\(correlation id /);
      assert.ok(f.server.state.clients.has('alice-dashboard'), 'nothing deleted');
    });
  });

  describe('as an admin', () => {
    beforeEach(async () => {
      f = await explorerFixture({ user: 'admin' });
    });

    it('purges a deleted client after a modal that says it is final and the typed ID', async () => {
      await f.account.api.clients.delete('alice-dashboard');
      await run(f, 'thingsStack.purgeClient', [
        { search: '', choose: 'alice-dashboard' },
        { confirm: true, expect: /Purging is final: it cannot be restored/ },
        { input: 'alice-dashboard', expect: /cannot be undone/ },
      ]);
      assert.equal(f.server.state.clients.has('alice-dashboard'), false);
      assert.match(f.ui.text('info'), /Purged OAuth client "alice-dashboard"/);
    });

    it('refuses to purge an application with devices before any request', async () => {
      // The row the admin finds with a filter (the commands act only on rows the explorer handed out).
      await f.model.setFilter(f.deployment.key, 'applications', 'alice-sensors');
      const app = (await f.model.children(await walk(f, 'deployment', 'section:applications')))[0];
      assert.ok(app.kind === 'application' && app.applicationId === 'alice-sensors' && !app.deleted);
      const before = f.server.requests.length;
      await run(f, 'thingsStack.purgeApplication', [], app);
      assert.match(f.ui.text('error'), /still has 3 end devices.*refuses to purge/);
      assert.deepEqual(writes(f, before), []);
    });

    it('asks among admin accounts only: a deployment where the account is no admin is not offered', async () => {
      // A second deployment (the same stack under another host name) where alice, no admin, is signed in.
      const other = resolveDeployment({ name: 'Other', url: f.server.url.replace('127.0.0.1', 'localhost') });
      f.accounts.setDeployments([f.deployment, other]);
      f.accounts.signIn(accountFor(f.server, other, 'alice'));
      await f.account.api.clients.delete('alice-dashboard');
      await run(f, 'thingsStack.purgeClient', [
        { search: '', choose: 'alice-dashboard' },
        { confirm: true },
        { input: 'alice-dashboard' },
      ]);
      assert.equal(f.server.state.clients.has('alice-dashboard'), false);
    });

    it('purges nothing when the typed ID is cancelled', async () => {
      await f.account.api.applications.delete('alice-tracker');
      const before = f.server.requests.length;
      await run(f, 'thingsStack.purgeApplication', [
        { search: '', choose: 'alice-tracker' },
        { confirm: true },
        { cancel: true },
      ]);
      assert.deepEqual(writes(f, before), []);
      assert.ok(f.server.state.applications.has('alice-tracker'));
    });
  });
});

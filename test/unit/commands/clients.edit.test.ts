// OAuth client commands against the TTS test server with scripted input: edit — properties from the palette and
// from nodes, approve / reject (admins), redirect URIs inline, the stored secret, cancelling. Creating:
// clients.create.test.ts.
import { strict as assert } from 'node:assert';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, walk, type Fixture } from '../../support/explorerFixture';
import type { ScriptStep } from '../../support/scriptedUi';

describe('OAuth client commands', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('edit', () => {
    let client: ExplorerNode;
    beforeEach(async () => {
      f = await explorerFixture();
      client = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
    });

    it('edits the name from the palette, picking client and field', async () => {
      await run(f, 'thingsStack.editClient', [
        { search: '', choose: 'alice-dashboard', expect: /Edit Which OAuth Client/ },
        { pick: 'Name' },
        { input: 'Dashboard 2' },
      ]);
      assert.equal(f.server.state.clients.get('alice-dashboard')?.client.name, 'Dashboard 2');
      const shown = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
      assert.equal(shown.kind === 'client' && shown.client.name, 'Dashboard 2', 'the tree shows the new name');
    });

    it('edits a property straight from its node', async () => {
      const name = (await f.model.children(client)).find((c) => c.kind === 'property' && c.property === 'description');
      await run(f, 'thingsStack.editClient', [{ input: 'Shows sensor data of your applications.' }], name);
      assert.equal(
        f.server.state.clients.get('alice-dashboard')?.client.description,
        'Shows sensor data of your applications.',
      );
    });

    it('replaces redirect URIs and rights, reminding that users must authorize again', async () => {
      await run(
        f,
        'thingsStack.editClient',
        [{ pick: 'Redirect URIs' }, { input: 'https://dash.example.com/cb' }],
        client,
      );
      assert.deepEqual(f.server.state.clients.get('alice-dashboard')?.client.redirect_uris, [
        'https://dash.example.com/cb',
      ]);
      await run(
        f,
        'thingsStack.editClient',
        [{ pick: 'Rights' }, { pick: 'Sign-In Only' }, { pick: 'Keep These Rights' }],
        client,
      );
      assert.deepEqual(f.server.state.clients.get('alice-dashboard')?.client.rights, ['RIGHT_USER_INFO']);
      assert.match(f.ui.text('info'), /authorize the client again/);
    });

    it('offers grants and state only to admins', async () => {
      const grants = (await f.model.children(client)).find((c) => c.kind === 'property' && c.property === 'grants');
      await run(f, 'thingsStack.editClient', [], grants);
      assert.match(f.ui.text('error'), /Only administrators of Local can change the grants/);
      await run(f, 'thingsStack.editClient', [{ pick: 'Name', expect: /administrators/ }, { input: 'x' }], client);
      await run(f, 'thingsStack.approveClient', [], client);
      assert.match(f.ui.text('error'), /Only administrators of Local can approve OAuth clients/);
    });

    it('lets admins approve and reject with a state description, and change grants', async () => {
      await f.close();
      f = await explorerFixture({ user: 'admin' });
      await run(f, 'thingsStack.approveClient', [
        { search: 'dash', choose: 'alice-dashboard' },
        { input: 'Reviewed.' },
      ]);
      assert.equal(f.server.state.clients.get('alice-dashboard')?.client.state, 'STATE_APPROVED');
      assert.equal(f.server.state.clients.get('alice-dashboard')?.client.state_description, 'Reviewed.');
      await run(f, 'thingsStack.rejectClient', [
        { search: '', choose: 'alice-dashboard' },
        { input: '', advice: /Tell the owner why/ },
      ]);
      assert.equal(f.server.state.clients.get('alice-dashboard')?.client.state, 'STATE_REJECTED');
      await run(f, 'thingsStack.editClient', [
        { search: '', choose: 'alice-dashboard' },
        { pick: 'Grants' },
        { pickMany: ['Authorization code'] },
      ]);
      assert.deepEqual(f.server.state.clients.get('alice-dashboard')?.client.grants, ['GRANT_AUTHORIZATION_CODE']);
      await run(f, 'thingsStack.editClient', [
        { search: '', choose: 'alice-dashboard' },
        { pick: 'State' },
        { pick: 'Suspended' },
        { input: 'Abuse report.' },
      ]);
      assert.equal(f.server.state.clients.get('alice-dashboard')?.client.state, 'STATE_SUSPENDED');
      // TTS v3.32.1 answers 200 to an update of `endorsed` but keeps the old value: say so instead of "done".
      await run(f, 'thingsStack.editClient', [
        { search: '', choose: 'alice-dashboard' },
        { pick: 'Endorsed' },
        { pick: 'Yes' },
      ]);
      assert.equal(f.server.state.clients.get('alice-dashboard')?.client.endorsed ?? false, false);
      assert.match(f.ui.text('error'), /The Things Stack accepted the change but did not store: Endorsed\./);
    });

    it('adds and removes a redirect URI inline, refusing to remove the last one', async () => {
      const list = (await f.model.children(client)).find((c) => c.kind === 'uriList' && c.field === 'redirect_uris');
      await run(
        f,
        'thingsStack.addRedirectUri',
        [
          { input: 'http://127.0.0.1/callback', invalid: /already in the list/ },
          { input: 'https://dash.example.com/cb' },
        ],
        list,
      );
      assert.deepEqual(f.server.state.clients.get('alice-dashboard')?.client.redirect_uris, [
        'http://127.0.0.1/callback',
        'https://dash.example.com/cb',
      ]);
      client = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
      const uris = await f.model.children(
        (await f.model.children(client)).find((c) => c.kind === 'uriList' && c.field === 'redirect_uris'),
      );
      assert.equal(uris.length, 2, 'the tree shows the new URI');
      await run(
        f,
        'thingsStack.removeRedirectUri',
        [{ confirm: true, expect: /Sign-ins that send this redirect URI will fail/ }],
        uris[0],
      );
      assert.deepEqual(f.server.state.clients.get('alice-dashboard')?.client.redirect_uris, [
        'https://dash.example.com/cb',
      ]);
      await run(f, 'thingsStack.removeRedirectUri', [
        { search: '', choose: 'alice-dashboard' },
        { pick: 'Redirect URIs' },
        { pick: 'https://dash.example.com/cb' },
      ]);
      assert.match(f.ui.text('error'), /only redirect URI.*needs at least one/);
    });

    it('adds a logout redirect URI from the palette', async () => {
      await run(f, 'thingsStack.addRedirectUri', [
        { search: '', choose: 'alice-dashboard' },
        { pick: 'Logout Redirect URIs' },
        { input: 'https://dash.example.com/bye' },
      ]);
      assert.deepEqual(f.server.state.clients.get('alice-dashboard')?.client.logout_redirect_uris, [
        'https://dash.example.com/bye',
      ]);
    });

    it('does not remove a URI when the confirmation is dismissed', async () => {
      const list = (await f.model.children(client)).find((c) => c.kind === 'uriList' && c.field === 'redirect_uris');
      await run(f, 'thingsStack.addRedirectUri', [{ input: 'https://dash.example.com/cb' }], list);
      const before = f.server.requests.length;
      await run(
        f,
        'thingsStack.removeRedirectUri',
        [{ pick: 'Redirect URIs' }, { pick: 'https://dash.example.com/cb' }, { confirm: false }],
        client,
      );
      assert.deepEqual(writes(f, before), []);
    });

    it('copies the stored secret, and says when there is none', async () => {
      await run(f, 'thingsStack.copyClientSecret', [], client);
      assert.match(f.ui.text('error'), /No secret of "alice-dashboard" is stored in VS Code/);
      await f.accounts.storeClientSecret(f.deployment.key, 'alice-dashboard', 'alice-dashboard-secret');
      await run(f, 'thingsStack.copyClientSecret', [], client);
      assert.deepEqual(f.ui.clipboard, ['alice-dashboard-secret']);
      assert.ok(!f.ui.messages.some((m) => m.text.includes('alice-dashboard-secret')));
    });

    it('cancels an edit at each step without a request', async () => {
      const scripts: ScriptStep[][] = [
        [{ cancel: true }],
        [{ search: '', choose: 'alice-dashboard' }, { cancel: true }],
        [{ search: '', choose: 'alice-dashboard' }, { pick: 'Rights' }, { cancel: true }],
        [
          { search: '', choose: 'alice-dashboard' },
          { pick: 'Rights' },
          { pick: 'Choose Individually…' },
          { cancel: true },
        ],
      ];
      for (const script of scripts) {
        const before = f.server.requests.length;
        await run(f, 'thingsStack.editClient', script);
        assert.deepEqual(writes(f, before), []);
        assert.deepEqual(f.ui.messages, []);
      }
    });
  });
});

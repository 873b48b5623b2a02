// "Register an OAuth Client for VS Code" against the TTS test server with scripted input, as an admin: approve the
// client on the spot and sign in with it, or leave it awaiting approval.
import { strict as assert } from 'node:assert';
import { explorerFixture, type Fixture } from '../../support/explorerFixture';
import { DESCRIPTION, Host, run } from './registerClient.host';

describe('Register an OAuth Client for VS Code', () => {
  let f: Fixture;
  let host: Host;
  beforeEach(() => {
    host = new Host();
  });
  afterEach(async () => f?.close());

  describe('as an admin', () => {
    beforeEach(async () => {
      f = await explorerFixture({ user: 'admin' });
    });

    it('offers to approve the client on the spot, then to sign in with it', async () => {
      f.ui.messageActions.push([/approve it now/, 'Approve Now'], [/Sign in with it now/, 'Sign In with It']);
      await run(f, host, [
        { input: 'Admin in VS Code', expect: /Name/ },
        { input: DESCRIPTION, expect: /Description/ },
        { input: 'admin-vscode-manager', expect: /Client ID/ },
      ]);
      const record = f.server.state.clients.get('admin-vscode-manager');
      assert.equal(record?.client.state, 'STATE_APPROVED');
      assert.deepEqual(host.signedIn, [f.deployment.key]);
      assert.equal(await f.accounts.clientSecret(f.deployment.key, 'admin-vscode-manager'), record?.secret);
    });

    it('leaves it awaiting approval when the admin declines', async () => {
      await run(f, host, [{ input: 'Admin in VS Code' }, { input: DESCRIPTION }, { input: 'admin-vscode-manager' }]);
      assert.equal(
        f.server.state.clients.get('admin-vscode-manager')?.client.state ?? 'STATE_REQUESTED',
        'STATE_REQUESTED',
      );
      assert.deepEqual(host.signedIn, []);
    });
  });
});

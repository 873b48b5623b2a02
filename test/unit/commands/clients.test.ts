// OAuth client commands against the TTS test server with scripted input: create (every step, cancel at each step,
// Back, a taken ID, grants and rights guidelines, secrets, approval), edit, approve / reject, redirect URIs, secret.
import { strict as assert } from 'node:assert';
import type { ExplorerNode } from '../../../src/explorer/nodeTypes';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, walk, type Fixture } from '../../support/explorerFixture';
import type { ScriptStep } from '../../support/scriptedUi';

const ID = 'acme-gateway-onboarding';
/** The whole create wizard for alice from the palette (she owns clients herself and through ACME). */
const CREATE: ScriptStep[] = [
  { pick: 'alice', expect: /Who will own/ },
  { input: ID, expect: /Client ID/, advice: /cannot be changed later/, severity: 'info' },
  { input: 'ACME Gateway Onboarding', expect: /Name/ },
  { input: 'Onboards ACME gateways for the field team.', expect: /Description/ },
  { input: 'https://onboarding.acme.example/callback http://127.0.0.1/callback', expect: /Redirect URIs/ },
  { input: '', expect: /Logout redirect URIs/ },
  { pickMany: ['Authorization code'], expect: /Grant types/ },
  { pick: 'Choose Individually…', expect: /rights to grant/ },
  {
    pickMany: [
      'RIGHT_USER_INFO',
      'RIGHT_USER_GATEWAYS_LIST',
      'RIGHT_USER_GATEWAYS_CREATE',
      'RIGHT_GATEWAY_SETTINGS_BASIC',
    ],
  },
];

describe('OAuth client commands', () => {
  let f: Fixture;
  afterEach(async () => f?.close());

  describe('create', () => {
    beforeEach(async () => {
      f = await explorerFixture();
    });

    it('creates a client, stores its secret, shows it once and says an admin must approve it', async () => {
      f.ui.messageActions.push([/awaiting approval/, 'Open in Console']);
      await run(f, 'thingsStack.createClient', [...CREATE, { secret: 'ack' }]);
      const record = f.server.state.clients.get(ID);
      assert.ok(record);
      assert.equal(record.client.state ?? 'STATE_REQUESTED', 'STATE_REQUESTED');
      assert.deepEqual(record.client.redirect_uris, [
        'https://onboarding.acme.example/callback',
        'http://127.0.0.1/callback',
      ]);
      assert.deepEqual(record.client.grants, ['GRANT_AUTHORIZATION_CODE']);
      assert.deepEqual(record.client.rights, [
        'RIGHT_USER_INFO',
        'RIGHT_USER_GATEWAYS_LIST',
        'RIGHT_USER_GATEWAYS_CREATE',
        'RIGHT_GATEWAY_SETTINGS_BASIC',
      ]);
      const secret = f.ui.secrets[0]?.secret;
      assert.ok(secret && secret === record.secret, 'the secret shown is the one the server issued');
      assert.equal(await f.accounts.clientSecret(f.deployment.key, ID), secret, 'stored in SecretStorage');
      assert.match(f.ui.secrets[0].detail, /only now and never again.*stored in VS Code's secret storage/);
      assert.match(f.ui.text('info'), /awaiting approval: an administrator of Local must approve it/);
      assert.deepEqual(f.ui.opened, [`${f.server.url}/console/user-settings/oauth-clients/${ID}`]);
      assert.ok(!f.logs.join('\n').includes(secret), 'the secret never reaches the log');
      assert.ok(!f.ui.messages.some((m) => m.text.includes(secret)), 'nor a message');
    });

    it('asks nothing about the owner when created from an owner node', async () => {
      const owner = await walk(f, 'deployment', 'section:clients', 'owner:organization:acme');
      await run(f, 'thingsStack.createClient', [...CREATE.slice(1), { secret: 'ack' }], owner);
      assert.deepEqual([...(f.server.state.memberships.get(`client:${ID}`)?.keys() ?? [])], ['organization:acme']);
    });

    for (let step = 0; step < CREATE.length; step++) {
      it(`sends nothing when cancelled at step ${step + 1} (${String(CREATE[step].expect ?? 'rights list')})`, async () => {
        const before = f.server.requests.length;
        await run(f, 'thingsStack.createClient', [...CREATE.slice(0, step), { cancel: true }]);
        assert.deepEqual(writes(f, before), []);
        assert.deepEqual(f.ui.messages, [], 'cancelling is silent');
        assert.equal(f.accounts.secrets.size, 0);
      });
    }

    it('goes back a step with the earlier answer kept', async () => {
      await run(f, 'thingsStack.createClient', [
        ...CREATE.slice(0, 2),
        { back: true, expect: /Name/ },
        { input: `${ID}-2`, expect: /Client ID/ },
        ...CREATE.slice(2),
        { secret: 'ack' },
      ]);
      assert.ok(f.server.state.clients.has(`${ID}-2`));
      assert.ok(f.ui.prompts.filter((p) => /Client ID/.test(p)).length === 2);
    });

    it('checks the guidelines as you type: refuses invalid IDs, warns on generic and official-looking ones', async () => {
      await run(f, 'thingsStack.createClient', [
        CREATE[0],
        { input: 'My Client', invalid: /spaces/ },
        { input: 'cli', invalid: /reserved/ },
        { input: 'dashboard', advice: /brand and the client's purpose/, severity: 'warning' },
        { back: true, expect: /Name/ },
        { input: 'ttn-dashboard', advice: /official/, severity: 'warning' },
        ...CREATE.slice(2, 4),
        { input: '', invalid: /at least one redirect URI/ },
        { input: 'https://x.example.com/cb#frag', invalid: /fragment/ },
        CREATE[4],
        ...CREATE.slice(5),
        { secret: 'ack' },
      ]);
      assert.ok(f.server.state.clients.has('ttn-dashboard'));
    });

    it('refuses the password grant with the reason and asks again', async () => {
      await run(f, 'thingsStack.createClient', [
        ...CREATE.slice(0, 6),
        { pickMany: ['Authorization code', 'Password'] },
        { pickMany: ['Authorization code'], expect: /password grant is not offered/ },
        ...CREATE.slice(7),
        { secret: 'ack' },
      ]);
      assert.match(
        f.ui.text('warn'),
        /password grant is not offered: it has users type their The Things Stack password/,
      );
      assert.deepEqual(f.server.state.clients.get(ID)?.client.grants, ['GRANT_AUTHORIZATION_CODE']);
    });

    it('asks whether the refresh token is really needed, and drops it when not', async () => {
      await run(f, 'thingsStack.createClient', [
        ...CREATE.slice(0, 6),
        { pickMany: ['Authorization code', 'Refresh token'] },
        { pick: 'No, Users Sign In Again When Access Expires', expect: /really need non-interactive access/ },
        ...CREATE.slice(7),
        { secret: 'ack' },
      ]);
      assert.deepEqual(f.server.state.clients.get(ID)?.client.grants, ['GRANT_AUTHORIZATION_CODE']);
    });

    it('keeps the refresh token when the user confirms it', async () => {
      await run(f, 'thingsStack.createClient', [
        ...CREATE.slice(0, 6),
        { pickMany: ['Authorization code', 'Refresh token'] },
        { pick: 'Yes, Keep the Refresh Token' },
        ...CREATE.slice(7),
        { secret: 'ack' },
      ]);
      assert.deepEqual(f.server.state.clients.get(ID)?.client.grants, [
        'GRANT_AUTHORIZATION_CODE',
        'GRANT_REFRESH_TOKEN',
      ]);
    });

    it('warns about "all" rights and rights the description does not justify', async () => {
      await run(f, 'thingsStack.createClient', [
        ...CREATE.slice(0, 7),
        { pick: 'Choose Individually…' },
        { pickMany: ['All Rights'] },
        { pick: 'Choose Again', expect: /more than the client needs/ },
        { pick: 'Gateway Manager' },
        { pick: 'Keep These Rights' },
        { secret: 'ack' },
      ]);
      const advice = f.ui.prompts.filter((p) => /more than the client needs/.test(p));
      assert.equal(advice.length, 2);
      assert.deepEqual(f.server.state.clients.get(ID)?.client.rights, [
        'RIGHT_USER_INFO',
        'RIGHT_USER_GATEWAYS_LIST',
        'RIGHT_USER_GATEWAYS_CREATE',
        'RIGHT_GATEWAY_ALL',
      ]);
    });

    it('returns to the ID with every other answer kept when the ID is taken', async () => {
      await run(f, 'thingsStack.createClient', [
        CREATE[0],
        { input: 'vscode-ext' },
        ...CREATE.slice(2),
        {
          input: 'vscode-ext',
          expect: /Client ID/,
          invalid:
            /^ID "vscode-ext" already taken.*\(correlation id [0-9a-f]+\)\. Choose another ID; your other answers are kept\.$/,
        },
        { input: ID },
        ...CREATE.slice(2),
        { secret: 'ack' },
      ]);
      // On the ID step, readably (no Markdown backticks), not in a toast.
      assert.equal(f.ui.openingChecks.filter((c) => /^error: ID "vscode-ext" already taken/.test(c)).length, 1);
      assert.equal(f.ui.text('warn'), '');
      assert.ok(f.server.state.clients.has(ID));
    });

    it('shows a server error with its correlation id and stores nothing', async () => {
      f.server.knobs.failNext({ status: 500, method: 'POST', path: '/users/alice/clients' });
      await run(f, 'thingsStack.createClient', CREATE);
      assert.match(f.ui.text('error'), /^internal error \(correlation id [0-9a-f]{32}\)$/);
      assert.equal(f.server.state.clients.has(ID), false);
      assert.equal(f.accounts.secrets.size, 0);
    });

    it('creates approved clients for admins, without an owner question when they have no organization', async () => {
      await f.close();
      f = await explorerFixture({ user: 'admin' });
      await run(f, 'thingsStack.createClient', [...CREATE.slice(1), { secret: 'ack' }]);
      assert.equal(f.server.state.clients.get(ID)?.client.state, 'STATE_APPROVED');
      assert.match(f.ui.text('info'), new RegExp(`^Created OAuth client "${ID}"\\.$`));
    });

    it('refreshes the clients in the explorer', async () => {
      const owner = await walk(f, 'deployment', 'section:clients', 'owner:user:alice');
      await f.model.children(owner);
      await run(f, 'thingsStack.createClient', [...CREATE, { secret: 'ack' }]);
      const children = await f.model.children(await walk(f, 'deployment', 'section:clients', 'owner:user:alice'));
      assert.ok(children.some((c) => c.kind === 'client' && c.clientId === ID));
    });
  });

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
      assert.equal(client.kind === 'client' && client.client.name, 'Dashboard 2', 'the tree node is patched');
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

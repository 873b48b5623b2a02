// OAuth client commands against the TTS test server with scripted input: create — every step, cancel at each step,
// Back, a taken ID, grants and rights guidelines, the secret shown once, approval. Editing: clients.edit.test.ts.
import { strict as assert } from 'node:assert';
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
});

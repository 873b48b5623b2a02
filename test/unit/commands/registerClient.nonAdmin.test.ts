// "Register an OAuth Client for VS Code" against the TTS test server with scripted input, as a non-admin: the client
// is created STATE_REQUESTED with the Console link; an organization as owner, a taken ID, code-server's callback,
// refused redirect URIs, a session without the create right, cancelling; and an account of another user.
import { strict as assert } from 'node:assert';
import {
  CODE_REDIRECT_URI,
  LOOPBACK_REDIRECT_URI,
  redirectRefusal,
  registrableRedirectUri,
} from '../../../src/commands/registerClient';
import { TtsClient } from '../../../src/tts/client';
import { ttsErrorFrom } from '../../../src/tts/errors';
import { EXTENSION_RIGHTS } from '../../../src/tts/extensionRights';
import { accountFor, explorerFixture, type Fixture } from '../../support/explorerFixture';
import type { ScriptStep } from '../../support/scriptedUi';
import { validateUriList } from '../../support/ttsServer/redirectUri';
import { CALLBACK, DESCRIPTION, Host, run } from './registerClient.host';

describe('Register an OAuth Client for VS Code', () => {
  let f: Fixture;
  let host: Host;
  beforeEach(() => {
    host = new Host();
  });
  afterEach(async () => f?.close());

  describe('as a non-admin', () => {
    beforeEach(async () => {
      f = await explorerFixture({ user: 'alice' });
    });

    const SCRIPT: ScriptStep[] = [
      { pick: 'alice', expect: /Who will own/ },
      { input: 'Alice in VS Code', expect: /Name/ },
      { input: DESCRIPTION, expect: /Description/ },
      { input: 'alice-vscode-manager', expect: /Client ID/ },
    ];

    it('creates the client with the URIs, grants and rights, stores secret and ID, and explains that it awaits approval, with the Console link', async () => {
      f.ui.messageActions.push([/awaiting approval/, 'Open in Console']);
      await run(f, host, SCRIPT);
      const record = f.server.state.clients.get('alice-vscode-manager');
      assert.ok(record, f.ui.text());
      assert.equal(record.client.state ?? 'STATE_REQUESTED', 'STATE_REQUESTED');
      assert.deepEqual(record.client.redirect_uris, [CALLBACK, LOOPBACK_REDIRECT_URI, CODE_REDIRECT_URI]);
      assert.deepEqual(record.client.grants, ['GRANT_AUTHORIZATION_CODE', 'GRANT_REFRESH_TOKEN']);
      assert.deepEqual(record.client.rights, [...EXTENSION_RIGHTS]);
      assert.equal(record.client.name, 'Alice in VS Code');
      assert.equal(await f.accounts.clientSecret(f.deployment.key, 'alice-vscode-manager'), record.secret);
      assert.deepEqual(host.saved, [[f.deployment.key, 'alice-vscode-manager']]);
      assert.deepEqual(host.refreshed, [f.deployment.key]);
      assert.match(f.ui.text('info'), /awaiting approval: an administrator of Local must approve it/);
      assert.deepEqual(f.ui.opened, [`${f.server.url}/console/user-settings/oauth-clients/alice-vscode-manager`]);
      assert.deepEqual(host.signedIn, [], 'no sign-in offered before approval');
      assert.ok(!f.logs.join('\n').includes(record.secret ?? '#'), 'the secret never reaches the log');
    });

    it('can give the client to an organization', async () => {
      await run(f, host, [{ pick: 'ACME Corp' }, ...SCRIPT.slice(1, 3), { input: 'acme-vscode-manager' }]);
      assert.deepEqual(
        [...(f.server.state.memberships.get('client:acme-vscode-manager')?.keys() ?? [])],
        ['organization:acme'],
      );
    });

    it('asks again on a name (ID) clash, saying why on the ID step, and keeps the other answers', async () => {
      await run(f, host, [
        ...SCRIPT.slice(0, 3),
        { input: 'vscode-ext', expect: /Client ID/ },
        {
          input: 'vscode-ext',
          expect: /Client ID/,
          invalid: /^ID "vscode-ext" already taken \(correlation id [0-9a-f]+\)\. Choose another client ID\.$/,
        },
        { input: 'alice-vscode-manager-2' },
      ]);
      assert.match(f.ui.openingChecks.at(-1) ?? '', /^error: ID "vscode-ext" already taken/);
      assert.equal(f.ui.text('warn'), '', 'no toast (cut off, with backticks) for it');
      const record = f.server.state.clients.get('alice-vscode-manager-2');
      assert.ok(record);
      assert.equal(record.client.description, DESCRIPTION);
      assert.deepEqual(host.saved, [[f.deployment.key, 'alice-vscode-manager-2']]);
    });

    it("registers code-server's callback without its per-request query, which TTS accepts and matches", async () => {
      const external =
        'http://127.0.0.1:8080/stable-0123456789abcdef0123456789abcdef01234567/callback?vscode-reqid=1&vscode-scheme=code-oss' +
        '&vscode-authority=lpwan-tools.things-stack-manager&vscode-path=%2Fauth%2Fcallback';
      host.callbackUri = async () => external;
      await run(f, host, SCRIPT);
      const registered = f.server.state.clients.get('alice-vscode-manager')?.client.redirect_uris ?? [];
      // Without the query; on a 127.x host without the port too (TTS's loopback exception: any port matches).
      assert.deepEqual(registered, [
        'http://127.0.0.1/stable-0123456789abcdef0123456789abcdef01234567/callback',
        LOOPBACK_REDIRECT_URI,
        CODE_REDIRECT_URI,
      ]);
      // What the browser sends at sign-in (the query plus code and state) matches the registration (osin's rules),
      // also after code-server moved to another port.
      assert.ok(validateUriList(registered, `${external}&x=1`).ok);
      assert.ok(validateUriList(registered, external.replace(':8080', ':9090')).ok);
      assert.equal(registrableRedirectUri(CALLBACK), CALLBACK);
      assert.equal(
        registrableRedirectUri('http://localhost:8080/stable-x/callback?vscode-reqid=1'),
        'http://localhost:8080/stable-x/callback',
      );
      assert.equal(
        registrableRedirectUri('https://vscode.dev/callback?vscode-reqid=1&vscode-scheme=vscode'),
        'https://vscode.dev/callback',
      );
    });

    it('names a callback that cannot be registered, and creates nothing', async () => {
      const long = `https://example.invalid/${'x'.repeat(120)}/callback`;
      host.callbackUri = async () => long;
      const clients = f.server.state.clients.size;
      await run(f, host, SCRIPT.slice(0, 1));
      assert.equal(
        f.ui.text('error'),
        `This host's sign-in callback "${long}" cannot be registered with The Things Stack: A redirect URI can be at most 128 characters (this one has ${long.length}).`,
      );
      assert.equal(f.server.state.clients.size, clients);
    });

    it('names the redirect URI The Things Stack refused (its validation error, as the real v3.32.1 sends it)', () => {
      // POST /api/v3/users/admin/clients with a 197-character redirect URI on TTS v3.32.1.
      const error = ttsErrorFrom(400, {
        code: 3,
        message: 'error:pkg/errors:validation (invalid `client`: embedded message failed validation)',
        details: [
          {
            '@type': 'type.googleapis.com/ttn.lorawan.v3.ErrorDetails',
            namespace: 'pkg/errors',
            name: 'validation',
            message_format: 'invalid `{field}`: {reason}',
            attributes: {
              field: 'client',
              name: 'CreateClientRequestValidationError',
              reason: 'embedded message failed validation',
            },
            correlation_id: '0a1eb60c',
            cause: {
              namespace: 'pkg/errors',
              name: 'validation',
              message_format: 'invalid `{field}`: {reason}',
              attributes: {
                field: 'redirect_uris[1]',
                name: 'ClientValidationError',
                reason: 'value length must be at most 128 runes',
              },
              code: 3,
            },
            code: 3,
          },
        ],
      });
      assert.equal(
        redirectRefusal(error, ['code', 'http://h/very-long']),
        'The Things Stack refused the redirect URI "http://h/very-long": value length must be at most 128 runes. (correlation id 0a1eb60c)',
      );
      const flat = ttsErrorFrom(400, {
        code: 3,
        details: [
          {
            namespace: 'pkg/errors',
            name: 'validation',
            message_format: 'invalid `{field}`: {reason}',
            attributes: { field: 'redirect_uris', reason: 'invalid value' },
          },
        ],
      });
      assert.equal(
        redirectRefusal(flat, ['a', 'b']),
        'The Things Stack refused the redirect URIs "a", "b": invalid value.',
      );
      assert.equal(
        redirectRefusal(ttsErrorFrom(409, { code: 6, details: [{ name: 'id_taken', message_format: 'ID taken' }] }), [
          'a',
        ]),
        undefined,
      );
    });

    it('names the missing right when the session may not create clients, and changes nothing', async () => {
      const key = f.server.createUserApiKey('alice', ['RIGHT_USER_INFO', 'RIGHT_USER_ORGANIZATIONS_LIST']);
      const api = new TtsClient({
        baseUrl: f.server.url,
        auth: { token: async () => key },
        retries: 0,
        timeoutMs: 5000,
      });
      f.accounts.signIn({
        ...f.account,
        api,
        session: { ...f.account.session, method: 'api-key', clientId: undefined },
      });
      const clients = f.server.state.clients.size;
      await run(f, host, SCRIPT);
      assert.match(f.ui.text('error'), /RIGHT_USER_CLIENTS_CREATE/);
      assert.equal(f.server.state.clients.size, clients);
      assert.deepEqual(host.saved, []);
      assert.equal(f.accounts.secrets.size, 0);
    });

    it('sends nothing when cancelled', async () => {
      await run(f, host, [...SCRIPT.slice(0, 2), { cancel: true }]);
      assert.ok(!f.server.state.clients.has('alice-vscode-manager'));
      assert.deepEqual(f.ui.messages, []);
    });
  });

  it('works for an account signed in with another user too', async () => {
    f = await explorerFixture({ user: 'alice' });
    f.accounts.signIn(accountFor(f.server, f.deployment, 'bob'));
    await run(f, host, [
      { pick: 'bob' },
      { input: 'Bob in VS Code' },
      { input: DESCRIPTION },
      { input: 'bob-vscode-manager' },
    ]);
    assert.ok(f.server.state.clients.has('bob-vscode-manager'));
  });
});

// signIn against the TTS test server, the browser flows: URI handler and loopback with the own client, loopback
// with the public cli client; the loopback server closed after the attempt; denied consent, forged or reused
// state, time-out and cancel. Pasted codes and API keys: signIn.pasted.test.ts; the own client's redirect URIs:
// signIn.redirectUris.test.ts.
import { strict as assert } from 'node:assert';
import { SignInTimeoutError } from '../../../src/auth/attempts';
import { signIn } from '../../../src/auth/signIn';
import { approveInBrowser } from '../../support/fakeBrowser';
import { SEED } from '../../support/ttsServer';
import { flowOf, signInEnv, URI_CALLBACK } from './signIn.fixture';

describe('signIn: every flow against the TTS test server', function () {
  this.timeout(20_000);
  const env = signInEnv();
  const { deps } = env;

  it('browser + URI handler with the own client', async () => {
    const session = await signIn(flowOf('uri-handler', 'own'), deps({}), new AbortController().signal);
    assert.equal(session.accountId, 'alice');
    assert.equal(session.clientId, SEED.client.id);
    assert.equal(session.method, 'oauth');
    assert.match(session.tokens.accessToken, /^MFRWG\./);
    assert.match(session.tokens.refreshToken ?? '', /^OJSWM\./);
    assert.deepEqual(session.scopes, [`deployment:${env.deployment.key}`]);
    assert.equal(session.id, `${env.deployment.key}/alice`);
    // The same redirect_uri went to /authorize and /oauth/token.
    const token = env.server.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
    assert.equal((token.body as Record<string, string>).redirect_uri, URI_CALLBACK);
    assert.match(token.headers.authorization ?? '', /^Basic /);
    assert.equal((token.body as Record<string, string>).code_verifier?.length, 43, 'PKCE verifier sent');
  });

  it('browser + loopback with the own client (http://127.0.0.1:<port>/callback)', async () => {
    const session = await signIn(flowOf('loopback', 'own'), deps({}), new AbortController().signal);
    assert.equal(session.accountId, 'alice');
    const token = env.server.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
    assert.match((token.body as Record<string, string>).redirect_uri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  });

  it('browser + loopback with the public cli client (local-callback?port=N), no configuration', async () => {
    const session = await signIn(flowOf('loopback', 'cli'), deps({}), new AbortController().signal);
    assert.equal(session.clientId, 'cli');
    const token = env.server.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
    const body = token.body as Record<string, string>;
    assert.match(body.redirect_uri, /^local-callback\?port=\d+$/);
    assert.equal(body.client_id, 'cli');
    assert.equal(token.headers.authorization, undefined);
  });

  it('closes the loopback server after the attempt', async () => {
    let port = 0;
    await signIn(
      flowOf('loopback', 'own'),
      deps({
        openBrowser: async (url) => {
          port = Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
          await approveInBrowser(env.server, url);
          return true;
        },
      }),
      new AbortController().signal,
    );
    await assert.rejects(fetch(`http://127.0.0.1:${port}/callback`));
  });

  it('a denied consent is shown as access_denied', async () => {
    await assert.rejects(
      signIn(
        flowOf('uri-handler', 'own'),
        deps({
          openBrowser: async (url) => {
            const result = await approveInBrowser(env.server, url, 'bob', false); // bob has not authorized the client yet
            env.pending.deliver(new URL(result.location).search);
            return true;
          },
        }),
        new AbortController().signal,
      ),
      /not authorized/,
    );
  });

  it('a wrong or reused state is refused and the attempt goes on', async () => {
    const session = await signIn(
      flowOf('uri-handler', 'own'),
      deps({
        openBrowser: async (url) => {
          const result = await approveInBrowser(env.server, url);
          const query = new URL(result.location).searchParams;
          assert.equal(env.pending.deliver(`code=${query.get('code')}&state=forged`).accepted, false);
          assert.equal(env.pending.deliver(`code=${query.get('code')}`).accepted, false);
          assert.equal(env.pending.deliver(`code=${query.get('code')}&state=${query.get('state')}`).accepted, true);
          assert.equal(env.pending.deliver(`code=${query.get('code')}&state=${query.get('state')}`).accepted, false);
          return true;
        },
      }),
      new AbortController().signal,
    );
    assert.equal(session.accountId, 'alice');
  });

  it('times out when the callback never arrives, and cancels on abort', async () => {
    await assert.rejects(
      signIn(
        flowOf('uri-handler', 'own'),
        { ...deps({ openBrowser: async () => true }), timeoutMs: 50 },
        new AbortController().signal,
      ),
      SignInTimeoutError,
    );
    const controller = new AbortController();
    const attempt = signIn(flowOf('loopback', 'cli'), deps({ openBrowser: async () => true }), controller.signal);
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(attempt, /Cancelled/);
    assert.equal(env.pending.size, 0);
  });
});

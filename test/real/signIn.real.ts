// Each sign-in flow with the real login sequence over HTTP, refresh rotation and revoke.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI_CLIENT_ID, OAuthClient, authorizeUrl, newPkce } from '../../src/auth/oauth';
import { TtsClient } from '../../src/tts/client';
import { TtsError } from '../../src/tts/errors';
import { authorizeOverHttp } from '../support/oauthLogin';
import { adminApi, env } from './env';

const login = () => ({ userId: env.user, password: env.password });
const query = (location: string) => Object.fromEntries(new URL(location).searchParams);

describe('real TTS: sign-in flows', () => {
  it('cli + code: relative /oauth/code redirect, code exchanged without a secret', async () => {
    const url = authorizeUrl(env.url, {
      clientId: CLI_CLIENT_ID,
      redirectUri: 'code',
      state: 'st-code',
      pkce: newPkce(),
    });
    const { location } = await authorizeOverHttp(url, login());
    assert.ok(location.startsWith(`${env.url}/oauth/code?`), location);
    assert.equal(query(location).state, 'st-code');
    const tokens = await new OAuthClient({ identityServerUrl: env.url, clientId: CLI_CLIENT_ID }).exchangeCode(
      query(location).code,
      'code',
      'v',
    );
    const me = await new TtsClient({
      baseUrl: env.url,
      auth: { token: async () => tokens.accessToken },
    }).users.identity();
    assert.equal(me.userId, env.user);
  });

  it('cli + local-callback: /oauth/local-callback then http://localhost:N/oauth/callback', async () => {
    const hits: string[] = [];
    const listener = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    const port = (listener.address() as AddressInfo).port;
    try {
      const redirectUri = `local-callback?port=${port}`;
      const url = authorizeUrl(env.url, { clientId: CLI_CLIENT_ID, redirectUri, state: 'st-local', pkce: newPkce() });
      const { location } = await authorizeOverHttp(url, login());
      assert.ok(location.startsWith(`${env.url}/oauth/local-callback?`), location);
      const hop = await fetch(location, { redirect: 'manual' });
      const target = hop.headers.get('location') ?? '';
      assert.ok(target.startsWith(`http://localhost:${port}/oauth/callback?`), target);
      assert.equal(query(target).state, 'st-local');
      const tokens = await new OAuthClient({ identityServerUrl: env.url, clientId: CLI_CLIENT_ID }).exchangeCode(
        query(target).code,
        redirectUri,
        'v',
      );
      assert.ok(tokens.accessToken);
    } finally {
      listener.close();
    }
  });

  it('own client (pre-authorized) + loopback, Basic with the raw secret; refresh rotates; revoke ends the token', async () => {
    const redirectUri = 'http://127.0.0.1:43123/callback';
    const url = authorizeUrl(env.url, { clientId: 'vscode-ext', redirectUri, state: 'st-own', pkce: newPkce() });
    const outcome = await authorizeOverHttp(url, login());
    assert.ok(!outcome.consented, 'pre-authorized: no consent page');
    assert.ok(outcome.location.startsWith(`${redirectUri}?`), outcome.location);
    const client = new OAuthClient({ identityServerUrl: env.url, clientId: 'vscode-ext', clientSecret: 'Ab+c%2F/x=y' });
    const first = await client.exchangeCode(query(outcome.location).code, redirectUri, 'v');
    const second = await client.refresh(first.refreshToken ?? '');
    assert.notEqual(second.refreshToken, first.refreshToken);
    const reused = await client.refresh(first.refreshToken ?? '').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(
      reused instanceof TtsError && reused.status === 404 && reused.errorName === 'access_token_not_found',
      String(reused),
    );
    const old = await new TtsClient({
      baseUrl: env.url,
      auth: { token: async () => first.accessToken },
      retries: 0,
    }).users
      .identity()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(old instanceof TtsError && old.status === 401, 'the rotated-out access token is dead');
    const tokenId = second.accessToken.split('.')[1];
    const api = new TtsClient({ baseUrl: env.url, auth: { token: async () => second.accessToken }, retries: 0 });
    await api.http.request('DELETE', `/users/${env.user}/authorizations/vscode-ext/tokens/${tokenId}`);
    const after = await api.users.identity().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(after instanceof TtsError && after.status === 401, 'revoked');
  });

  it('client needing consent: the consent page, then access_denied or a code', async () => {
    const redirectUri = 'http://127.0.0.1:43124/callback';
    // An earlier consent covering the client's rights skips the page: forget it first, so the suite can run again.
    await adminApi()
      .http.request('DELETE', `/users/${env.user}/authorizations/vscode-consent`)
      .catch(() => undefined);
    const denied = await authorizeOverHttp(
      authorizeUrl(env.url, { clientId: 'vscode-consent', redirectUri, state: 'st-no', pkce: newPkce() }),
      { ...login(), approve: false },
    );
    assert.equal(query(denied.location).error, 'access_denied');
    assert.equal(query(denied.location).state, 'st-no');
    const approved = await authorizeOverHttp(
      authorizeUrl(env.url, { clientId: 'vscode-consent', redirectUri, state: 'st-yes', pkce: newPkce() }),
      login(),
    );
    assert.ok(query(approved.location).code, approved.location);
    const tokens = await new OAuthClient({
      identityServerUrl: env.url,
      clientId: 'vscode-consent',
      clientSecret: 'plain-secret-123',
    }).exchangeCode(query(approved.location).code, redirectUri, 'v');
    assert.ok(tokens.refreshToken);
  });

  it('a wrong password is refused by the login API with no_user_id_password_match', async () => {
    const url = authorizeUrl(env.url, { clientId: CLI_CLIENT_ID, redirectUri: 'code', state: 's', pkce: newPkce() });
    await assert.rejects(
      authorizeOverHttp(url, { userId: env.user, password: 'wrong-password' }),
      /HTTP 400.*no_user_id_password_match/s,
    );
  });
});

// The TTS test server's OAuth token endpoint: code exchange (once, expiry, redirect URI binding), request checks as
// TTS makes them, client authentication, refresh token rotation and expiry, and a token revoking itself.
import { strict as assert } from 'node:assert';
import { startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, basic, call, errorName, EXT, LOOPBACK, queryOf, tokenRequest } from './helpers';

describe('TTS test server: OAuth', () => {
  let server: TtsTestServer;
  beforeEach(async () => {
    server = await startTtsServer();
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  async function codeFor(redirectUri = LOOPBACK, clientId: string = EXT.id): Promise<string> {
    return queryOf(await server.authorize({ userId: 'alice', clientId, redirectUri, state: 'st' })).code;
  }

  describe('token', () => {
    it('exchanges a code once, with no-store headers and the TTS token shape', async () => {
      const code = await codeFor();
      const r = await tokenRequest(
        server,
        { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK, code_verifier: 'ignored-by-tts' },
        basic,
      );
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.json), ['access_token', 'token_type', 'expires_in', 'refresh_token']);
      assert.match(String(r.json.access_token), /^MFRWG\.[A-Z2-7]{39}\.[A-Z2-7]{52}$/);
      assert.equal(
        String(r.json.access_token).split('.')[1],
        String(r.json.refresh_token).split('.')[1],
        'access and refresh share the id',
      );
      assert.equal(r.json.expires_in, 3600);
      assert.equal(r.json.token_type, 'bearer');
      assert.match(r.headers.get('cache-control') ?? '', /no-store/);
      const again = await tokenRequest(
        server,
        { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK },
        basic,
      );
      assert.equal(again.status, 404);
      assert.equal(errorName(again), 'authorization_code_not_found');
    });

    it('lets codes expire after 5 minutes of server time', async () => {
      const code = await codeFor();
      server.clock.advance(5 * 60_000 + 1000);
      const r = await tokenRequest(server, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK }, basic);
      assert.equal(r.status, 403);
      assert.equal(errorName(r), 'invalid_grant');
    });

    it('binds the code to its redirect URI', async () => {
      const unregistered = await tokenRequest(
        server,
        { grant_type: 'authorization_code', code: await codeFor(), redirect_uri: 'http://localhost/x' },
        basic,
      );
      assert.equal(unregistered.status, 403);
      assert.equal(errorName(unregistered), 'invalid_redirect_uri');
      const other = await tokenRequest(
        server,
        { grant_type: 'authorization_code', code: await codeFor(), redirect_uri: 'code' },
        basic,
      );
      assert.equal(other.status, 400, 'registered but not the one of the code (osin: plain error)');
      assert.equal(errorName(other), 'invalid_request');
      const omitted = await tokenRequest(
        server,
        { grant_type: 'authorization_code', code: await codeFor('http://127.0.0.1/callback') },
        basic,
      );
      assert.equal(omitted.status, 200, 'omitted: the first registered URI is compared');
    });

    it('checks the request like TTS', async () => {
      const code = await codeFor();
      const cases: [Record<string, string>, [string, string] | undefined, number, string][] = [
        [{ grant_type: 'password', username: 'alice', password: 'x' }, basic, 400, 'invalid_grant_type'],
        [{ code }, basic, 400, 'missing_grant_type'],
        [{ grant_type: 'authorization_code', code, client_id: EXT.id }, undefined, 400, 'missing_client_secret'],
        [{ grant_type: 'authorization_code', code }, [EXT.id, 'wrong'], 403, 'unauthorized_client'],
        [{ grant_type: 'authorization_code', code }, ['no-such-client', 'x'], 404, 'client_not_found'],
        [{ grant_type: 'refresh_token', refresh_token: 'not-a-token' }, basic, 400, 'token'],
      ];
      for (const [form, credentials, status, name] of cases) {
        const r = await tokenRequest(server, form, credentials);
        assert.equal(r.status, status, JSON.stringify(form));
        assert.equal(errorName(r), name, JSON.stringify(form));
      }
    });

    it('parses JSON only for exactly application/json, and never URL-decodes Basic credentials', async () => {
      const body = JSON.stringify({
        grant_type: 'authorization_code',
        code: await codeFor(),
        redirect_uri: LOOPBACK,
        client_id: EXT.id,
        client_secret: EXT.secret,
      });
      const charset = await call(server, 'POST', '/oauth/token', {
        body,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
      assert.equal(errorName(charset), 'missing_grant_type');
      const exact = await call(server, 'POST', '/oauth/token', {
        body,
        headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(exact.status, 200);
      server.seed.clients('alice', 1, { ids: ['pct-client'], secret: 'a%2Fb', redirectUris: [LOOPBACK] });
      const raw = await tokenRequest(
        server,
        { grant_type: 'authorization_code', code: await codeFor(LOOPBACK, 'pct-client'), redirect_uri: LOOPBACK },
        ['pct-client', 'a%2Fb'],
      );
      assert.equal(raw.status, 200);
      const decoded = await tokenRequest(
        server,
        { grant_type: 'authorization_code', code: await codeFor(LOOPBACK, 'pct-client'), redirect_uri: LOOPBACK },
        ['pct-client', 'a/b'],
      );
      assert.equal(decoded.status, 403);
    });

    it('lets the public cli client in without a secret', async () => {
      const code = queryOf(
        await server.authorize({ userId: 'bob', clientId: 'cli', redirectUri: 'local-callback?port=1234' }),
      ).code;
      const r = await tokenRequest(server, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'local-callback?port=1234',
        client_id: 'cli',
      });
      assert.equal(r.status, 200);
    });

    it('rotates refresh tokens: the old pair dies at once', async () => {
      const first = server.issueTokens('alice', EXT.id);
      const r = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, basic);
      assert.equal(r.status, 200);
      assert.notEqual(r.json.refresh_token, first.refresh_token);
      const old = await tokenRequest(
        server,
        { grant_type: 'refresh_token', refresh_token: first.refresh_token },
        basic,
      );
      assert.equal(old.status, 404);
      assert.equal(errorName(old), 'access_token_not_found');
      assert.equal((await call(server, 'GET', '/auth_info', { token: first.access_token })).status, 401);
      const fresh = await call(server, 'GET', '/auth_info', { token: String(r.json.access_token) });
      assert.equal(fresh.status, 200);
      const other = await tokenRequest(
        server,
        { grant_type: 'refresh_token', refresh_token: String(r.json.refresh_token) },
        ['cli', ''],
      );
      assert.equal(other.status, 403, 'a refresh by another client');
      assert.equal(errorName(other), 'invalid client');
    });

    it('expires access tokens after an hour of server time; the refresh token still works', async () => {
      const tokens = server.issueTokens('alice', EXT.id);
      server.clock.advance(3600_000 + 1);
      const expired = await call(server, 'GET', '/auth_info', { token: tokens.access_token });
      assert.equal(expired.status, 401);
      assert.equal(errorName(expired), 'token_expired');
      const r = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, basic);
      assert.equal(r.status, 200);
    });

    it('issues no refresh token without GRANT_REFRESH_TOKEN', async () => {
      server.seed.clients('alice', 1, {
        ids: ['code-only'],
        grants: ['GRANT_AUTHORIZATION_CODE'],
        redirectUris: [LOOPBACK],
      });
      const code = await codeFor(LOOPBACK, 'code-only');
      const r = await tokenRequest(server, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK }, [
        'code-only',
        'code-only-secret',
      ]);
      assert.equal(r.status, 200);
      assert.equal(r.json.refresh_token, undefined);
    });

    it('lets a token revoke itself', async () => {
      const tokens = server.issueTokens('alice', EXT.id);
      const id = tokens.access_token.split('.')[1];
      const r = await call(server, 'DELETE', `/users/alice/authorizations/${EXT.id}/tokens/${id}`, {
        token: tokens.access_token,
      });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, {});
      assert.equal((await call(server, 'GET', '/auth_info', { token: tokens.access_token })).status, 401);
    });
  });
});

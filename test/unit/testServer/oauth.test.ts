import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { authorizeOverHttp, csrfTokenOf } from '../../support/oauthLogin';
import { assertContract, call, errorName, queryOf, tokenRequest } from './helpers';

const EXT = SEED.client;
const LOOPBACK = 'http://127.0.0.1:5123/callback';
const CODE = /^MF2XI\.[A-Z2-7]{39}\.[A-Z2-7]{52}$/;
const basic: [string, string] = [EXT.id, EXT.secret];

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

  describe('authorize', () => {
    it('redirects with a code and the state after consent, and skips consent the second time', async () => {
      const location = await server.authorize({
        userId: 'alice',
        clientId: EXT.id,
        redirectUri: LOOPBACK,
        state: 'xyz',
      });
      assert.ok(location.startsWith(`${LOOPBACK}?`));
      assert.match(queryOf(location).code, CODE);
      assert.equal(queryOf(location).state, 'xyz');
      const again = await call(
        server,
        'GET',
        `/oauth/authorize?client_id=${EXT.id}&redirect_uri=${encodeURIComponent(LOOPBACK)}&response_type=code`,
        {
          headers: { cookie: await loginCookie('alice', SEED.alice.password) },
        },
      );
      assert.equal(again.status, 302, 'already authorized: no consent page');
      assert.equal(queryOf(again.headers.get('location') ?? '').state, '', 'state always present on success');
    });

    it('sends access_denied with the state when the user cancels', async () => {
      const location = await server.authorize({
        userId: 'bob',
        clientId: EXT.id,
        redirectUri: LOOPBACK,
        state: 's1',
        approve: false,
      });
      assert.deepEqual(queryOf(location), {
        error: 'access_denied',
        error_description: queryOf(location).error_description,
        state: 's1',
      });
    });

    it('answers 404 JSON (no redirect) for an unknown client', async () => {
      const cookie = await loginCookie('alice', SEED.alice.password);
      const r = await call(
        server,
        'GET',
        `/oauth/authorize?client_id=nope-client&redirect_uri=${encodeURIComponent(LOOPBACK)}&response_type=code`,
        { headers: { cookie } },
      );
      assert.equal(r.status, 404);
      assert.equal(errorName(r), 'client_not_found');
    });

    it('refuses a REQUESTED client with invalid_client and no state', async () => {
      const location = await server.authorize({
        userId: 'alice',
        clientId: SEED.demo.clients.aliceDashboard.id,
        redirectUri: 'http://127.0.0.1/callback',
        state: 'st',
      });
      assert.deepEqual(queryOf(location), {
        error: 'invalid_client',
        error_description: 'error:pkg/oauth:client_not_approved (OAuth client was not approved)',
      });
    });

    it('refuses a client without the authorization code grant with invalid_grant', async () => {
      server.seed.clients('alice', 1, { ids: ['refresh-only'], grants: ['GRANT_REFRESH_TOKEN'] });
      const location = await server.authorize({
        userId: 'alice',
        clientId: 'refresh-only',
        redirectUri: 'http://127.0.0.1/callback',
        state: 'st',
      });
      assert.equal(queryOf(location).error, 'invalid_grant');
      assert.equal(queryOf(location).state, undefined);
    });

    it('redirects unsupported_response_type and invalid_request for a malformed PKCE challenge', async () => {
      const type = await server.authorize({
        userId: 'alice',
        clientId: EXT.id,
        redirectUri: LOOPBACK,
        responseType: 'token',
      });
      assert.equal(queryOf(type).error, 'unsupported_response_type');
      const pkce = await server.authorize({
        userId: 'alice',
        clientId: EXT.id,
        redirectUri: LOOPBACK,
        state: 's',
        codeChallenge: 'short',
      });
      assert.equal(queryOf(pkce).error, 'invalid_request');
      assert.equal(queryOf(pkce).state, 's');
    });

    it('rejects an unregistered redirect URI with a TTS error, not a redirect', async () => {
      await assert.rejects(
        server.authorize({ userId: 'alice', clientId: EXT.id, redirectUri: 'http://localhost:5123/callback' }),
        /403.*invalid_redirect_uri/,
      );
      await assert.rejects(
        server.authorize({ userId: 'alice', clientId: EXT.id, redirectUri: '' }),
        /400.*invalid_request/,
        'several URIs registered',
      );
    });

    it('logs in like TTS v3.32.1: login page with CSRF token, JSON login API, no form POST, consent by POST', async () => {
      const authorizeUrl = `/oauth/authorize?client_id=${EXT.id}&redirect_uri=${encodeURIComponent(LOOPBACK)}&response_type=code&state=abc`;
      const first = await call(server, 'GET', authorizeUrl);
      assert.equal(first.status, 302);
      const loginUrl = first.headers.get('location') ?? '';
      assert.ok(loginUrl.startsWith('/oauth/login?n=%2Foauth%2Fauthorize%3F'), `relative Location: ${loginUrl}`);
      const form = await call(server, 'GET', loginUrl);
      assert.equal(form.status, 200);
      assert.match(form.headers.get('set-cookie') ?? '', /^_csrf=[^;]+; Path=\//);
      assert.ok(csrfTokenOf(form.text), 'CSRF_TOKEN in window.__ttn_config__');
      assert.match(form.text, /name="user_id"/);
      assert.match(form.text, /name="password"/);
      assert.match(form.text, /"\/oauth\/api\/auth\/login"/, 'the page posts to the login API');
      assert.match(form.text, /X-CSRF-Token/);
      // There is no form POST to /oauth/login: the page again, no session.
      const formPost = await call(server, 'POST', '/oauth/login', {
        body: new URLSearchParams({ user_id: 'alice', password: SEED.alice.password }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(formPost.status, 200);
      assert.doesNotMatch(formPost.headers.get('set-cookie') ?? '', /_session=/);
      const bad = await call(server, 'POST', '/oauth/api/auth/login', {
        body: { user_id: 'alice', password: 'wrong' },
      });
      assert.equal(bad.status, 400);
      assert.equal(errorName(bad), 'no_user_id_password_match');
      const cookie = await loginCookie('alice', SEED.alice.password);
      assert.match(cookie, /^_session=/);
      const consent = await call(server, 'GET', authorizeUrl, { headers: { cookie } });
      assert.equal(consent.status, 200);
      assert.match(consent.text, /Things Stack Manager/);
      assert.match(consent.text, /RIGHT_APPLICATION_ALL/);
      assert.match(consent.text, /<button type="submit" name="authorize" value="true">Authorize<\/button>/);
      assert.match(consent.text, /name="authorize" value="false">Cancel</);
      const approved = await call(server, 'POST', authorizeUrl, {
        body: 'authorize=true',
        headers: { cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(approved.status, 302);
      assert.match(queryOf(approved.headers.get('location') ?? '').code, CODE);
    });

    it('drives login and consent with the shared HTTP helper (the one test:real uses)', async () => {
      const query = new URLSearchParams({
        client_id: EXT.id,
        redirect_uri: LOOPBACK,
        response_type: 'code',
        state: 'h1',
      });
      const outcome = await authorizeOverHttp(`${server.url}/oauth/authorize?${query}`, {
        userId: 'bob',
        password: SEED.bob.password,
        approve: false,
      });
      assert.ok(outcome.consented);
      assert.equal(queryOf(outcome.location).error, 'access_denied');
      await assert.rejects(
        authorizeOverHttp(`${server.url}/oauth/authorize?${query}`, { userId: 'bob', password: 'wrong' }),
        /HTTP 400.*no_user_id_password_match/s,
      );
    });

    it('turns code and local-callback redirects into pages of this server', async () => {
      // Root-relative, as TTS sends them (server.go: UI mount + `/code…`).
      const paste = await server.authorize({ userId: 'alice', clientId: 'cli', redirectUri: 'code', state: 's' });
      assert.ok(paste.startsWith('/oauth/code?code=MF2XI.'), paste);
      const page = await call(server, 'GET', paste);
      assert.match(page.text, /Your authorization code is:/);
      assert.match(page.text, new RegExp(`<pre id="code">${queryOf(paste).code}</pre>`));

      const local = await server.authorize({
        userId: 'alice',
        clientId: 'cli',
        redirectUri: 'local-callback?port=12345',
        state: 's',
      });
      assert.ok(local.startsWith('/oauth/local-callback?code='), local);
      assert.equal(queryOf(local).port, '12345');
      const hop = await call(server, 'GET', local);
      assert.equal(hop.status, 302);
      assert.equal(
        hop.headers.get('location'),
        `http://localhost:12345/oauth/callback?code=${queryOf(local).code}&state=s`,
      );
      const fallback = await call(server, 'GET', '/oauth/local-callback?code=x&state=y');
      assert.equal(fallback.headers.get('location'), 'http://localhost:11885/oauth/callback?code=x&state=y');
    });
  });

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

  /** The real login sequence: the page's CSRF cookie and token, then the JSON login API → 204 and `_session`. */
  async function loginCookie(userId: string, password: string): Promise<string> {
    const page = await call(server, 'GET', '/oauth/login?n=%2Foauth%2Fcode');
    const csrfCookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
    const token = csrfTokenOf(page.text) ?? '';
    const r = await call(server, 'POST', '/oauth/api/auth/login', {
      body: { user_id: userId, password },
      headers: { Cookie: csrfCookie, 'X-CSRF-Token': token },
    });
    assert.equal(r.status, 204, r.text);
    return (r.headers.get('set-cookie') ?? '').split(';')[0];
  }
});

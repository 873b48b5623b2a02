// The TTS test server's OAuth authorize leg: consent, refusals (unknown, unapproved, grantless clients, bad PKCE,
// unregistered redirect URIs), the TTS v3.32.1 login sequence, and the `code` / `local-callback` pages.
import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { authorizeOverHttp, csrfTokenOf } from '../../support/oauthLogin';
import { assertContract, call, errorName, EXT, LOOPBACK, queryOf } from './helpers';

const CODE = /^MF2XI\.[A-Z2-7]{39}\.[A-Z2-7]{52}$/;

describe('TTS test server: OAuth', () => {
  let server: TtsTestServer;
  beforeEach(async () => {
    server = await startTtsServer();
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

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
      assert.deepEqual(queryOf(location), {
        error: 'invalid_grant',
        error_description: 'error:pkg/oauth:client_missing_grant (OAuth client does not have authorization_code grant)',
      });
    });

    it('refuses a REJECTED or SUSPENDED client with invalid_client, its own description and no state', async () => {
      for (const [state, description] of [
        ['STATE_REJECTED', 'error:pkg/oauth:client_rejected (OAuth client was rejected)'],
        ['STATE_SUSPENDED', 'error:pkg/oauth:client_suspended (OAuth client was suspended)'],
      ] as const) {
        const id = `refused-${state.slice(6).toLowerCase()}`;
        server.seed.clients('alice', 1, { ids: [id], state });
        const location = await server.authorize({
          userId: 'alice',
          clientId: id,
          redirectUri: 'http://127.0.0.1/callback',
          state: 'st',
        });
        assert.deepEqual(queryOf(location), { error: 'invalid_client', error_description: description });
      }
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

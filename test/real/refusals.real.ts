// Which authorize refusals come back WITHOUT `state` (issue 21): the extension ends the sign-in in progress on an
// error redirect without state only for these, exactly as TTS words them (src/auth/oauth.ts STATELESS_REFUSALS).
import { strict as assert } from 'node:assert';
import { AuthorizeError, PendingAttempts } from '../../src/auth/attempts';
import { STATELESS_REFUSALS, authorizeUrl, newPkce } from '../../src/auth/oauth';
import { authorizeOverHttp } from '../support/oauthLogin';
import { adminApi, env, uniqueId } from './env';

/** In the order of STATELESS_REFUSALS. */
const CASES = [
  { what: 'without the authorization code grant', state: 'STATE_APPROVED', grants: ['GRANT_REFRESH_TOKEN'] },
  { what: 'requested (not approved)', state: 'STATE_REQUESTED', grants: ['GRANT_AUTHORIZATION_CODE'] },
  { what: 'rejected', state: 'STATE_REJECTED', grants: ['GRANT_AUTHORIZATION_CODE'] },
  { what: 'suspended', state: 'STATE_SUSPENDED', grants: ['GRANT_AUTHORIZATION_CODE'] },
];

describe('real TTS: refusals redirected without state', () => {
  const api = adminApi();
  const created: string[] = [];
  after(async () => {
    for (const id of created) {
      await api.clients.delete(id).catch(() => undefined);
      await api.clients.purge(id).catch(() => undefined);
    }
  });

  it("a client's state or missing grant: no state, and exactly the four refusals the extension names", async () => {
    const seen: { error: string; description: string }[] = [];
    for (const c of CASES) {
      const id = uniqueId('refuse');
      await api.http.request('POST', `/users/${env.user}/clients`, {
        body: {
          client: {
            ids: { client_id: id },
            redirect_uris: ['http://127.0.0.1/callback'],
            grants: c.grants,
            state: c.state,
            rights: ['RIGHT_USER_INFO'],
            skip_authorization: true,
          },
        },
      });
      created.push(id);
      const redirectUri = 'http://127.0.0.1:43125/callback';
      const { location } = await authorizeOverHttp(
        authorizeUrl(env.url, { clientId: id, redirectUri, state: 'st-refused', pkce: newPkce() }),
        { userId: env.user, password: env.password },
      );
      const query = new URL(location).searchParams;
      assert.equal(query.get('state'), null, `${c.what}: ${location}`);
      const refusal = { error: query.get('error') ?? '', description: query.get('error_description') ?? '' };
      seen.push(refusal);
      // The one sign-in waiting takes it, as the loopback server or URI handler would hand it over.
      const pending = new PendingAttempts();
      const waiting = pending.wait(pending.create(redirectUri), 10_000);
      assert.equal(pending.deliver(new URL(location).search).accepted, true, c.what);
      await assert.rejects(waiting, (e: unknown) => e instanceof AuthorizeError && e.error === refusal.error);
    }
    assert.deepEqual(seen, STATELESS_REFUSALS);
  });

  it('a user who denies consent gets access_denied WITH the state: not one of them', async () => {
    await adminApi()
      .http.request('DELETE', `/users/${env.user}/authorizations/vscode-consent`)
      .catch(() => undefined);
    const { location } = await authorizeOverHttp(
      authorizeUrl(env.url, {
        clientId: 'vscode-consent',
        redirectUri: 'http://127.0.0.1:43126/callback',
        state: 'st-denied',
        pkce: newPkce(),
      }),
      { userId: env.user, password: env.password, approve: false },
    );
    const query = new URL(location).searchParams;
    assert.equal(query.get('error'), 'access_denied');
    assert.equal(query.get('state'), 'st-denied');
    const pending = new PendingAttempts();
    pending.wait(pending.create('x'), 10_000).catch(() => undefined);
    query.delete('state');
    assert.equal(pending.deliver(query.toString()).accepted, false, 'without its state it is ignored');
  });
});

// A user's authorized clients and their tokens, as TTS v3.32.1 answers them (checked against a running v3.32.1 by
// test/real/account*.real.ts): de-authorizing keeps the tokens, a token revokes itself and its siblings, an API key
// with RIGHT_USER_AUTHORIZED_CLIENTS revokes any token ID, and the error shapes of each refusal.
import { strict as assert } from 'node:assert';
import {
  ACCOUNT_SEED,
  SEED,
  seedAccount,
  startTtsServer,
  type AccountSeed,
  type TtsTestServer,
} from '../../support/ttsServer';
import { assertContract, call, errorName, tokenRequest } from './helpers';

const detail = (answer: { json: Record<string, unknown> }): Record<string, unknown> =>
  (answer.json.details as Record<string, unknown>[])[0];
const [WEATHER, NOTES] = ACCOUNT_SEED.authorizedClients.map((c) => c.id);
const tokenId = (token: string): string => token.split('.')[1];
const T0 = Date.parse('2026-03-01T12:00:00Z');

describe('TTS test server: authorizations and tokens', () => {
  let server: TtsTestServer;
  let seeded: AccountSeed;
  let aliceKey: string;
  beforeEach(async () => {
    server = await startTtsServer({ now: () => T0 });
    seeded = seedAccount(server);
    aliceKey = server.createUserApiKey('alice', ['RIGHT_USER_ALL']);
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  it('lists the authorized clients oldest first (or newest), with paging and X-Total-Count', async () => {
    server.clock.advance(1000);
    server.issueTokens('alice', SEED.cli.id); // a later consent
    const list = await call(server, 'GET', '/users/alice/authorizations?limit=2', { token: aliceKey });
    assert.equal(list.headers.get('x-total-count'), '4');
    const auths = list.json.authorizations as Record<string, Record<string, string>>[];
    assert.equal(auths.length, 2);
    assert.deepEqual(Object.keys(auths[0]), ['user_ids', 'client_ids', 'rights', 'created_at', 'updated_at']);
    const newest = await call(server, 'GET', '/users/alice/authorizations?order=-created_at&limit=1', {
      token: aliceKey,
    });
    assert.deepEqual(newest.json.authorizations, [
      {
        user_ids: { user_id: 'alice' },
        client_ids: { client_id: SEED.cli.id },
        rights: ['RIGHT_ALL'],
        created_at: '2026-03-01T12:00:01.000Z',
        updated_at: '2026-03-01T12:00:01.000Z',
      },
    ]);
    const past = await call(server, 'GET', '/users/alice/authorizations?page=3&limit=2', { token: aliceKey });
    assert.deepEqual([past.body, past.headers.get('x-total-count')], [{}, '4']);
  });

  it('refuses an order other than created_at, an unknown user and a caller without the right', async () => {
    const order = await call(server, 'GET', '/users/alice/authorizations?order=expires_at', { token: aliceKey });
    assert.equal(order.status, 400);
    assert.deepEqual(detail(order).attributes, {
      field: 'order',
      name: 'ListOAuthClientAuthorizationsRequestValidationError',
      reason: 'value must be in list [ created_at -created_at]',
    });
    const admin = server.createUserApiKey('admin', ['RIGHT_ALL']);
    const nobody = await call(server, 'GET', '/users/nobody-here/authorizations', { token: admin });
    assert.deepEqual([nobody.status, errorName(nobody)], [404, 'user_not_found']);
    assert.equal(
      nobody.json.message,
      'error:pkg/identityserver/store:user_not_found (user with id `nobody-here` not found)',
    );
    const bob = server.createUserApiKey('bob', ['RIGHT_USER_ALL']);
    const other = await call(server, 'GET', '/users/alice/authorizations', { token: bob });
    assert.deepEqual([other.status, errorName(other)], [403, 'no_user_rights']);
    assert.deepEqual(detail(other).attributes, { uid: 'alice' });
  });

  it('lists tokens without their values, rights as granted; unknown clients are pkg/util/store:not_found', async () => {
    const tokens = await call(server, 'GET', `/users/alice/authorizations/${WEATHER}/tokens?order=-created_at`, {
      token: aliceKey,
    });
    assert.equal(tokens.headers.get('x-total-count'), '2');
    const listed = tokens.json.tokens as Record<string, unknown>[];
    assert.deepEqual(listed.map((t) => t.id).sort(), seeded.tokens[WEATHER].map((t) => tokenId(t.access_token)).sort());
    for (const t of listed) {
      assert.deepEqual(Object.keys(t), [
        'user_ids',
        'user_session_id',
        'client_ids',
        'id',
        'rights',
        'created_at',
        'expires_at',
      ]);
      assert.deepEqual(t.rights, ['RIGHT_USER_INFO', 'RIGHT_USER_APPLICATIONS_LIST', 'RIGHT_APPLICATION_INFO']);
      assert.equal(Date.parse(String(t.expires_at)) - Date.parse(String(t.created_at)), 3600_000);
    }
    const unknown = await call(server, 'GET', '/users/alice/authorizations/no-such-client/tokens', { token: aliceKey });
    assert.deepEqual(
      [unknown.status, unknown.json.message],
      [404, 'error:pkg/util/store:not_found (no results found)'],
    );
    const none = await call(server, 'GET', '/users/alice/authorizations/acme-portal/tokens', { token: aliceKey });
    assert.deepEqual([none.status, none.body, none.headers.get('x-total-count')], [200, {}, '0']);
  });

  it('de-authorizing keeps the tokens: they still work, are listed and refresh', async () => {
    const [first] = seeded.tokens[NOTES];
    const gone = await call(server, 'DELETE', `/users/alice/authorizations/${NOTES}`, { token: aliceKey });
    assert.deepEqual([gone.status, gone.body], [200, {}]);
    const again = await call(server, 'DELETE', `/users/alice/authorizations/${NOTES}`, { token: aliceKey });
    assert.deepEqual([again.status, errorName(again)], [404, 'authorization_not_found']);
    assert.deepEqual(detail(again).attributes, { user_id: 'alice', client_id: NOTES });
    const auths = await call(server, 'GET', '/users/alice/authorizations', { token: aliceKey });
    const ids = (auths.json.authorizations as { client_ids: { client_id: string } }[]).map(
      (a) => a.client_ids.client_id,
    );
    assert.ok(!ids.includes(NOTES) && ids.includes(WEATHER), ids.join());
    assert.equal((await call(server, 'GET', '/auth_info', { token: first.access_token })).status, 200);
    const listed = await call(server, 'GET', `/users/alice/authorizations/${NOTES}/tokens`, { token: aliceKey });
    assert.equal(listed.headers.get('x-total-count'), '1');
    const refreshed = await tokenRequest(server, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, [
      NOTES,
      `${NOTES}-secret`,
    ]);
    assert.equal(refreshed.status, 200, refreshed.text);
  });

  it('a token revokes itself or a sibling; another user’s or client’s token is a mismatch', async () => {
    const [a, b] = seeded.tokens[WEATHER];
    const path = `/users/alice/authorizations/${WEATHER}/tokens`;
    const foreign = tokenId(seeded.tokens[NOTES][0].access_token);
    const mismatch = await call(server, 'DELETE', `${path}/${foreign}`, { token: a.access_token });
    assert.deepEqual([mismatch.status, errorName(mismatch)], [400, 'access_token_mismatch']);
    const unknown = await call(server, 'DELETE', `${path}/AAAAAAAA`, { token: a.access_token });
    assert.deepEqual([unknown.status, errorName(unknown)], [404, 'access_token_not_found']);
    assert.deepEqual(detail(unknown).attributes, { access_token_id: 'AAAAAAAA' });
    const elsewhere = await call(
      server,
      'DELETE',
      `/users/bob/authorizations/${WEATHER}/tokens/${tokenId(b.access_token)}`,
      {
        token: a.access_token,
      },
    );
    assert.deepEqual([elsewhere.status, errorName(elsewhere)], [403, 'no_user_rights'], 'not its user: the right');
    const sibling = await call(server, 'DELETE', `${path}/${tokenId(b.access_token)}`, { token: a.access_token });
    assert.deepEqual([sibling.status, sibling.body], [200, {}]);
    assert.equal((await call(server, 'GET', '/auth_info', { token: b.access_token })).status, 401);
    const own = await call(server, 'GET', path, { token: a.access_token });
    assert.equal(own.headers.get('x-total-count'), '1', 'a token lists its own authorization’s tokens');
    const self = await call(server, 'DELETE', `${path}/${tokenId(a.access_token)}`, { token: a.access_token });
    assert.deepEqual([self.status, self.body], [200, {}]);
    assert.equal(errorName(await call(server, 'GET', '/auth_info', { token: a.access_token })), 'token_not_found');
  });

  it('an API key with the right deletes any token ID, whatever user and client the path names', async () => {
    const notes = seeded.tokens[NOTES][0];
    const admin = server.createUserApiKey('admin', ['RIGHT_ALL']);
    const odd = await call(
      server,
      'DELETE',
      `/users/admin/authorizations/${SEED.cli.id}/tokens/${tokenId(notes.access_token)}`,
      {
        token: admin,
      },
    );
    assert.deepEqual([odd.status, odd.body], [200, {}]);
    assert.equal((await call(server, 'GET', '/auth_info', { token: notes.access_token })).status, 401);
    const gone = await call(
      server,
      'DELETE',
      `/users/alice/authorizations/${NOTES}/tokens/${tokenId(notes.access_token)}`,
      {
        token: aliceKey,
      },
    );
    assert.deepEqual([gone.status, errorName(gone)], [404, 'access_token_not_found']);
  });
});

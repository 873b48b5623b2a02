// API keys of users and organizations, by the rules application keys follow (user_access.go, organization_access.go
// in TTS v3.32.1; answers checked by test:real): the settings-API-keys right, every right granted, expiry in the
// future, `rights: []` deletes, the whole key in the update answer, api_key_not_found naming the holder.
import { strict as assert } from 'node:assert';
import {
  ACCOUNT_SEED,
  seedAccount,
  startTtsServer,
  type AccountSeed,
  type TtsTestServer,
} from '../../support/ttsServer';
import { assertContract, call, errorName, type Answer } from './helpers';

const LAB = ACCOUNT_SEED.organization.id;
const attributes = (answer: Answer): unknown =>
  (answer.json.details as { attributes?: unknown }[] | undefined)?.[0]?.attributes;

describe('TTS test server: API keys of users and organizations', () => {
  let server: TtsTestServer;
  let seeded: AccountSeed;
  let alice: string;
  beforeEach(async () => {
    server = await startTtsServer();
    seeded = seedAccount(server);
    alice = server.createUserApiKey('alice', ['RIGHT_ALL']);
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  for (const holder of [
    { base: '/users/alice/api-keys', kind: 'user', id: 'alice', name: 'User', right: 'RIGHT_USER_INFO' },
    {
      base: `/organizations/${LAB}/api-keys`,
      kind: 'organization',
      id: LAB,
      name: 'Organization',
      right: 'RIGHT_ORGANIZATION_INFO',
    },
  ]) {
    it(`${holder.kind}: create (value once), list, get, update, delete by update and by DELETE`, async () => {
      const created = await call(server, 'POST', holder.base, {
        token: alice,
        body: { name: 'k', rights: [holder.right, 'RIGHT_APPLICATION_INFO'], expires_at: '2099-01-01T00:00:00Z' },
      });
      assert.equal(created.status, 200, created.text);
      assert.match(String(created.json.key), /^NNSXS\./);
      const id = String(created.json.id);
      assert.equal((await call(server, 'GET', '/auth_info', { token: String(created.json.key) })).status, 200);
      const listed = await call(server, 'GET', `${holder.base}?order=-created_at`, { token: alice });
      assert.ok((listed.json.api_keys as { id: string; key?: string }[]).every((k) => k.key === undefined));
      const got = await call(server, 'GET', `${holder.base}/${id}`, { token: alice });
      assert.deepEqual([got.json.name, got.json.key, got.json.expires_at], ['k', undefined, '2099-01-01T00:00:00Z']);
      const renamed = await call(server, 'PUT', `${holder.base}/${id}`, {
        token: alice,
        body: { api_key: { name: 'renamed' }, field_mask: { paths: ['name'] } },
      });
      assert.deepEqual(
        [renamed.json.name, renamed.json.rights, renamed.json.expires_at],
        ['renamed', [holder.right, 'RIGHT_APPLICATION_INFO'], '2099-01-01T00:00:00Z'],
        'the whole key comes back, rights in the order given',
      );
      const removed = await call(server, 'PUT', `${holder.base}/${id}`, {
        token: alice,
        body: { api_key: { rights: [] }, field_mask: { paths: ['rights'] } },
      });
      assert.deepEqual([removed.status, removed.body], [200, {}]);
      const missing = await call(server, 'GET', `${holder.base}/${id}`, { token: alice });
      assert.deepEqual([missing.status, errorName(missing)], [404, 'api_key_not_found']);
      assert.deepEqual(attributes(missing), { api_key_id: id, entity_type: holder.kind, entity_id: holder.id });
      assert.equal(
        missing.json.message,
        `error:pkg/identityserver/store:api_key_not_found (api key with id \`${id}\` not found)`,
      );
      const again = await call(server, 'POST', holder.base, { token: alice, body: { rights: [holder.right] } });
      const del = await call(server, 'DELETE', `${holder.base}/${String(again.json.id)}`, { token: alice });
      assert.deepEqual([del.status, del.body], [200, {}]);
      assert.equal(
        (await call(server, 'DELETE', `${holder.base}/${String(again.json.id)}`, { token: alice })).status,
        404,
      );
    });

    it(`${holder.kind}: validation names the request; rights the caller lacks are refused`, async () => {
      const empty = await call(server, 'POST', holder.base, { token: alice, body: { name: 'x', rights: [] } });
      assert.deepEqual(attributes(empty), {
        field: 'rights',
        name: `Create${holder.name}APIKeyRequestValidationError`,
        reason: 'value must contain at least 1 item(s)',
      });
      const past = await call(server, 'POST', holder.base, {
        token: alice,
        body: { rights: [holder.right], expires_at: '2020-01-01T00:00:00Z' },
      });
      assert.deepEqual(
        [past.status, (attributes(past) as { reason: string }).reason],
        [400, 'value must be greater than now'],
      );
      const weak = server.createUserApiKey('alice', [
        'RIGHT_USER_SETTINGS_API_KEYS',
        'RIGHT_ORGANIZATION_SETTINGS_API_KEYS',
      ]);
      const more = await call(server, 'POST', holder.base, {
        token: weak,
        body: { rights: ['RIGHT_APPLICATION_ALL'] },
      });
      assert.deepEqual([more.status, errorName(more)], [403, `insufficient_${holder.kind}_rights`]);
    });
  }

  it('admins hold no *_API_KEYS right on others: 403 naming RIGHT_USER_SETTINGS_API_KEYS', async () => {
    const admin = server.createUserApiKey('admin', ['RIGHT_ALL']);
    const others = await call(server, 'GET', '/users/alice/api-keys', { token: admin });
    assert.deepEqual(
      [others.status, attributes(others)],
      [403, { uid: 'alice', missing: ['RIGHT_USER_SETTINGS_API_KEYS'] }],
    );
    const own = await call(server, 'GET', '/users/admin/api-keys', { token: admin });
    assert.equal(own.headers.get('x-total-count'), '1');
    const seededKeys = await call(server, 'GET', '/users/alice/api-keys?order=name', { token: alice });
    const names = (seededKeys.json.api_keys as { id: string; name: string }[]).map((k) => k.name);
    assert.deepEqual(
      names.filter((n) => n !== undefined),
      ['deploy script', 'read only'],
    );
    assert.deepEqual(
      (seededKeys.json.api_keys as { id: string }[])
        .map((k) => k.id)
        .filter((i) => seeded.userApiKeys.some((s) => s.id === i)).length,
      2,
    );
  });
});

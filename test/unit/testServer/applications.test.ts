import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, call, errorName } from './helpers';

const APP = SEED.demo.appWithDevices;
const ids = (items: unknown, key: string): string[] =>
  (Array.isArray(items) ? (items as Record<string, Record<string, string>>[]) : []).map((i) => i.ids[key]);

describe('TTS test server: applications, devices, API keys', () => {
  let server: TtsTestServer;
  let alice: string;
  let admin: string;
  beforeEach(async () => {
    server = await startTtsServer();
    alice = server.issueTokens('alice', SEED.client.id).access_token;
    admin = server.issueTokens('admin', SEED.client.id).access_token;
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  it('lists what the user reaches directly and through organizations', async () => {
    const all = await call(server, 'GET', '/applications?field_mask=name', { token: alice });
    assert.deepEqual(ids(all.json.applications, 'application_id'), [
      'acme-fleet',
      'acme-parking',
      'alice-sensors',
      'alice-tracker',
    ]);
    const direct = await call(server, 'GET', '/users/alice/applications', { token: alice });
    assert.deepEqual(ids(direct.json.applications, 'application_id'), ['alice-sensors', 'alice-tracker']);
    const org = await call(server, 'GET', '/organizations/acme/applications', { token: alice });
    assert.equal(org.headers.get('x-total-count'), '2');
    const everything = await call(server, 'GET', '/applications', { token: admin });
    assert.equal(everything.headers.get('x-total-count'), '5', 'admins see all (config.listAllForAdmins)');
    server.state.config.listAllForAdmins = false;
    const own = await call(server, 'GET', '/applications', { token: admin });
    assert.deepEqual([own.status, own.body], [200, {}], 'v3.32.1: only the admin’s own collaborations');
  });

  it('creates, updates and refuses to delete or purge an application with devices', async () => {
    const created = await call(server, 'POST', '/users/alice/applications', {
      token: alice,
      body: { application: { ids: { application_id: 'new-app' }, name: 'New' } },
    });
    assert.equal(created.json.name, 'New');
    const updated = await call(server, 'PUT', '/applications/new-app', {
      token: alice,
      body: { application: { description: 'D' }, field_mask: { paths: ['description'] } },
    });
    assert.equal(updated.json.description, 'D');
    const counter = await call(server, 'PUT', '/applications/new-app', {
      token: alice,
      body: { application: { dev_eui_counter: 3 }, field_mask: { paths: ['dev_eui_counter'] } },
    });
    assert.equal(errorName(counter), 'field_mask_paths');
    const busy = await call(server, 'DELETE', `/applications/${APP}`, { token: alice });
    assert.equal(busy.status, 400);
    assert.equal(errorName(busy), 'application_has_devices');
    assert.equal((busy.json.details as Record<string, Record<string, unknown>>[])[0].attributes.count, 3);
    assert.equal(
      errorName(await call(server, 'DELETE', `/applications/${APP}/purge`, { token: admin })),
      'application_has_devices',
    );
    assert.deepEqual((await call(server, 'DELETE', '/applications/new-app', { token: alice })).body, {});
    assert.deepEqual((await call(server, 'POST', '/applications/new-app/restore', { token: alice })).body, {});
  });

  it('lists devices paged, ordered and masked', async () => {
    server.seed.devices(APP, 7);
    const r = await call(
      server,
      'GET',
      `/applications/${APP}/devices?field_mask=name&limit=4&page=2&order=-device_id`,
      { token: alice },
    );
    assert.equal(r.headers.get('x-total-count'), '10');
    assert.deepEqual(ids(r.json.end_devices, 'device_id'), [
      'device-0006',
      'device-0005',
      'device-0004',
      'device-0003',
    ]);
    const first = (r.json.end_devices as Record<string, unknown>[])[0];
    assert.deepEqual(Object.keys(first).sort(), ['created_at', 'ids', 'name', 'updated_at']);
    assert.equal(
      errorName(await call(server, 'GET', `/applications/${APP}/devices?field_mask=session`, { token: alice })),
      'field_mask_paths',
    );
    assert.equal(
      errorName(await call(server, 'GET', `/applications/${APP}/devices?order=colour`, { token: alice })),
      'validation',
    );
  });

  it('shows an API key value only on create; the key then authenticates with its rights', async () => {
    const expires = new Date(server.clock.now() + 86_400_000).toISOString();
    const created = await call(server, 'POST', `/applications/${APP}/api-keys`, {
      token: alice,
      body: {
        name: 'reader',
        rights: ['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_TRAFFIC_READ'],
        expires_at: expires,
      },
    });
    assert.equal(created.status, 200);
    const key = String(created.json.key);
    assert.match(key, /^NNSXS\.[A-Z2-7]{39}\.[A-Z2-7]{52}$/);
    assert.equal(created.json.id, key.split('.')[1]);
    const listed = await call(server, 'GET', `/applications/${APP}/api-keys`, { token: alice });
    assert.equal(JSON.stringify(listed.body).includes(key), false);
    assert.equal(listed.headers.get('x-total-count'), '1');
    const one = await call(server, 'GET', `/applications/${APP}/api-keys/${String(created.json.id)}`, { token: alice });
    assert.equal(one.json.key, undefined);
    assert.equal(one.json.name, 'reader');
    const info = await call(server, 'GET', '/auth_info', { token: key });
    assert.deepEqual((info.json.api_key as Record<string, unknown>).entity_ids, {
      application_ids: { application_id: APP },
    });
    assert.equal(
      (await call(server, 'GET', `/applications/${APP}?field_mask=name`, { token: key })).json.name,
      'Sensors',
    );
    assert.equal((await call(server, 'GET', `/applications/${APP}/devices`, { token: key })).status, 403);
    assert.equal(
      (await call(server, 'GET', '/applications/alice-tracker?field_mask=name', { token: key })).status,
      403,
    );
    server.clock.advance(86_400_000 + 1000);
    assert.equal(errorName(await call(server, 'GET', '/auth_info', { token: key })), 'api_key_expired');
  });

  it('checks API key requests: rights held, at least one, future expiry; rights [] deletes', async () => {
    const limited = server.seed.apiKeys(APP, 1, { rights: ['RIGHT_APPLICATION_SETTINGS_API_KEYS'] })[0].key;
    const escalate = await call(server, 'POST', `/applications/${APP}/api-keys`, {
      token: limited,
      body: { name: 'x', rights: ['RIGHT_APPLICATION_TRAFFIC_READ'] },
    });
    assert.equal(escalate.status, 403);
    assert.deepEqual((escalate.json.details as Record<string, Record<string, unknown>>[])[0].attributes.missing, [
      'RIGHT_APPLICATION_TRAFFIC_READ',
    ]);
    assert.equal(
      (await call(server, 'POST', `/applications/${APP}/api-keys`, { token: alice, body: { name: 'x', rights: [] } }))
        .status,
      400,
    );
    const past = await call(server, 'POST', `/applications/${APP}/api-keys`, {
      token: alice,
      body: { rights: ['RIGHT_APPLICATION_INFO'], expires_at: '2000-01-01T00:00:00Z' },
    });
    assert.equal(past.status, 400);
    const created = await call(server, 'POST', `/applications/${APP}/api-keys`, {
      token: alice,
      body: { name: 'k', rights: ['RIGHT_APPLICATION_INFO'] },
    });
    const id = String(created.json.id);
    const renamed = await call(server, 'PUT', `/applications/${APP}/api-keys/${id}`, {
      token: alice,
      body: { api_key: { id, name: 'renamed', rights: ['RIGHT_APPLICATION_INFO'] }, field_mask: { paths: ['name'] } },
    });
    assert.equal(renamed.json.name, 'renamed');
    assert.equal(renamed.json.key, undefined);
    const removed = await call(server, 'PUT', `/applications/${APP}/api-keys/${id}`, {
      token: alice,
      body: { api_key: { rights: [] }, field_mask: { paths: ['rights'] } },
    });
    assert.deepEqual(removed.body, {});
    assert.equal((await call(server, 'GET', `/applications/${APP}/api-keys/${id}`, { token: alice })).status, 404);
    const other = server.seed.apiKeys(APP, 1)[0];
    assert.deepEqual(
      (await call(server, 'DELETE', `/applications/${APP}/api-keys/${other.id}`, { token: alice })).body,
      {},
    );
    assert.equal(errorName(await call(server, 'GET', '/auth_info', { token: other.key })), 'api_key_not_found');
  });

  it('manages collaborators (singular delete path) and needs every right it grants', async () => {
    const bobKey = server.createUserApiKey('bob', ['RIGHT_USER_ALL']);
    const outsider = await call(server, 'GET', `/applications/${APP}/collaborators`, { token: bobKey });
    assert.deepEqual(outsider.json.collaborators, [{ ids: { user_ids: { user_id: 'alice' } } }], 'IDs, no rights');
    const set = await call(server, 'PUT', `/applications/${APP}/collaborators`, {
      token: alice,
      body: {
        collaborator: {
          ids: { user_ids: { user_id: 'bob' } },
          rights: ['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_DEVICES_READ'],
        },
      },
    });
    assert.deepEqual(set.body, {});
    const listed = await call(server, 'GET', `/applications/${APP}/collaborators?order=id`, { token: alice });
    assert.deepEqual(listed.json.collaborators, [
      { ids: { user_ids: { user_id: 'alice' } }, rights: ['RIGHT_ALL'] },
      { ids: { user_ids: { user_id: 'bob' } }, rights: ['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_DEVICES_READ'] },
    ]);
    const bobToken = server.issueTokens('bob', SEED.client.id).access_token;
    assert.equal(
      (await call(server, 'GET', `/applications/${APP}/devices`, { token: bobToken })).headers.get('x-total-count'),
      '3',
    );
    const unknownUser = await call(server, 'PUT', `/applications/${APP}/collaborators`, {
      token: alice,
      body: { collaborator: { ids: { user_ids: { user_id: 'nobody' } }, rights: ['RIGHT_APPLICATION_INFO'] } },
    });
    assert.equal(unknownUser.status, 404);
    assert.deepEqual(
      (await call(server, 'DELETE', `/applications/${APP}/collaborator/user/bob`, { token: alice })).body,
      {},
    );
    assert.equal(
      (await call(server, 'GET', `/applications/${APP}/collaborator/user/bob`, { token: alice })).status,
      404,
    );
    assert.equal((await call(server, 'GET', `/applications/${APP}/devices`, { token: bobToken })).status, 403);
  });

  it('answers auth_info, users, organizations and the IS configuration', async () => {
    assert.deepEqual((await call(server, 'GET', '/auth_info')).body, {});
    const adminInfo = await call(server, 'GET', '/auth_info', { token: admin });
    assert.equal(adminInfo.json.is_admin, true);
    assert.ok(Array.isArray((adminInfo.json.universal_rights as Record<string, unknown>).rights));
    assert.equal((await call(server, 'GET', '/auth_info', { token: alice })).json.is_admin, undefined);
    const user = await call(server, 'GET', '/users/alice?field_mask=name,primary_email_address', { token: alice });
    assert.equal(user.json.primary_email_address, 'alice@example.com');
    const publicUser = await call(server, 'GET', '/users/alice?field_mask=name', {
      token: server.issueTokens('bob', SEED.client.id).access_token,
    });
    assert.equal(publicUser.json.name, 'Alice');
    const orgs = await call(server, 'GET', '/users/alice/organizations?field_mask=name', { token: alice });
    assert.deepEqual(ids(orgs.json.organizations, 'organization_id'), ['acme']);
    const config = await call(server, 'GET', '/is/configuration');
    assert.equal(
      (config.json.configuration as Record<string, Record<string, unknown>>).user_rights.create_clients,
      true,
    );
    const auths = await call(server, 'GET', '/users/alice/authorizations', { token: alice });
    assert.equal(
      (auths.json.authorizations as Record<string, Record<string, string>>[])[0].client_ids.client_id,
      SEED.client.id,
    );
  });
});

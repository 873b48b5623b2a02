import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, call, errorName, type Answer } from './helpers';

const list = (r: Answer): Record<string, unknown>[] =>
  Array.isArray(r.json.clients) ? (r.json.clients as Record<string, unknown>[]) : [];
const newClient = (id: string, extra: Record<string, unknown> = {}) => ({
  client: {
    ids: { client_id: id },
    name: `Client ${id}`,
    redirect_uris: ['http://127.0.0.1/cb'],
    grants: ['GRANT_AUTHORIZATION_CODE'],
    rights: ['RIGHT_USER_INFO'],
    ...extra,
  },
});

describe('TTS test server: OAuth clients', () => {
  let server: TtsTestServer;
  let alice: string;
  let bob: string;
  let admin: string;
  beforeEach(async () => {
    server = await startTtsServer();
    alice = server.issueTokens('alice', SEED.client.id).access_token;
    bob = server.issueTokens('bob', SEED.client.id).access_token;
    admin = server.issueTokens('admin', SEED.client.id).access_token;
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  it('lists with X-Total-Count (exposed to browsers), ids and timestamps only without a mask', async () => {
    const r = await call(server, 'GET', '/clients', { token: alice });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-total-count'), '3');
    assert.match(r.headers.get('access-control-expose-headers') ?? '', /X-Total-Count/);
    assert.deepEqual(Object.keys(list(r)[0]).sort(), ['created_at', 'ids', 'updated_at']);
  });

  it('pages: limit ≤ 1000 (0 → 100), page 0 → 1, {} past the end', async () => {
    server.seed.clients('alice', 250, { prefix: 'bulk' });
    const page3 = await call(server, 'GET', '/users/alice/clients?limit=100&page=3', { token: alice });
    assert.equal(list(page3).length, 52);
    assert.equal(page3.headers.get('x-total-count'), '252');
    const past = await call(server, 'GET', '/users/alice/clients?limit=100&page=4', { token: alice });
    assert.deepEqual(past.body, {});
    assert.equal(past.headers.get('x-total-count'), '252');
    assert.equal(list(await call(server, 'GET', '/users/alice/clients?limit=0', { token: alice })).length, 100);
    const zero = await call(server, 'GET', '/users/alice/clients?limit=10&page=0', { token: alice });
    const one = await call(server, 'GET', '/users/alice/clients?limit=10&page=1', { token: alice });
    assert.deepEqual(zero.body, one.body);
    const tooMany = await call(server, 'GET', '/users/alice/clients?limit=1001', { token: alice });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.headers.get('x-total-count'), null, 'never on errors');
    const ordered = await call(server, 'GET', '/users/alice/clients?limit=2&order=-client_id', { token: alice });
    assert.deepEqual(
      list(ordered).map((c) => (c.ids as Record<string, unknown>).client_id),
      ['vscode-ext', 'bulk-0250'],
    );
  });

  it('applies field masks and refuses unknown paths and the secret', async () => {
    const r = await call(server, 'GET', '/clients/vscode-ext?field_mask=name,redirect_uris', { token: alice });
    assert.deepEqual(Object.keys(r.json).sort(), ['created_at', 'ids', 'name', 'redirect_uris', 'updated_at']);
    const unknown = await call(server, 'GET', '/clients/vscode-ext?field_mask=colour', { token: alice });
    assert.equal(unknown.status, 400);
    assert.equal(errorName(unknown), 'field_mask_paths');
    const secret = await call(server, 'GET', '/clients?field_mask=name,secret', { token: alice });
    assert.equal(secret.status, 400);
    assert.deepEqual((secret.json.details as Record<string, Record<string, unknown>>[])[0].attributes.forbidden_paths, [
      'secret',
    ]);
  });

  it('omits zero values: a REQUESTED state, false booleans, empty lists', async () => {
    const r = await call(
      server,
      'GET',
      '/clients/alice-dashboard?field_mask=state,skip_authorization,endorsed,logout_redirect_uris,state_description',
      { token: alice },
    );
    assert.deepEqual(Object.keys(r.json).sort(), ['created_at', 'ids', 'updated_at']);
  });

  it('creates: secret only in the create response, non-admin clients REQUESTED', async () => {
    const created = await call(server, 'POST', '/users/alice/clients', {
      token: alice,
      body: newClient('my-client', { state: 'STATE_APPROVED', skip_authorization: true }),
    });
    assert.equal(created.status, 200);
    assert.equal(typeof created.json.secret, 'string');
    assert.equal(created.json.state, undefined, 'REQUESTED is enum 0, omitted');
    assert.equal(created.json.state_description, 'admin approval required');
    assert.equal(created.json.skip_authorization, undefined);
    assert.deepEqual(created.json.administrative_contact, { user_ids: { user_id: 'alice' } });
    const all =
      'name,description,redirect_uris,state,state_description,grants,rights,skip_authorization,endorsed,administrative_contact';
    const read = await call(server, 'GET', `/clients/my-client?field_mask=${all}`, { token: alice });
    assert.equal(read.json.secret, undefined);
    assert.equal(
      JSON.stringify((await call(server, 'GET', `/clients?field_mask=${all}`, { token: alice })).body).includes(
        String(created.json.secret),
      ),
      false,
    );
    const collaborators = await call(server, 'GET', '/clients/my-client/collaborators', { token: alice });
    assert.deepEqual(collaborators.json.collaborators, [
      { ids: { user_ids: { user_id: 'alice' } }, rights: ['RIGHT_ALL'] },
    ]);
    const byAdmin = await call(server, 'POST', '/users/admin/clients', {
      token: admin,
      body: newClient('admin-client', { state: 'STATE_APPROVED' }),
    });
    assert.equal(byAdmin.json.state, 'STATE_APPROVED');
  });

  it('follows is.user-rights.create-clients', async () => {
    server.state.config.userRightsCreateClients = false;
    const r = await call(server, 'POST', '/users/alice/clients', { token: alice, body: newClient('not-allowed') });
    assert.equal(r.status, 403);
    assert.equal(errorName(r), 'admins_create_clients');
    assert.equal(
      (await call(server, 'POST', '/organizations/acme/clients', { token: alice, body: newClient('org-client') }))
        .status,
      200,
    );
  });

  it('refuses reserved, malformed and taken IDs', async () => {
    for (const [id, status, name] of [
      ['cli', 400, 'forbidden_id'],
      ['console', 400, 'forbidden_id'],
      ['Bad_ID', 400, 'validation'],
      ['ab', 400, 'validation'],
      ['vscode-ext', 409, 'id_taken'],
    ] as const) {
      const r = await call(server, 'POST', '/users/alice/clients', { token: alice, body: newClient(id) });
      assert.equal(r.status, status, id);
      assert.equal(errorName(r), name, id);
    }
  });

  it('updates by field mask; admin-only fields refused for non-admins', async () => {
    const renamed = await call(server, 'PUT', '/clients/vscode-ext', {
      token: alice,
      body: { client: { name: 'Renamed', description: 'ignored' }, field_mask: { paths: ['name'] } },
    });
    assert.equal(renamed.json.name, 'Renamed');
    assert.equal(renamed.json.description, undefined);
    const stringMask = await call(server, 'PUT', '/clients/vscode-ext', {
      token: alice,
      body: { client: { description: 'Hello' }, field_mask: 'description' },
    });
    assert.equal(stringMask.json.description, 'Hello');
    const noMask = await call(server, 'PUT', '/clients/vscode-ext', {
      token: alice,
      body: { client: { name: 'Not applied' } },
    });
    assert.equal(noMask.status, 200);
    assert.equal(
      (await call(server, 'GET', '/clients/vscode-ext?field_mask=name', { token: alice })).json.name,
      'Renamed',
    );
    const adminField = await call(server, 'PUT', '/clients/alice-dashboard', {
      token: alice,
      body: { client: { state: 'STATE_APPROVED' }, field_mask: { paths: ['state'] } },
    });
    assert.equal(adminField.status, 403);
    assert.equal(errorName(adminField), 'update_admin_field');
    const approved = await call(server, 'PUT', '/clients/alice-dashboard', {
      token: admin,
      body: { client: { state: 'STATE_APPROVED' }, field_mask: { paths: ['state'] } },
    });
    assert.equal(approved.json.state, 'STATE_APPROVED');
    const after = await call(server, 'GET', '/clients/alice-dashboard?field_mask=state,state_description', {
      token: alice,
    });
    assert.equal(after.json.state_description, undefined, 'state without state_description clears it');
    const stranger = await call(server, 'PUT', '/clients/vscode-ext', {
      token: bob,
      body: { client: { name: 'x' }, field_mask: { paths: ['name'] } },
    });
    assert.equal(stranger.status, 403);
    assert.equal(errorName(stranger), 'no_client_rights');
  });

  it('deletes softly, restores within 24 h of server time, purges for admins only', async () => {
    // (alice's token is a token of vscode-ext: deleting that client would sign her out)
    assert.deepEqual((await call(server, 'DELETE', '/clients/alice-dashboard', { token: alice })).body, {});
    assert.equal((await call(server, 'GET', '/clients/alice-dashboard', { token: alice })).status, 404);
    const deleted = await call(server, 'GET', '/clients?deleted=true&field_mask=name', { token: alice });
    assert.deepEqual(
      list(deleted).map((c) => (c.ids as Record<string, unknown>).client_id),
      ['alice-dashboard'],
    );
    assert.ok(list(deleted)[0].deleted_at);
    assert.equal(
      (await call(server, 'POST', '/users/alice/clients', { token: admin, body: newClient('alice-dashboard') })).status,
      409,
      'ID kept until purged',
    );
    const later = (ms: number) => {
      server.clock.advance(ms);
      alice = server.issueTokens('alice', SEED.client.id).access_token; // access tokens live one hour
      admin = server.issueTokens('admin', SEED.client.id).access_token;
    };
    later(23 * 3600_000);
    assert.deepEqual((await call(server, 'POST', '/clients/alice-dashboard/restore', { token: alice })).body, {});
    assert.equal((await call(server, 'GET', '/clients/alice-dashboard', { token: alice })).status, 200);
    const other = server.seed.clients('alice', 1, { ids: ['short-lived'] })[0];
    await call(server, 'DELETE', `/clients/${other.ids?.client_id}`, { token: admin });
    later(24 * 3600_000 + 1000);
    const late = await call(server, 'POST', '/clients/short-lived/restore', { token: admin });
    assert.equal(late.status, 400);
    assert.equal(errorName(late), 'restore_window_expired');
    const notAdmin = await call(server, 'DELETE', '/clients/short-lived/purge', { token: alice });
    assert.equal(notAdmin.status, 403);
    assert.deepEqual((await call(server, 'DELETE', '/clients/short-lived/purge', { token: admin })).body, {});
    assert.equal(
      (await call(server, 'POST', '/users/alice/clients', { token: admin, body: newClient('short-lived') })).status,
      200,
      'ID free again',
    );
  });

  it('answers rights, collaborators and search', async () => {
    const rights = await call(server, 'GET', '/clients/vscode-ext/rights', { token: alice });
    assert.ok((rights.json.rights as string[]).includes('RIGHT_CLIENT_INFO'));
    assert.deepEqual((await call(server, 'GET', '/clients/vscode-ext/rights', { token: bob })).body, {});
    const set = await call(server, 'PUT', '/clients/vscode-ext/collaborators', {
      token: alice,
      body: { collaborator: { ids: { user_ids: { user_id: 'bob' } }, rights: ['RIGHT_CLIENT_INFO'] } },
    });
    assert.deepEqual(set.body, {});
    const got = await call(server, 'GET', '/clients/vscode-ext/collaborator/user/bob', { token: alice });
    assert.deepEqual(got.body, { ids: { user_ids: { user_id: 'bob' } }, rights: ['RIGHT_CLIENT_INFO'] });
    assert.equal(
      (await call(server, 'GET', '/clients/vscode-ext?field_mask=name', { token: bob })).json.name,
      'Things Stack Manager',
    );
    assert.deepEqual(
      (await call(server, 'DELETE', '/clients/vscode-ext/collaborators/user/bob', { token: alice })).body,
      {},
    );
    assert.equal(
      (await call(server, 'GET', '/clients/vscode-ext/collaborator/user/bob', { token: alice })).status,
      404,
    );
    const found = await call(server, 'GET', '/search/clients?name_contains=DASH&field_mask=name', { token: alice });
    assert.deepEqual(
      list(found).map((c) => c.name),
      ['Dashboard'],
    );
    assert.equal(found.headers.get('x-total-count'), '1');
    const none = await call(server, 'GET', '/search/clients?id_contains=dash', { token: bob });
    assert.deepEqual(none.body, {});
  });

  it('authenticates like TTS: none, unknown, malformed, lower-case bearer, public fields for strangers', async () => {
    const anonymous = await call(server, 'GET', '/clients');
    assert.deepEqual(anonymous.body, {});
    assert.equal(anonymous.headers.get('x-total-count'), null);
    const get = await call(server, 'GET', '/clients/vscode-ext');
    assert.equal(get.status, 401);
    assert.equal(errorName(get), 'unauthenticated');
    const unknown = await call(server, 'GET', '/clients/vscode-ext', {
      token: `MFRWG.${'A'.repeat(39)}.${'B'.repeat(52)}`,
    });
    assert.equal(errorName(unknown), 'token_not_found');
    const key = await call(server, 'GET', '/auth_info', { token: `NNSXS.${'A'.repeat(39)}.${'B'.repeat(52)}` });
    assert.equal(key.status, 401);
    assert.equal(errorName(key), 'api_key_not_found');
    assert.equal((await call(server, 'GET', '/auth_info', { token: 'garbage' })).status, 400);
    const lower = await call(server, 'GET', '/auth_info', { headers: { Authorization: `bearer ${alice}` } });
    assert.equal((lower.json.oauth_access_token as Record<string, Record<string, unknown>>).user_ids.user_id, 'alice');
    const publicView = await call(server, 'GET', '/clients/vscode-ext?field_mask=name,rights', { token: bob });
    assert.equal(publicView.json.name, 'Things Stack Manager');
    const privateView = await call(server, 'GET', '/clients/vscode-ext?field_mask=attributes', { token: bob });
    assert.equal(privateView.status, 403);
  });
});

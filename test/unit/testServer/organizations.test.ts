// Organizations as TTS v3.32.1 keeps them (organization_registry.go; answers checked by test:real): created by a
// user who gets RIGHT_ALL, listed per user (admins too), public fields for outsiders, deleted with their applications
// still in them, restored, purged by admins with their API keys and collaborations, rights, search.
import { strict as assert } from 'node:assert';
import { ACCOUNT_SEED, SEED, seedAccount, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, call, errorName, type Answer } from './helpers';

const LAB = ACCOUNT_SEED.organization.id;
const ACME = SEED.acme.organizationId;
const ids = (answer: Answer, key = 'organizations', field = 'organization_id'): string[] =>
  ((answer.json[key] ?? []) as Record<string, Record<string, string>>[]).map((o) => o.ids[field]);

describe('TTS test server: organizations', () => {
  let server: TtsTestServer;
  let alice: string;
  let bob: string;
  let admin: string;
  let labKey: string;
  beforeEach(async () => {
    server = await startTtsServer();
    labKey = seedAccount(server).organizationApiKey.key;
    alice = server.createUserApiKey('alice', ['RIGHT_ALL']);
    bob = server.createUserApiKey('bob', ['RIGHT_ALL']);
    admin = server.createUserApiKey('admin', ['RIGHT_ALL']);
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  it('creates for a user (RIGHT_ALL, contacts the creator) and refuses taken, reserved and foreign IDs', async () => {
    const made = await call(server, 'POST', '/users/alice/organizations', {
      token: alice,
      body: { organization: { ids: { organization_id: 'alice-club' }, name: 'Club' } },
    });
    assert.equal(made.status, 200, made.text);
    assert.deepEqual(made.json.administrative_contact, { user_ids: { user_id: 'alice' } });
    const members = await call(server, 'GET', '/organizations/alice-club/collaborators', { token: alice });
    assert.deepEqual(members.json.collaborators, [{ ids: { user_ids: { user_id: 'alice' } }, rights: ['RIGHT_ALL'] }]);
    const create = (id: string, extra: Record<string, unknown> = {}, token = alice) =>
      call(server, 'POST', '/users/alice/organizations', {
        token,
        body: { organization: { ids: { organization_id: id }, ...extra } },
      });
    assert.equal(errorName(await create('bob')), 'id_taken', 'users and organizations share IDs');
    assert.equal(errorName(await create('alice-club')), 'id_taken');
    assert.equal(errorName(await create('organizations')), 'forbidden_id');
    const contact = await create('alice-x', { technical_contact: { user_ids: { user_id: 'bob' } } });
    assert.deepEqual([contact.status, errorName(contact)], [400, 'contact_no_collaborator']);
    assert.equal(
      contact.json.message,
      'error:pkg/identityserver:contact_no_collaborator (contact `bob` is not a collaborator)',
    );
    assert.equal((await create('alice-y', {}, bob)).status, 403);
  });

  it('lists the caller’s own organizations — also for an admin — and refuses an organization key', async () => {
    const mine = await call(server, 'GET', '/organizations?field_mask=name&order=-name', { token: alice });
    assert.deepEqual(ids(mine), [LAB, ACME]);
    assert.equal(mine.headers.get('x-total-count'), '2');
    assert.deepEqual(
      (mine.json.organizations as { name: string }[]).map((o) => o.name),
      ["Alice's lab", 'ACME Corp'],
    );
    const adminOwn = await call(server, 'GET', '/organizations', { token: admin });
    assert.deepEqual([adminOwn.body, adminOwn.headers.get('x-total-count')], [{}, '0']);
    const byUser = await call(server, 'GET', '/users/bob/organizations?limit=1&page=2', { token: bob });
    assert.deepEqual([ids(byUser), byUser.headers.get('x-total-count')], [['lora-lab'], '2']);
    const nested = await call(server, 'GET', '/organizations', { token: labKey });
    assert.deepEqual([nested.status, errorName(nested)], [400, 'nested_organizations']);
    assert.equal((await call(server, 'GET', '/users/alice/organizations', { token: bob })).status, 403);
  });

  it('gets public fields for outsiders, updates by field mask, and keeps contacts to the caller and collaborators', async () => {
    server.seed.user({ id: 'carol' });
    const outsider = server.createUserApiKey('carol', ['RIGHT_ALL']);
    const pub = await call(server, 'GET', `/organizations/${LAB}?field_mask=name`, { token: outsider });
    assert.equal(pub.json.name, "Alice's lab");
    const hidden = await call(server, 'GET', `/organizations/${LAB}?field_mask=description`, { token: outsider });
    assert.equal(hidden.status, 403);
    const renamed = await call(server, 'PUT', `/organizations/${LAB}`, {
      token: alice,
      body: { organization: { name: 'Lab', description: 'ignored' }, field_mask: { paths: ['name'] } },
    });
    assert.deepEqual([renamed.json.name, renamed.json.description], ['Lab', undefined]);
    const secret = await call(server, 'PUT', `/organizations/${LAB}`, {
      token: alice,
      body: { organization: {}, field_mask: { paths: ['secret'] } },
    });
    assert.equal(errorName(secret), 'field_mask_paths');
    const toBob = { organization: { technical_contact: { user_ids: { user_id: 'bob' } } } };
    const body = { ...toBob, field_mask: { paths: ['technical_contact'] } };
    const restricted = await call(server, 'PUT', `/organizations/${LAB}`, { token: alice, body });
    assert.deepEqual([restricted.status, errorName(restricted)], [403, 'contact_info_restricted']);
    const byAdmin = await call(server, 'PUT', `/organizations/${LAB}`, { token: admin, body });
    assert.deepEqual(byAdmin.json.technical_contact, { user_ids: { user_id: 'bob' } }, 'bob is a collaborator');
    const stranger = await call(server, 'PUT', `/organizations/${LAB}`, {
      token: admin,
      body: { organization: { administrative_contact: { user_ids: { user_id: 'admin' } } }, field_mask: { paths: [] } },
    });
    assert.equal(errorName(stranger), 'contact_no_collaborator');
  });

  it('deletes an organization that still has applications: they are no longer reached through it', async () => {
    const before = await call(server, 'GET', '/applications', { token: alice });
    assert.ok(ids(before, 'applications', 'application_id').includes('acme-fleet'));
    assert.deepEqual((await call(server, 'DELETE', `/organizations/${ACME}`, { token: alice })).body, {});
    const after = await call(server, 'GET', '/applications', { token: alice });
    assert.deepEqual(ids(after, 'applications', 'application_id'), ['alice-sensors', 'alice-tracker']);
    assert.equal((await call(server, 'GET', '/applications/acme-fleet?field_mask=name', { token: alice })).status, 403);
    const deleted = await call(server, 'GET', '/organizations?deleted=true', { token: alice });
    assert.deepEqual(ids(deleted), [ACME]);
    assert.equal((await call(server, 'GET', `/organizations/${ACME}`, { token: alice })).status, 404);
    const live = await call(server, 'POST', `/organizations/${LAB}/restore`, { token: alice });
    assert.deepEqual([live.status, errorName(live)], [404, 'organization_not_found']);
    assert.deepEqual((await call(server, 'POST', `/organizations/${ACME}/restore`, { token: alice })).body, {});
    const back = await call(server, 'GET', '/applications/acme-fleet?field_mask=name', { token: alice });
    assert.equal(back.json.name, 'Fleet');
  });

  it('purges (admins only) with its API keys and collaborations; the ID is free again', async () => {
    const refused = await call(server, 'DELETE', `/organizations/${LAB}/purge`, { token: alice });
    assert.deepEqual([refused.status, errorName(refused)], [403, 'admins_purge_organizations']);
    const app = await call(server, 'POST', `/organizations/${LAB}/applications`, {
      token: alice,
      body: { application: { ids: { application_id: 'lab-app' } } },
    });
    assert.equal(app.status, 200, app.text);
    assert.deepEqual((await call(server, 'DELETE', `/organizations/${LAB}/purge`, { token: admin })).body, {});
    assert.equal(errorName(await call(server, 'GET', '/auth_info', { token: labKey })), 'api_key_not_found');
    const members = await call(server, 'GET', '/applications/lab-app/collaborators', { token: admin });
    assert.deepEqual([members.body, members.headers.get('x-total-count')], [{}, '0']);
    const again = await call(server, 'POST', '/users/bob/organizations', {
      token: bob,
      body: { organization: { ids: { organization_id: LAB } } },
    });
    assert.equal(again.status, 200, again.text);
  });

  it('answers rights cut to entity and organization rights, and searches (organizations: RIGHT_CLIENT_INFO)', async () => {
    const mine = await call(server, 'GET', `/organizations/${LAB}/rights`, { token: alice });
    const rights = mine.json.rights as string[];
    assert.ok(rights.includes('RIGHT_ORGANIZATION_ALL') && rights.includes('RIGHT_APPLICATION_ALL'));
    assert.ok(!rights.some((r) => r.startsWith('RIGHT_USER_') || r === 'RIGHT_ALL'), rights.join());
    const bobs = await call(server, 'GET', `/organizations/${LAB}/rights`, { token: bob });
    assert.deepEqual(bobs.json.rights, ['RIGHT_ORGANIZATION_INFO']);
    await call(server, 'PUT', `/organizations/${LAB}`, {
      token: alice,
      body: { organization: { description: 'desc' }, field_mask: { paths: ['description'] } },
    });
    const listed = await call(server, 'GET', '/organizations?field_mask=description', { token: bob });
    assert.ok(JSON.stringify(listed.body).includes('desc'), 'RIGHT_ORGANIZATION_INFO shows it in the list');
    const found = await call(server, 'GET', '/search/organizations?field_mask=name,description', { token: bob });
    assert.deepEqual(ids(found), [LAB, 'lora-lab']);
    assert.ok(!JSON.stringify(found.body).includes('desc'), 'but not in search: v3.32.1 checks RIGHT_CLIENT_INFO');
    const all = await call(server, 'GET', '/search/organizations?query=LAB', { token: admin });
    assert.deepEqual(ids(all), [LAB, 'lora-lab']);
  });
});

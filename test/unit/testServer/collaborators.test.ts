// Collaborator rules of TTS v3.32.1 for organizations, applications and clients (organization_access.go,
// application_access.go, client_access.go; answers checked by test:real): anyone signed in lists the IDs, the last
// collaborator with all rights stays, contacts cannot be removed, organizations take users only.
import { strict as assert } from 'node:assert';
import { ACCOUNT_SEED, SEED, seedAccount, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { assertContract, call, errorName } from './helpers';

const LAB = ACCOUNT_SEED.organization.id;
const APP = SEED.demo.applications.aliceTracker;
const put = (id: string, rights: string[], organization = false) => ({
  collaborator: {
    ids: organization ? { organization_ids: { organization_id: id } } : { user_ids: { user_id: id } },
    rights,
  },
});

describe('TTS test server: collaborators', () => {
  let server: TtsTestServer;
  let alice: string;
  let admin: string;
  beforeEach(async () => {
    server = await startTtsServer();
    seedAccount(server);
    alice = server.createUserApiKey('alice', ['RIGHT_ALL']);
    admin = server.createUserApiKey('admin', ['RIGHT_ALL']);
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  it('lists IDs only to a caller without the collaborators right, nothing to the anonymous', async () => {
    server.seed.user({ id: 'carol' });
    const carol = server.createUserApiKey('carol', ['RIGHT_ALL']);
    const bob = server.createUserApiKey('bob', ['RIGHT_ALL']);
    const expected = [{ ids: { user_ids: { user_id: 'alice' } } }, { ids: { user_ids: { user_id: 'bob' } } }];
    for (const token of [carol, bob]) {
      const listed = await call(server, 'GET', `/organizations/${LAB}/collaborators`, { token });
      assert.deepEqual([listed.json.collaborators, listed.headers.get('x-total-count')], [expected, '2']);
    }
    const full = await call(server, 'GET', `/organizations/${LAB}/collaborators`, { token: alice });
    assert.deepEqual(
      (full.json.collaborators as { rights: string[] }[]).map((c) => c.rights),
      [['RIGHT_ALL'], ['RIGHT_ORGANIZATION_INFO']],
    );
    assert.equal((await call(server, 'GET', `/organizations/${LAB}/collaborators`)).status, 401);
  });

  it('organizations: users only; get a member, a non-member and an unknown account', async () => {
    const bob = await call(server, 'GET', `/organizations/${LAB}/collaborator/user/bob`, { token: alice });
    assert.deepEqual(bob.body, { ids: { user_ids: { user_id: 'bob' } }, rights: ['RIGHT_ORGANIZATION_INFO'] });
    const stranger = await call(server, 'GET', `/organizations/${LAB}/collaborator/user/admin`, { token: alice });
    assert.deepEqual([stranger.status, errorName(stranger)], [404, 'membership_not_found']);
    assert.equal(
      stranger.json.message,
      'error:pkg/identityserver/store:membership_not_found (membership of user account with id `admin` on ' +
        `organization entity with id \`${LAB}\` not found)`,
    );
    const unknown = await call(server, 'GET', `/organizations/${LAB}/collaborator/user/nobody-here`, { token: alice });
    assert.equal(errorName(unknown), 'account_not_found');
    const orgRoute = await call(server, 'GET', `/organizations/${LAB}/collaborator/organization/acme`, {
      token: alice,
      headers: { 'x-contract-check': 'skip' }, // no such route in the contract either
    });
    assert.deepEqual([orgRoute.status, orgRoute.body], [404, { code: 5, message: 'Not Found' }]);
    const nested = await call(server, 'PUT', `/organizations/${LAB}/collaborators`, {
      token: alice,
      body: put('acme', ['RIGHT_ORGANIZATION_INFO'], true),
    });
    assert.deepEqual([nested.status, errorName(nested)], [400, 'nested_organizations']);
  });

  it('keeps the last collaborator with all rights and the contacts (organizations)', async () => {
    const path = `/organizations/${LAB}/collaborators`;
    const contact = await call(server, 'DELETE', `${path}/user/alice`, { token: alice });
    assert.deepEqual([contact.status, errorName(contact)], [400, 'collaborator_is_contact']);
    const last = await call(server, 'PUT', path, { token: alice, body: put('alice', ['RIGHT_ORGANIZATION_INFO']) });
    assert.deepEqual([last.status, errorName(last)], [400, 'organization_needs_collaborator']);
    const empty = await call(server, 'PUT', path, { token: alice, body: put('alice', []) });
    assert.equal(errorName(empty), 'organization_needs_collaborator', 'removing through set is checked too');
    assert.deepEqual((await call(server, 'PUT', path, { token: alice, body: put('bob', ['RIGHT_ALL']) })).body, {});
    const fewer = await call(server, 'PUT', path, { token: alice, body: put('alice', ['RIGHT_ORGANIZATION_INFO']) });
    assert.deepEqual([fewer.status, fewer.body], [200, {}], 'another member has all rights now');
    const bobKey = server.createUserApiKey('bob', ['RIGHT_ALL']);
    const gone = await call(server, 'PUT', path, { token: bobKey, body: put('alice', []) });
    assert.deepEqual([gone.status, gone.body], [200, {}], 'set with no rights removes, also a contact');
  });

  it('applications and clients: their own needs_collaborator, and v3.32.1’s organization_needs_collaborator on delete', async () => {
    const path = `/applications/${APP}`;
    const app = await call(server, 'PUT', `${path}/collaborators`, {
      token: alice,
      body: put('alice', ['RIGHT_APPLICATION_INFO']),
    });
    assert.equal(errorName(app), 'application_needs_collaborator');
    assert.deepEqual(
      (
        await call(server, 'PUT', `${path}/collaborators`, {
          token: alice,
          body: put('bob', ['RIGHT_APPLICATION_INFO']),
        })
      ).body,
      {},
    );
    const contacts = {
      administrative_contact: { user_ids: { user_id: 'bob' } },
      technical_contact: { user_ids: { user_id: 'bob' } },
    };
    const moved = await call(server, 'PUT', path, {
      token: admin,
      body: { application: contacts, field_mask: { paths: ['administrative_contact', 'technical_contact'] } },
    });
    assert.equal(moved.status, 200, moved.text);
    const deleted = await call(server, 'DELETE', `${path}/collaborator/user/alice`, { token: alice });
    assert.deepEqual([deleted.status, errorName(deleted)], [400, 'organization_needs_collaborator']);
    const contact = await call(server, 'DELETE', `${path}/collaborator/user/bob`, { token: alice });
    assert.equal(errorName(contact), 'collaborator_is_contact');
    const client = await call(server, 'PUT', `/clients/${SEED.client.id}/collaborators`, {
      token: alice,
      body: put('alice', ['RIGHT_CLIENT_INFO']),
    });
    assert.equal(errorName(client), 'client_needs_collaborator');
  });
});

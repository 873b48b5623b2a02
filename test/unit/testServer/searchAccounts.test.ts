// Account search and the admin's views as TTS v3.32.1 answers them (registry_search.go; answers checked by
// test:real): the non-admin limits of /search/accounts, collaborators and their complement, the admin's queue of
// requested clients through /search/clients?state=…, and what /clients gives an admin.
import { strict as assert } from 'node:assert';
import { ACCOUNT_SEED, seedAccount, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { ilikeContains } from '../../support/ttsServer/searchAccounts';
import { assertContract, call, errorName, type Answer } from './helpers';

const accounts = (answer: Answer): string[] =>
  ((answer.json.account_ids ?? []) as Record<string, Record<string, string>>[]).map((a) =>
    a.user_ids ? `user:${a.user_ids.user_id}` : `organization:${a.organization_ids.organization_id}`,
  );
const clientIds = (answer: Answer): string[] =>
  ((answer.json.clients ?? []) as { ids: { client_id: string } }[]).map((c) => c.ids.client_id);

describe('TTS test server: account search and the admin queue', () => {
  let server: TtsTestServer;
  let alice: string;
  let admin: string;
  beforeEach(async () => {
    server = await startTtsServer({ now: () => Date.parse('2026-03-01T12:00:00Z') });
    seedAccount(server);
    alice = server.createUserApiKey('alice', ['RIGHT_ALL']);
    admin = server.createUserApiKey('admin', ['RIGHT_ALL']);
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  it('matches IDs like ILIKE: case-insensitive, `_` and `%` are wildcards', () => {
    assert.ok(ilikeContains('LIC')('alice'));
    assert.ok(ilikeContains('a_m')('admin'));
    assert.ok(ilikeContains('a%n')('alice-lab-then'));
    assert.ok(!ilikeContains('a.i')('alice'), 'a dot is a dot');
    assert.ok(ilikeContains('a\\_b')('xa_b') && !ilikeContains('a\\_b')('axb'), 'an escaped wildcard is literal');
  });

  it('non-admins (and the anonymous): nothing under 2 characters, else at most 10 with X-Total-Count', async () => {
    const short = await call(server, 'GET', '/search/accounts?query=a', { token: alice });
    assert.deepEqual([short.body, short.headers.get('x-total-count')], [{}, null]);
    server.clock.advance(1000);
    for (let i = 1; i <= 12; i++) {
      server.seed.user({ id: `lab-user-${String(i).padStart(2, '0')}` });
    }
    const many = await call(server, 'GET', '/search/accounts?query=LAB', { token: alice });
    assert.equal(many.headers.get('x-total-count'), '14');
    assert.equal(accounts(many).length, 10);
    assert.deepEqual(accounts(many).slice(0, 3), [
      'organization:alice-lab',
      'organization:lora-lab',
      'user:lab-user-01',
    ]);
    const anonymous = await call(server, 'GET', '/search/accounts?query=bo');
    assert.deepEqual(accounts(anonymous), ['user:bob']);
    const users = await call(server, 'GET', '/search/accounts?query=lab&only_users=true', { token: alice });
    assert.ok(accounts(users).every((a) => a.startsWith('user:')));
    const all = await call(server, 'GET', '/search/accounts?query=la', { token: admin });
    assert.deepEqual([accounts(all).length, all.headers.get('x-total-count')], [14, null], 'admins: all, no header');
    const long = await call(server, 'GET', `/search/accounts?query=${'x'.repeat(51)}`, { token: alice });
    assert.deepEqual([long.status, errorName(long)], [400, 'validation']);
  });

  it('collaborators of an entity (by ID), or every other account; no rights on it needed', async () => {
    const lab = ACCOUNT_SEED.organization.id;
    const bob = server.createUserApiKey('bob', ['RIGHT_USER_INFO']);
    const members = await call(server, 'GET', `/search/accounts?organization_ids.organization_id=${lab}`, {
      token: bob,
    });
    assert.deepEqual([accounts(members), members.headers.get('x-total-count')], [['user:alice', 'user:bob'], null]);
    const app = await call(server, 'GET', '/search/accounts?application_ids.application_id=acme-fleet', { token: bob });
    assert.deepEqual(accounts(app), ['organization:acme']);
    const others = await call(
      server,
      'GET',
      '/search/accounts?application_ids.application_id=acme-fleet&complement_collaborators=true',
      { token: bob },
    );
    assert.deepEqual(accounts(others), [
      'organization:alice-lab',
      'organization:lora-lab',
      'user:admin',
      'user:alice',
      'user:bob',
    ]);
    const missing = await call(server, 'GET', '/search/accounts?client_ids.client_id=no-such-client', { token: bob });
    assert.deepEqual([missing.status, errorName(missing)], [404, 'entity_not_found']);
    assert.equal(
      missing.json.message,
      'error:pkg/identityserver/store:entity_not_found (client entity with id `no-such-client` not found)',
    );
  });

  it('the admin queue: /search/clients honours state for everyone; an admin searches all, lists own', async () => {
    const queue = await call(server, 'GET', '/search/clients?state=STATE_REQUESTED&field_mask=name,state', {
      token: admin,
    });
    assert.deepEqual(clientIds(queue), ['alice-dashboard', ACCOUNT_SEED.requestedClient.id]);
    const outside = { 'x-contract-check': 'skip' }; // values the contract's enum leaves out, sent on purpose
    const byNumber = await call(server, 'GET', '/search/clients?state=0', { token: admin, headers: outside });
    assert.deepEqual(clientIds(byNumber), clientIds(queue));
    const both = await call(server, 'GET', '/search/clients?state=STATE_REQUESTED&state=STATE_APPROVED', {
      token: admin,
    });
    assert.equal(both.headers.get('x-total-count'), String(server.state.clients.size));
    const own = await call(server, 'GET', '/search/clients?state=STATE_REQUESTED', { token: alice });
    assert.deepEqual(clientIds(own), ['alice-dashboard'], 'a non-admin: only what it collaborates on');
    const bad = await call(server, 'GET', '/search/clients?state=FOO', { token: admin, headers: outside });
    assert.deepEqual(
      [bad.status, bad.body],
      [400, { code: 3, message: 'parsing list "state": "FOO" is not a valid value' }],
    );
    server.state.config.listAllForAdmins = false;
    const listed = await call(server, 'GET', '/clients', { token: admin });
    assert.deepEqual([listed.body, listed.headers.get('x-total-count')], [{}, '0'], 'v3.32.1: the admin’s own only');
    const appKey = server.seed.apiKey({ kind: 'application', id: 'alice-sensors' }, ['RIGHT_APPLICATION_INFO']);
    const forbidden = await call(server, 'GET', '/search/clients', { token: appKey });
    assert.deepEqual([forbidden.status, errorName(forbidden)], [403, 'search_forbidden']);
  });
});

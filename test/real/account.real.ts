// The account side on the real stack through the project's API client (issue 23): the admin's authorized clients
// and their tokens after sign-ins, revoking one token and then the authorization (what happens to its tokens), user
// API keys, and an organization's whole life with an API key. Everything made here is removed afterwards.
import { strict as assert } from 'node:assert';
import { OWN_CLIENT, apiWith, failure, makeUser, signIn, tokenIdOf } from './accountSupport';
import { adminApi, env, uniqueId } from './env';

const admin = { kind: 'user' as const, id: env.user };

describe('real TTS: authorizations, tokens, API keys, organizations', () => {
  const api = adminApi();
  const organizations: string[] = [];
  const revokeLater: string[] = [];
  after(async () => {
    for (const id of revokeLater) {
      await api.users.deleteToken(env.user, OWN_CLIENT.id, id).catch(() => undefined);
    }
    for (const id of organizations) {
      await api.organizations.delete(id).catch(() => undefined);
      await api.organizations.purge(id).catch(() => undefined);
    }
  });

  it('lists the authorization and tokens of sign-ins; revoking one token leaves the other; de-authorizing leaves both', async () => {
    const first = await signIn(env.user, env.password);
    const second = await signIn(env.user, env.password);
    const [a, b] = [tokenIdOf(first.accessToken), tokenIdOf(second.accessToken)];
    revokeLater.push(a, b);
    const auths = await api.users.authorizations(env.user, { limit: 1000 });
    const own = auths.items.find((x) => x.client_ids?.client_id === OWN_CLIENT.id);
    assert.ok(own, 'the client is listed as authorized');
    assert.deepEqual(own.rights, ['RIGHT_ALL'], 'the rights consented to, as granted');
    assert.equal(auths.total, auths.items.length);
    const tokens = await api.users.tokens(env.user, OWN_CLIENT.id, { limit: 1000 });
    const listed = tokens.items.filter((t) => t.id === a || t.id === b);
    assert.equal(listed.length, 2);
    for (const t of listed) {
      assert.equal(t.access_token, undefined, 'no token values in the list');
      assert.equal(t.refresh_token, undefined);
      assert.deepEqual(t.rights, ['RIGHT_ALL'], 'rights as granted, not expanded');
      const lifetime = Date.parse(t.expires_at ?? '') - Date.parse(t.created_at ?? '');
      assert.ok(Math.abs(lifetime - 3600_000) < 1000, `an hour (the server stamps both apart): ${lifetime} ms`);
    }
    assert.equal(tokens.items[0]?.id, b, 'newest first (the client asks for -created_at)');

    await api.users.deleteToken(env.user, OWN_CLIENT.id, a);
    const dead = await failure(apiWith(first.accessToken).users.identity());
    assert.ok(dead?.status === 401 && dead.errorName === 'token_not_found', String(dead));
    assert.equal((await apiWith(second.accessToken).users.identity()).userId, env.user, 'the other still works');

    await api.users.deleteAuthorization(env.user, OWN_CLIENT.id);
    const after = await api.users.authorizations(env.user, { limit: 1000 });
    assert.ok(!after.items.some((x) => x.client_ids?.client_id === OWN_CLIENT.id), 'no longer authorized');
    const stillListed = (await api.users.tokens(env.user, OWN_CLIENT.id, { limit: 1000 })).items.map((t) => t.id);
    const works = (await apiWith(second.accessToken).users.identity()).userId === env.user;
    console.log(
      `      after de-authorizing ${OWN_CLIENT.id}: its token is ${works ? 'still valid' : 'dead'} and ` +
        `${stillListed.includes(b) ? 'still listed' : 'gone from the list'}`,
    );
    assert.ok(works && stillListed.includes(b), 'v3.32.1 keeps the tokens of a deleted authorization');
    const again = await failure(api.users.deleteAuthorization(env.user, OWN_CLIENT.id));
    assert.ok(again?.status === 404 && again.id === 'pkg/identityserver/store:authorization_not_found', String(again));
    assert.deepEqual(again.attributes, { user_id: env.user, client_id: OWN_CLIENT.id });

    await apiWith(second.accessToken).users.deleteToken(env.user, OWN_CLIENT.id, b); // a token revokes itself
    assert.equal((await failure(apiWith(second.accessToken).users.identity()))?.status, 401);
    revokeLater.length = 0;
  });

  it('user API keys: create (the value once), it works, update name/rights/expiry, rights: [] deletes, delete', async () => {
    const keys = api.userApiKeys;
    const made = await keys.create(env.user, { name: 'tsm-real key', rights: ['RIGHT_USER_INFO'] });
    const id = made.id ?? '';
    try {
      assert.match(made.key ?? '', /^NNSXS\./);
      const me = await apiWith(made.key ?? '').users.identity();
      assert.deepEqual([me.kind, me.userId, me.keyName], ['api-key', env.user, 'tsm-real key']);
      const changed = await keys.update(env.user, id, {
        name: 'tsm-real renamed',
        rights: ['RIGHT_USER_INFO', 'RIGHT_USER_APPLICATIONS_LIST'],
        expiresAt: '2099-01-01T00:00:00Z',
      });
      assert.deepEqual([changed.name, changed.expires_at], ['tsm-real renamed', '2099-01-01T00:00:00Z']);
      const got = await keys.get(env.user, id);
      assert.deepEqual(got.rights, ['RIGHT_USER_INFO', 'RIGHT_USER_APPLICATIONS_LIST']);
      assert.equal(got.key, undefined);
      assert.ok((await keys.list(env.user)).items.some((k) => k.id === id));
      const past = await failure(
        keys.create(env.user, { name: 'x', rights: ['RIGHT_USER_INFO'], expiresAt: '2020-01-01T00:00:00Z' }),
      );
      assert.equal(past?.attributes.reason, 'value must be greater than now');
      assert.deepEqual(await keys.update(env.user, id, { rights: [] }), {}, 'rights: [] deletes the key');
      const gone = await failure(keys.get(env.user, id));
      assert.ok(gone?.status === 404 && gone.errorName === 'api_key_not_found', String(gone));
      assert.deepEqual(gone.attributes, { api_key_id: id, entity_type: 'user', entity_id: env.user });
      const other = await keys.create(env.user, { name: 'tsm-real other', rights: ['RIGHT_USER_INFO'] });
      await keys.delete(env.user, other.id ?? '');
      assert.equal((await failure(keys.get(env.user, other.id ?? '')))?.status, 404);
    } finally {
      await keys.delete(env.user, id).catch(() => undefined);
    }
  });

  it('an organization: create, API key, list, update, collaborator rules, delete, restore, purge', async () => {
    const id = uniqueId('org');
    organizations.push(id);
    const orgs = api.organizations;
    const made = await orgs.create(admin, { ids: { organization_id: id }, name: 'Real org' });
    assert.deepEqual(made.administrative_contact, { user_ids: { user_id: env.user } });
    const fields = ['name', 'description'];
    assert.ok((await orgs.list(admin, { fields })).items.some((o) => o.ids?.organization_id === id));
    assert.ok(
      (await orgs.list(undefined, { fields })).items.some((o) => o.ids?.organization_id === id),
      'own',
    );
    const updated = await orgs.update(id, { name: 'Renamed', description: 'by test:real' }, fields);
    assert.deepEqual([updated.name, updated.description], ['Renamed', 'by test:real']);
    const rights = await orgs.rights(id);
    assert.ok(rights.includes('RIGHT_ORGANIZATION_ALL') && !rights.some((r) => r.startsWith('RIGHT_USER_')));

    const key = await api.organizationApiKeys.create(id, { name: 'org key', rights: ['RIGHT_ORGANIZATION_INFO'] });
    const identity = await apiWith(key.key ?? '').users.identity();
    assert.deepEqual([identity.kind, identity.entity], ['api-key', `organization:${id}`]);
    assert.equal((await api.organizationApiKeys.list(id)).total, 1);
    const nested = await failure(apiWith(key.key ?? '').organizations.list(undefined, { fields }));
    assert.equal(nested?.id, 'pkg/identityserver:nested_organizations', 'an organization has no organizations');

    const members = await api.collaborators.list('organizations', id);
    assert.deepEqual(members.items, [{ ids: { user_ids: { user_id: env.user } }, rights: ['RIGHT_ALL'] }]);
    const contact = await failure(api.collaborators.remove('organizations', id, admin));
    assert.equal(contact?.id, 'pkg/identityserver:collaborator_is_contact');
    const last = await failure(api.collaborators.set('organizations', id, admin, ['RIGHT_ORGANIZATION_INFO']));
    assert.equal(last?.id, 'pkg/identityserver:organization_needs_collaborator');

    await orgs.delete(id);
    assert.equal((await failure(orgs.get(id, fields)))?.errorName, 'organization_not_found');
    const deleted = await orgs.list(admin, { fields, deleted: true });
    assert.ok(deleted.items.some((o) => o.ids?.organization_id === id && o.deleted_at));
    await orgs.restore(id);
    assert.equal((await orgs.get(id, fields)).name, 'Renamed');
    await orgs.delete(id);
    await orgs.purge(id);
    assert.equal((await failure(orgs.get(id, fields)))?.status, 404);
    const keyGone = await failure(apiWith(key.key ?? '').users.identity());
    assert.ok(keyGone?.status === 401, 'the purge took the API key along');
  });

  it('deleting an organization that still has an application: allowed; purge leaves the application without it', async () => {
    const id = uniqueId('org');
    const appId = uniqueId('orgapp');
    organizations.push(id);
    await api.organizations.create(admin, { ids: { organization_id: id } });
    await api.applications.create({ kind: 'organization', id }, { ids: { application_id: appId } });
    try {
      await api.organizations.delete(id); // no organization_has_applications rule in v3.32.1
      await api.organizations.purge(id);
      const members = await api.collaborators.list('applications', appId);
      assert.deepEqual([members.items, members.total], [[], 0], 'the application has no collaborators left');
    } finally {
      await api.applications.delete(appId).catch(() => undefined);
      await api.applications.purge(appId).catch(() => undefined);
    }
  });

  it('searches accounts by part of an ID: users and organizations, or users only; a non-admin needs 2 characters', async () => {
    const user = await makeUser();
    const id = uniqueId('org');
    organizations.push(id);
    try {
      await api.organizations.create(admin, { ids: { organization_id: id } });
      const stem = id.slice(0, -3);
      const both = await api.users.searchAccounts(stem);
      assert.ok(
        both.some((o) => o.kind === 'organization' && o.id === id),
        JSON.stringify(both),
      );
      const users = await api.users.searchAccounts(stem, { onlyUsers: true });
      assert.ok(!users.some((o) => o.kind === 'organization'), JSON.stringify(users));
      const found = await user.api.users.searchAccounts(user.id.slice(0, -1));
      assert.ok(
        found.some((o) => o.kind === 'user' && o.id === user.id),
        JSON.stringify(found),
      );
      assert.ok(found.length <= 10, 'a non-admin gets at most 10');
      assert.deepEqual(await user.api.users.searchAccounts(user.id.slice(0, 1)), [], 'one character finds nothing');
    } finally {
      await user.remove();
    }
  });

  it("lists the caller's rights on a user (what the commands check before asking): own, and none on another", async () => {
    const user = await makeUser();
    try {
      const own = await user.api.users.rights(user.id);
      assert.ok(own.includes('RIGHT_USER_AUTHORIZED_CLIENTS') && own.includes('RIGHT_USER_ORGANIZATIONS_CREATE'));
      assert.ok(!own.includes('RIGHT_ALL'), 'expanded, without the pseudo-right');
      assert.deepEqual(await user.api.users.rights(env.user), [], 'nothing on another user');
    } finally {
      await user.remove();
    }
  });
});

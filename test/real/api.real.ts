// Lists with paging and field masks, client and application lifecycles, updates the server ignores, API keys,
// collaborators, error shapes and an events stream — each cleaned up (deleted and purged) afterwards.
import { strict as assert } from 'node:assert';
import { TtsError } from '../../src/tts/errors';
import { NotStoredError } from '../../src/tts/updateCheck';
import { adminApi, env, uniqueId } from './env';

const admin = { kind: 'user' as const, id: env.user };

describe('real TTS: API', () => {
  const api = adminApi();
  const created: { kind: 'clients' | 'applications'; id: string }[] = [];
  after(async () => {
    for (const { kind, id } of created.reverse()) {
      const registry = kind === 'clients' ? api.clients : api.applications;
      await registry.delete(id).catch(() => undefined);
      await registry.purge(id).catch(() => undefined);
    }
  });

  it('lists with paging (X-Total-Count) and a field mask', async () => {
    const ids = [uniqueId('app'), uniqueId('app'), uniqueId('app')];
    for (const id of ids) {
      await api.applications.create(admin, { ids: { application_id: id }, name: `Real ${id}` });
      created.push({ kind: 'applications', id });
    }
    const first = await api.applications.list(admin, { fields: ['name'], limit: 2, page: 1 });
    assert.equal(first.items.length, 2);
    assert.ok((first.total ?? 0) >= 3, `X-Total-Count ${first.total}`);
    assert.ok(
      first.items.every((a) => typeof a.name === 'string' && a.description === undefined),
      'only the masked fields',
    );
    const all = await api.applications.listAll(admin, { fields: ['name'], limit: 2 });
    assert.ok(ids.every((id) => all.some((a) => a.ids?.application_id === id)));
  });

  it('client lifecycle: create (secret once), update, endorsed not stored, delete, restore, purge', async () => {
    const id = uniqueId('client');
    const client = await api.clients.create(admin, {
      ids: { client_id: id },
      name: 'Real client',
      redirect_uris: ['http://127.0.0.1/callback'],
      grants: ['GRANT_AUTHORIZATION_CODE'],
      rights: ['RIGHT_USER_INFO'],
      state: 'STATE_APPROVED',
    });
    created.push({ kind: 'clients', id });
    assert.ok(client.secret, 'the generated secret comes back on create');
    const got = await api.clients.get(id, ['name', 'state', 'endorsed']);
    assert.equal(got.state, 'STATE_APPROVED');
    const updated = await api.clients.update(id, { name: 'Renamed', skip_authorization: true }, [
      'name',
      'skip_authorization',
    ]);
    assert.equal(updated.name, 'Renamed');
    const before = (await api.clients.get(id, ['endorsed'])).endorsed === true;
    const ignored = await api.clients.update(id, { endorsed: !before }, ['endorsed']).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(ignored instanceof NotStoredError, `TTS v3.32.1 does not store endorsed: ${String(ignored)}`);
    assert.equal(ignored.message, 'The Things Stack accepted the change but did not store: Endorsed.');
    await api.clients.delete(id);
    await api.clients.restore(id);
    await api.clients.delete(id);
    await api.clients.purge(id);
  });

  it('application lifecycle, API keys and collaborators', async () => {
    const id = uniqueId('app');
    await api.applications.create(admin, { ids: { application_id: id }, name: 'Real app' });
    created.push({ kind: 'applications', id });
    await api.applications.update(id, { description: 'Made by test:real' }, ['description']);
    const key = await api.apiKeys.create(id, { name: 'real key', rights: ['RIGHT_APPLICATION_INFO'] });
    assert.match(key.key ?? '', /^NNSXS\./);
    const renamed = await api.apiKeys.update(id, key.id ?? '', {
      name: 'renamed key',
      rights: ['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_LINK'],
    });
    assert.equal(renamed.name, 'renamed key');
    const keys = await api.apiKeys.list(id);
    assert.equal(keys.total, 1);
    await api.apiKeys.delete(id, key.id ?? '');
    const members = await api.collaborators.list('applications', id);
    assert.ok(members.items.some((m) => m.ids?.user_ids?.user_id === env.user));
    const unknown = await api.collaborators
      .set('applications', id, { kind: 'user', id: 'nobody-here' }, ['RIGHT_APPLICATION_INFO'])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(
      unknown instanceof TtsError &&
        unknown.status === 404 &&
        unknown.id === 'pkg/identityserver/store:account_not_found',
      String(unknown),
    );
    assert.deepEqual(unknown.attributes, { account_id: 'nobody-here', account_type: 'user' });
    await api.applications.delete(id);
    await api.applications.purge(id);
  });

  it('answers an invalid ID in a path with 400 validation and a named cause; an unknown route without details', async () => {
    const invalid = await api.applications.get('Bad_ID', ['name']).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(
      invalid instanceof TtsError && invalid.status === 400 && invalid.id === 'pkg/errors:validation',
      String(invalid),
    );
    assert.equal(invalid.attributes.name, 'GetApplicationRequestValidationError');
    assert.equal(invalid.ttsCause?.attributes?.name, 'ApplicationIdentifiersValidationError');
    const route = await fetch(`${env.url}/api/v3/nosuchroute`, { headers: { Authorization: `Bearer ${env.apiKey}` } });
    assert.equal(route.status, 404);
    assert.deepEqual(await route.json(), { code: 5, message: 'Not Found' });
  });

  it('streams events: first events.stream.start', async () => {
    const controller = new AbortController();
    const stream = api.events.stream(
      { identifiers: [{ application_ids: { application_id: 'demo-app' } }] },
      controller.signal,
    );
    const first = await stream.next();
    assert.equal(first.value?.name, 'events.stream.start');
    controller.abort();
    await stream.return(undefined).catch(() => undefined);
  });
});

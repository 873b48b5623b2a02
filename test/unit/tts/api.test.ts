import { strict as assert } from 'node:assert';
import { TtsClient } from '../../../src/tts/client';
import { CLIENT_DETAIL_FIELDS, CLIENT_LIST_FIELDS } from '../../../src/tts/clients';
import { APPLICATION_LIST_FIELDS } from '../../../src/tts/applications';
import { TtsError } from '../../../src/tts/errors';
import { STREAM_START } from '../../../src/tts/events';
import type { Owner } from '../../../src/tts/types';
import { startTtsServer, type TtsTestServer } from '../../support/ttsServer';

const alice: Owner = { kind: 'user', id: 'alice' };

describe('api: every operation against the TTS test server', function () {
  this.timeout(30_000);
  let server: TtsTestServer;
  let api: TtsClient;
  let admin: TtsClient;

  before(async () => {
    server = await startTtsServer();
    const token = server.issueTokens('alice', 'vscode-ext').access_token;
    const adminToken = server.issueTokens('admin', 'vscode-ext').access_token;
    api = new TtsClient({ baseUrl: server.url, auth: { token: async () => token } });
    admin = new TtsClient({ baseUrl: server.url, auth: { token: async () => adminToken } });
  });
  after(() => server.close());

  it('auth_info, the current user and their organizations', async () => {
    const identity = await api.users.identity();
    assert.equal(identity.kind, 'oauth');
    assert.equal(identity.userId, 'alice');
    assert.equal(identity.clientId, 'vscode-ext');
    assert.ok(identity.tokenId);
    assert.equal(identity.isAdmin, false);
    assert.equal((await admin.users.identity()).isAdmin, true);
    const user = await api.users.get('alice');
    assert.equal(user.ids?.user_id, 'alice');
    const orgs = await api.users.organizations('alice');
    assert.ok(orgs.some((o) => o.ids?.organization_id === 'acme'));
  });

  it('pages: limit/page, X-Total-Count, {} past the end, and fetch-all with bounded concurrency', async () => {
    server.seed.user({ id: 'carol' });
    server.seed.applications('carol', 250, { prefix: 'paged' });
    const carolToken = server.issueTokens('carol', 'vscode-ext').access_token;
    const carolApi = new TtsClient({ baseUrl: server.url, auth: { token: async () => carolToken } });
    const carol: Owner = { kind: 'user', id: 'carol' };
    const first = await carolApi.applications.list(carol, { fields: APPLICATION_LIST_FIELDS, limit: 100 });
    assert.equal(first.items.length, 100);
    assert.equal(first.total, 250);
    const past = await carolApi.applications.list(carol, { fields: APPLICATION_LIST_FIELDS, limit: 100, page: 9 });
    assert.deepEqual(past.items, []);
    let pages = 0;
    for await (const page of carolApi.applications.pages(carol, { fields: APPLICATION_LIST_FIELDS, limit: 100 })) {
      pages++;
      assert.ok(page.items.length > 0);
    }
    assert.equal(pages, 3);
    const all = await carolApi.applications.listAll(carol, {
      fields: APPLICATION_LIST_FIELDS,
      limit: 100,
      concurrency: 2,
    });
    assert.equal(all.length, 250);
    assert.equal(new Set(all.map((a) => a.ids?.application_id)).size, 250);
  });

  it('clients: create (secret only here), get, list for user / organization / all, update, rights', async () => {
    const created = await api.clients.create(alice, {
      ids: { client_id: 'alice-tool' },
      name: 'Alice tool',
      redirect_uris: ['code'],
      grants: ['GRANT_AUTHORIZATION_CODE'],
      rights: ['RIGHT_USER_INFO'],
    });
    assert.ok(created.secret, 'secret returned on create');
    const got = await api.clients.get('alice-tool', CLIENT_DETAIL_FIELDS);
    assert.equal(got.secret, undefined, 'never again');
    assert.equal(got.state, 'STATE_REQUESTED', 'omitted zero state normalised');
    assert.deepEqual(got.logout_redirect_uris, [], 'omitted list normalised');
    assert.equal(got.state_description, 'admin approval required');
    const mine = await api.clients.list(alice, { fields: CLIENT_LIST_FIELDS });
    assert.ok(mine.items.some((c) => c.ids?.client_id === 'alice-tool'));
    const everything = await api.clients.list(undefined, { fields: CLIENT_LIST_FIELDS });
    assert.ok(everything.items.length >= mine.items.length);
    await api.clients.create(
      { kind: 'organization', id: 'acme' },
      { ids: { client_id: 'acme-tool' }, name: 'Acme tool' },
    );
    const org = await api.clients.list({ kind: 'organization', id: 'acme' }, { fields: CLIENT_LIST_FIELDS });
    assert.ok(org.items.some((c) => c.ids?.client_id === 'acme-tool'));
    const updated = await api.clients.update(
      'alice-tool',
      { name: 'Renamed', redirect_uris: ['code', 'http://127.0.0.1/cb'] },
      ['name', 'redirect_uris'],
    );
    assert.equal(updated.name, 'Renamed');
    assert.ok((await api.clients.rights('alice-tool')).length > 0);
  });

  it('clients: admin-only fields are refused for non-admins, accepted for admins', async () => {
    await assert.rejects(
      api.clients.update('alice-tool', { state: 'STATE_APPROVED' }, ['state']),
      (e: unknown) => e instanceof TtsError && e.status === 403,
    );
    const approved = await admin.clients.update('alice-tool', { state: 'STATE_APPROVED', state_description: 'ok' }, [
      'state',
      'state_description',
    ]);
    assert.equal(approved.state, 'STATE_APPROVED');
  });

  it('clients: search, delete, list deleted, restore, purge (admin)', async () => {
    const found = await api.clients.search({ fields: CLIENT_LIST_FIELDS, idContains: 'alice-t' });
    assert.deepEqual(
      found.items.map((c) => c.ids?.client_id),
      ['alice-tool'],
    );
    await api.clients.delete('alice-tool');
    const deleted = await api.clients.list(alice, { fields: CLIENT_LIST_FIELDS, deleted: true });
    assert.ok(deleted.items.some((c) => c.ids?.client_id === 'alice-tool'));
    await api.clients.restore('alice-tool');
    assert.equal((await api.clients.get('alice-tool', ['name'])).ids?.client_id, 'alice-tool');
    await api.clients.delete('alice-tool');
    await assert.rejects(api.clients.purge('alice-tool'), (e: unknown) => e instanceof TtsError && e.status === 403);
    await admin.clients.purge('alice-tool');
  });

  it('client collaborators: list, set, get, remove', async () => {
    await api.collaborators.set('clients', 'acme-tool', { kind: 'user', id: 'bob' }, ['RIGHT_CLIENT_INFO']);
    const list = await api.collaborators.list('clients', 'acme-tool');
    assert.ok(list.items.some((c) => c.ids?.user_ids?.user_id === 'bob'));
    assert.deepEqual((await api.collaborators.get('clients', 'acme-tool', { kind: 'user', id: 'bob' })).rights, [
      'RIGHT_CLIENT_INFO',
    ]);
    await api.collaborators.remove('clients', 'acme-tool', { kind: 'user', id: 'bob' });
    assert.ok(
      !(await api.collaborators.list('clients', 'acme-tool')).items.some((c) => c.ids?.user_ids?.user_id === 'bob'),
    );
  });

  it('applications: create, get, update, rights, search, collaborators, delete, restore, purge', async () => {
    await api.applications.create(alice, { ids: { application_id: 'alice-app' }, name: 'Alice app' });
    assert.equal((await api.applications.get('alice-app', ['name'])).name, 'Alice app');
    assert.equal((await api.applications.update('alice-app', { description: 'x' }, ['description'])).description, 'x');
    assert.ok((await api.applications.rights('alice-app')).includes('RIGHT_APPLICATION_INFO'));
    assert.ok(
      (await api.applications.search({ fields: APPLICATION_LIST_FIELDS, nameContains: 'Alice app' })).items.length >= 1,
    );
    await api.collaborators.set('applications', 'alice-app', { kind: 'organization', id: 'acme' }, [
      'RIGHT_APPLICATION_INFO',
    ]);
    assert.ok(
      (await api.collaborators.get('applications', 'alice-app', { kind: 'organization', id: 'acme' })).rights?.length,
    );
    await api.collaborators.remove('applications', 'alice-app', { kind: 'organization', id: 'acme' });
    await api.applications.delete('alice-app');
    await api.applications.restore('alice-app');
    await api.applications.delete('alice-app');
    await admin.applications.purge('alice-app');
  });

  it('API keys: create (value only here), list, get, update, delete', async () => {
    await api.applications.create(alice, { ids: { application_id: 'key-app' } });
    const created = await api.apiKeys.create('key-app', { name: 'ci', rights: ['RIGHT_APPLICATION_INFO'] });
    assert.match(created.key ?? '', /^NNSXS\./);
    const list = await api.apiKeys.list('key-app');
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].key, undefined);
    assert.equal((await api.apiKeys.get('key-app', created.id!)).name, 'ci');
    const updated = await api.apiKeys.update('key-app', created.id!, {
      name: 'ci-2',
      rights: ['RIGHT_APPLICATION_INFO', 'RIGHT_APPLICATION_TRAFFIC_READ'],
    });
    assert.equal(updated.name, 'ci-2');
    await api.apiKeys.delete('key-app', created.id!);
    assert.deepEqual((await api.apiKeys.list('key-app')).items, []);
  });

  it('end devices: paged with a count; an application with devices cannot be deleted', async () => {
    await api.applications.create(alice, { ids: { application_id: 'dev-app' } });
    server.seed.devices('dev-app', 5);
    const page = await api.devices.list('dev-app', { limit: 2 });
    assert.equal(page.items.length, 2);
    assert.equal(page.total, 5);
    await assert.rejects(
      api.applications.delete('dev-app'),
      (e: unknown) => e instanceof TtsError && e.errorName === 'application_has_devices',
    );
  });

  it('events: the stream starts with events.stream.start and carries emitted events', async () => {
    await api.applications.create(alice, { ids: { application_id: 'live-app' } });
    const controller = new AbortController();
    const names: string[] = [];
    const reading = (async () => {
      for await (const event of api.events.stream(
        { identifiers: [{ application_ids: { application_id: 'live-app' } }] },
        controller.signal,
      )) {
        names.push(event.name ?? '');
        if (names.length === 1) {
          server.events.emit('live-app', { name: 'as.up.data.forward' });
        }
        if (names.length === 2) {
          controller.abort();
        }
      }
    })();
    await reading.catch(() => undefined);
    assert.deepEqual(names, [STREAM_START, 'as.up.data.forward']);
  });

  it('events: the time limit covers the headers only, so a quiet stream stays open', async () => {
    const token = server.issueTokens('alice', 'vscode-ext').access_token;
    const quick = new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, timeoutMs: 150 });
    const controller = new AbortController();
    const names: string[] = [];
    setTimeout(() => server.events.emit('live-app', { name: 'as.up.data.forward' }), 400);
    for await (const event of quick.events.stream(
      { identifiers: [{ application_ids: { application_id: 'live-app' } }] },
      controller.signal,
    )) {
      names.push(event.name ?? '');
      if (names.length === 2) {
        break;
      }
    }
    controller.abort();
    assert.deepEqual(names, [STREAM_START, 'as.up.data.forward']);
  });

  it('revokes its own token', async () => {
    const t = server.issueTokens('alice', 'vscode-ext');
    const self = new TtsClient({ baseUrl: server.url, auth: { token: async () => t.access_token }, retries: 0 });
    const identity = await self.users.identity();
    await self.users.deleteToken('alice', 'vscode-ext', identity.tokenId!);
    await assert.rejects(
      self.users.authInfo().then((info) => {
        if (!info.oauth_access_token) {
          throw new Error('revoked');
        }
      }),
    );
  });
});

// The test server keeps, per account, the entities it collaborates on between changes (bench/listing lists 5,000
// fifty times): every change shows in the next list however it is made — through the API, the seeder or a test
// writing to the state maps directly — and the list keeps TTS's order whatever order memberships were made in. The
// rights each member holds are kept the same way, so a change of rights shows in the next answer too.
import { strict as assert } from 'node:assert';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { setMember } from '../../support/ttsServer/state';
import { assertContract, call } from './helpers';

const ids = (items: unknown): string[] =>
  (Array.isArray(items) ? (items as { ids: { application_id: string } }[]) : []).map((i) => i.ids.application_id);

describe('TTS test server: listing after changes', () => {
  let server: TtsTestServer;
  let alice: string;
  const list = async (query = '') => {
    const answer = await call(server, 'GET', `/users/alice/applications?field_mask=name${query}`, { token: alice });
    return { ids: ids(answer.json.applications), total: answer.headers.get('x-total-count') };
  };

  beforeEach(async () => {
    server = await startTtsServer();
    alice = server.issueTokens('alice', SEED.client.id).access_token;
  });
  afterEach(async () => {
    assertContract(server);
    await server.close();
  });

  it('shows memberships added and removed through the API, the seeder and the state maps', async () => {
    assert.deepEqual(await list(), { ids: ['alice-sensors', 'alice-tracker'], total: '2' });
    const admin = server.issueTokens('admin', SEED.client.id).access_token;
    const added = await call(server, 'PUT', '/applications/acme-fleet/collaborators', {
      token: admin,
      body: { collaborator: { ids: { user_ids: { user_id: 'alice' } }, rights: ['RIGHT_APPLICATION_INFO'] } },
    });
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(await list(), { ids: ['acme-fleet', 'alice-sensors', 'alice-tracker'], total: '3' });
    setMember(server.state, { kind: 'application', id: 'acme-fleet' }, { kind: 'user', id: 'alice' }, []);
    assert.deepEqual((await list()).ids, ['alice-sensors', 'alice-tracker']);
    server.state.memberships.get('application:acme-parking')?.set('user:alice', ['RIGHT_APPLICATION_ALL']);
    assert.deepEqual(
      (await list()).ids,
      ['acme-parking', 'alice-sensors', 'alice-tracker'],
      'a direct write to a membership',
    );
    server.state.memberships.get('application:acme-parking')?.delete('user:alice');
    server.seed.applications('alice', 2, { ids: ['zz-late', 'aa-early'] });
    assert.deepEqual(await list(), { ids: ['aa-early', 'alice-sensors', 'alice-tracker', 'zz-late'], total: '4' });
  });

  it('drops an application removed from the state and follows in-place deletion and renames', async () => {
    server.state.applications.delete('alice-tracker');
    assert.deepEqual((await list()).ids, ['alice-sensors']);
    const sensors = server.state.applications.get('alice-sensors');
    assert.ok(sensors);
    server.seed.applications('alice', 1, { ids: ['alice-other'] });
    sensors.name = 'zzz';
    const byName = await call(server, 'GET', '/users/alice/applications?field_mask=name&order=name', { token: alice });
    assert.deepEqual(ids(byName.json.applications), ['alice-other', 'alice-sensors'], 'the name as it is now');
    assert.equal((await call(server, 'DELETE', '/applications/alice-other', { token: alice })).status, 200);
    assert.deepEqual(await list(), { ids: ['alice-sensors'], total: '1' });
    assert.deepEqual(await list('&deleted=true'), { ids: ['alice-other'], total: '1' });
  });

  it('shows a change of rights in the next list, directly and through an organization', async () => {
    const names = async (): Promise<Record<string, unknown>> => {
      const answer = await call(server, 'GET', '/users/alice/applications?field_mask=name', { token: alice });
      const items = answer.json.applications as { ids: { application_id: string }; name?: string }[];
      return Object.fromEntries(items.map((i) => [i.ids.application_id, i.name]));
    };
    const before = await names();
    assert.ok(before['alice-sensors'], 'the name is shown to a member with the info right');
    const members = server.state.memberships.get('application:alice-sensors');
    assert.ok(members);
    const granted = members.get('user:alice');
    members.set('user:alice', ['RIGHT_APPLICATION_TRAFFIC_READ']); // a member without RIGHT_APPLICATION_INFO
    assert.equal((await names())['alice-sensors'], undefined, 'only public fields without the info right');
    members.set('user:alice', granted ?? ['RIGHT_APPLICATION_ALL']);
    assert.deepEqual(await names(), before);

    const all = async (): Promise<Record<string, unknown>> => {
      const answer = await call(server, 'GET', '/applications?field_mask=name', { token: alice });
      const items = answer.json.applications as { ids: { application_id: string }; name?: string }[];
      return Object.fromEntries(items.map((i) => [i.ids.application_id, i.name]));
    };
    const orgApp = Object.keys(await all()).find((id) => !(id in before));
    assert.ok(orgApp, 'alice reaches an application through an organization');
    assert.ok((await all())[orgApp], 'its name is shown while the organization grants the info right');
    const [orgKey] = [...(server.state.memberships.get(`application:${orgApp}`)?.keys() ?? [])];
    assert.match(orgKey, /^organization:/);
    const orgId = orgKey.slice('organization:'.length);
    setMember(server.state, { kind: 'organization', id: orgId }, { kind: 'user', id: 'alice' }, [
      'RIGHT_ORGANIZATION_INFO',
    ]);
    assert.equal((await all())[orgApp], undefined, 'no info right through the organization any more');
  });

  it('pages a long list in ID order however the memberships were made', async () => {
    const made = Array.from({ length: 250 }, (_, i) => `bulk-${String(249 - i).padStart(3, '0')}`);
    server.seed.applications('alice', made.length, { ids: made }); // newest first: memberships in reverse order
    const pages = await Promise.all([1, 2, 3].map((page) => list(`&limit=100&page=${page}`)));
    const all = pages.flatMap((p) => p.ids);
    assert.equal(pages[0].total, '252');
    assert.deepEqual(all, [...made, 'alice-sensors', 'alice-tracker'].sort());
  });
});

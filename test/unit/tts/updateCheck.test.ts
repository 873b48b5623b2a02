import { strict as assert } from 'node:assert';
import { TtsClient } from '../../../src/tts/client';
import { NotStoredError, fieldLabel, sameStoredValue, unstoredFields } from '../../../src/tts/updateCheck';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';

describe('update check: fields the server did not store', () => {
  it('treats zero values, reordered lists and equal instants as stored', () => {
    assert.ok(sameStoredValue(false, undefined));
    assert.ok(sameStoredValue('', undefined));
    assert.ok(sameStoredValue([], undefined));
    assert.ok(sameStoredValue(['b', 'a', 'a'], ['a', 'b']));
    assert.ok(sameStoredValue('2027-01-01T00:00:00Z', '2027-01-01T00:00:00.000Z'));
    assert.ok(sameStoredValue({ user_ids: { user_id: 'alice' } }, { user_ids: { user_id: 'alice' } }));
    assert.ok(!sameStoredValue(true, undefined));
    assert.ok(!sameStoredValue(true, false));
    assert.ok(!sameStoredValue(['a'], ['a', 'b']));
    assert.ok(!sameStoredValue('new name', 'old name'));
    assert.ok(!sameStoredValue('2027-01-01T00:00:00Z', '2027-01-02T00:00:00Z'));
  });

  it('names exactly the masked fields that came back different, never the secret', () => {
    const sent = { name: 'n', endorsed: true, skip_authorization: true, secret: 's' };
    const answer = { name: 'n', skip_authorization: true };
    assert.deepEqual(unstoredFields(sent, answer, ['name', 'endorsed', 'skip_authorization', 'secret']), ['endorsed']);
    assert.equal(fieldLabel('skip_authorization'), 'Skip Authorization');
    assert.equal(fieldLabel('redirect_uris'), 'Redirect URIs');
  });

  describe('against the test server', () => {
    let server: TtsTestServer;
    let api: TtsClient;
    beforeEach(async () => {
      server = await startTtsServer();
      api = new TtsClient({
        baseUrl: server.url,
        auth: { token: async () => server.createUserApiKey('admin', ['RIGHT_ALL']) },
        retries: 0,
      });
    });
    afterEach(async () => server.close());

    it('reports an endorsed change the server answered 200 to but did not store, and keeps what did take', async () => {
      const id = SEED.demo.clients.aliceDashboard.id;
      const error = await api.clients.update(id, { endorsed: true, name: 'Renamed' }, ['endorsed', 'name']).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof NotStoredError, String(error));
      assert.deepEqual(error.fields, ['endorsed']);
      assert.equal(error.message, 'The Things Stack accepted the change but did not store: Endorsed.');
      assert.equal(server.state.clients.get(id)?.client.name, 'Renamed');
      assert.notEqual(server.state.clients.get(id)?.client.endorsed, true);
    });

    it('passes updates the server stored (skip_authorization, state, name)', async () => {
      const id = SEED.demo.clients.aliceDashboard.id;
      const client = await api.clients.update(id, { skip_authorization: true, state: 'STATE_APPROVED', name: 'X' }, [
        'skip_authorization',
        'state',
        'name',
      ]);
      assert.equal(client.skip_authorization, true);
      assert.equal(client.state, 'STATE_APPROVED');
    });
  });
});

import { strict as assert } from 'node:assert';
import { ACCOUNT_SEED, SEED, seedAccount, startTtsServer } from '../../support/ttsServer';
import { assertContract, call } from './helpers';

describe('TTS test server: seed', () => {
  it("'none' holds only the built-in users and the cli client", async () => {
    const server = await startTtsServer({ seed: 'none' });
    try {
      assert.deepEqual([...server.state.users.keys()], ['admin', 'alice', 'bob']);
      assert.deepEqual([...server.state.clients.keys()], [SEED.cli.id]);
      assert.equal(server.state.applications.size + server.state.organizations.size, 0);
      const cli = server.state.clients.get('cli')?.client;
      assert.deepEqual([cli?.state, cli?.skip_authorization, cli?.rights], ['STATE_APPROVED', true, ['RIGHT_ALL']]);
    } finally {
      await server.close();
    }
  });

  it("'demo' holds organizations, the extension's client, applications and devices", async () => {
    const server = await startTtsServer();
    try {
      assert.equal(server.state.clients.get(SEED.client.id)?.secret, SEED.client.secret);
      assert.deepEqual(server.state.clients.get(SEED.client.id)?.client.redirect_uris, SEED.client.redirectUris);
      assert.equal(server.state.devices.get(SEED.demo.appWithDevices)?.size, SEED.demo.deviceCount);
      assert.deepEqual([...server.state.organizations.keys()], [SEED.acme.organizationId, SEED.loraLab.organizationId]);
    } finally {
      await server.close();
    }
  });

  it("'account' adds alice's API keys and organization, authorized clients with tokens, and a requested client", async () => {
    const server = await startTtsServer({ account: true });
    try {
      const again = await startTtsServer();
      const seeded = seedAccount(again);
      await again.close();
      assert.deepEqual(Object.keys(seeded.tokens), [
        ...ACCOUNT_SEED.authorizedClients.map((c) => c.id),
        SEED.client.id,
      ]);
      const key = server.seed.apiKey({ kind: 'user', id: 'alice' }, ['RIGHT_USER_ALL']);
      const auths = await call(server, 'GET', '/users/alice/authorizations', { token: key });
      assert.equal(auths.headers.get('x-total-count'), '3');
      const orgs = await call(server, 'GET', '/users/alice/organizations', { token: key });
      assert.equal(orgs.headers.get('x-total-count'), '2');
      const keys = await call(server, 'GET', '/users/alice/api-keys', { token: key });
      assert.equal(keys.headers.get('x-total-count'), '3', 'the two seeded and the one made here');
      const requested = server.state.clients.get(ACCOUNT_SEED.requestedClient.id)?.client;
      assert.deepEqual(
        [requested?.state, requested?.state_description],
        ['STATE_REQUESTED', 'admin approval required'],
      );
      assertContract(server);
    } finally {
      await server.close();
    }
  });

  it('creates 5,000 applications and 1,000 clients in well under a second, and lists them', async () => {
    const server = await startTtsServer({ seed: 'none' });
    try {
      const started = performance.now();
      const apps = server.seed.applications('alice', 5000, { prefix: 'bulk' });
      const clients = server.seed.clients('alice', 1000);
      server.seed.devices(apps[0].ids?.application_id ?? '', 1000);
      server.seed.apiKeys(apps[0].ids?.application_id ?? '', 100);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 500, `${elapsed} ms`);
      assert.equal(clients[0].ids?.client_id, 'alice-client-0001');
      assert.equal(apps[4999].ids?.application_id, 'bulk-5000');
      const token = server.issueTokens('alice', SEED.cli.id).access_token;
      const last = await call(server, 'GET', '/users/alice/applications?limit=1000&page=5&field_mask=name', { token });
      assert.equal(last.headers.get('x-total-count'), '5000');
      assert.equal((last.json.applications as unknown[]).length, 1000);
      const more = server.seed.applications('alice', 2, { prefix: 'bulk' });
      assert.deepEqual(
        more.map((a) => a.ids?.application_id),
        ['bulk-5001', 'bulk-5002'],
        'continues after taken IDs',
      );
      assertContract(server);
    } finally {
      await server.close();
    }
  });
});

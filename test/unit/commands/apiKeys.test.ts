// API keys against the TTS test server: create (value shown once, never logged), expiry, edit, delete, cancel.
import { strict as assert } from 'node:assert';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, walk, type Fixture } from '../../support/explorerFixture';
import type { ScriptStep } from '../../support/scriptedUi';

const CREATE: ScriptStep[] = [
  { input: 'mqtt-integration', expect: /Name of the key/ },
  { pick: 'Integration', expect: /rights to grant/ },
  { pick: 'In 30 Days', expect: /expire/ },
];

describe('API key commands', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture();
  });
  afterEach(async () => f?.close());

  it('creates a key, shows its value once in the modal, and refreshes the key list', async () => {
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    const keysNode = await walk(
      f,
      'deployment',
      'section:applications',
      'owner:user:alice',
      'application:alice-tracker',
      'apiKeys',
    );
    assert.equal((await f.model.children(keysNode))[0].kind, 'message');
    await run(f, 'thingsStack.createApiKey', [...CREATE, { secret: 'ack' }], app);
    const stored = [...f.server.state.apiKeys.values()].find((k) => k.apiKey.name === 'mqtt-integration');
    assert.ok(stored);
    assert.deepEqual(stored.apiKey.rights, [
      'RIGHT_APPLICATION_INFO',
      'RIGHT_APPLICATION_TRAFFIC_READ',
      'RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE',
    ]);
    const days = (Date.parse(stored.apiKey.expires_at ?? '') - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days < 30.1, String(days));
    assert.equal(f.ui.secrets[0].secret, stored.token);
    assert.match(f.ui.secrets[0].detail, /only now and never again/);
    assert.ok(!f.logs.join('\n').includes(stored.token));
    const keys = await f.model.children(keysNode);
    assert.ok(keys[0].kind === 'apiKey' && keys[0].key.name === 'mqtt-integration');
  });

  it('takes a custom expiry date and refuses a past one', async () => {
    await run(f, 'thingsStack.createApiKey', [
      { pick: 'An Application' },
      { search: '', choose: 'alice-tracker' },
      CREATE[0],
      CREATE[1],
      { pick: 'On a Date…' },
      { input: '2000-01-01', invalid: /in the future/ },
      { input: '2099-12-31' },
      { secret: 'ack' },
    ]);
    const stored = [...f.server.state.apiKeys.values()].find((k) => k.apiKey.name === 'mqtt-integration');
    assert.equal(stored?.apiKey.expires_at, '2099-12-31T23:59:59Z');
  });

  for (let step = 0; step < CREATE.length; step++) {
    it(`sends nothing when cancelled at step ${step + 1}`, async () => {
      const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
      const before = f.server.requests.length;
      await run(f, 'thingsStack.createApiKey', [...CREATE.slice(0, step), { cancel: true }], app);
      assert.deepEqual(writes(f, before), []);
    });
  }

  it('goes back from the expiry to the rights', async () => {
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    await run(
      f,
      'thingsStack.createApiKey',
      [CREATE[0], CREATE[1], { back: true }, { pick: 'Keep Current Rights' }, { pick: 'Never' }, { secret: 'ack' }],
      app,
    );
    const stored = [...f.server.state.apiKeys.values()].find((k) => k.apiKey.name === 'mqtt-integration');
    assert.equal(stored?.apiKey.expires_at, undefined);
  });

  it("edits a key's name and rights, and deletes it after a modal", async () => {
    const [seeded] = f.server.seed.apiKeys('alice-tracker', 1, { name: 'old' });
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    const key = (await f.model.children((await f.model.children(app)).find((n) => n.kind === 'apiKeys')!))[0];
    await run(f, 'thingsStack.editApiKey', [{ pick: 'Name' }, { input: 'renamed' }], key);
    assert.equal(f.server.state.apiKeys.get(seeded.id)?.apiKey.name, 'renamed');
    await run(f, 'thingsStack.editApiKey', [
      { pick: 'An Application' },
      { search: '', choose: 'alice-tracker' },
      { pick: 'renamed' },
      { pick: 'Rights' },
      { pick: 'Read Only' },
    ]);
    assert.deepEqual(f.server.state.apiKeys.get(seeded.id)?.apiKey.rights, [
      'RIGHT_APPLICATION_INFO',
      'RIGHT_APPLICATION_DEVICES_READ',
      'RIGHT_APPLICATION_TRAFFIC_READ',
    ]);
    await run(f, 'thingsStack.deleteApiKey', [{ confirm: false }], key);
    assert.ok(f.server.state.apiKeys.has(seeded.id));
    await run(
      f,
      'thingsStack.deleteApiKey',
      [{ confirm: true, expect: /loses access at once\. This cannot be undone/ }],
      key,
    );
    assert.equal(f.server.state.apiKeys.has(seeded.id), false);
  });

  it('says when an application has no keys', async () => {
    await run(f, 'thingsStack.deleteApiKey', [{ pick: 'An Application' }, { search: '', choose: 'alice-tracker' }]);
    assert.match(f.ui.text('error'), /has no API keys/);
  });

  it('shows a server error when creating fails', async () => {
    f.server.knobs.failNext({ status: 500, method: 'POST', path: '/applications/alice-tracker/api-keys' });
    await run(f, 'thingsStack.createApiKey', [
      { pick: 'An Application' },
      { search: '', choose: 'alice-tracker' },
      ...CREATE,
    ]);
    assert.match(f.ui.text('error'), /internal error \(correlation id/);
    assert.equal(f.ui.secrets.length, 0);
  });
});

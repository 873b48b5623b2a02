// Organizations against the TTS test server: create (the creator is its first member), edit, delete, restore and
// purge, their API keys and a user's own, and their rows in the tree.
import { strict as assert } from 'node:assert';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, keys, walk, type Fixture } from '../../support/explorerFixture';
import type { ScriptStep } from '../../support/scriptedUi';
import { seedAccount } from '../../support/ttsServer/seedAccount';

const KEY: ScriptStep[] = [
  { input: 'ci key', expect: /Name of the key/ },
  { pick: 'Read Only', expect: /rights to grant/ },
  { pick: 'In 30 Days', expect: /expire/ },
  { secret: 'ack' },
];

describe('organization commands', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture();
    seedAccount(f.server);
  });
  afterEach(async () => f?.close());

  const organizations = async (): Promise<string[]> =>
    keys(await f.model.children(await walk(f, 'deployment', 'section:organizations')));

  it('creates an organization from the section row: the creator holds every right, the list shows it', async () => {
    const section = await walk(f, 'deployment', 'section:organizations');
    assert.deepEqual(await organizations(), ['organization:acme', 'organization:alice-lab', 'deleted']);
    await run(
      f,
      'thingsStack.createOrganization',
      [
        { input: 'Field-Ops', invalid: /lower case/, expect: /Organization ID/ },
        { input: 'field-ops' },
        { input: 'Field operations' },
        { input: '' },
      ],
      section,
    );
    assert.equal(f.server.state.organizations.get('field-ops')?.name, 'Field operations');
    assert.deepEqual(f.server.state.memberships.get('organization:field-ops')?.get('user:alice'), ['RIGHT_ALL']);
    assert.ok((await organizations()).includes('organization:field-ops'));
    assert.deepEqual(f.ui.messages, [
      { level: 'info', text: 'Created organization "field-ops". You are its first member, with every right.' },
    ]);
  });

  it('goes back to the ID when a user already has it (one namespace), keeping the other answers', async () => {
    await run(f, 'thingsStack.createOrganization', [
      { input: 'bob' },
      { input: 'Bob org' },
      { input: '' },
      { input: 'bob', invalid: /already|taken|in use/i },
      { input: 'bob-org' },
      { input: 'Bob org' },
      { input: '' },
    ]);
    assert.equal(f.server.state.organizations.get('bob-org')?.name, 'Bob org');
  });

  it('names the missing right before asking when the account may not create organizations', async () => {
    f.server.state.config.userRightsCreateOrganizations = false;
    const narrow = f.server.seed.apiKey({ kind: 'user', id: 'alice' }, ['RIGHT_USER_INFO'], 'narrow');
    const { TtsClient } = await import('../../../src/tts/client');
    f.account.api = new TtsClient({ baseUrl: f.server.url, auth: { token: async () => narrow }, retries: 0 });
    const before = f.server.requests.length;
    await run(f, 'thingsStack.createOrganization', []);
    assert.deepEqual(writes(f, before), []);
    assert.match(f.ui.text('error'), /cannot create organizations: it lacks RIGHT_USER_ORGANIZATIONS_CREATE/);
  });

  it('edits the name, deletes after a modal, and restores from Recently Deleted', async () => {
    const org = await walk(f, 'deployment', 'section:organizations', 'organization:alice-lab');
    await run(f, 'thingsStack.editOrganization', [{ pick: 'Name' }, { input: 'Lab of Alice' }], org);
    assert.equal(f.server.state.organizations.get('alice-lab')?.name, 'Lab of Alice');
    const renamed = await walk(f, 'deployment', 'section:organizations', 'organization:alice-lab');
    await run(
      f,
      'thingsStack.deleteOrganization',
      [{ confirm: true, expect: /Delete organization "alice-lab"\?/ }],
      renamed,
    );
    assert.ok(f.server.state.organizations.get('alice-lab')?.deleted_at, 'deleted (restorable)');
    assert.ok(!(await organizations()).includes('organization:alice-lab'));
    const deleted = await walk(f, 'deployment', 'section:organizations', 'deleted', 'organization:alice-lab');
    await run(f, 'thingsStack.restoreOrganization', [], deleted);
    assert.equal(f.server.state.organizations.get('alice-lab')?.deleted_at, undefined);
    assert.ok((await organizations()).includes('organization:alice-lab'));
  });

  it("creates an organization's API key from its row, and one of the user's own from the palette", async () => {
    const org = await walk(f, 'deployment', 'section:organizations', 'organization:alice-lab');
    await run(f, 'thingsStack.createApiKey', KEY, org);
    const orgKey = [...f.server.state.apiKeys.values()].find((k) => k.apiKey.name === 'ci key');
    assert.deepEqual(orgKey?.entity, { kind: 'organization', id: 'alice-lab' });
    await run(f, 'thingsStack.createApiKey', [
      { pick: 'Your Account' },
      { ...KEY[0], input: 'my key' },
      ...KEY.slice(1),
    ]);
    const own = [...f.server.state.apiKeys.values()].find((k) => k.apiKey.name === 'my key');
    assert.deepEqual(own?.entity, { kind: 'user', id: 'alice' });
    assert.ok(!f.logs.join('\n').includes(own!.token), 'the value is never logged');
    const yours = await f.model.children(await walk(f, 'deployment', 'apiKeys'));
    assert.ok(keys(yours).includes('apiKey:my key'), keys(yours).join(', '));
  });
});

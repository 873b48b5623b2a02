// Collaborators of applications and OAuth clients against the TTS test server.
import { strict as assert } from 'node:assert';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, walk, type Fixture } from '../../support/explorerFixture';

describe('collaborator commands', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture();
  });
  afterEach(async () => f?.close());

  it('adds a user to an application with a preset, changes the rights and removes them', async () => {
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    const collaborators = (await f.model.children(app)).find((n) => n.kind === 'collaborators')!;
    await run(
      f,
      'thingsStack.addCollaborator',
      [{ pick: 'User' }, { input: 'Bob', invalid: /lower case/ }, { input: 'bob' }, { pick: 'Read Only' }],
      collaborators,
    );
    assert.deepEqual(f.server.state.memberships.get('application:alice-tracker')?.get('user:bob'), [
      'RIGHT_APPLICATION_INFO',
      'RIGHT_APPLICATION_DEVICES_READ',
      'RIGHT_APPLICATION_TRAFFIC_READ',
    ]);
    const bob = (await f.model.children(collaborators)).find((c) => c.kind === 'collaborator' && c.member.id === 'bob');
    assert.ok(bob, 'the list is refreshed');
    await run(f, 'thingsStack.editCollaborator', [{ pick: 'Administrator' }], bob);
    assert.deepEqual(f.server.state.memberships.get('application:alice-tracker')?.get('user:bob'), [
      'RIGHT_APPLICATION_ALL',
    ]);
    await run(
      f,
      'thingsStack.removeCollaborator',
      [{ confirm: true, expect: /They lose their access to it at once/ }],
      bob,
    );
    assert.equal(f.server.state.memberships.get('application:alice-tracker')?.has('user:bob'), false);
  });

  it('adds an organization to a client from the palette', async () => {
    await run(f, 'thingsStack.addCollaborator', [
      { pick: 'OAuth Client' },
      { search: '', choose: 'alice-dashboard' },
      { pick: 'Organization' },
      { input: 'acme' },
      { pick: 'Editor' },
    ]);
    assert.deepEqual(f.server.state.memberships.get('client:alice-dashboard')?.get('organization:acme'), [
      'RIGHT_CLIENT_INFO',
      'RIGHT_CLIENT_SETTINGS_BASIC',
    ]);
  });

  it('warns before you remove yourself, and cancels without a request', async () => {
    const before = f.server.requests.length;
    await run(f, 'thingsStack.removeCollaborator', [
      { pick: 'Application' },
      { search: '', choose: 'alice-tracker' },
      { pick: 'alice' },
      { confirm: false, expect: /This is you: you lose your access/ },
    ]);
    assert.deepEqual(writes(f, before), []);
  });

  for (let step = 0; step < 3; step++) {
    it(`sends nothing when adding is cancelled at step ${step + 1}`, async () => {
      const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
      const before = f.server.requests.length;
      await run(
        f,
        'thingsStack.addCollaborator',
        [...[{ pick: 'User' }, { input: 'bob' }].slice(0, step), { cancel: true }],
        app,
      );
      assert.deepEqual(writes(f, before), []);
    });
  }

  it('names the missing right when the server refuses', async () => {
    f.server.knobs.failNext({ status: 500, method: 'PUT', path: '/applications/alice-tracker/collaborators' });
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    await run(f, 'thingsStack.addCollaborator', [{ pick: 'User' }, { input: 'bob' }, { pick: 'Read Only' }], app);
    assert.match(f.ui.text('error'), /internal error \(correlation id/);
  });

  it('goes back to the ID when the user or organization does not exist, and says so there', async () => {
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    await run(
      f,
      'thingsStack.addCollaborator',
      [
        { pick: 'User' },
        { input: 'nobody-here' },
        { pick: 'Read Only' },
        {
          input: 'nobody-here',
          expect: /User ID/,
          invalid:
            /^user account with id "nobody-here" not found \(correlation id [0-9a-f]+\)\. Check the ID; your other answers are kept\.$/,
        },
        { input: 'bob' },
        { pick: 'Keep Current Rights' },
      ],
      app,
    );
    assert.match(f.ui.openingChecks.at(-1) ?? '', /^error: user account with id "nobody-here" not found/);
    assert.deepEqual(f.ui.messages, [
      { level: 'info', text: 'Added user "bob" as a collaborator of "alice-tracker".' },
    ]);
  });
});

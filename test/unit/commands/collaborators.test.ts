// Collaborators of applications and OAuth clients, members of organizations, against the TTS test server.
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
      [{ search: 'Bob', invalid: /lower case/ }, { search: 'bo', choose: 'bob' }, { pick: 'Read Only' }],
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
      { search: 'acm', choose: 'acme' },
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
        [...[{ search: 'bob' }, { pick: 'User' }, { pick: 'Read Only' }].slice(0, step), { cancel: true }],
        app,
      );
      assert.deepEqual(writes(f, before), []);
    });
  }

  it('names the missing right when the server refuses', async () => {
    f.server.knobs.failNext({ status: 500, method: 'PUT', path: '/applications/alice-tracker/collaborators' });
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    await run(f, 'thingsStack.addCollaborator', [{ search: 'bob', choose: 'bob' }, { pick: 'Read Only' }], app);
    assert.match(f.ui.text('error'), /internal error \(correlation id/);
  });

  it('goes back to the ID when the user or organization does not exist, and says so there', async () => {
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    await run(
      f,
      'thingsStack.addCollaborator',
      [
        { search: 'nobody-here' },
        { pick: 'User' },
        { pick: 'Read Only' },
        {
          search: 'nobody-here',
          expect: /user or organization ID/,
          invalid:
            /^user account with id "nobody-here" not found \(correlation id [0-9a-f]+\)\. Check the ID; your other answers are kept\.$/,
        },
        { search: 'bob' },
        { pick: 'User' },
        { pick: 'Keep Current Rights' },
      ],
      app,
    );
    assert.deepEqual(f.ui.messages, [
      { level: 'info', text: 'Added user "bob" as a collaborator of "alice-tracker".' },
    ]);
  });

  it('adds a member to an organization: the search offers users only, and a typed ID needs no kind', async () => {
    const before = f.server.requests.length;
    await run(f, 'thingsStack.addCollaborator', [
      { pick: 'Organization' },
      { search: '', choose: 'acme' },
      { search: 'bob', expect: /Add Member to organization "acme" — Type part of a user ID/ },
      { pick: 'Application Manager' },
    ]);
    const searches = f.server.requests.slice(before).filter((r) => r.path.endsWith('/search/accounts'));
    assert.deepEqual(
      searches.map((r) => [r.query.query, r.query.only_users]),
      [['bob', 'true']],
    );
    assert.deepEqual(f.server.state.memberships.get('organization:acme')?.get('user:bob'), [
      'RIGHT_ORGANIZATION_INFO',
      'RIGHT_ORGANIZATION_APPLICATIONS_LIST',
      'RIGHT_ORGANIZATION_APPLICATIONS_CREATE',
      'RIGHT_APPLICATION_ALL',
    ]);
    assert.deepEqual(f.ui.messages, [{ level: 'info', text: 'Added user "bob" as a member of "acme".' }]);
  });

  it('refuses before any prompt when you may not manage the collaborators (names the right)', async () => {
    f.server.state.memberships.get('organization:acme')!.set('user:alice', ['RIGHT_ORGANIZATION_INFO']);
    const before = f.server.requests.length;
    await run(f, 'thingsStack.addCollaborator', [{ pick: 'Organization' }, { search: '', choose: 'acme' }]);
    assert.deepEqual(writes(f, before), []);
    assert.match(
      f.ui.text('error'),
      /^alice .*cannot manage the members of organization "acme": it lacks RIGHT_ORGANIZATION_SETTINGS_MEMBERS \(.+\) on organization "acme"\./,
    );
  });
});

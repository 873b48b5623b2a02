// Application create and edit against the TTS test server, with cancel at each step and server errors.
import { strict as assert } from 'node:assert';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, walk, type Fixture } from '../../support/explorerFixture';
import type { ScriptStep } from '../../support/scriptedUi';

const CREATE: ScriptStep[] = [
  { pick: 'ACME Corp', expect: /Who will own the application/ },
  { input: 'acme-soil-sensors', expect: /Application ID/, advice: /cannot be changed later/ },
  { input: 'Soil sensors', expect: /Name/ },
  { input: 'Moisture sensors in the greenhouses.', expect: /Description/ },
];

describe('application commands', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture();
  });
  afterEach(async () => f?.close());

  it('creates an application for an organization and refreshes the tree', async () => {
    const owner = await walk(f, 'deployment', 'section:applications', 'owner:organization:acme');
    await f.model.children(owner);
    await run(f, 'thingsStack.createApplication', CREATE);
    const app = f.server.state.applications.get('acme-soil-sensors');
    assert.equal(app?.name, 'Soil sensors');
    assert.equal(app?.description, 'Moisture sensors in the greenhouses.');
    assert.ok(f.server.state.memberships.get('application:acme-soil-sensors')?.has('organization:acme'));
    const children = await f.model.children(
      await walk(f, 'deployment', 'section:applications', 'owner:organization:acme'),
    );
    assert.ok(children.some((c) => c.kind === 'application' && c.applicationId === 'acme-soil-sensors'));
    assert.match(f.ui.text('info'), /Created application "acme-soil-sensors"/);
  });

  it('skips the owner question from an owner node', async () => {
    const owner = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
    await run(f, 'thingsStack.createApplication', CREATE.slice(1), owner);
    assert.ok(f.server.state.memberships.get('application:acme-soil-sensors')?.has('user:alice'));
  });

  it("asks the owner from the view's title bar, though VS Code hands it the focused owner row", async () => {
    const focused = await walk(f, 'deployment', 'section:applications', 'owner:user:alice');
    await run(f, 'thingsStack.createApplicationFromTitleBar', CREATE, focused);
    assert.ok(f.server.state.memberships.get('application:acme-soil-sensors')?.has('organization:acme'));
  });

  for (let step = 0; step < CREATE.length; step++) {
    it(`sends nothing when cancelled at step ${step + 1}`, async () => {
      const before = f.server.requests.length;
      await run(f, 'thingsStack.createApplication', [...CREATE.slice(0, step), { cancel: true }]);
      assert.deepEqual(writes(f, before), []);
      assert.deepEqual(f.ui.messages, []);
    });
  }

  it('refuses invalid IDs as you type and returns to the ID when it is taken', async () => {
    await run(f, 'thingsStack.createApplication', [
      CREATE[0],
      { input: 'Soil', invalid: /lower case/ },
      { input: 'alice-sensors' },
      CREATE[2],
      CREATE[3],
      {
        input: 'alice-sensors',
        expect: /Application ID/,
        invalid: /^ID "alice-sensors" already taken.*Choose another ID; your other answers are kept\.$/,
      },
      { input: 'acme-soil-sensors' },
      CREATE[2],
      CREATE[3],
    ]);
    // The server's reason is on the ID step as the box reopens, readably; no toast.
    assert.match(
      f.ui.openingChecks.at(-3) ?? '',
      /^error: ID "alice-sensors" already taken \(correlation id [0-9a-f]+\)\. Choose another ID/,
    );
    assert.equal(f.ui.text('warn'), '');
    assert.ok(f.server.state.applications.has('acme-soil-sensors'));
  });

  it('shows a server error with its correlation id', async () => {
    f.server.knobs.failNext({ status: 503, method: 'POST', path: '/organizations/acme/applications' });
    await run(f, 'thingsStack.createApplication', CREATE);
    assert.match(f.ui.text('error'), /service unavailable \(correlation id [0-9a-f]{32}\)/);
  });

  it('says plainly when the connection drops or the answer is unreadable', async () => {
    f.server.knobs.dropNext({ when: 'before-response', method: 'POST', path: '/organizations/acme/applications' });
    await run(f, 'thingsStack.createApplication', CREATE);
    assert.match(
      f.ui.text('error'),
      /^Could not reach The Things Stack at 127\.0\.0\.1:\d+: .*Check your connection and the deployment URL\.$/,
    );
    f.server.knobs.malformedNext({ kind: 'truncated', method: 'GET', path: '/applications/alice-tracker' });
    await run(f, 'thingsStack.editApplication', [{ search: '', choose: 'alice-tracker' }]);
    assert.match(f.ui.text('error'), /^The Things Stack sent an answer the extension cannot read/);
    assert.ok(!f.logs.some((l) => l.includes('failed unexpectedly')));
  });

  it('edits the name and description', async () => {
    const app = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    await run(f, 'thingsStack.editApplication', [{ pick: 'Description' }, { input: 'GPS trackers.' }], app);
    assert.equal(f.server.state.applications.get('alice-tracker')?.description, 'GPS trackers.');
    await run(f, 'thingsStack.editApplication', [
      { search: 'track', choose: 'alice-tracker' },
      { pick: 'Name' },
      { input: 'x'.repeat(51), invalid: /at most 50/ },
      { input: 'Trackers' },
    ]);
    assert.equal(f.server.state.applications.get('alice-tracker')?.name, 'Trackers');
    const shown = await walk(f, 'deployment', 'section:applications', 'owner:user:alice', 'application:alice-tracker');
    assert.equal(shown.kind === 'application' && shown.application.name, 'Trackers', 'the tree shows the new name');
  });
});

// Commands reveal a secret or change something only for rows the explorer handed out, or for a choice the user makes
// in a picker: an object that merely looks like a row (another extension's executeCommand) is dropped.
import { strict as assert } from 'node:assert';
import { run, writes } from '../../support/commandRunner';
import { explorerFixture, walk, type Fixture } from '../../support/explorerFixture';

describe('hardening: command arguments are rows of the explorer, by identity', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture();
    f.accounts.secrets.set(`${f.deployment.key}/alice-dashboard`, 'the-stored-client-secret');
  });
  afterEach(async () => f?.close());

  const lookAlike = (kind: string, fields: Record<string, unknown>) => ({
    kind,
    id: `${f.deployment.key}/clients/o:user:alice/x`,
    deploymentKey: f.deployment.key,
    deleted: false,
    isAdmin: false,
    ...fields,
  });

  it('Copy Client Secret copies nothing for a look-alike: it asks which client, and a cancel copies nothing', async () => {
    const fake = lookAlike('client', {
      clientId: 'alice-dashboard',
      client: { ids: { client_id: 'alice-dashboard' } },
    });
    await run(f, 'thingsStack.copyClientSecret', [{ cancel: true, expect: /Copy the Stored Secret of Which/ }], fake);
    assert.deepEqual(f.ui.clipboard, []);
    assert.ok(f.logs.some((l) => /Ignored argument 1: not a row of the explorer/.test(l)));
  });

  it('copies the secret for the row the tree shows', async () => {
    const row = await walk(f, 'deployment', 'section:clients', 'owner:user:alice', 'client:alice-dashboard');
    await run(f, 'thingsStack.copyClientSecret', [], row);
    assert.deepEqual(f.ui.clipboard, ['the-stored-client-secret']);
  });

  it('Delete Application deletes nothing for a look-alike: it asks which application first', async () => {
    const before = f.server.requests.length;
    const fake = lookAlike('application', { applicationId: 'alice-tracker', application: {} });
    await run(f, 'thingsStack.deleteApplication', [{ cancel: true, expect: /Which Application/ }], fake);
    assert.deepEqual(writes(f, before), []);
    assert.equal(f.server.state.applications.get('alice-tracker')?.deleted_at, undefined);
  });
});

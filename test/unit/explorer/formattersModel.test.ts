// "Payload Formatters" in the explorer model against the TTS test server (seeded: alice-sensors has CayenneLPP as
// its default uplink formatter, device-0001 its own JavaScript uplink formatter).
import { strict as assert } from 'node:assert';
import type { ExplorerNode, FormatterNode } from '../../../src/explorer/nodeTypes';
import { explorerFixture, key, walk, type Fixture } from '../../support/explorerFixture';

const APP_PATH = ['deployment', 'section:applications', 'owner:user:alice', 'application:alice-sensors'];
const rows = (nodes: ExplorerNode[]): string[] =>
  nodes.map((n) => (n.kind === 'formatter' ? `${n.direction}: ${n.description}` : key(n)));

describe('explorer model: payload formatters', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await explorerFixture();
  });
  afterEach(async () => f?.close());

  const asRequests = (from: number): string[] =>
    f.server.requests
      .slice(from)
      .filter((r) => r.path.includes('/as/'))
      .map((r) => `${r.method} ${r.route ?? r.path}`);

  it("shows the application's default formatters with one request", async () => {
    const holder = await walk(f, ...APP_PATH, 'formatters');
    const from = f.server.requests.length;
    const children = await f.model.children(holder);
    assert.deepEqual(rows(children), ['up: CayenneLPP', 'down: None']);
    assert.deepEqual(asRequests(from), ['GET /as/applications/{application_ids.application_id}/link']);
  });

  it('shows a device’s own formatter and the one in effect, device over application', async () => {
    const own = await f.model.children(await walk(f, ...APP_PATH, 'devices', 'device:device-0001', 'formatters'));
    assert.deepEqual(rows(own), [
      'up: JavaScript · in effect: JavaScript (device)',
      'down: None · in effect: None (device)',
    ]);
    const inherited = await f.model.children(await walk(f, ...APP_PATH, 'devices', 'device:device-0002', 'formatters'));
    assert.deepEqual(rows(inherited), [
      'up: not set · in effect: CayenneLPP (application default)',
      'down: not set · in effect: None (none set)',
    ]);
    const up = inherited[0] as FormatterNode;
    assert.match(up.tooltip, /no formatters of its own, so the application's default uplink formatter \(CayenneLPP\)/);
  });

  it('reloads the rows after a formatter was written, and an application default shows under its devices', async () => {
    const appHolder = await walk(f, ...APP_PATH, 'formatters');
    const deviceHolder = await walk(f, ...APP_PATH, 'devices', 'device:device-0002', 'formatters');
    await f.model.children(appHolder);
    await f.model.children(deviceHolder);
    await f.account.api.formatters.setApplication('alice-sensors', 'down', { type: 'FORMATTER_CAYENNELPP' });
    let changes = 0;
    f.model.onDidChange(() => changes++);
    await f.model.formattersChanged(f.deployment.key, 'alice-sensors');
    assert.ok(changes > 0, 'the tree is told');
    assert.deepEqual(
      rows(await f.model.children(deviceHolder))[1],
      'down: not set · in effect: CayenneLPP (application default)',
    );
    assert.deepEqual(rows(await f.model.children(appHolder))[1], 'down: CayenneLPP');
  });

  it('shows a failed load as an error row; expanding again retries', async () => {
    const holder = await walk(f, ...APP_PATH, 'formatters');
    f.server.knobs.failNext({ path: /\/as\/applications\/alice-sensors\/link/, status: 503 });
    const failed = await f.model.children(holder);
    assert.deepEqual(
      failed.map((n) => n.kind),
      ['error'],
    );
    assert.equal(failed[0].id, `${holder.id}/#error`);
    await f.model.refresh(holder);
    assert.deepEqual(rows(await f.model.children(holder)), ['up: CayenneLPP', 'down: None']);
  });
});

// What a new user clicked in the demo (issue: "The tree still breaks on the first click"), replayed in the Node
// model of VS Code's tree with the demo's data: each click shows the rows, and neither side logs a tree error.
// The same clicks failed on the explorer of 66b3653 ("Tree element not found", then "No tree item" on every click).
import { strict as assert } from 'node:assert';
import { VirtualExplorer } from '../../support/treeFuzz/virtualExplorer';

describe('explorer: a new user clicks through the demo (Node model of the workbench)', () => {
  let x: VirtualExplorer | undefined;
  afterEach(async () => {
    await x?.close();
    x = undefined;
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`expands Applications, then an application, and sees its children (seed ${seed})`, async () => {
      x = await VirtualExplorer.start({ seed, pageSize: 100 });
      await x.click('Applications');
      assert.ok(x.text().includes('    alice — you · 26 applications'), x.text().join('\n'));
      await x.click('Sensors');
      const rows = x.text();
      const at = rows.indexOf('      Sensors — alice-sensors');
      assert.deepEqual(rows.slice(at + 1, at + 10), [
        '        ID — alice-sensors',
        '        Name — Sensors',
        '        Description — (none)',
        rows[at + 4],
        rows[at + 5],
        '        API Keys — 0 keys',
        '        Collaborators — 1 collaborator',
        '        End Devices — 3 devices',
        '        Payload Formatters',
      ]);
      await x.click('End Devices');
      await x.click('device-0001');
      await x.click('Payload Formatters');
      assert.ok(
        x.text().some((r) => /Uplink — JavaScript · in effect: JavaScript \(device\)/.test(r)),
        x.text().join('\n'),
      );
      assert.deepEqual(await x.check(), []);
    });
  }

  it('expands each OAuth client right after the first listing', async () => {
    x = await VirtualExplorer.start({ seed: 11, pageSize: 100 });
    await x.click('OAuth Clients');
    for (const client of ['Dashboard', 'Grafana dashboard']) {
      await x.click(client);
      assert.deepEqual(await x.check(), [], client);
    }
    assert.ok(x.text().includes('        Name — Grafana dashboard'), x.text().join('\n'));
  });

  it('with two deployments signed in as the same user, every client and application row expands', async () => {
    x = await VirtualExplorer.start({ seed: 12, pageSize: 100 });
    await x.close();
    const port = new URL(x.server.url).port;
    x = await VirtualExplorer.start({ seed: 12, pageSize: 100, moreDeployments: [`http://localhost:${port}`] });
    const deployments = x.screen().filter((r) => r.depth === 0);
    assert.equal(deployments.length, 2, x.text().join('\n'));
    for (const section of ['Applications', 'OAuth Clients']) {
      for (let i = 0; i < 2; i++) {
        const row = x.tree.workbench.rows().filter((r) => r.label === section && !r.expanded)[0];
        x.clock.setTimeout(() => x?.tree.workbench.click(row.handle));
        await x.settle();
      }
    }
    for (const label of ['Sensors', 'Tracker', 'Dashboard']) {
      for (const row of x.tree.workbench.rows().filter((r) => r.label === label)) {
        x.clock.setTimeout(() => x?.tree.workbench.click(row.handle));
        await x.settle();
      }
    }
    assert.equal(x.text().filter((r) => r.trim() === 'ID — alice-sensors').length, 2, x.text().join('\n'));
    assert.equal(x.text().filter((r) => r.trim() === 'ID — alice-dashboard').length, 2);
    assert.deepEqual(await x.check(), []);
  });
});

import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extensionApi, testServer, waitFor } from './api';

// Live events in the real workbench: a webview panel per application or device, fed from the test server's
// stream (the runner publishes uplinks for alice-sensors throughout the suite).
describe('live events', () => {
  const APP = 'alice-sensors';

  function eventTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('thingsStack.events'));
  }
  /** The workbench tells the extension host about tabs asynchronously. */
  function tabLabels(count: number): Promise<string[]> {
    return waitFor(`${count} event panel(s)`, () =>
      eventTabs().length === count
        ? eventTabs()
            .map((t) => t.label)
            .sort()
        : undefined,
    );
  }
  async function streams(): Promise<ReturnType<Awaited<ReturnType<typeof extensionApi>>['events']['streams']>> {
    return (await extensionApi()).events.streams();
  }
  const application = { kind: 'application', applicationId: APP, deploymentKey: testServer().key };

  after(async () => {
    await vscode.window.tabGroups.close(eventTabs());
  });

  it('opens one panel for an application and shows events as they arrive', async () => {
    await vscode.commands.executeCommand('thingsStack.showEvents', application);
    const [stream] = await waitFor('events to arrive', async () => {
      const s = await streams();
      return s.length === 1 && s[0].running && s[0].received > 0 ? s : undefined;
    });
    assert.equal(stream.label, APP);
    assert.equal(stream.deploymentName, 'Local test stack');
    assert.deepEqual(await tabLabels(1), [`Events: ${APP}`]);
  });

  it('reuses the panel when asked again, and opens another for one device', async () => {
    await vscode.commands.executeCommand('thingsStack.showEvents', application);
    assert.equal(eventTabs().length, 1, 'no second panel for the same application');
    const api = await extensionApi();
    const devices = await api.accounts.account(testServer().key)!.api.devices.list(APP, { limit: 1 });
    const deviceId = devices.items[0]?.ids?.device_id;
    assert.ok(deviceId, 'the seeded application has devices');
    await vscode.commands.executeCommand('thingsStack.showEvents', {
      ...application,
      kind: 'device',
      device: { ids: { device_id: deviceId } },
    });
    const labels = await waitFor('the device stream', async () => {
      const s = await streams();
      return s.length === 2 && s.every((x) => x.running) ? s.map((x) => x.label).sort() : undefined;
    });
    assert.deepEqual(labels, [APP, `${APP}/${deviceId}`]);
    assert.deepEqual(await tabLabels(2), [`Events: ${APP}`, `Events: ${APP}/${deviceId}`]);
  });

  it('closing a panel stops its stream; Stop stops the last one and keeps its panel; Show restarts it', async () => {
    const deviceTab = eventTabs().find((t) => t.label.includes('/'));
    assert.ok(deviceTab);
    await vscode.window.tabGroups.close(deviceTab);
    await waitFor('the device stream to end', async () => ((await streams()).length === 1 ? true : undefined));
    await vscode.commands.executeCommand('thingsStack.stopEvents');
    const [stopped] = await waitFor('the stream to stop', async () => {
      const s = await streams();
      return s.length === 1 && !s[0].running ? s : undefined;
    });
    assert.equal(stopped.label, APP);
    assert.deepEqual(await tabLabels(1), [`Events: ${APP}`], 'the panel stays open with its events');
    await vscode.commands.executeCommand('thingsStack.showEvents', application);
    await waitFor('the stream to run again', async () => ((await streams())[0]?.running ? true : undefined));
    await vscode.window.tabGroups.close(eventTabs());
    await waitFor('no stream left', async () => ((await streams()).length === 0 ? true : undefined));
  });
});

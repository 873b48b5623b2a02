// The "Payload Formatters" rows built from what the Application Server returned: labels, "in effect" and why,
// problems, ids and context values (pure; the model over HTTP is in formattersModel.test.ts).
import { strict as assert } from 'node:assert';
import { contextValueOf } from '../../../src/explorer/contextValues';
import { applicationFormatterNodes, deviceFormatterNodes, formattersNode } from '../../../src/explorer/formatterNodes';
import type { ApplicationNode, DeviceNode } from '../../../src/explorer/nodeTypes';

const app: ApplicationNode = {
  kind: 'application',
  id: 'eu1/applications/o:user:alice/app-1',
  parentId: 'eu1/applications/o:user:alice',
  deploymentKey: 'eu1',
  application: { ids: { application_id: 'app-1' } },
  applicationId: 'app-1',
  deleted: false,
  isAdmin: false,
};
const device: DeviceNode = {
  kind: 'device',
  id: `${app.id}/#devices/dev-1`,
  parentId: `${app.id}/#devices`,
  deploymentKey: 'eu1',
  applicationId: 'app-1',
  device: { ids: { device_id: 'dev-1', application_ids: { application_id: 'app-1' } } },
};

describe('payload formatter nodes', () => {
  it("gives an application's Uplink and Downlink their types, with ids under the application", () => {
    const holder = formattersNode(app);
    assert.equal(holder.id, `${app.id}/#formatters`);
    assert.equal(holder.deviceId, undefined);
    const [up, down] = applicationFormatterNodes(holder, {
      up: { type: 'FORMATTER_JAVASCRIPT', parameter: 'function decodeUplink(input) { return { data: {} }; }' },
      down: { type: 'FORMATTER_CAYENNELPP' },
    });
    assert.deepEqual([up.id, down.id], [`${app.id}/#formatters/up`, `${app.id}/#formatters/down`]);
    assert.equal(up.description, 'JavaScript');
    assert.equal(down.description, 'CayenneLPP');
    assert.equal(up.scriptChars, 53);
    assert.equal(down.scriptChars, undefined);
    assert.match(up.tooltip, /default uplink formatter \(JavaScript\) applies to every device/);
    assert.match(up.tooltip, /Script: 53 characters/);
    assert.equal(contextValueOf(up), 'formatter.up.application.javascript');
    assert.equal(contextValueOf(down), 'formatter.down.application');
  });

  it('shows None for an application without a link (no defaults yet)', () => {
    const nodes = applicationFormatterNodes(formattersNode(app), undefined);
    assert.deepEqual(
      nodes.map((n) => [n.type, n.description]),
      [
        ['FORMATTER_NONE', 'None'],
        ['FORMATTER_NONE', 'None'],
      ],
    );
    assert.match(nodes[0].tooltip, /sets no default uplink formatter/);
  });

  it("says a device without formatters of its own runs the application's defaults", () => {
    const holder = formattersNode(device);
    assert.equal(holder.id, `${device.id}/#formatters`);
    assert.equal(holder.deviceId, 'dev-1');
    const [up, down] = deviceFormatterNodes(
      holder,
      { formatters: undefined },
      { up: { type: 'FORMATTER_CAYENNELPP' }, down: { type: 'FORMATTER_NONE' } },
    );
    assert.equal(up.type, undefined);
    assert.equal(up.description, 'not set · in effect: CayenneLPP (application default)');
    assert.equal(down.description, 'not set · in effect: None (none set)');
    assert.match(up.tooltip, /sets none of its own/);
    assert.match(up.tooltip, /application's default uplink formatter \(CayenneLPP\) applies/);
    assert.equal(contextValueOf(up), 'formatter.up.device');
  });

  it("says the device's own formatter wins, in both directions, and warns when a default is then unused", () => {
    const [up, down] = deviceFormatterNodes(
      formattersNode(device),
      { formatters: { up: { type: 'FORMATTER_JAVASCRIPT', parameter: 'x' } } },
      { up: { type: 'FORMATTER_CAYENNELPP' }, down: { type: 'FORMATTER_CAYENNELPP' } },
    );
    assert.equal(up.description, 'JavaScript · in effect: JavaScript (device)');
    assert.match(up.tooltip, /replaces the application's default \(CayenneLPP\)/);
    assert.equal(up.problem, undefined);
    assert.equal(contextValueOf(up), 'formatter.up.device.javascript');
    // The device's formatters message exists, so its missing downlink formatter is None: the default is not used.
    assert.equal(down.type, 'FORMATTER_NONE');
    assert.equal(down.description, 'None · in effect: None (device) ⚠');
    assert.match(down.problem ?? '', /default downlink formatter \(CayenneLPP\) is not used/);
    assert.match(down.tooltip, /is not used/);
  });

  it('explains that the Device Repository formatter needs version IDs', () => {
    const [up] = deviceFormatterNodes(
      formattersNode(device),
      { formatters: { up: { type: 'FORMATTER_REPOSITORY' } } },
      undefined,
    );
    assert.match(up.description, /^Device Repository · in effect: Device Repository \(device\) ⚠$/);
    assert.match(up.problem ?? '', /version IDs/);
    const [ok] = deviceFormatterNodes(
      formattersNode(device),
      {
        formatters: { up: { type: 'FORMATTER_REPOSITORY' } },
        versionIds: { brand_id: 'b', model_id: 'm', firmware_version: '1.0', band_id: 'EU_863_870' },
      },
      undefined,
    );
    assert.equal(ok.problem, undefined);
  });

  it('keeps ids apart between an application and its devices, and stable across rebuilds', () => {
    const ids = [
      ...applicationFormatterNodes(formattersNode(app), undefined),
      ...deviceFormatterNodes(formattersNode(device), { formatters: undefined }, undefined),
    ].map((n) => n.id);
    assert.equal(new Set(ids).size, 4);
    assert.deepEqual(
      deviceFormatterNodes(formattersNode(device), { formatters: undefined }, undefined).map((n) => n.id),
      ids.slice(2),
    );
  });
});

// Add Deployment asks through the Ui seam: a preset, a TTS Cloud tenant or any URL (refused with a reason while
// typing), then a name; nothing is saved when the user cancels, and a URL already configured is not added twice.
import { strict as assert } from 'node:assert';
import { addDeployment } from '../../../src/commands/addDeployment';
import type { DeploymentConfig } from '../../../src/tts/deployments';
import { isCancellation } from '../../../src/util/cancellation';
import { ScriptedUi, type ScriptStep } from '../../support/scriptedUi';

describe('Add Deployment', () => {
  const run = async (script: ScriptStep[], configs: DeploymentConfig[] = []) => {
    const ui = new ScriptedUi(script);
    const saved: DeploymentConfig[] = [];
    const result = await addDeployment({ ui, configs: () => configs, save: async (c) => void saved.push(c) });
    return { result, saved, ui };
  };

  it('adds a TTN Sandbox cluster from the list as it is', async () => {
    const { result, saved } = await run([{ pick: 'TTN Sandbox (nam1)' }]);
    assert.deepEqual(saved, [{ name: 'TTN Sandbox (nam1)', url: 'https://nam1.cloud.thethings.network' }]);
    assert.equal(result.isNew, true);
    assert.equal(result.deployment.key, 'eu1.cloud.thethings.network', "the Sandbox's accounts live on eu1");
    assert.equal(result.deployment.clusterUrl, 'https://nam1.cloud.thethings.network');
  });

  it('refuses a bad URL while typing, then suggests a name from the URL; a path is kept', async () => {
    const { ui, saved, result } = await run([
      { pick: 'Self-hosted or other URL…' },
      { input: 'lorawan.example.com', invalid: /has no scheme; did you mean https:\/\/lorawan\.example\.com\?/ },
      { input: 'https://lorawan.example.com/tts/' },
      { input: 'Factory stack' },
    ]);
    assert.deepEqual(saved, [{ name: 'Factory stack', url: 'https://lorawan.example.com/tts' }]);
    assert.equal(result.deployment.key, 'lorawan.example.com/tts');
    assert.deepEqual(ui.openingChecks, ['', ''], 'the URL box opens without an error; the name box holds a name');
  });

  it('names a TTS Cloud tenant after tenant and cluster, and requires a name', async () => {
    const { saved } = await run([
      { pick: 'The Things Stack Cloud tenant…' },
      { input: 'https://acme.eu1.cloud.thethings.industries' },
      { input: '  ', invalid: /A name is required/ },
      { input: 'TTS Cloud acme (eu1)' },
    ]);
    assert.deepEqual(saved, [{ name: 'TTS Cloud acme (eu1)', url: 'https://acme.eu1.cloud.thethings.industries' }]);
  });

  it('does not add a URL that is already configured, and says which one it is', async () => {
    const existing = { name: 'Work stack', url: 'https://lorawan.example.com' };
    const { result, saved } = await run(
      [{ pick: 'Self-hosted or other URL…' }, { input: 'https://lorawan.example.com' }, { input: 'Again' }],
      [existing],
    );
    assert.deepEqual(saved, []);
    assert.equal(result.isNew, false);
    assert.equal(result.deployment.name, 'Work stack');
  });

  for (const [where, script] of [
    ['the list', [{ cancel: true }]],
    ['the URL box', [{ pick: 'Self-hosted or other URL…' }, { cancel: true }]],
    ['the name box', [{ pick: 'Self-hosted or other URL…' }, { input: 'https://a.example.com' }, { cancel: true }]],
  ] as [string, ScriptStep[]][]) {
    it(`cancelling in ${where} saves nothing and ends as a cancellation`, async () => {
      const saved: DeploymentConfig[] = [];
      const error = await addDeployment({
        ui: new ScriptedUi(script),
        configs: () => [],
        save: async (c) => void saved.push(c),
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(isCancellation(error), String(error));
      assert.deepEqual(saved, []);
    });
  }
});

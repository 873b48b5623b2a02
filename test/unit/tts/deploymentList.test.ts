// The one owner of the configured deployments: settings read once and on each change (not per row of the tree), a
// bad entry or an ignored workspace setting reported once, a change event only when the deployments changed.
import { strict as assert } from 'node:assert';
import { DeploymentList, WORKSPACE_IGNORED, type DeploymentSettings } from '../../../src/tts/deploymentList';

const SANDBOX = { name: 'TTN Sandbox (eu1)', url: 'https://eu1.cloud.thethings.network' };
const OWN = { name: 'Own', url: 'https://tts.example.com' };
const BAD = { name: 'Bad', url: 'ftp://tts.example.com' };

function list(initial: DeploymentSettings) {
  let settings = initial;
  const out = { reads: 0, warnings: [] as string[], toasts: [] as string[], changes: 0 };
  const deployments = new DeploymentList({
    read: () => {
      out.reads++;
      return settings;
    },
    log: { warn: (m) => out.warnings.push(m) },
    notify: (m) => out.toasts.push(m),
  });
  deployments.onDidChange(() => out.changes++);
  return { deployments, out, set: (next: DeploymentSettings) => (settings = next) };
}

describe('deployment list: the one owner of the configured deployments', () => {
  it('reads the settings once, however often it is asked', () => {
    const { deployments, out } = list({ configs: [SANDBOX, OWN], workspaceDefined: false });
    for (let i = 0; i < 100; i++) {
      assert.equal(deployments.all().length, 2);
      assert.equal(deployments.get('tts.example.com')?.name, 'Own');
    }
    assert.equal(deployments.get('nowhere.example.com'), undefined);
    assert.equal(out.reads, 1);
  });

  it('leaves a bad entry out and says so once, in the log and a toast, however often the settings change', () => {
    const { deployments, out, set } = list({ configs: [BAD, OWN], workspaceDefined: false });
    assert.deepEqual(
      deployments.all().map((d) => d.name),
      ['Own'],
    );
    for (let i = 0; i < 5; i++) {
      deployments.reload();
    }
    assert.equal(out.reads, 6);
    assert.equal(out.warnings.length, 1);
    assert.match(out.warnings[0], /^The deployment "Bad" in your settings is not used: /);
    assert.deepEqual(out.toasts, out.warnings);
    set({ configs: [BAD, { ...BAD, name: 'Worse' }], workspaceDefined: false });
    deployments.reload();
    assert.equal(out.warnings.length, 2, 'a new bad entry is reported');
  });

  it('logs once that a workspace tried to define deployments (no toast: nothing of the user is lost)', () => {
    const { deployments, out } = list({ configs: [OWN], workspaceDefined: true });
    deployments.reload();
    deployments.reload();
    assert.deepEqual(out.warnings, [WORKSPACE_IGNORED]);
    assert.deepEqual(out.toasts, []);
  });

  it('fires only when the deployments changed, not on every settings change', () => {
    const { deployments, out, set } = list({ configs: [OWN], workspaceDefined: false });
    deployments.reload();
    assert.equal(out.changes, 0);
    set({ configs: [OWN, SANDBOX], workspaceDefined: false });
    deployments.reload();
    assert.equal(out.changes, 1);
    assert.equal(deployments.get('eu1.cloud.thethings.network')?.name, 'TTN Sandbox (eu1)');
    set({ configs: [OWN, SANDBOX, BAD], workspaceDefined: false });
    deployments.reload();
    assert.equal(out.changes, 1, 'a bad entry changes nothing used');
  });
});

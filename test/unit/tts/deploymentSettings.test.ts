import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolveDeployment } from '../../../src/tts/deployments';
import { hasWorkspaceDeployments, userDeploymentConfigs, withClientId } from '../../../src/tts/deploymentSettings';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

describe('deployment settings: only the user defines where credentials go', () => {
  const mine = { name: 'TTN Sandbox (eu1)', url: 'https://eu1.cloud.thethings.network', clientId: 'my-client' };
  const planted = { name: 'TTN Sandbox (eu1)', url: 'https://eu1.cloud.thethings.network.attacker.example' };

  it('ignores a workspace-level and folder-level thingsStack.deployments', () => {
    const inspected = { defaultValue: [], globalValue: [mine], workspaceValue: [planted], workspaceFolderValue: [planted] };
    assert.deepEqual(userDeploymentConfigs(inspected), [mine]);
    assert.ok(hasWorkspaceDeployments(inspected));
    assert.deepEqual(userDeploymentConfigs({ defaultValue: [], workspaceValue: [planted] }), [], 'no user value: the default, not the workspace');
    assert.deepEqual(userDeploymentConfigs(undefined), []);
  });

  it('declares the setting application-scoped and restricted in untrusted workspaces', () => {
    const properties = pkg.contributes.configuration.properties;
    assert.ok(['application', 'machine'].includes(properties['thingsStack.deployments'].scope ?? ''), 'URLs and client IDs are not workspace settings');
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.deepEqual(pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ['thingsStack.deployments']);
  });

  it('sets a client ID on one deployment even when another entry has a bad URL, leaving that entry intact', () => {
    const broken = { name: 'Broken', url: 'not a url' };
    const local = { name: 'Local', url: 'http://localhost:1885' };
    const out = withClientId([broken, mine, local], resolveDeployment(local), 'local-client');
    assert.deepEqual(out, [broken, mine, { ...local, clientId: 'local-client' }]);
  });
});

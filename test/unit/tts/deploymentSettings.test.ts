import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { DeploymentUrlError, resolveDeployment, type DeploymentConfig } from '../../../src/tts/deployments';
import {
  hasWorkspaceDeployments,
  patchDeployments,
  userDeploymentConfigs,
  withoutDeployment,
} from '../../../src/tts/deploymentSettings';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

describe('deployment settings: only the user defines where credentials go', () => {
  const mine = { name: 'TTN Sandbox (eu1)', url: 'https://eu1.cloud.thethings.network', clientId: 'my-client' };
  const planted = { name: 'TTN Sandbox (eu1)', url: 'https://eu1.cloud.thethings.network.attacker.example' };

  it('ignores a workspace-level and folder-level thingsStack.deployments', () => {
    const inspected = {
      defaultValue: [],
      globalValue: [mine],
      workspaceValue: [planted],
      workspaceFolderValue: [planted],
    };
    assert.deepEqual(userDeploymentConfigs(inspected), [mine]);
    assert.ok(hasWorkspaceDeployments(inspected));
    assert.deepEqual(
      userDeploymentConfigs({ defaultValue: [], workspaceValue: [planted] }),
      [],
      'no user value: the default, not the workspace',
    );
    assert.deepEqual(userDeploymentConfigs(undefined), []);
  });

  it('declares the setting application-scoped and restricted in untrusted workspaces', () => {
    const properties = pkg.contributes.configuration.properties;
    assert.ok(
      ['application', 'machine'].includes(properties['thingsStack.deployments'].scope ?? ''),
      'URLs and client IDs are not workspace settings',
    );
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.deepEqual(pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ['thingsStack.deployments']);
  });

  it('sets a client ID on one deployment even when another entry has a bad URL, leaving that entry intact', () => {
    const broken = { name: 'Broken', url: 'not a url' };
    const local = { name: 'Local', url: 'http://localhost:1885' };
    const out = patchDeployments([broken, mine, local], resolveDeployment(local), { clientId: 'local-client' });
    assert.deepEqual(out, [broken, mine, { ...local, clientId: 'local-client' }]);
  });

  it('by key alone patches every entry of that deployment (TTN Sandbox clusters share one Identity Server); removes by key and name', () => {
    const eu1 = { name: 'TTN Sandbox (eu1)', url: 'https://eu1.cloud.thethings.network' };
    const nam1 = { name: 'TTN Sandbox (nam1)', url: 'https://nam1.cloud.thethings.network' };
    const broken = { name: 'Broken', url: 'not a url' };
    const key = resolveDeployment(eu1).key;
    assert.equal(resolveDeployment(nam1).key, key);
    assert.deepEqual(patchDeployments([eu1, broken, nam1], { key }, { clientId: 'mine' }), [
      { ...eu1, clientId: 'mine' },
      broken,
      { ...nam1, clientId: 'mine' },
    ]);
    assert.deepEqual(withoutDeployment([eu1, broken, nam1], resolveDeployment(nam1)), [eu1, broken]);
  });

  it('checks every URL of an entry from the settings as Add Deployment checks a typed one (https except loopback)', () => {
    const HTTP = (host: string): string =>
      `Use https for ${host}: plain http would send your tokens unencrypted. http is only allowed for localhost.`;
    const refused: [DeploymentConfig, string | RegExp][] = [
      [{ name: 'Plain', url: 'http://tts.example.com' }, HTTP('tts.example.com')],
      [
        { name: 'IS', url: 'https://tts.example.com', identityServerUrl: 'http://is.example.com' },
        `identityServerUrl: ${HTTP('is.example.com')}`,
      ],
      [
        { name: 'Console', url: 'https://tts.example.com', consoleUrl: 'http://console.example.com' },
        `consoleUrl: ${HTTP('console.example.com')}`,
      ],
      [{ name: 'Creds', url: 'https://me:pw@tts.example.com' }, 'Do not put credentials in the deployment URL.'],
      [{ name: 'Scheme', url: 'ftp://tts.example.com' }, '"ftp:" is not a web address; use https://.'],
      [{ name: 'Look-alike', url: 'https://eu1.cloud.thethings.netwоrk' }, /^The URL must be plain ASCII: /],
      [{ name: 'Not text', url: 42 as unknown as string }, 'It is not text.'],
      [
        { name: 'Query', url: 'https://tts.example.com/?access_token=MFRWG.A.B' },
        'Remove "?…" from the URL: a deployment URL is the address of the stack, with no query or fragment.',
      ],
      [
        { name: 'Broken', url: 'https://me:secret@tts.example.com:99999/?key=1' },
        '"https://…@tts.example.com:99999/?…" is not a valid URL: check the host name and port.',
      ],
    ];
    for (const [config, message] of refused) {
      assert.throws(
        () => resolveDeployment(config),
        (e: unknown) =>
          e instanceof DeploymentUrlError &&
          (typeof message === 'string' ? e.message === message : message.test(e.message)),
        config.name,
      );
    }
    for (const url of [
      'http://localhost:1885',
      'http://127.0.0.1:1885/tts/',
      'http://[::1]:1885',
      'https://tts.example.com',
    ]) {
      assert.equal(resolveDeployment({ name: 'Fine', url }).name, 'Fine', url);
    }
  });
});

import { strict as assert } from 'node:assert';
import {
  checkDeploymentUrl,
  consoleLink,
  deploymentScope,
  isV2Key,
  resolveDeployment,
} from '../../../src/tts/deployments';

describe('deployments: where TTS lives', () => {
  it('sends TTN Sandbox clusters to the eu1 Identity Server', () => {
    for (const cluster of ['eu1', 'nam1', 'au1']) {
      const d = resolveDeployment({ name: cluster, url: `https://${cluster}.cloud.thethings.network` });
      assert.equal(d.kind, 'ttn-sandbox');
      assert.equal(d.identityServerUrl, 'https://eu1.cloud.thethings.network');
      assert.equal(d.clusterUrl, `https://${cluster}.cloud.thethings.network`);
      assert.equal(d.consoleUrl, `https://${cluster}.cloud.thethings.network/console`);
      assert.equal(deploymentScope(d), 'deployment:eu1.cloud.thethings.network');
    }
  });

  it('sends TTS Cloud tenants to their eu1 Identity Server', () => {
    const d = resolveDeployment({ name: 'acme', url: 'https://acme.nam1.cloud.thethings.industries' });
    assert.equal(d.kind, 'tts-cloud');
    assert.equal(d.identityServerUrl, 'https://acme.eu1.cloud.thethings.industries');
    assert.equal(d.key, 'acme.eu1.cloud.thethings.industries');
  });

  it('keeps self-hosted URLs as they are, with overrides', () => {
    const d = resolveDeployment({
      name: 'lab',
      url: 'https://lns.example.com/',
      consoleUrl: 'https://console.example.com/c/',
      clientId: 'x',
    });
    assert.equal(d.kind, 'self-hosted');
    assert.equal(d.identityServerUrl, 'https://lns.example.com');
    assert.equal(d.consoleUrl, 'https://console.example.com/c');
    assert.equal(
      consoleLink(d, { kind: 'application', id: 'app-1' }),
      'https://console.example.com/c/applications/app-1',
    );
    assert.equal(
      consoleLink(d, { kind: 'client', id: 'c-1' }),
      'https://console.example.com/c/user-settings/oauth-clients/c-1',
    );
  });

  const urls: [string, RegExp | string][] = [
    ['https://eu1.cloud.thethings.network', 'TTN Sandbox (eu1)'],
    ['https://acme.au1.cloud.thethings.industries/console', 'TTS Cloud acme (au1)'],
    ['http://localhost:1885', 'localhost'],
    ['http://127.0.0.1:8080', '127.0.0.1'],
    ['http://lns.example.com', /Use https for lns.example.com/],
    ['eu1.cloud.thethings.network', /no scheme; did you mean https:\/\/eu1.cloud.thethings.network/],
    ['', /Enter the URL/],
    ['https://account.thethingsnetwork.org', /v2 was shut down/],
    ['ttn-account-v2.abcdef', /v2 was shut down/],
    ['ttnctl', /v2 was shut down/],
    ['ftp://example.com', /not a web address/],
    ['https://user:pw@example.com', /credentials/],
    ['https://exa mple.com', /not a valid URL/],
  ];
  for (const [input, expected] of urls) {
    it(`checks "${input}"`, () => {
      const result = checkDeploymentUrl(input);
      if (typeof expected === 'string') {
        assert.ok(result.ok, !result.ok ? result.message : '');
        assert.equal(result.ok && result.suggestedName, expected);
      } else {
        assert.ok(!result.ok);
        assert.match(!result.ok ? result.message : '', expected);
      }
    });
  }

  it('recognises v2 keys', () => {
    assert.ok(isV2Key(' ttn-account-v2.abc'));
    assert.ok(!isV2Key('NNSXS.abc'));
  });
});

describe('client: another host of the deployment', () => {
  it('keeps the credentials and changes only the base URL', async () => {
    const { TtsClient } = await import('../../../src/tts/client');
    const client = new TtsClient({ baseUrl: 'https://eu1.cloud.thethings.network', auth: { token: async () => 'T' } });
    assert.equal(client.at('https://eu1.cloud.thethings.network'), client);
    const cluster = client.at('https://nam1.cloud.thethings.network');
    assert.equal(cluster.http.url('/events'), 'https://nam1.cloud.thethings.network/api/v3/events');
    assert.equal(client.http.url('/events'), 'https://eu1.cloud.thethings.network/api/v3/events');
  });
});

import { strict as assert } from 'node:assert';
import { chooseFlows, otherFlows, type ClientInfo, type HostInfo } from '../../../src/auth/flows';

const desktop: HostInfo = { ui: 'desktop', remote: false };
const remote: HostInfo = { ui: 'desktop', remote: true };
const web: HostInfo = { ui: 'web', remote: true };
const own: ClientInfo = { clientId: 'my-client', hasSecret: true };
const noSecret: ClientInfo = { clientId: 'my-client', hasSecret: false };
const none: ClientInfo = { hasSecret: false };

describe('flows: which sign-in methods fit the host', () => {
  const table: [string, HostInfo, ClientInfo, string[]][] = [
    [
      'local desktop, own client',
      desktop,
      own,
      ['uri-handler/own', 'loopback/own', 'paste-code/own', 'loopback/cli', 'paste-code/cli', 'api-key/none'],
    ],
    ['local desktop, no client: zero configuration', desktop, none, ['loopback/cli', 'paste-code/cli', 'api-key/none']],
    [
      'local desktop, client without secret: offered last before the API key, asking for the secret',
      desktop,
      noSecret,
      ['loopback/cli', 'paste-code/cli', 'uri-handler/own (needs secret)', 'api-key/none'],
    ],
    ['remote (SSH), own client', remote, own, ['uri-handler/own', 'paste-code/own', 'paste-code/cli', 'api-key/none']],
    ['remote (SSH), no client', remote, none, ['paste-code/cli', 'api-key/none']],
    ['web, own client', web, own, ['uri-handler/own', 'paste-code/own', 'paste-code/cli', 'api-key/none']],
    ['web, no client', web, none, ['paste-code/cli', 'api-key/none']],
  ];
  for (const [name, host, client, expected] of table) {
    it(name, () => {
      assert.deepEqual(
        chooseFlows(host, client).map((f) => `${f.id}/${f.client}${f.needsSecret ? ' (needs secret)' : ''}`),
        expected,
      );
    });
  }

  it("never offers a loopback callback away from the user's machine", () => {
    for (const host of [remote, web]) {
      for (const client of [own, none, noSecret]) {
        assert.ok(!chooseFlows(host, client).some((f) => f.id === 'loopback'));
      }
    }
  });

  it('gives every method its own label, naming the client (no two identical "Sign in with a code")', () => {
    for (const host of [desktop, remote, web]) {
      const labels = chooseFlows(host, own).map((f) => f.label);
      assert.equal(new Set(labels).size, labels.length, labels.join(' | '));
    }
    const codes = chooseFlows(web, own)
      .filter((f) => f.id === 'paste-code')
      .map((f) => f.label);
    assert.deepEqual(codes, [
      'Sign in with a code (your client "my-client")',
      'Sign in with a code (public "cli" client)',
    ]);
  });

  it('always ends with the API key', () => {
    for (const host of [desktop, remote, web]) {
      assert.equal(chooseFlows(host, none).at(-1)?.id, 'api-key');
    }
  });

  it('offers every other method after a failure', () => {
    const all = chooseFlows(desktop, own);
    const rest = otherFlows(all, all[0]);
    assert.equal(rest.length, all.length - 1);
    assert.ok(!rest.some((f) => f.id === 'uri-handler'));
  });

  it('says nothing about a configured client without secret unless it is chosen: its method asks for the secret', () => {
    for (const host of [desktop, remote, web]) {
      const flows = chooseFlows(host, noSecret);
      assert.notEqual(flows[0].needsSecret, true, 'not the recommended method');
      const own = flows.filter((f) => f.client === 'own');
      assert.deepEqual(
        own.map((f) => [f.label, f.needsSecret]),
        [['Sign in with your browser (your client "my-client")', true]],
      );
      assert.match(own[0].detail, /Asks once for the client's secret/);
    }
    assert.ok(!chooseFlows(desktop, own).some((f) => f.needsSecret));
  });
});

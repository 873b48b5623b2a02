// A deployment under a path (`https://host/tts/`): every request — authorize, token, API, events, Console links —
// keeps the path. The test server is served under /tts and answers 404 to anything outside it.
import { strict as assert } from 'node:assert';
import { PendingAttempts } from '../../../src/auth/attempts';
import { chooseFlows, type Flow } from '../../../src/auth/flows';
import { CLI_CLIENT_ID, OAuthClient } from '../../../src/auth/oauth';
import { signIn } from '../../../src/auth/signIn';
import { TtsClient } from '../../../src/tts/client';
import { checkDeploymentUrl, consoleLink, resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { apiEndpoint, endpoint, oauthEndpoint } from '../../../src/tts/endpoints';
import { approveInBrowser } from '../../support/fakeBrowser';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';

describe('deployment URL with a path', () => {
  it('keeps the path (trailing slash normalised) and refuses a query or fragment with a reason', () => {
    const check = checkDeploymentUrl('https://stack.example.com/tts/');
    assert.deepEqual(check, { ok: true, url: 'https://stack.example.com/tts', suggestedName: 'stack.example.com' });
    const d = resolveDeployment({ name: 'S', url: 'https://stack.example.com/tts/' });
    assert.equal(d.identityServerUrl, 'https://stack.example.com/tts');
    assert.equal(d.clusterUrl, 'https://stack.example.com/tts');
    assert.equal(d.key, 'stack.example.com/tts', 'another stack at the root of the same host is another deployment');
    assert.equal(
      consoleLink(d, { kind: 'application', id: 'app-1' }),
      'https://stack.example.com/tts/console/applications/app-1',
    );
    assert.equal(resolveDeployment({ name: 'R', url: 'https://stack.example.com' }).key, 'stack.example.com');
    const query = checkDeploymentUrl('https://stack.example.com/tts?tenant=x');
    assert.ok(!query.ok && /Remove "\?tenant=x"/.test(query.message), JSON.stringify(query));
    assert.ok(!checkDeploymentUrl('https://stack.example.com/#frag').ok);
  });

  it('builds every endpoint through one function', () => {
    assert.equal(
      apiEndpoint('https://h/tts', '/clients', { field_mask: 'name', x: undefined }),
      'https://h/tts/api/v3/clients?field_mask=name',
    );
    assert.equal(oauthEndpoint('https://h/tts/', 'token'), 'https://h/tts/oauth/token');
    assert.equal(endpoint('https://h', '/console'), 'https://h/console');
  });

  describe('against the test server under /tts', function () {
    this.timeout(20_000);
    let server: TtsTestServer;
    let deployment: Deployment;
    before(async () => {
      server = await startTtsServer({ basePath: '/tts' });
      const check = checkDeploymentUrl(`${server.url}/`);
      assert.ok(check.ok);
      deployment = resolveDeployment({ name: 'Prefixed', url: check.url });
    });
    after(() => server.close());

    const flow = (id: Flow['id']): Flow =>
      chooseFlows({ ui: 'desktop', remote: false }, { clientId: undefined, hasSecret: false }).find(
        (f) => f.id === id && f.client === 'cli',
      )!;

    it('signs in (paste code and loopback), lists, streams events, all under the path', async () => {
      let shown: string | undefined;
      const pending = new PendingAttempts();
      const deps = (askCode: () => Promise<string | undefined>): Parameters<typeof signIn>[1] => ({
        deployment,
        pending,
        ui: {
          openBrowser: async (url) => {
            assert.ok(url.startsWith(`${server.url}/oauth/authorize?`), url);
            shown = (await approveInBrowser(server, url)).shownCode;
            return true;
          },
          callbackUri: async () => 'vscode://lpwan-tools.things-stack-manager/auth/callback',
          askCode,
          askApiKey: async () => undefined,
          refused: () => undefined,
        },
        oauth: () => new OAuthClient({ identityServerUrl: deployment.identityServerUrl, clientId: CLI_CLIENT_ID }),
        identify: (token, signal) =>
          new TtsClient({ baseUrl: deployment.identityServerUrl, auth: { token: async () => token } }).users.identity(
            signal,
          ),
      });
      const pasted = await signIn(
        flow('paste-code'),
        deps(async () => shown),
        new AbortController().signal,
      );
      assert.equal(pasted.accountId, 'alice');
      const loopback = await signIn(
        flow('loopback'),
        deps(async () => undefined),
        new AbortController().signal,
      );
      assert.equal(loopback.accountId, 'alice');

      const api = new TtsClient({
        baseUrl: deployment.identityServerUrl,
        auth: { token: async () => pasted.tokens.accessToken },
      });
      const page = await api.applications.list({ kind: 'user', id: 'alice' }, { fields: ['name'], limit: 2 });
      assert.ok(page.items.length > 0);
      const controller = new AbortController();
      const stream = api
        .at(deployment.clusterUrl)
        .events.stream(
          { identifiers: [{ application_ids: { application_id: SEED.demo.applications.aliceSensors } }] },
          controller.signal,
        );
      const first = await stream.next();
      assert.equal(first.value?.name, 'events.stream.start');
      controller.abort();
      await stream.return(undefined).catch(() => undefined);

      const outside = server.requests.filter((r) => !r.route);
      assert.deepEqual(
        outside.map((r) => `${r.method} ${r.path}`),
        [],
        'every request was under /tts and matched a route',
      );
      assert.ok(server.requests.some((r) => r.path === '/oauth/token'));
      assert.ok(server.requests.some((r) => r.path === '/oauth/api/auth/login'));
    });
  });
});

import { strict as assert } from 'node:assert';
import { PendingAttempts, SignInTimeoutError } from '../../../src/auth/attempts';
import { chooseFlows, type Flow } from '../../../src/auth/flows';
import { CLI_CLIENT_ID, OAuthClient } from '../../../src/auth/oauth';
import { redirectCovered } from '../../../src/auth/redirectMatch';
import {
  checkApiKey,
  checkAuthCode,
  InvalidCredentialError,
  RedirectNotRegisteredError,
  signIn,
  type SignInUi,
} from '../../../src/auth/signIn';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { TtsError } from '../../../src/tts/errors';
import { approveInBrowser } from '../../support/fakeBrowser';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { validateUriList } from '../../support/ttsServer/redirectUri';
import { UserCancelledError, isCancellation } from '../../../src/util/cancellation';

const URI_CALLBACK = 'vscode://lpwan-tools.things-stack-manager/auth/callback';

describe('signIn: every flow against the TTS test server', function () {
  this.timeout(20_000);
  let server: TtsTestServer;
  let deployment: Deployment;
  let pending: PendingAttempts;
  const refused: string[] = [];

  before(async () => {
    server = await startTtsServer();
    deployment = resolveDeployment({ name: 'Local', url: server.url, clientId: SEED.client.id });
  });
  after(() => server.close());
  beforeEach(() => {
    pending = new PendingAttempts();
    refused.length = 0;
  });

  function deps(ui: Partial<SignInUi>, userId = 'alice'): Parameters<typeof signIn>[1] {
    const full: SignInUi = {
      openBrowser: async (url) => {
        const result = await approveInBrowser(server, url, userId);
        if (result.location.startsWith('vscode://')) {
          pending.deliver(new URL(result.location).search); // what the URI handler does
        }
        return true;
      },
      callbackUri: async () => URI_CALLBACK,
      askCode: async () => undefined,
      askApiKey: async () => undefined,
      refused: (message) => refused.push(message),
      ...ui,
    };
    return {
      deployment,
      pending,
      ui: full,
      oauth: (client) =>
        new OAuthClient({
          identityServerUrl: server.url,
          clientId: client === 'own' ? SEED.client.id : CLI_CLIENT_ID,
          clientSecret: client === 'own' ? SEED.client.secret : undefined,
        }),
      identify: (token, signal) =>
        new TtsClient({ baseUrl: server.url, auth: { token: async () => token } }).users.identity(signal),
    };
  }

  const flowOf = (id: Flow['id'], client: Flow['client']): Flow =>
    chooseFlows({ ui: 'desktop', remote: false }, { clientId: 'x', hasSecret: true }).find(
      (f) => f.id === id && f.client === client,
    )!;

  it('browser + URI handler with the own client', async () => {
    const session = await signIn(flowOf('uri-handler', 'own'), deps({}), new AbortController().signal);
    assert.equal(session.accountId, 'alice');
    assert.equal(session.clientId, SEED.client.id);
    assert.equal(session.method, 'oauth');
    assert.match(session.tokens.accessToken, /^MFRWG\./);
    assert.match(session.tokens.refreshToken ?? '', /^OJSWM\./);
    assert.deepEqual(session.scopes, [`deployment:${deployment.key}`]);
    assert.equal(session.id, `${deployment.key}/alice`);
    // The same redirect_uri went to /authorize and /oauth/token.
    const token = server.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
    assert.equal((token.body as Record<string, string>).redirect_uri, URI_CALLBACK);
    assert.match(token.headers.authorization ?? '', /^Basic /);
    assert.equal((token.body as Record<string, string>).code_verifier?.length, 43, 'PKCE verifier sent');
  });

  it('browser + loopback with the own client (http://127.0.0.1:<port>/callback)', async () => {
    const session = await signIn(flowOf('loopback', 'own'), deps({}), new AbortController().signal);
    assert.equal(session.accountId, 'alice');
    const token = server.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
    assert.match((token.body as Record<string, string>).redirect_uri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  });

  it('browser + loopback with the public cli client (local-callback?port=N), no configuration', async () => {
    const session = await signIn(flowOf('loopback', 'cli'), deps({}), new AbortController().signal);
    assert.equal(session.clientId, 'cli');
    const token = server.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
    const body = token.body as Record<string, string>;
    assert.match(body.redirect_uri, /^local-callback\?port=\d+$/);
    assert.equal(body.client_id, 'cli');
    assert.equal(token.headers.authorization, undefined);
  });

  it('closes the loopback server after the attempt', async () => {
    let port = 0;
    await signIn(
      flowOf('loopback', 'own'),
      deps({
        openBrowser: async (url) => {
          port = Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
          await approveInBrowser(server, url);
          return true;
        },
      }),
      new AbortController().signal,
    );
    await assert.rejects(fetch(`http://127.0.0.1:${port}/callback`));
  });

  it('paste the code (redirect_uri=code)', async () => {
    let shown: string | undefined;
    const session = await signIn(
      flowOf('paste-code', 'cli'),
      deps({
        openBrowser: async (url) => {
          shown = (await approveInBrowser(server, url)).shownCode;
          return true;
        },
        askCode: async () => ` ${shown} `,
      }),
      new AbortController().signal,
    );
    assert.match(shown ?? '', /^MF2XI\./);
    assert.equal(session.accountId, 'alice');
  });

  it('paste the code: the code box learns whether the browser opened; Escape there abandons the attempt (silently)', async () => {
    const seen: boolean[] = [];
    for (const opened of [true, false]) {
      await assert.rejects(
        signIn(
          flowOf('paste-code', 'cli'),
          deps({
            openBrowser: async () => opened,
            askCode: async (_url, _signal, browserOpened) => {
              seen.push(browserOpened);
              return undefined;
            },
          }),
          new AbortController().signal,
        ),
        UserCancelledError,
      );
    }
    assert.deepEqual(seen, [true, false]);
    assert.ok(isCancellation(new UserCancelledError()));
  });

  it('API key, identified with auth_info including its rights', async () => {
    const key = server.createUserApiKey('bob', ['RIGHT_USER_APPLICATIONS_LIST', 'RIGHT_USER_CLIENTS_LIST']);
    const session = await signIn(
      flowOf('api-key', 'none'),
      deps({ askApiKey: async () => key }),
      new AbortController().signal,
    );
    assert.equal(session.method, 'api-key');
    assert.equal(session.accountId, 'bob');
    assert.deepEqual(session.rights, ['RIGHT_USER_APPLICATIONS_LIST', 'RIGHT_USER_CLIENTS_LIST']);
    assert.equal(session.tokens.refreshToken, undefined);
  });

  it('refuses malformed API keys and v2 keys before any request', async () => {
    const before = server.requests.length;
    await assert.rejects(
      signIn(
        flowOf('api-key', 'none'),
        deps({ askApiKey: async () => 'ttn-account-v2.abc' }),
        new AbortController().signal,
      ),
      (e: unknown) => e instanceof InvalidCredentialError && /v2/.test(e.message),
    );
    await assert.rejects(
      signIn(
        flowOf('api-key', 'none'),
        deps({ askApiKey: async () => 'NNSXS.SHORT.KEY' }),
        new AbortController().signal,
      ),
      /incomplete or damaged/,
    );
    assert.equal(server.requests.length, before);
  });

  it('an unknown API key is refused by the server and nothing is stored', async () => {
    const fake = `NNSXS.${'A'.repeat(39)}.${'B'.repeat(52)}`;
    await assert.rejects(
      signIn(flowOf('api-key', 'none'), deps({ askApiKey: async () => fake }), new AbortController().signal),
      (e: unknown) => e instanceof TtsError && e.status === 401,
    );
  });

  it('closing an input box abandons the attempt', async () => {
    await assert.rejects(signIn(flowOf('api-key', 'none'), deps({}), new AbortController().signal), UserCancelledError);
  });

  it('a denied consent is shown as access_denied', async () => {
    await assert.rejects(
      signIn(
        flowOf('uri-handler', 'own'),
        deps({
          openBrowser: async (url) => {
            const result = await approveInBrowser(server, url, 'bob', false); // bob has not authorized the client yet
            pending.deliver(new URL(result.location).search);
            return true;
          },
        }),
        new AbortController().signal,
      ),
      /not authorized/,
    );
  });

  it('a wrong or reused state is refused and the attempt goes on', async () => {
    const session = await signIn(
      flowOf('uri-handler', 'own'),
      deps({
        openBrowser: async (url) => {
          const result = await approveInBrowser(server, url);
          const query = new URL(result.location).searchParams;
          assert.equal(pending.deliver(`code=${query.get('code')}&state=forged`).accepted, false);
          assert.equal(pending.deliver(`code=${query.get('code')}`).accepted, false);
          assert.equal(pending.deliver(`code=${query.get('code')}&state=${query.get('state')}`).accepted, true);
          assert.equal(pending.deliver(`code=${query.get('code')}&state=${query.get('state')}`).accepted, false);
          return true;
        },
      }),
      new AbortController().signal,
    );
    assert.equal(session.accountId, 'alice');
  });

  it('times out when the callback never arrives, and cancels on abort', async () => {
    await assert.rejects(
      signIn(
        flowOf('uri-handler', 'own'),
        { ...deps({ openBrowser: async () => true }), timeoutMs: 50 },
        new AbortController().signal,
      ),
      SignInTimeoutError,
    );
    const controller = new AbortController();
    const attempt = signIn(flowOf('loopback', 'cli'), deps({ openBrowser: async () => true }), controller.signal);
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(attempt, /Cancelled/);
    assert.equal(pending.size, 0);
  });

  describe("the own client's redirect URIs, checked before the browser opens", () => {
    const CODE_SERVER =
      'http://127.0.0.1:8080/stable-0123456789abcdef0123456789abcdef01234567/callback?vscode-reqid=3&vscode-scheme=code-oss' +
      '&vscode-authority=lpwan-tools.things-stack-manager&vscode-path=%2Fauth%2Fcallback';
    /** The client's URIs as GET /api/v3/clients/{id}?field_mask=redirect_uris returns them to a signed-in user. */
    const readUris = async (signal: AbortSignal): Promise<readonly string[] | undefined> => {
      const key = server.createUserApiKey(SEED.admin.userId, ['RIGHT_ALL']);
      const api = new TtsClient({ baseUrl: server.url, auth: { token: async () => key } });
      return (await api.clients.get(SEED.client.id, ['redirect_uris'], signal)).redirect_uris;
    };

    it('says what to register instead of opening a browser TTS would refuse (code-server callback, client with 127.0.0.1)', async () => {
      const opened: string[] = [];
      const error = await signIn(
        flowOf('uri-handler', 'own'),
        {
          ...deps({
            callbackUri: async () => CODE_SERVER,
            openBrowser: async (url) => {
              opened.push(url);
              return true;
            },
          }),
          registeredRedirectUris: readUris,
        },
        new AbortController().signal,
      ).catch((e: unknown) => e);
      assert.ok(error instanceof RedirectNotRegisteredError, String(error));
      assert.equal(error.register, 'http://127.0.0.1/stable-0123456789abcdef0123456789abcdef01234567/callback');
      assert.match(
        error.message,
        /^The OAuth client "vscode-ext" has no redirect URI that covers this sign-in's callback.*Add "http:\/\/127\.0\.0\.1\/stable-[0-9a-f]+\/callback" to the client's redirect URIs/,
      );
      assert.ok(validateUriList([error.register], CODE_SERVER).ok, 'what it says to register is accepted');
      assert.deepEqual(opened, []);
      assert.equal(pending.size, 0);
      // The test server (osin's rules) would indeed have refused it.
      assert.equal(validateUriList(SEED.client.redirectUris, CODE_SERVER).ok, false);
    });

    it('goes ahead when the URIs cover the callback, or cannot be read', async () => {
      const covered = await signIn(
        flowOf('uri-handler', 'own'),
        { ...deps({}), registeredRedirectUris: readUris },
        new AbortController().signal,
      );
      assert.equal(covered.accountId, 'alice');
      const unknown = await signIn(
        flowOf('loopback', 'own'),
        {
          ...deps({}),
          registeredRedirectUris: async () => {
            throw new TtsError(403, 7, 'pkg/auth/rights', 'no_client_rights', 'no rights', {}, undefined);
          },
        },
        new AbortController().signal,
      );
      assert.equal(unknown.accountId, 'alice');
    });

    it("matches registered URIs the way The Things Stack does (same answers as the test server's osin port)", () => {
      const registered = [
        ['http://127.0.0.1/callback'],
        ['http://127.0.0.1:8080/stable-abc/callback'],
        ['http://localhost/callback'],
        ['code'],
        ['vscode://lpwan-tools.things-stack-manager/auth/callback'],
        ['https://h.example/app'],
        ['http://[::1]/cb'],
        ['http://127.0.0.1/'],
      ];
      const redirects = [
        'http://127.0.0.1:5000/callback',
        'http://127.0.0.2:1/callback/x',
        'http://[::1]:9/callback',
        'http://localhost:5000/callback',
        'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&x=2',
        'http://127.0.0.1:8081/stable-abc/callback',
        'http://127.0.0.1:8080/stable-abd/callback',
        'code',
        'vscode://lpwan-tools.things-stack-manager/auth/callback?x=1',
        'vscode://lpwan-tools.things-stack-manager/auth/callbackx',
        'https://h.example/app/x',
        'https://h.example/app2',
        'http://h.example/app',
        'https://h.example/app/../other',
        'http://[::1]/cb',
        'http://127.0.0.1:3/anything',
        'https://127.0.0.1/callback',
      ];
      for (const list of registered) {
        for (const redirect of redirects) {
          assert.equal(
            redirectCovered(list, redirect),
            validateUriList(list, redirect).ok,
            `${list.join(';')} ← ${redirect}`,
          );
        }
      }
    });
  });

  it('checks pasted codes and keys for shape', () => {
    assert.equal(checkAuthCode('MF2XI.ABC.DEF'), undefined);
    assert.match(checkAuthCode('OJSWM.A.B') ?? '', /starts with MF2XI/);
    assert.match(checkApiKey('MFRWG.a.b') ?? '', /OAuth token, not an API key/);
    assert.match(checkApiKey('hello') ?? '', /start with NNSXS/);
  });
});

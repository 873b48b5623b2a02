// signIn against the TTS test server: the own client's redirect URIs are checked before the browser opens, and
// matched the way The Things Stack matches them.
import { strict as assert } from 'node:assert';
import { redirectCovered } from '../../../src/auth/redirectMatch';
import { RedirectNotRegisteredError, signIn } from '../../../src/auth/signIn';
import { TtsClient } from '../../../src/tts/client';
import { TtsError } from '../../../src/tts/errors';
import { SEED } from '../../support/ttsServer';
import { validateUriList } from '../../support/ttsServer/redirectUri';
import { flowOf, signInEnv } from './signIn.fixture';

describe('signIn: every flow against the TTS test server', function () {
  this.timeout(20_000);
  const env = signInEnv();
  const { deps } = env;

  describe("the own client's redirect URIs, checked before the browser opens", () => {
    const CODE_SERVER =
      'http://127.0.0.1:8080/stable-0123456789abcdef0123456789abcdef01234567/callback?vscode-reqid=3&vscode-scheme=code-oss' +
      '&vscode-authority=lpwan-tools.things-stack-manager&vscode-path=%2Fauth%2Fcallback';
    /** The client's URIs as GET /api/v3/clients/{id}?field_mask=redirect_uris returns them to a signed-in user. */
    const readUris = async (signal: AbortSignal): Promise<readonly string[] | undefined> => {
      const key = env.server.createUserApiKey(SEED.admin.userId, ['RIGHT_ALL']);
      const api = new TtsClient({ baseUrl: env.server.url, auth: { token: async () => key } });
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
      assert.equal(env.pending.size, 0);
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
});

// signIn against the TTS test server, what the user pastes: the authorization code (redirect_uri=code) and API
// keys (identified with auth_info; malformed, v2 and unknown keys refused), and closing an input box.
import { strict as assert } from 'node:assert';
import { checkApiKey, checkAuthCode, InvalidCredentialError, signIn } from '../../../src/auth/signIn';
import { TtsError } from '../../../src/tts/errors';
import { approveInBrowser } from '../../support/fakeBrowser';
import { UserCancelledError, isCancellation } from '../../../src/util/cancellation';
import { flowOf, signInEnv } from './signIn.fixture';

describe('signIn: every flow against the TTS test server', function () {
  this.timeout(20_000);
  const env = signInEnv();
  const { deps } = env;

  it('paste the code (redirect_uri=code)', async () => {
    let shown: string | undefined;
    const session = await signIn(
      flowOf('paste-code', 'cli'),
      deps({
        openBrowser: async (url) => {
          shown = (await approveInBrowser(env.server, url)).shownCode;
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
    const key = env.server.createUserApiKey('bob', ['RIGHT_USER_APPLICATIONS_LIST', 'RIGHT_USER_CLIENTS_LIST']);
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
    const before = env.server.requests.length;
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
    assert.equal(env.server.requests.length, before);
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

  it('checks pasted codes and keys for shape', () => {
    assert.equal(checkAuthCode('MF2XI.ABC.DEF'), undefined);
    assert.match(checkAuthCode('OJSWM.A.B') ?? '', /starts with MF2XI/);
    assert.match(checkApiKey('MFRWG.a.b') ?? '', /OAuth token, not an API key/);
    assert.match(checkApiKey('hello') ?? '', /start with NNSXS/);
  });
});

// The reliability and security checklist of an editor OAuth client (/work/shared/reference/vscode-auth.md §7),
// one test per item, each driving the real code against the TTS test server. Several facts are also tested
// where their code lives (test/unit/auth/*.test.ts); this file is the one map from item to test.
//
// Items not tested here:
//   7.10 detect VS Code's in-memory SecretStorage fallback — the product does not detect it (missing feature).
//   7.15 sign-out deletes locally first, then revokes — TtsAuthProvider.removeSession (provider.ts imports vscode);
//        the extension-host test "signs out" (test/integration/auth.test.ts) covers sign-out, not a failing revoke.
//   7.18 provider registered even with a misconfigured deployment, 7.19 status bar — extension.ts / statusBar.ts
//        import vscode; see test/integration/activation.test.ts and auth.test.ts.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { AccountService } from '../../../src/auth/accountService';
import { PendingAttempts, SignInTimeoutError } from '../../../src/auth/attempts';
import { chooseFlows, otherFlows, type Flow } from '../../../src/auth/flows';
import { startLoopback } from '../../../src/auth/loopback';
import { CLI_CLIENT_ID, OAuthClient } from '../../../src/auth/oauth';
import { SessionRepository } from '../../../src/auth/repository';
import type { StoredSession } from '../../../src/auth/sessions';
import { signIn, type SignInUi } from '../../../src/auth/signIn';
import { SessionGoneError, TokenManager } from '../../../src/auth/tokens';
import { Redactor } from '../../../src/util/redact';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { TimeoutError, TtsError } from '../../../src/tts/errors';
import type { Fetch } from '../../../src/tts/http';
import { approveInBrowser } from '../../support/fakeBrowser';
import { MemoryMemento, MemorySecrets } from '../../support/fakes';
import { FakeTimers } from '../../support/fakeTimers';
import { knownSecrets, scanForLeaks } from '../../support/leakRecorder';
import { recordedSinks, recordingLog } from '../../support/leakSinks';
import { SEED, startTtsServer, type RecordedRequest, type TtsTestServer } from '../../support/ttsServer';
import { UserCancelledError } from '../../../src/util/cancellation';

const MINUTE = 60_000;
const URI_CALLBACK = 'vscode://lpwan-tools.things-stack-manager/auth/callback';
type Form = Record<string, string>;

const flowOf = (id: Flow['id'], client: Flow['client']): Flow =>
  chooseFlows({ ui: 'desktop', remote: false }, { clientId: 'own', hasSecret: true }).find(
    (f) => f.id === id && f.client === client,
  )!;

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A fetch that never answers; it only gives up when its signal aborts (the caller's time limit). */
const hangingFetch =
  (aborted: string[]): Fetch =>
  (url, init) =>
    new Promise((_, reject) => {
      init.signal.addEventListener('abort', () => {
        aborted.push(url);
        reject(new Error('aborted'));
      });
    });

/** Tracks whether a promise has settled, without waiting for it. */
function track<T>(promise: Promise<T>): { settled: () => boolean; result: Promise<T> } {
  let done = false;
  const result = promise.finally(() => {
    done = true;
  });
  result.catch(() => undefined);
  return { settled: () => done, result };
}

describe('hardening: the OAuth checklist, one test per item (vscode-auth.md §7)', function () {
  this.timeout(20_000);
  let server: TtsTestServer;
  let deployment: Deployment;
  let pending: PendingAttempts;
  /** One real loopback sign-in with the extension's own client, both legs recorded. */
  let recorded: {
    session: StoredSession;
    opened: string;
    authorizeRequestsBeforeBrowser: number;
    authorize: RecordedRequest;
    token: RecordedRequest;
  };

  const tokenRequests = (): RecordedRequest[] => server.requests.filter((r) => r.path === '/oauth/token');
  const oauthFor = (
    clientId: string = SEED.client.id,
    clientSecret: string | undefined = SEED.client.secret,
  ): OAuthClient => new OAuthClient({ identityServerUrl: server.url, clientId, clientSecret });

  /** What a sign-in needs: the browser approves as `userId` and the URI handler delivers custom-scheme callbacks. */
  function deps(ui: Partial<SignInUi> = {}, oauth: OAuthClient = oauthFor()): Parameters<typeof signIn>[1] {
    return {
      deployment,
      pending,
      ui: {
        openBrowser: async (url) => {
          const result = await approveInBrowser(server, url);
          if (result.location.startsWith('vscode://')) {
            pending.deliver(new URL(result.location).search);
          }
          return true;
        },
        callbackUri: async () => URI_CALLBACK,
        askCode: async () => undefined,
        askApiKey: async () => undefined,
        refused: () => undefined,
        ...ui,
      },
      oauth: (client) => (client === 'own' ? oauth : oauthFor(CLI_CLIENT_ID, undefined)),
      identify: (token, signal) =>
        new TtsClient({ baseUrl: server.url, auth: { token: async () => token } }).users.identity(signal),
    };
  }

  /** A stored session for alice, its tokens obtained `age` ms ago by the clock `now`. */
  async function storedSession(secrets: MemorySecrets, now = Date.now(), age = 0): Promise<StoredSession> {
    const t = server.issueTokens('alice', SEED.client.id);
    const obtainedAt = now - age;
    const session: StoredSession = {
      id: `${deployment.key}/alice`,
      deploymentKey: deployment.key,
      accountId: 'alice',
      accountLabel: 'alice · Local',
      method: 'oauth',
      clientId: SEED.client.id,
      scopes: [`deployment:${deployment.key}`],
      createdAt: obtainedAt,
      tokens: {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        expiresAt: obtainedAt + t.expires_in * 1000,
        obtainedAt,
      },
    };
    await new SessionRepository(secrets).put(session);
    return session;
  }

  before(async () => {
    server = await startTtsServer();
    deployment = resolveDeployment({ name: 'Local', url: server.url, clientId: SEED.client.id });
    pending = new PendingAttempts();
    const authorizeBefore = server.requests.filter((r) => r.path === '/oauth/authorize').length;
    let opened = '';
    let authorizeRequestsBeforeBrowser = -1;
    const session = await signIn(
      flowOf('loopback', 'own'),
      deps({
        openBrowser: async (url) => {
          opened = url;
          authorizeRequestsBeforeBrowser =
            server.requests.filter((r) => r.path === '/oauth/authorize').length - authorizeBefore;
          await approveInBrowser(server, url);
          return true;
        },
      }),
      new AbortController().signal,
    );
    const state = new URL(opened).searchParams.get('state');
    recorded = {
      session,
      opened,
      authorizeRequestsBeforeBrowser,
      authorize: server.requests.find((r) => r.path === '/oauth/authorize' && r.query.state === state)!,
      token: tokenRequests().at(-1)!,
    };
  });
  after(() => server.close());
  beforeEach(() => {
    server.knobs.reset();
    pending = new PendingAttempts();
  });

  it('7.1 system browser: the authorize URL is handed to the browser; the extension never loads /oauth/authorize itself', () => {
    assert.ok(recorded.opened.startsWith(`${server.url}/oauth/authorize?`), recorded.opened);
    assert.equal(recorded.authorizeRequestsBeforeBrowser, 0);
    assert.ok(recorded.authorize, 'the browser did load it');
  });

  it('7.2 state: ≥128 bits, fresh per attempt (1,000 distinct), single use; unknown states are ignored, the attempt goes on', async () => {
    const attempts = Array.from({ length: 1000 }, () => pending.create('code'));
    assert.equal(new Set(attempts.map((a) => a.state)).size, 1000);
    for (const { state } of attempts) {
      assert.match(state, /^[A-Za-z0-9_-]+$/, 'base64url: nothing to escape');
      assert.ok(Buffer.from(state, 'base64url').length * 8 >= 128);
    }
    const [attempt] = attempts;
    const waiting = pending.wait(attempt, 10 * MINUTE);
    assert.match(JSON.stringify(pending.deliver(`code=FORGED&state=${attempts[1].state}x`)), /unknown state/);
    assert.deepEqual(pending.deliver(`code=C&state=${attempt.state}`), { accepted: true });
    assert.equal(await waiting, 'C');
    assert.match(JSON.stringify(pending.deliver(`code=C&state=${attempt.state}`)), /already used/);
    // On the wire: the authorize leg carried this attempt's state.
    assert.equal(recorded.authorize.query.state, new URL(recorded.opened).searchParams.get('state'));
  });

  it('7.3 PKCE: S256 challenge on the authorize leg, the 43-character verifier on the token leg, and they match', () => {
    const { code_challenge: challenge, code_challenge_method: method } = recorded.authorize.query;
    const verifier = (recorded.token.body as Form).code_verifier;
    assert.equal(method, 'S256');
    assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(createHash('sha256').update(verifier).digest('base64url'), challenge);
  });

  it('7.4 redirect URI: the same string on both legs of a real sign-in; the server refuses a code with a differing one', async () => {
    const sent = recorded.authorize.query.redirect_uri;
    assert.match(sent, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.equal((recorded.token.body as Form).redirect_uri, sent);
    // The test server enforces it as TTS does: a code issued for one redirect URI is refused with another.
    const location = await server.authorize({
      userId: 'alice',
      clientId: SEED.client.id,
      redirectUri: 'http://127.0.0.1:4321/callback',
      state: 's',
    });
    const code = new URL(location).searchParams.get('code')!;
    await assert.rejects(
      oauthFor().exchangeCode(code, 'http://127.0.0.1:4321/callback/', 'v'.repeat(43)),
      (e: unknown) => e instanceof TtsError && e.status >= 400 && e.status < 500,
    );
  });

  it('7.5 loopback: on 127.0.0.1 only (other interfaces refused), closed after success, error, cancel and timeout', async () => {
    const loopback = await startLoopback(new PendingAttempts(), () => undefined);
    try {
      assert.equal(await connects('127.0.0.1', loopback.port), true);
      // Bound to 0.0.0.0 it would accept these; bound to 127.0.0.1 it refuses them.
      const others = [
        '127.0.0.2',
        ...Object.values(networkInterfaces())
          .flat()
          .filter((a) => a && !a.internal && !a.address.startsWith('fe80'))
          .map((a) => a!.address),
      ];
      for (const host of others) {
        assert.equal(await connects(host, loopback.port), false, `${host} must be refused`);
      }
    } finally {
      await loopback.close();
    }
    const portOf = (url: string): number => Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
    assert.equal(await connects('127.0.0.1', portOf(recorded.opened)), false, 'closed after success');
    let port = 0;
    const deny = deps({
      openBrowser: async (url) => {
        port = portOf(url);
        await approveInBrowser(server, url, 'bob', false); // bob denies the consent: an error redirect to the loopback
        return true;
      },
    });
    await assert.rejects(signIn(flowOf('loopback', 'own'), deny, new AbortController().signal), /not authorized/);
    assert.equal(await connects('127.0.0.1', port), false, 'closed after an error');
    const controller = new AbortController();
    const cancel = deps({
      openBrowser: async (url) => {
        port = portOf(url);
        controller.abort();
        return true;
      },
    });
    await assert.rejects(signIn(flowOf('loopback', 'own'), cancel, controller.signal), UserCancelledError);
    assert.equal(await connects('127.0.0.1', port), false, 'closed after a cancel');
    const silent = deps({
      openBrowser: async (url) => {
        port = portOf(url);
        return true;
      },
    });
    await assert.rejects(
      signIn(flowOf('loopback', 'own'), { ...silent, timeoutMs: 1 }, new AbortController().signal),
      SignInTimeoutError,
    );
    assert.equal(await connects('127.0.0.1', port), false, 'closed after a timeout');
    assert.equal(pending.size, 0);
  });

  it('7.6 code: exchanged once and never retried after a 4xx (one token request), the flow starts over', async () => {
    const before = tokenRequests().length;
    const spent = deps({
      openBrowser: async (url) => {
        const result = await approveInBrowser(server, url);
        const code = new URL(result.location).searchParams.get('code')!;
        await oauthFor().exchangeCode(code, URI_CALLBACK, 'v'.repeat(43)); // someone else redeems the code first
        pending.deliver(new URL(result.location).search);
        return true;
      },
    });
    await assert.rejects(
      signIn(flowOf('uri-handler', 'own'), spent, new AbortController().signal),
      (e: unknown) => e instanceof TtsError && e.status >= 400 && e.status < 500,
    );
    assert.equal(tokenRequests().length - before, 2, "the redeemer's request and exactly one of ours");
    const again = await signIn(flowOf('uri-handler', 'own'), deps(), new AbortController().signal);
    assert.equal(again.accountId, 'alice');
  });

  it('7.7 client authentication: HTTP Basic with the raw secret, even one with + and %', async () => {
    assert.equal(
      recorded.token.headers.authorization,
      `Basic ${Buffer.from(`${SEED.client.id}:${SEED.client.secret}`).toString('base64')}`,
    );
    assert.equal((recorded.token.body as Form).client_secret, undefined, 'no secret in the body');
    const secret = 'pa+ss%2Fw0rd%%';
    const [client] = server.seed.clients('alice', 1, {
      prefix: 'checklist-basic',
      secret,
      redirectUris: ['http://127.0.0.1/callback'],
    });
    const session = await signIn(
      flowOf('loopback', 'own'),
      deps({}, oauthFor(client.ids!.client_id, secret)),
      new AbortController().signal,
    );
    assert.equal(session.clientId, client.ids!.client_id);
  });

  describe('7.8 time limits (fake clock)', () => {
    let timers: FakeTimers;
    beforeEach(() => {
      timers = new FakeTimers().install();
    });
    afterEach(() => timers.uninstall());

    it('7.8 time limits: 30 s on every token and API call, 5 minutes on the attempt, state forgotten after', async () => {
      const aborted: string[] = [];
      const oauth = new OAuthClient({
        identityServerUrl: server.url,
        clientId: SEED.client.id,
        clientSecret: 'x',
        fetch: hangingFetch(aborted),
      });
      const api = new TtsClient({ baseUrl: server.url, retries: 0, fetch: hangingFetch(aborted) });
      const calls = [
        track(oauth.exchangeCode('MF2XI.A.B', URI_CALLBACK, 'v')),
        track(oauth.refresh('OJSWM.A.B')),
        track(api.users.authInfo()),
      ];
      await timers.tick(30_000 - 1);
      assert.deepEqual(
        calls.map((c) => c.settled()),
        [false, false, false],
      );
      await timers.tick(1);
      assert.deepEqual(
        calls.map((c) => c.settled()),
        [true, true, true],
        'given up at 30 s',
      );
      for (const call of calls) {
        await assert.rejects(call.result, TimeoutError);
      }
      assert.equal(aborted.length, 3, 'each request was aborted');

      let opened = false;
      const attempt = track(
        signIn(
          flowOf('uri-handler', 'own'),
          deps({
            openBrowser: async () => {
              opened = true;
              return true;
            },
          }),
          new AbortController().signal,
        ),
      );
      await timers.tick(0);
      assert.ok(opened);
      await timers.tick(5 * MINUTE - 1);
      assert.equal(attempt.settled(), false);
      assert.equal(pending.size, 1);
      await timers.tick(1);
      assert.equal(attempt.settled(), true, 'given up at 5 minutes');
      await assert.rejects(attempt.result, SignInTimeoutError);
      assert.equal(pending.size, 0);
      assert.equal(timers.size, 0, 'no timer left behind');
    });
  });

  it('7.9 tokens only in SecretStorage: after sign-in and refresh, globalState and settings hold none', async () => {
    const secrets = new MemorySecrets();
    const globalState = new MemoryMemento('globalState');
    const repo = new SessionRepository(secrets);
    await repo.put(recorded.session);
    const tokens = new TokenManager({ repo, oauthFor: () => oauthFor(), skewMs: 2 * 60 * MINUTE });
    // Wired as extension.ts wires it: the active account per deployment lives in globalState.
    const accounts = new AccountService({
      deployments: () => [deployment],
      tokens,
      secrets,
      state: globalState,
    });
    accounts.update([recorded.session]);
    accounts.setActive(deployment.key, recorded.session.id);
    const refreshed = await tokens.accessToken(recorded.session.id);
    assert.notEqual(refreshed, recorded.session.tokens.accessToken, 'it did refresh');
    const stored = secrets.dump();
    assert.ok(stored.includes(refreshed), 'the token is in SecretStorage');
    assert.ok(globalState.keys().length > 0, 'globalState was written');
    const values = globalState
      .keys()
      .map((k) => `${k}=${JSON.stringify(globalState.get(k))}`)
      .join('\n');
    for (const token of [recorded.session.tokens.accessToken, recorded.session.tokens.refreshToken!, refreshed]) {
      assert.ok(!values.includes(token), 'no token in globalState');
    }
    // Every globalState/workspaceState/settings write recorded in this run so far (other tests too).
    const writes = recordedSinks().filter(
      (e) => e.sink === 'globalState' || e.sink === 'workspaceState' || e.sink === 'settings',
    );
    assert.ok(
      writes.some((e) => e.text.includes(recorded.session.id)),
      "this test's write was recorded",
    );
    assert.deepEqual(scanForLeaks(knownSecrets(), writes), []);
  });

  it('7.11 refresh: none while over 5 minutes remain; under 5, 100 concurrent callers share one token request', async () => {
    const secrets = new MemorySecrets();
    let now = Date.now();
    const session = await storedSession(secrets, now);
    const tokens = new TokenManager({
      repo: new SessionRepository(secrets),
      oauthFor: () => oauthFor(),
      now: () => now,
    });
    const before = tokenRequests().length;
    assert.equal(await tokens.accessToken(session.id), session.tokens.accessToken);
    now = session.tokens.expiresAt! - 5 * MINUTE - 1_000;
    assert.equal(await tokens.accessToken(session.id), session.tokens.accessToken, '5 min 1 s left: no refresh yet');
    assert.equal(tokenRequests().length, before);
    now += 2_000;
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.accessToken(session.id)));
    assert.equal(tokenRequests().length - before, 1);
    assert.equal(new Set(results).size, 1);
    assert.notEqual(results[0], session.tokens.accessToken);
  });

  it('7.12 windows: a refresh re-reads storage and adopts the pair another window stored; a lost race adopts the winner', async () => {
    const secrets = new MemorySecrets();
    const session = await storedSession(secrets, Date.now(), 58 * MINUTE);
    const expired: string[] = [];
    const window = (): TokenManager =>
      new TokenManager({
        repo: new SessionRepository(secrets),
        oauthFor: () => oauthFor(),
        onExpired: (s) => expired.push(s.id),
      });
    const [a, b] = [window(), window()];
    const before = tokenRequests().length;
    const fromA = await a.accessToken(session.id);
    assert.equal(await b.accessToken(session.id), fromA, "B adopted A's stored pair");
    assert.equal(tokenRequests().length - before, 1);
    // Both windows refresh the same rotating token at once: one wins, the other is refused and adopts the winner's pair.
    const raced = await storedSession(secrets, Date.now(), 58 * MINUTE);
    const results = await Promise.all([window().accessToken(raced.id), window().accessToken(raced.id)]);
    assert.equal(results[0], results[1]);
    assert.equal((await new SessionRepository(secrets).get(raced.id))?.tokens.accessToken, results[0]);
    assert.deepEqual(expired, []);
  });

  it('7.13 transient failures: 503 and offline keep the session, backing off 5 s, 20 s, 45 s; 429 waits as TTS says', async () => {
    const secrets = new MemorySecrets();
    let now = Date.now();
    const session = await storedSession(secrets, now, 57 * MINUTE); // 3 minutes left: refresh due, token still valid
    const log = recordingLog();
    const tokens = new TokenManager({
      repo: new SessionRepository(secrets),
      oauthFor: () => oauthFor(),
      now: () => now,
      log,
    });
    const attempts = (): number => tokenRequests().length;
    const start = attempts();
    for (const [step, wait] of [
      [1, 5_000],
      [2, 20_000],
      [3, 45_000],
    ]) {
      server.knobs.failNext({ status: 503, path: '/oauth/token' });
      assert.equal(await tokens.accessToken(session.id), session.tokens.accessToken, 'kept, still valid');
      assert.equal(attempts() - start, step);
      now += wait - 1;
      await tokens.accessToken(session.id);
      assert.equal(attempts() - start, step, `no new attempt within ${wait / 1000} s`);
      now += 1;
    }
    const fresh = await tokens.accessToken(session.id);
    assert.notEqual(fresh, session.tokens.accessToken, 'the fourth attempt succeeds');
    // Offline with an expired token: the call fails, the session stays.
    const offline = await storedSession(secrets, Date.now(), 2 * 60 * MINUTE);
    server.knobs.dropNext({ when: 'before-response', path: '/oauth/token' });
    await assert.rejects(
      new TokenManager({ repo: new SessionRepository(secrets), oauthFor: () => oauthFor() }).accessToken(offline.id),
    );
    assert.ok(await new SessionRepository(secrets).get(offline.id), 'session kept while offline');
    // The API transport waits as long as TTS's X-Rate-Limit-Retry says before trying again.
    const waits: number[] = [];
    const api = new TtsClient({
      baseUrl: server.url,
      auth: { token: async () => fresh },
      retries: 1,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    server.knobs.rateLimitNext({ retrySeconds: 7 });
    assert.equal((await api.users.identity()).userId, 'alice');
    assert.deepEqual(waits, [7_000]);
  });

  it('7.14 permanent failure: the session is removed once, with exactly one prompt, and nothing loops', async () => {
    const secrets = new MemorySecrets();
    const session = await storedSession(secrets, Date.now(), 58 * MINUTE);
    await oauthFor().refresh(session.tokens.refreshToken!); // revoked behind our back: the stored refresh token is spent
    const prompts: string[] = [];
    const tokens = new TokenManager({
      repo: new SessionRepository(secrets),
      oauthFor: () => oauthFor(),
      graceMs: 100,
      onExpired: (_s, reason) => prompts.push(reason),
    });
    const before = tokenRequests().length;
    const calls = await Promise.allSettled(Array.from({ length: 5 }, () => tokens.accessToken(session.id)));
    assert.ok(calls.every((c) => c.status === 'rejected' && c.reason instanceof SessionGoneError));
    assert.equal(await new SessionRepository(secrets).get(session.id), undefined, 'removed from storage');
    await assert.rejects(tokens.accessToken(session.id), SessionGoneError);
    assert.equal(prompts.length, 1);
    assert.equal(tokenRequests().length - before, 1, 'one refresh attempt, no retry loop');
  });

  it("7.16 redaction: tokens, code, verifier, client secret, Authorization values and the authorize URL's state stay out of the log", () => {
    const redactor = new Redactor();
    redactor.add(SEED.client.secret);
    const form = new URLSearchParams(recorded.token.body as Form).toString();
    const { tokens } = recorded.session;
    const apiKey = server.createUserApiKey('alice', ['RIGHT_USER_INFO']);
    const lines = [
      `Opening ${recorded.opened}`,
      `POST /oauth/token ${form}`,
      `Authorization: ${recorded.token.headers.authorization}`,
      `Authorization: Bearer ${tokens.accessToken}`,
      `Token response ${JSON.stringify({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken })}`,
      `refresh with client_secret=${SEED.client.secret}&refresh_token=${tokens.refreshToken}`,
      `API key ${apiKey} refused`,
    ].map((line) => redactor.redact(line));
    assert.deepEqual(
      scanForLeaks(
        knownSecrets(),
        lines.map((text) => ({ sink: 'log' as const, text })),
      ),
      [],
    );
    const state = new URL(recorded.opened).searchParams.get('state')!;
    const text = lines.join('\n');
    for (const value of [
      state,
      (recorded.token.body as Form).code_verifier,
      Buffer.from(`${SEED.client.id}:${SEED.client.secret}`).toString('base64'),
    ]) {
      assert.ok(!text.includes(value));
    }
    assert.match(
      text,
      /Opening http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?client_id=vscode-ext/,
      'the rest of the line is kept',
    );
  });

  it('7.17 fallback: after a failed flow every other flow is offered, best first', () => {
    const all = chooseFlows({ ui: 'desktop', remote: false }, { clientId: SEED.client.id, hasSecret: true });
    const failed = flowOf('uri-handler', 'own');
    assert.deepEqual(
      otherFlows(all, failed).map((f) => `${f.id}/${f.client}`),
      ['loopback/own', 'paste-code/own', 'loopback/cli', 'paste-code/cli', 'api-key/none'],
    );
    const remote = chooseFlows({ ui: 'desktop', remote: true }, { hasSecret: false });
    assert.deepEqual(
      otherFlows(remote, remote[0]).map((f) => f.id),
      ['api-key'],
      'a remote host without a client still has a way',
    );
  });
});

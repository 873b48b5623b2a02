// The OAuth checklist (the map from item to file: checklist.env.ts), tokens: 7.8 time limits, 7.11 refresh,
// 7.12 windows, 7.13 transient failures, 7.14 permanent failure.
import { strict as assert } from 'node:assert';
import { SignInTimeoutError } from '../../../src/auth/attempts';
import { OAuthClient } from '../../../src/auth/oauth';
import { SessionRepository } from '../../../src/auth/repository';
import { signIn } from '../../../src/auth/signIn';
import { SessionGoneError } from '../../../src/auth/sessions';
import { TokenManager } from '../../../src/auth/tokens';
import { TtsClient } from '../../../src/tts/client';
import { TimeoutError } from '../../../src/tts/errors';
import type { Fetch } from '../../../src/tts/http';
import { MemorySecrets } from '../../support/fakes';
import { FakeTimers } from '../../support/fakeTimers';
import { recordingLog } from '../../support/leakSinks';
import { SEED } from '../../support/ttsServer';
import { checklistEnv, flowOf, MINUTE, URI_CALLBACK } from './checklist.env';

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
  const env = checklistEnv();
  const { deps, oauthFor, storedSession, tokenRequests } = env;

  describe('7.8 time limits (fake clock)', () => {
    let timers: FakeTimers;
    beforeEach(() => {
      timers = new FakeTimers().install();
    });
    afterEach(() => timers.uninstall());

    it('7.8 time limits: 30 s on every token and API call, 5 minutes on the attempt, state forgotten after', async () => {
      const aborted: string[] = [];
      const oauth = new OAuthClient({
        identityServerUrl: env.server.url,
        clientId: SEED.client.id,
        clientSecret: 'x',
        fetch: hangingFetch(aborted),
      });
      const api = new TtsClient({ baseUrl: env.server.url, retries: 0, fetch: hangingFetch(aborted) });
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
      assert.equal(env.pending.size, 1);
      await timers.tick(1);
      assert.equal(attempt.settled(), true, 'given up at 5 minutes');
      await assert.rejects(attempt.result, SignInTimeoutError);
      assert.equal(env.pending.size, 0);
      assert.equal(timers.size, 0, 'no timer left behind');
    });
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
      env.server.knobs.failNext({ status: 503, path: '/oauth/token' });
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
    env.server.knobs.dropNext({ when: 'before-response', path: '/oauth/token' });
    await assert.rejects(
      new TokenManager({ repo: new SessionRepository(secrets), oauthFor: () => oauthFor() }).accessToken(offline.id),
    );
    assert.ok(await new SessionRepository(secrets).get(offline.id), 'session kept while offline');
    // The API transport waits as long as TTS's X-Rate-Limit-Retry says before trying again.
    const waits: number[] = [];
    const api = new TtsClient({
      baseUrl: env.server.url,
      auth: { token: async () => fresh },
      retries: 1,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    env.server.knobs.rateLimitNext({ retrySeconds: 7 });
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
});

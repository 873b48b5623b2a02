// The fault catalogue (issue 8, part 2): every fault the extension must survive, one row each, driven through the
// real code against the TTS test server. A row injects its faults, asserts the retry (requests counted on the
// server) or the exact message, and that no session is lost when the fault is transient. The total number of
// faults injected is printed once at the end. test/unit/tts/http.test.ts and auth/tokens.test.ts test some of
// these where their code lives; this file is the one list.
import { strict as assert } from 'node:assert';
import { AccountService } from '../../../src/auth/accountService';
import { OAuthClient } from '../../../src/auth/oauth';
import { ProviderCore } from '../../../src/auth/providerCore';
import { SessionRepository, StorageError } from '../../../src/auth/repository';
import { INDEX_KEY, sessionKey, type StoredSession } from '../../../src/auth/sessions';
import { SessionGoneError, TokenManager, type TokenManagerOptions } from '../../../src/auth/tokens';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment, type Deployment } from '../../../src/tts/deployments';
import { NetworkError, TimeoutError, TtsError } from '../../../src/tts/errors';
import { describeError } from '../../../src/ui/errorText';
import { MemorySecrets, type SecretOp } from '../../support/fakes';
import { recordingLog } from '../../support/leakSinks';
import { turns } from '../../support/prng';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { refreshLedger } from '../../support/ttsServer/oauthToken';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Fault {
  name: string;
  /** Runs the case; resolves to the number of faults it injected. */
  run(): Promise<number>;
}

describe('hardening: fault catalogue', function () {
  this.timeout(30_000);
  let server: TtsTestServer;
  let deployment: Deployment;
  let injected = 0;
  before(async () => {
    server = await startTtsServer();
    deployment = resolveDeployment({ name: 'Local', url: server.url, clientId: SEED.client.id });
  });
  after(async () => {
    console.log(`      fault catalogue: ${injected} faults injected`);
    await server.close();
  });
  beforeEach(() => server.knobs.reset());

  const oauth = (now?: () => number): OAuthClient =>
    new OAuthClient({ identityServerUrl: server.url, clientId: SEED.client.id, clientSecret: SEED.client.secret, now });
  const count = (path: string): number => server.requests.filter((r) => r.path === path).length;
  const tokenRequests = (): number => count('/oauth/token');
  let serial = 0;

  /** A stored OAuth session for alice that expires `expiresIn` after `now`. */
  async function session(
    secrets: MemorySecrets,
    options: { now?: number; expiresIn?: number; user?: string; repo?: SessionRepository } = {},
  ): Promise<StoredSession> {
    const user = options.user ?? 'alice';
    const t = server.issueTokens(user, SEED.client.id);
    const now = options.now ?? Date.now();
    const s: StoredSession = {
      id: `${deployment.key}/${user}-${++serial}`,
      deploymentKey: deployment.key,
      accountId: user,
      accountLabel: `${user} · Local`,
      method: 'oauth',
      clientId: SEED.client.id,
      scopes: [`deployment:${deployment.key}`],
      createdAt: now,
      tokenId: t.access_token.split('.')[1],
      tokens: {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        expiresAt: now + (options.expiresIn ?? HOUR),
        obtainedAt: now,
      },
    };
    await (options.repo ?? new SessionRepository(secrets)).put(s);
    return s;
  }

  function manager(secrets: MemorySecrets, extra: Partial<TokenManagerOptions> = {}): TokenManager {
    return new TokenManager({
      repo: new SessionRepository(secrets),
      oauthFor: () => oauth(extra.now),
      graceMs: 50,
      lease: { settle: () => turns(1), pollMs: 1 },
      ...extra,
    });
  }

  const sleeps: number[] = [];
  function api(
    tokens: TokenManager,
    id: string,
    extra: Partial<ConstructorParameters<typeof TtsClient>[0]> = {},
  ): TtsClient {
    return new TtsClient({
      baseUrl: server.url,
      auth: tokens.source(id),
      timeoutMs: 5_000,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...extra,
    });
  }
  const stored = (secrets: MemorySecrets, id: string): Promise<StoredSession | undefined> =>
    new SessionRepository(secrets).get(id);

  function provider(
    secrets: MemorySecrets,
    tokens: TokenManager,
    lines: string[],
    repo = new SessionRepository(secrets, recordingLog(lines)),
  ): ProviderCore {
    const accounts = new AccountService({ deployments: () => [deployment], tokens, secrets });
    return new ProviderCore({
      repo,
      tokens,
      accounts,
      log: recordingLog(lines),
      signIn: () => Promise.reject(new Error('no interactive sign-in here')),
      revoke: async () => undefined,
    });
  }

  /** Fails the given store operation (optionally on one key) while `active` is true. */
  function failing(secrets: MemorySecrets, op: SecretOp, key?: string): { active: boolean; hits: number } {
    const state = { active: true, hits: 0 };
    secrets.failOn = (o, k) => {
      if (state.active && o === op && (key === undefined || k === key)) {
        state.hits++;
        return new Error('The keyring is locked');
      }
      return undefined;
    };
    return state;
  }

  const serverErrors: Fault[] = [500, 502, 503].map((status) => ({
    name: `HTTP ${status} on a read: retried once after a backoff, then answered; the session untouched`,
    async run() {
      const secrets = new MemorySecrets();
      const s = await session(secrets);
      sleeps.length = 0;
      server.knobs.failNext({ status, path: '/api/v3/auth_info' });
      const before = count('/api/v3/auth_info');
      assert.equal((await api(manager(secrets), s.id).users.identity()).userId, 'alice');
      assert.equal(count('/api/v3/auth_info') - before, 2, 'one retry');
      assert.equal(sleeps.length, 1);
      assert.deepEqual(await stored(secrets, s.id), s, 'no refresh, session as it was');
      return server.knobs.injected.failures;
    },
  }));

  const faults: Fault[] = [
    ...serverErrors,
    {
      name: 'HTTP 429 with X-Rate-Limit-*: waits X-Rate-Limit-Retry seconds, then one more request',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        sleeps.length = 0;
        server.knobs.rateLimitNext({ retrySeconds: 7, path: '/api/v3/auth_info' });
        const before = count('/api/v3/auth_info');
        assert.equal((await api(manager(secrets), s.id).users.identity()).userId, 'alice');
        assert.deepEqual(sleeps, [7_000]);
        assert.equal(count('/api/v3/auth_info') - before, 2);
        const limited = server.requests.filter((r) => r.path === '/api/v3/auth_info').at(-2)!;
        assert.equal(limited.response?.status, 429);
        assert.equal(
          limited.response?.headers['X-Rate-Limit-Retry'] ?? limited.response?.headers['x-rate-limit-retry'],
          '7',
        );
        return server.knobs.injected.rateLimited;
      },
    },
    {
      name: 'a refresh answered 503: the still-valid session is kept, backoff before the next try',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: 3 * MINUTE });
        const tokens = manager(secrets);
        server.knobs.failNext({ status: 503, path: '/oauth/token' });
        const before = tokenRequests();
        assert.equal(await tokens.accessToken(s.id), s.tokens.accessToken);
        assert.equal(await tokens.accessToken(s.id), s.tokens.accessToken);
        assert.equal(tokenRequests() - before, 1, 'no second attempt during the backoff');
        assert.deepEqual(await stored(secrets, s.id), s, 'session kept');
        return server.knobs.injected.failures;
      },
    },
    {
      name: 'no answer in time: one retry, then TimeoutError with its exact message',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        sleeps.length = 0;
        // Answers are held 1 s; the client gives each attempt 200 ms.
        server.knobs.latencyMs = 1_000;
        const before = count('/api/v3/auth_info');
        const error = await api(manager(secrets), s.id, { timeoutMs: 200, retries: 1 })
          .users.identity()
          .catch((e: unknown) => e);
        server.knobs.latencyMs = 0;
        assert.ok(error instanceof TimeoutError);
        assert.equal(error.message, 'The Things Stack did not answer within 0 s.');
        assert.equal(count('/api/v3/auth_info') - before, 2, 'both attempts reached the server');
        assert.equal(sleeps.length, 1);
        assert.ok(await stored(secrets, s.id));
        return 2;
      },
    },
    {
      name: 'connection reset mid-body on a read: retried and answered',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        server.knobs.dropNext({ when: 'mid-body', path: '/api/v3/auth_info' });
        const before = count('/api/v3/auth_info');
        assert.equal((await api(manager(secrets), s.id).users.identity()).userId, 'alice');
        assert.equal(count('/api/v3/auth_info') - before, 2);
        return server.knobs.injected.dropped;
      },
    },
    {
      name: 'connection reset mid-body on every try: NetworkError "the connection was reset", session kept',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        server.knobs.dropNext({ when: 'mid-body', path: '/api/v3/auth_info', count: 4 });
        const error = await api(manager(secrets), s.id)
          .users.identity()
          .catch((e: unknown) => e);
        assert.ok(error instanceof NetworkError);
        assert.equal(
          error.message,
          `Could not reach The Things Stack at ${new URL(server.url).host}: the connection was reset.`,
        );
        assert.deepEqual(await stored(secrets, s.id), s);
        return server.knobs.injected.dropped;
      },
    },
    {
      name: 'a refresh answer lost mid-body: the server already rotated, so the grant is gone — one prompt, no loop',
      async run() {
        // TTS retires the old pair when it answers (RetainTokenAfterRefresh: false); a lost answer cannot be recovered.
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: -MINUTE });
        const prompts: string[] = [];
        const tokens = manager(secrets, { onExpired: (_s, reason) => prompts.push(reason) });
        server.knobs.dropNext({ when: 'mid-body', path: '/oauth/token' });
        const first = await tokens.accessToken(s.id).catch((e: unknown) => e);
        assert.ok(first instanceof NetworkError, String(first));
        assert.ok(await stored(secrets, s.id), 'a network error never signs out');
        const second = await tokens.accessToken(s.id).catch((e: unknown) => e);
        assert.ok(second instanceof SessionGoneError);
        assert.equal(second.message, 'Your The Things Stack session has expired or was revoked. Sign in again.');
        assert.deepEqual(prompts, ['Your The Things Stack session has expired or was revoked.']);
        assert.equal(await stored(secrets, s.id), undefined);
        return server.knobs.injected.dropped;
      },
    },
    {
      name: 'DNS failure: NetworkError "the host name could not be resolved", session kept',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: -MINUTE });
        const tokens = manager(secrets, {
          oauthFor: () =>
            new OAuthClient({
              identityServerUrl: 'http://tts.does-not-exist.invalid',
              clientId: SEED.client.id,
              clientSecret: 'x',
            }),
        });
        const error = await tokens.accessToken(s.id).catch((e: unknown) => e);
        assert.ok(error instanceof NetworkError);
        assert.equal(
          error.message,
          'Could not reach The Things Stack at tts.does-not-exist.invalid: the host name could not be resolved.',
        );
        assert.equal(
          describeError(error),
          'Could not reach The Things Stack at tts.does-not-exist.invalid: the host name could not be resolved. Check your connection and the deployment URL.',
        );
        assert.deepEqual(await stored(secrets, s.id), s);
        return 1;
      },
    },
    {
      name: 'TLS error (https URL on the plain-HTTP server): a clear NetworkError, no retry storm, session kept',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        sleeps.length = 0;
        const error = await api(manager(secrets), s.id, { baseUrl: server.url.replace('http:', 'https:'), retries: 1 })
          .users.identity()
          .catch((e: unknown) => e);
        assert.ok(error instanceof NetworkError);
        assert.equal(
          error.message,
          `Could not reach The Things Stack at ${new URL(server.url).host}: no secure (TLS) connection could be set up; check that the URL's http/https matches the server.`,
        );
        assert.equal(sleeps.length, 1, 'retried once like any network error');
        assert.deepEqual(await stored(secrets, s.id), s);
        return 2;
      },
    },
    {
      name: 'token revoked mid-session: 401, one renewal refused, session removed with one prompt, the 401 raised',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        const prompts: string[] = [];
        const tokens = manager(secrets, { onExpired: (_s, reason) => prompts.push(reason) });
        const client = api(tokens, s.id);
        assert.equal((await client.users.identity()).userId, 'alice');
        await new TtsClient({
          baseUrl: server.url,
          auth: { token: async () => s.tokens.accessToken },
        }).users.deleteToken('alice', SEED.client.id, s.tokenId!);
        const before = { api: count('/api/v3/auth_info'), token: tokenRequests() };
        const error = await client.users.identity().catch((e: unknown) => e);
        assert.ok(error instanceof TtsError && error.status === 401);
        assert.equal(error.message, 'access token not found');
        assert.equal(count('/api/v3/auth_info') - before.api, 1, 'no retry with the same dead token');
        assert.equal(tokenRequests() - before.token, 1, 'one renewal');
        assert.deepEqual(prompts, ['Your The Things Stack session has expired or was revoked.']);
        assert.equal(await stored(secrets, s.id), undefined);
        return 1;
      },
    },
    {
      name: 'the server rejects a token our clock still trusts (401): one renewal, the call retried once',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        server.clock.advance(HOUR + MINUTE);
        try {
          const before = { api: count('/api/v3/auth_info'), token: tokenRequests() };
          assert.equal((await api(manager(secrets), s.id).users.identity()).userId, 'alice');
          assert.equal(count('/api/v3/auth_info') - before.api, 2);
          assert.equal(tokenRequests() - before.token, 1);
          const after = await stored(secrets, s.id);
          assert.equal(after?.id, s.id);
          assert.notEqual(after?.tokens.accessToken, s.tokens.accessToken);
        } finally {
          server.clock.advance(-(HOUR + MINUTE));
        }
        return 1;
      },
    },
    ...[10, -10].map((skewMinutes): Fault => ({
      name: `our clock ${Math.abs(skewMinutes)} minutes ${skewMinutes > 0 ? 'ahead of' : 'behind'} the server's: expiry counts from our receive time`,
      async run() {
        // Both clocks run; ours is off by a constant. Time passes for both alike.
        let passed = 0;
        const base = Date.now();
        const ours = (): number => base + skewMinutes * MINUTE + passed;
        const secrets = new MemorySecrets();
        const s = await session(secrets, { now: ours(), expiresIn: -1 }); // expired: the first use refreshes
        const tokens = manager(secrets, { now: ours });
        const client = api(tokens, s.id);
        const before = tokenRequests();
        assert.equal((await client.users.identity()).userId, 'alice');
        const fresh = (await stored(secrets, s.id))!;
        assert.equal(fresh.tokens.expiresAt, fresh.tokens.obtainedAt + HOUR, 'expires_in from our receive time');
        assert.ok(Math.abs(fresh.tokens.obtainedAt - ours()) < 5_000, 'obtainedAt on our clock');
        const advance = (ms: number): void => {
          passed += ms;
          server.clock.advance(ms);
        };
        try {
          advance(50 * MINUTE);
          assert.equal((await client.users.identity()).userId, 'alice');
          assert.equal(
            tokenRequests() - before,
            1,
            '10 minutes left: no refresh, and the server agrees the token works',
          );
          advance(6 * MINUTE);
          assert.equal((await client.users.identity()).userId, 'alice');
          assert.equal(tokenRequests() - before, 2, "4 minutes left: refreshed once, ahead of the server's expiry");
        } finally {
          server.clock.advance(-passed);
        }
        return 1;
      },
    })),
    {
      name: 'SecretStorage get rejecting: clear StorageError from repository and token manager; provider answers from its snapshot',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        const lines: string[] = [];
        const tokens = manager(secrets);
        const core = provider(secrets, tokens, lines);
        assert.equal((await core.getSessions()).length, 1);
        const removed: string[] = [];
        core.onDidChangeSessions((e) => removed.push(...e.removed.map((x) => x.id)));
        const dump = secrets.dump();
        const fault = failing(secrets, 'get');
        await assert.rejects(
          new SessionRepository(secrets).list(),
          (e: unknown) =>
            e instanceof StorageError &&
            e.message === 'Could not read the secure storage of VS Code: The keyring is locked',
        );
        await assert.rejects(tokens.accessToken(s.id), StorageError);
        await core.reload();
        const answered = await core.getSessions();
        assert.deepEqual(
          answered.map((x) => [x.id, x.accessToken]),
          [[s.id, s.tokens.accessToken]],
          'getSessions did not throw',
        );
        assert.ok(
          lines.includes(
            'error Could not read sessions: Could not read the secure storage of VS Code: The keyring is locked',
          ),
        );
        fault.active = false;
        await core.reload();
        assert.deepEqual(removed, [], 'no session looked signed out');
        assert.equal(secrets.dump(), dump, 'storage untouched');
        return fault.hits;
      },
    },
    {
      name: 'SecretStorage store rejecting after a refresh: the new pair is kept in memory and saved on next use',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: 3 * MINUTE });
        const tokens = manager(secrets, { lease: false });
        const lines: string[] = [];
        const core = provider(secrets, tokens, lines);
        await core.reload();
        const fault = failing(secrets, 'store', sessionKey(s.id));
        const reused = refreshLedger(server.state).reused;
        const fresh = await tokens.accessToken(s.id);
        assert.notEqual(fresh, s.tokens.accessToken, 'refreshed');
        assert.equal(
          (await stored(secrets, s.id))?.tokens.accessToken,
          s.tokens.accessToken,
          'storage refused the pair',
        );
        assert.equal((await api(tokens, s.id).users.identity()).userId, 'alice', 'the kept pair works');
        assert.deepEqual(
          (await core.getSessions()).map((x) => x.accessToken),
          [fresh],
          'the provider hands out the kept pair',
        );
        fault.active = false;
        assert.equal(await tokens.accessToken(s.id), fresh);
        assert.equal((await stored(secrets, s.id))?.tokens.accessToken, fresh, 'saved once storage works again');
        assert.equal(refreshLedger(server.state).reused, reused, 'the retired refresh token was never presented again');
        return fault.hits;
      },
    },
    {
      name: 'SecretStorage delete rejecting on sign-out: the exact message, and the session stays signed in',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets);
        const core = provider(secrets, manager(secrets), []);
        await core.reload();
        const dump = secrets.dump();
        const fault = failing(secrets, 'delete', sessionKey(s.id));
        await assert.rejects(
          core.removeSession(s.id),
          (e: unknown) =>
            e instanceof StorageError &&
            e.message === 'Could not delete from the secure storage of VS Code: The keyring is locked',
        );
        assert.deepEqual(
          (await core.getSessions()).map((x) => x.id),
          [s.id],
        );
        assert.equal(secrets.dump(), dump);
        fault.active = false;
        await core.removeSession(s.id);
        assert.deepEqual(await core.getSessions(), []);
        return fault.hits;
      },
    },
    {
      name: 'SecretStorage delete rejecting when the grant is dead: one prompt, signed out here, no second refresh',
      async run() {
        const secrets = new MemorySecrets();
        const s = await session(secrets, { expiresIn: -MINUTE });
        await oauth().refresh(s.tokens.refreshToken!); // spent behind our back
        const prompts: string[] = [];
        const tokens = manager(secrets, { onExpired: (_s, reason) => prompts.push(reason) });
        const fault = failing(secrets, 'delete');
        const before = tokenRequests();
        await assert.rejects(tokens.accessToken(s.id), SessionGoneError);
        await assert.rejects(tokens.accessToken(s.id), SessionGoneError);
        assert.equal(tokenRequests() - before, 1);
        assert.equal(prompts.length, 1);
        fault.active = false;
        await assert.rejects(tokens.accessToken(s.id), SessionGoneError);
        assert.equal(await stored(secrets, s.id), undefined, 'removed once storage works again');
        return fault.hits;
      },
    },
    {
      name: 'corrupt index: logged, the sessions this window knows stay listed, the next write rebuilds it',
      async run() {
        const secrets = new MemorySecrets();
        const [a, b] = [await session(secrets), await session(secrets, { user: 'bob' })];
        const lines: string[] = [];
        const repo = new SessionRepository(secrets, recordingLog(lines));
        const core = provider(secrets, manager(secrets), lines, repo);
        await core.reload();
        const removed: string[] = [];
        core.onDidChangeSessions((e) => removed.push(...e.removed.map((x) => x.id)));
        await secrets.store(INDEX_KEY, '["oops",');
        await core.reload();
        assert.deepEqual((await core.getSessions()).map((x) => x.id).sort(), [a.id, b.id].sort());
        assert.deepEqual(removed, []);
        assert.ok(
          lines.includes(
            'warn The stored list of sessions is damaged; using the 2 session(s) this window knows until it is rewritten.',
          ),
          lines.join('\n'),
        );
        // A sign-in in this window rewrites the index: every session it knew, plus the new one.
        const c = await session(secrets, { user: 'admin', repo });
        assert.deepEqual((await new SessionRepository(secrets).ids()).sort(), [a.id, b.id, c.id].sort());
        assert.ok((await stored(secrets, a.id)) && (await stored(secrets, b.id)), 'no entry deleted');
        return 2;
      },
    },
    {
      name: 'corrupt session entry: that one dropped with a clear log line, everything else kept; nobody throws',
      async run() {
        const secrets = new MemorySecrets();
        const [good, bad] = [await session(secrets), await session(secrets, { user: 'bob' })];
        const lines: string[] = [];
        const tokens = manager(secrets);
        const core = provider(secrets, tokens, lines);
        await core.reload();
        await secrets.store(sessionKey(bad.id), '{"id": "half a record');
        await core.reload();
        assert.deepEqual(
          (await core.getSessions()).map((x) => x.id),
          [good.id],
        );
        assert.ok(
          lines.includes(
            `warn Stored session ${bad.id} is damaged (unreadable JSON or missing fields) and was removed; sign in again to restore it.`,
          ),
          lines.join('\n'),
        );
        assert.equal(secrets.data.has(sessionKey(bad.id)), false);
        assert.deepEqual(await stored(secrets, good.id), good, 'the other session untouched');
        assert.deepEqual(await new SessionRepository(secrets).ids(), [good.id]);
        // A record that parses but lacks fields, read first by the token manager.
        await secrets.store(
          sessionKey(good.id),
          JSON.stringify({ ...good, tokens: { accessToken: good.tokens.accessToken } }),
        );
        await assert.rejects(tokens.accessToken(good.id), SessionGoneError);
        assert.deepEqual(await core.getSessions(), []);
        return 2;
      },
    },
  ];

  for (const fault of faults) {
    it(fault.name, async () => {
      const n = await fault.run();
      assert.ok(n > 0, 'the fault was injected');
      injected += n;
    });
  }
});

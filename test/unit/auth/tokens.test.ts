import { strict as assert } from 'node:assert';
import { OAuthClient } from '../../../src/auth/oauth';
import { SessionRepository } from '../../../src/auth/repository';
import { SessionGoneError, type StoredSession } from '../../../src/auth/sessions';
import { oauthSession } from '../../support/storedSession';
import { TokenManager } from '../../../src/auth/tokens';
import { TtsClient } from '../../../src/tts/client';
import { MemorySecrets } from '../../support/fakes';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { refreshLedger } from '../../support/ttsServer/oauthToken';

const HOUR = 3_600_000;

describe('tokens: refresh rules against the rotating TTS test server', function () {
  this.timeout(60_000);
  let server: TtsTestServer;
  before(async () => {
    server = await startTtsServer();
  });
  after(() => server.close());
  beforeEach(() => server.knobs.reset());

  function oauth(): OAuthClient {
    return new OAuthClient({
      identityServerUrl: server.url,
      clientId: SEED.client.id,
      clientSecret: SEED.client.secret,
    });
  }

  async function newSession(secrets: MemorySecrets, obtainedAt = Date.now()): Promise<StoredSession> {
    const t = server.issueTokens('alice', SEED.client.id);
    const session = oauthSession({ key: 'local', name: 'Local' }, 'alice', {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: obtainedAt + t.expires_in * 1000,
      obtainedAt,
    });
    await new SessionRepository(secrets).put(session);
    return session;
  }

  function manager(
    secrets: MemorySecrets,
    extra: Partial<ConstructorParameters<typeof TokenManager>[0]> = {},
  ): TokenManager {
    return new TokenManager({
      repo: new SessionRepository(secrets),
      oauthFor: () => oauth(),
      graceMs: 2_000,
      ...extra,
    });
  }

  const tokenRequests = (): number => server.requests.filter((r) => r.path === '/oauth/token').length;

  it('hands out the stored token while more than 5 minutes remain, without a request', async () => {
    const secrets = new MemorySecrets();
    const session = await newSession(secrets);
    const before = tokenRequests();
    assert.equal(await manager(secrets).accessToken(session.id), session.tokens.accessToken);
    assert.equal(tokenRequests(), before);
  });

  it('refreshes once under 5 minutes, stores the rotated pair before handing it out', async () => {
    const secrets = new MemorySecrets();
    const session = await newSession(secrets, Date.now() - 56 * 60_000);
    const tokens = manager(secrets);
    const before = tokenRequests();
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.accessToken(session.id)));
    assert.equal(tokenRequests() - before, 1, 'exactly one refresh for 100 concurrent callers');
    assert.equal(new Set(results).size, 1);
    assert.notEqual(results[0], session.tokens.accessToken);
    const stored = await new SessionRepository(secrets).get(session.id);
    assert.equal(stored?.tokens.accessToken, results[0]);
    assert.notEqual(stored?.tokens.refreshToken, session.tokens.refreshToken, 'refresh token rotated');
    assert.equal(stored?.id, session.id, 'session id stable');
    const info = await new TtsClient({ baseUrl: server.url, auth: { token: async () => results[0] } }).users.identity();
    assert.equal(info.userId, 'alice');
  });

  it('renews once after a 401 and retries the call', async () => {
    const secrets = new MemorySecrets();
    const session = await newSession(secrets);
    server.clock.advance(HOUR + 60_000); // the server thinks the token expired; our clock does not
    try {
      const api = new TtsClient({ baseUrl: server.url, auth: manager(secrets).source(session.id), retries: 0 });
      const identity = await api.users.identity();
      assert.equal(identity.userId, 'alice');
      const stored = await new SessionRepository(secrets).get(session.id);
      assert.notEqual(stored?.tokens.accessToken, session.tokens.accessToken);
    } finally {
      server.clock.advance(-(HOUR + 60_000));
    }
  });

  it('signs out on a revoked grant: session removed, one notice', async () => {
    const secrets = new MemorySecrets();
    const session = await newSession(secrets, Date.now() - 56 * 60_000);
    // Spend the refresh token behind the manager's back, as a revocation would.
    await oauth().refresh(session.tokens.refreshToken!);
    const expired: string[] = [];
    const tokens = manager(secrets, { graceMs: 100, onExpired: (s, reason) => expired.push(`${s.id}: ${reason}`) });
    await assert.rejects(
      Promise.all([tokens.accessToken(session.id), tokens.accessToken(session.id)]),
      SessionGoneError,
    );
    assert.equal(await new SessionRepository(secrets).get(session.id), undefined);
    assert.equal(expired.length, 1);
    await assert.rejects(tokens.accessToken(session.id), SessionGoneError);
    assert.equal(expired.length, 1, 'no second prompt');
  });

  it('keeps the session through network errors and 5xx, and backs off', async () => {
    const secrets = new MemorySecrets();
    const session = await newSession(secrets, Date.now() - 56 * 60_000);
    const tokens = manager(secrets);
    server.knobs.failNext({ status: 503, path: '/oauth/token', count: 1 });
    assert.equal(await tokens.accessToken(session.id), session.tokens.accessToken, 'still valid: keep using it');
    const before = tokenRequests();
    assert.equal(await tokens.accessToken(session.id), session.tokens.accessToken);
    assert.equal(tokenRequests(), before, 'no new attempt during the backoff');
    assert.ok(await new SessionRepository(secrets).get(session.id), 'session kept');
    server.knobs.dropNext({ when: 'before-response', path: '/oauth/token', count: 1 });
    const expiredSession = await newSession(secrets, Date.now() - 2 * HOUR);
    await assert.rejects(manager(secrets).accessToken(expiredSession.id), /reach|reset|socket|closed/i);
    assert.ok(await new SessionRepository(secrets).get(expiredSession.id), 'an expired session is kept while offline');
  });

  it('two windows on one secret store, 1,000 interleaved refreshes: no session lost', async function () {
    this.timeout(120_000);
    const secrets = new MemorySecrets();
    const session = await newSession(secrets);
    // A skew longer than the token's life makes every call refresh.
    // The refresh lease settles for one event-loop turn: the fake store answers within microtasks, so that is enough.
    const lease = { settle: () => new Promise<void>((r) => setImmediate(r)), pollMs: 1 };
    const windows = [manager(secrets, { skewMs: 2 * HOUR, lease }), manager(secrets, { skewMs: 2 * HOUR, lease })];
    let lost = 0;
    const before = tokenRequests();
    const reusedBefore = refreshLedger(server.state).reused;
    // 500 rounds, both windows at once with a random head start: each call is a refresh racing the other window.
    for (let round = 0; round < 500; round++) {
      await Promise.all(
        windows.map(async (w) => {
          await new Promise((r) => setTimeout(r, Math.random() * 2));
          await w.accessToken(session.id).catch(() => {
            lost++;
          });
        }),
      );
    }
    const stored = await new SessionRepository(secrets).get(session.id);
    assert.equal(lost, 0);
    assert.ok(stored, 'session still stored');
    const identity = await new TtsClient({
      baseUrl: server.url,
      auth: { token: async () => stored.tokens.accessToken },
    }).users.identity();
    assert.equal(identity.userId, 'alice', 'the stored token works');
    const refreshes = tokenRequests() - before;
    const reused = refreshLedger(server.state).reused - reusedBefore;
    console.log(
      `      two windows: ${refreshes} refresh requests for 1,000 calls, ${reused} refresh tokens used twice, 0 sessions lost`,
    );
    // Every call still refreshes (the skew says so), one window after the other under the lease.
    assert.ok(refreshes >= 900, `${refreshes} refreshes`);
    assert.equal(reused, 0, 'no refresh token presented twice');
  });
});

import { strict as assert } from 'node:assert';
import { leaseKey, RefreshLease } from '../../../src/auth/lease';
import { OAuthClient } from '../../../src/auth/oauth';
import { SessionRepository } from '../../../src/auth/repository';
import type { StoredSession } from '../../../src/auth/sessions';
import { TokenManager } from '../../../src/auth/tokens';
import { MemorySecrets } from '../../support/fakes';
import { prng, turns } from '../../support/prng';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';
import { refreshLedger } from '../../support/ttsServer/oauthToken';

describe('lease: the cross-window refresh lease', function () {
  this.timeout(30_000);

  it('one holder at a time; free again after release', async () => {
    const store = new MemorySecrets();
    const [a, b] = [
      new RefreshLease(store, { settle: () => turns(1) }),
      new RefreshLease(store, { settle: () => turns(1) }),
    ];
    assert.equal(await a.acquire('s'), true);
    assert.equal(await b.heldElsewhere('s'), true);
    assert.equal(await b.acquire('s'), false);
    assert.equal(await a.heldElsewhere('s'), false, 'its own entry is not "elsewhere"');
    await b.release('s'); // not the holder: leaves A's entry alone
    assert.ok(store.data.has(leaseKey('s')));
    await a.release('s');
    assert.equal(store.data.has(leaseKey('s')), false, 'entry deleted on release');
    assert.equal(await b.acquire('s'), true);
  });

  it('three windows taking at once on a store with 0-3 turns per call: one winner when settling outlasts a write', async () => {
    /** Rounds (of 200) in which more than one window believed it held the lease. */
    const doubleHolders = async (settleTurns: number): Promise<number> => {
      const store = new MemorySecrets();
      const random = prng(7);
      store.delayTurns = () => Math.floor(random() * 4);
      const windows = [0, 1, 2].map(() => new RefreshLease(store, { settle: () => turns(settleTurns) }));
      let double = 0;
      for (let round = 0; round < 200; round++) {
        const won = (await Promise.all(windows.map((w) => w.acquire(`s${round}`)))).filter(Boolean).length;
        assert.ok(won >= 1, `round ${round}: nobody won`);
        double += won > 1 ? 1 : 0;
        await Promise.all(windows.map((w) => w.release(`s${round}`)));
      }
      return double;
    };
    assert.equal(await doubleHolders(6), 0);
    // The timing bound is what makes it exclusive: settle for less than a write can take and it breaks.
    assert.ok((await doubleHolders(0)) > 0);
  });

  it('an expired entry (a crashed window), one dated implausibly far ahead, or a damaged one is free', async () => {
    const store = new MemorySecrets();
    let now = 1_000_000;
    const lease = new RefreshLease(store, { now: () => now, ttlMs: 10_000, settle: () => turns(1) });
    await store.store(leaseKey('s'), JSON.stringify({ owner: 'crashed:1', until: now + 10_000 }));
    assert.equal(await lease.acquire('s'), false);
    now += 10_001;
    assert.equal(await lease.acquire('s'), true, 'expired');
    await lease.release('s');
    await store.store(leaseKey('s'), JSON.stringify({ owner: 'skewed:1', until: now + 3_600_000 }));
    assert.equal(await lease.acquire('s'), true, 'until beyond now + ttl is not believed');
    await lease.release('s');
    await store.store(leaseKey('s'), '{"owner":');
    assert.equal(await lease.acquire('s'), true, 'damaged');
  });

  describe('in the token manager', () => {
    let server: TtsTestServer;
    before(async () => {
      server = await startTtsServer();
    });
    after(() => server.close());

    const oauth = (): OAuthClient =>
      new OAuthClient({ identityServerUrl: server.url, clientId: SEED.client.id, clientSecret: SEED.client.secret });
    async function storedSession(secrets: MemorySecrets, id: string): Promise<StoredSession> {
      const t = server.issueTokens('alice', SEED.client.id);
      const now = Date.now();
      const session: StoredSession = {
        id,
        deploymentKey: 'local',
        accountId: 'alice',
        accountLabel: 'alice',
        method: 'oauth',
        clientId: SEED.client.id,
        scopes: ['deployment:local'],
        createdAt: now,
        tokens: {
          accessToken: t.access_token,
          refreshToken: t.refresh_token,
          expiresAt: now + 3 * 60_000,
          obtainedAt: now,
        },
      };
      await new SessionRepository(secrets).put(session);
      return session;
    }
    const window = (
      secrets: MemorySecrets,
      lease: ConstructorParameters<typeof TokenManager>[0]['lease'],
    ): TokenManager =>
      new TokenManager({ repo: new SessionRepository(secrets), oauthFor: () => oauth(), graceMs: 200, lease });

    it('two windows refreshing in the same tick: without the lease one refresh token is presented twice, with it never', async () => {
      const ledger = refreshLedger(server.state);
      const secrets = new MemorySecrets();
      const race = async (lease: Parameters<typeof window>[1], id: string): Promise<number> => {
        await storedSession(secrets, id);
        const before = ledger.reused;
        const [a, b] = await Promise.all([
          window(secrets, lease).accessToken(id),
          window(secrets, lease).accessToken(id),
        ]);
        assert.equal(a, b, 'both windows end with the same token');
        assert.equal((await new SessionRepository(secrets).get(id))?.tokens.accessToken, a, 'the stored one');
        return ledger.reused - before;
      };
      assert.equal(await race(false, 'local/unleased'), 1, 'the race the lease exists for');
      assert.equal(await race({ settle: () => turns(1), pollMs: 1 }, 'local/leased'), 0);
    });

    it('a lease left by a crashed window delays a refresh by at most its time to live, even on a frozen clock', async () => {
      const secrets = new MemorySecrets();
      const session = await storedSession(secrets, 'local/stuck');
      const frozen = Date.now();
      await secrets.store(leaseKey(session.id), JSON.stringify({ owner: 'crashed:1', until: frozen + 300 }));
      const tokens = new TokenManager({
        repo: new SessionRepository(secrets),
        oauthFor: () => oauth(),
        now: () => frozen,
        lease: { ttlMs: 300, pollMs: 10, settle: () => turns(1) },
      });
      const fresh = await tokens.accessToken(session.id);
      assert.notEqual(fresh, session.tokens.accessToken, 'refreshed after taking the abandoned lease over');
      assert.equal((await new SessionRepository(secrets).get(session.id))?.tokens.accessToken, fresh);
      assert.equal(secrets.data.has(leaseKey(session.id)), false, 'and released it');
    });

    it('storage refusing the lease entry does not stop the refresh', async () => {
      const secrets = new MemorySecrets();
      const session = await storedSession(secrets, 'local/nolease');
      secrets.failOn = (op, key) =>
        op === 'store' && key === leaseKey(session.id) ? new Error('keyring busy') : undefined;
      const fresh = await window(secrets, { settle: () => turns(1) }).accessToken(session.id);
      assert.notEqual(fresh, session.tokens.accessToken);
      assert.equal((await new SessionRepository(secrets).get(session.id))?.tokens.accessToken, fresh);
    });
  });
});

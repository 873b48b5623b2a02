// The fault catalogue (issue 8, part 2), tokens and clocks: a token revoked mid-session, a token the server rejects
// while our clock still trusts it, and our clock ahead of or behind the server's. The network:
// faults.network.test.ts; the secret store: faults.storage.test.ts.
import { strict as assert } from 'node:assert';
import { TtsClient } from '../../../src/tts/client';
import { TtsError } from '../../../src/tts/errors';
import { MemorySecrets } from '../../support/fakes';
import { SEED } from '../../support/ttsServer';
import { faultEnv, HOUR, MINUTE, type Fault } from './faults.env';

describe('hardening: fault catalogue', function () {
  this.timeout(30_000);
  const env = faultEnv('tokens and clocks');
  const { api, count, manager, session, stored, tokenRequests } = env;

  const faults: Fault[] = [
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
          baseUrl: env.server.url,
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
        env.server.clock.advance(HOUR + MINUTE);
        try {
          const before = { api: count('/api/v3/auth_info'), token: tokenRequests() };
          assert.equal((await api(manager(secrets), s.id).users.identity()).userId, 'alice');
          assert.equal(count('/api/v3/auth_info') - before.api, 2);
          assert.equal(tokenRequests() - before.token, 1);
          const after = await stored(secrets, s.id);
          assert.equal(after?.id, s.id);
          assert.notEqual(after?.tokens.accessToken, s.tokens.accessToken);
        } finally {
          env.server.clock.advance(-(HOUR + MINUTE));
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
          env.server.clock.advance(ms);
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
          env.server.clock.advance(-passed);
        }
        return 1;
      },
    })),
  ];

  env.run(faults);
});

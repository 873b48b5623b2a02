// Refresh storm: 1,000 concurrent API calls on an expired access token make exactly one token request; the
// overhead of handing out a valid token.
import { OAuthClient } from '../src/auth/oauth';
import { SessionRepository } from '../src/auth/repository';
import type { StoredSession } from '../src/auth/sessions';
import { TokenManager } from '../src/auth/tokens';
import { TtsClient } from '../src/tts/client';
import { MemorySecrets } from '../test/support/fakes';
import { SEED, startTtsServer } from '../test/support/ttsServer';
import type { Result } from './setup';

export async function measureRefresh(): Promise<Result[]> {
  const server = await startTtsServer({ contract: false });
  try {
    const secrets = new MemorySecrets();
    const repo = new SessionRepository(secrets);
    const t = server.issueTokens('alice', SEED.client.id);
    const old = Date.now() - 2 * 3_600_000;
    const session: StoredSession = {
      id: 'bench/alice',
      deploymentKey: 'bench',
      accountId: 'alice',
      accountLabel: 'alice',
      method: 'oauth',
      clientId: SEED.client.id,
      scopes: [],
      createdAt: old,
      tokens: {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        expiresAt: old + 3_600_000,
        obtainedAt: old,
      },
    };
    await repo.put(session);
    const tokens = new TokenManager({
      repo,
      oauthFor: () =>
        new OAuthClient({ identityServerUrl: server.url, clientId: SEED.client.id, clientSecret: SEED.client.secret }),
    });
    const api = new TtsClient({ baseUrl: server.url, auth: tokens.source(session.id) });
    const before = server.requests.filter((r) => r.path === '/oauth/token').length;
    await Promise.all(Array.from({ length: 1000 }, () => api.users.authInfo()));
    const tokenRequests = server.requests.filter((r) => r.path === '/oauth/token').length - before;
    const n = 20_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      await tokens.accessToken(session.id);
    }
    const perCall = Number(process.hrtime.bigint() - start) / 1e3 / n;
    return [
      {
        name: 'refresh storm: token requests for 1,000 concurrent calls on an expired token',
        value: tokenRequests,
        unit: '',
        goal: 'exactly 1',
        pass: tokenRequests === 1,
      },
      {
        name: 'token overhead per call while valid',
        value: Math.round(perCall * 100) / 100,
        unit: 'µs',
        goal: '< 50 µs',
        pass: perCall < 50,
      },
    ];
  } finally {
    await server.close();
  }
}

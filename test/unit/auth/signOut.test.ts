// Sign Out says what happened, whichever way it was asked for (issue 12: from the palette it said nothing), and a
// new sign-in to the same account revokes the pair it replaces (issue 21).
import { strict as assert } from 'node:assert';
import { AccountService } from '../../../src/auth/accountService';
import { ProviderCore } from '../../../src/auth/providerCore';
import { SessionRepository } from '../../../src/auth/repository';
import type { StoredSession } from '../../../src/auth/sessions';
import { OAuthClient } from '../../../src/auth/oauth';
import { tokenRevoker } from '../../../src/auth/revoke';
import { TokenManager } from '../../../src/auth/tokens';
import { resolveDeployment } from '../../../src/tts/deployments';
import { accountFor } from '../../support/explorerFixture';
import { MemorySecrets } from '../../support/fakes';
import { recordingLog } from '../../support/leakSinks';
import { SEED, startTtsServer } from '../../support/ttsServer';
import { fixedDeployments } from '../../../src/tts/deploymentList';

describe('sign-out notice', () => {
  const deployment = resolveDeployment({ name: 'Local', url: 'http://127.0.0.1:9' });
  const session = (method: StoredSession['method']): StoredSession => ({
    id: `${deployment.key}/alice`,
    deploymentKey: deployment.key,
    accountId: 'alice',
    accountLabel: 'alice · Local',
    method,
    scopes: [`deployment:${deployment.key}`],
    createdAt: 0,
    ...(method === 'oauth'
      ? {
          clientId: 'vscode-ext',
          tokens: {
            accessToken: 'MFRWG.X.Y',
            refreshToken: 'OJSWM.X.Y',
            obtainedAt: 0,
            expiresAt: Date.now() + 3_600_000,
          },
        }
      : { tokens: { accessToken: 'NNSXS.X.Y', obtainedAt: 0 } }),
  });

  for (const method of ['oauth', 'api-key'] as const) {
    it(`confirms signing out of an ${method} session, before revoking`, async () => {
      const secrets = new MemorySecrets();
      const repo = new SessionRepository(secrets);
      await repo.put(session(method));
      const tokens = new TokenManager({
        repo,
        oauthFor: () => {
          throw new Error('no refresh here');
        },
      });
      const events: string[] = [];
      const core = new ProviderCore({
        repo,
        tokens,
        accounts: new AccountService({ deployments: fixedDeployments([deployment]), tokens, secrets }),
        log: recordingLog([]),
        signIn: () => Promise.reject(new Error('no sign-in here')),
        revoke: async () => {
          events.push('revoke');
        },
        notify: (message) => events.push(message),
      });
      await core.removeSession(session(method).id);
      assert.deepEqual(await core.getSessions(), []);
      const label = method === 'api-key' ? 'alice \\(API key\\) · Local' : 'alice · Local'; // an API key is its own account
      assert.match(events[0], new RegExp(`^Signed out of The Things Stack: ${label}\\.`));
      assert.deepEqual(events.slice(1), method === 'oauth' ? ['revoke'] : []);
      if (method === 'api-key') {
        assert.match(events[0], /the key itself stays valid until you delete it in the Console\.$/);
      }
    });
  }
});

describe('signing in again to the same account', () => {
  it('revokes the pair it replaces on the server (issue 21): no second valid grant is left behind', async () => {
    const server = await startTtsServer();
    try {
      const deployment = resolveDeployment({ name: 'Local', url: server.url });
      const secrets = new MemorySecrets();
      const repo = new SessionRepository(secrets);
      const oauth = (): OAuthClient =>
        new OAuthClient({ identityServerUrl: server.url, clientId: SEED.client.id, clientSecret: SEED.client.secret });
      const tokens = new TokenManager({ repo, oauthFor: oauth });
      const revoking: Promise<void>[] = [];
      const revoke = tokenRevoker({
        deployments: fixedDeployments([deployment]),
        log: recordingLog([]),
        oauthFor: oauth,
      });
      const core = new ProviderCore({
        repo,
        tokens,
        accounts: new AccountService({ deployments: fixedDeployments([deployment]), tokens, secrets }),
        log: recordingLog([]),
        signIn: async () => accountFor(server, deployment, 'alice').session,
        revoke: (session) => {
          const done = revoke(session);
          revoking.push(done);
          return done;
        },
      });
      const scope = [`deployment:${deployment.key}`];
      const first = await core.createSession(scope);
      const second = await core.createSession(scope);
      await Promise.all(revoking);
      assert.equal(second.id, first.id, 'the same account');
      assert.notEqual(second.accessToken, first.accessToken);
      const live = [...server.state.accessTokens.values()].filter((t) => t.userId === 'alice');
      assert.deepEqual(
        live.map((t) => t.accessToken),
        [second.accessToken],
        'only the new pair is valid on the server',
      );
      assert.deepEqual(
        (await core.getSessions(scope)).map((s) => s.accessToken),
        [second.accessToken],
      );
    } finally {
      await server.close();
    }
  });
});

// Sign Out says what happened, whichever way it was asked for (issue 12: from the palette it said nothing).
import { strict as assert } from 'node:assert';
import { AccountService } from '../../../src/auth/accountService';
import { ProviderCore } from '../../../src/auth/providerCore';
import { SessionRepository } from '../../../src/auth/repository';
import type { StoredSession } from '../../../src/auth/sessions';
import { TokenManager } from '../../../src/auth/tokens';
import { resolveDeployment } from '../../../src/tts/deployments';
import { MemorySecrets } from '../../support/fakes';
import { recordingLog } from '../../support/leakSinks';

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
        accounts: new AccountService({ deployments: () => [deployment], tokens, secrets }),
        log: recordingLog([]),
        signIn: () => Promise.reject(new Error('no sign-in here')),
        revoke: async () => {
          events.push('revoke');
        },
        notify: (message) => events.push(message),
      });
      await core.removeSession(session(method).id);
      assert.deepEqual(await core.getSessions(), []);
      assert.match(events[0], /^Signed out of The Things Stack: alice · Local\./);
      assert.deepEqual(events.slice(1), method === 'oauth' ? ['revoke'] : []);
      if (method === 'api-key') {
        assert.match(events[0], /the key itself stays valid until you delete it in the Console\.$/);
      }
    });
  }
});

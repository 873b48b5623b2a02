// What the authentication provider gives other extensions (issue 21): scopes other than `deployment:<host>` are
// refused, not ignored; an API key is its own account beside the same user's OAuth session.
import { strict as assert } from 'node:assert';
import { AccountService } from '../../../src/auth/accountService';
import { ProviderCore } from '../../../src/auth/providerCore';
import { SessionRepository } from '../../../src/auth/repository';
import { ScopeError, type StoredSession } from '../../../src/auth/sessions';
import { signIn } from '../../../src/auth/signIn';
import { TokenManager } from '../../../src/auth/tokens';
import { accountFor } from '../../support/explorerFixture';
import { MemorySecrets } from '../../support/fakes';
import { recordingLog } from '../../support/leakSinks';
import { flowOf, signInEnv } from './signIn.fixture';
import { fixedDeployments } from '../../../src/tts/deploymentList';

describe('provider: scopes and accounts', () => {
  const env = signInEnv();

  function provider(next: () => Promise<StoredSession>) {
    const secrets = new MemorySecrets();
    const repo = new SessionRepository(secrets);
    const tokens = new TokenManager({ repo, oauthFor: () => undefined });
    let signIns = 0;
    const core = new ProviderCore({
      repo,
      tokens,
      accounts: new AccountService({ deployments: fixedDeployments([env.deployment]), tokens, secrets }),
      log: recordingLog([]),
      signIn: () => {
        signIns++;
        return next();
      },
      revoke: async () => undefined,
    });
    return { core, secrets, signIns: () => signIns };
  }

  it('refuses scopes other than deployment:<host> with a clear error, before anything is signed in or looked up', async () => {
    const { core, secrets, signIns } = provider(async () => accountFor(env.server, env.deployment, 'alice').session);
    const scope = `deployment:${env.deployment.key}`;
    await core.createSession([scope]);
    const stored = JSON.stringify([...secrets.data]);
    for (const scopes of [['openid'], [scope, 'offline_access'], [scope, 'deployment:nam1.cloud.thethings.network']]) {
      await assert.rejects(core.getSessions(scopes), ScopeError, scopes.join(' '));
      await assert.rejects(core.createSession(scopes), ScopeError, scopes.join(' '));
    }
    await assert.rejects(core.getSessions(['profile']), (e: Error) =>
      e.message.startsWith('Unknown scope "profile". The Things Stack provider ("thingsstack") knows one'),
    );
    assert.equal(signIns(), 1, 'no sign-in started for a refused scope');
    assert.equal(JSON.stringify([...secrets.data]), stored, 'nothing stored changed');
    assert.equal((await core.getSessions([scope])).length, 1);
    assert.equal((await core.getSessions()).length, 1);
  });

  it('an API key is its own account: "alice (API key)" beside alice\'s OAuth session, never the same one', async () => {
    const key = env.server.createUserApiKey('alice', ['RIGHT_USER_APPLICATIONS_LIST']);
    const order = [
      async () => accountFor(env.server, env.deployment, 'alice').session,
      () => signIn(flowOf('api-key', 'none'), env.deps({ askApiKey: async () => key }), new AbortController().signal),
    ];
    const { core } = provider(() => order.shift()!());
    const scope = [`deployment:${env.deployment.key}`];
    const oauth = await core.createSession(scope);
    const apiKey = await core.createSession(scope);
    assert.deepEqual(oauth.account, { id: `${env.deployment.key}/alice`, label: 'alice · Local' });
    assert.deepEqual(apiKey.account, { id: `${env.deployment.key}/api-key:alice`, label: 'alice (API key) · Local' });
    assert.equal(apiKey.accessToken, key);
    const all = await core.getSessions(scope);
    assert.deepEqual(
      all.map((s) => s.account.label).sort(),
      ['alice (API key) · Local', 'alice · Local'],
      'the API key did not replace (or pass for) the OAuth session',
    );
  });
});

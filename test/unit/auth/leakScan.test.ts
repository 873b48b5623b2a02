import { strict as assert } from 'node:assert';
import { PendingAttempts } from '../../../src/auth/attempts';
import { chooseFlows } from '../../../src/auth/flows';
import { OAuthClient } from '../../../src/auth/oauth';
import { SessionRepository } from '../../../src/auth/repository';
import { signIn } from '../../../src/auth/signIn';
import { TokenManager } from '../../../src/auth/tokens';
import { Redactor } from '../../../src/util/redact';
import { TtsClient } from '../../../src/tts/client';
import { resolveDeployment } from '../../../src/tts/deployments';
import { approveInBrowser } from '../../support/fakeBrowser';
import { MemorySecrets } from '../../support/fakes';
import { SEED, startTtsServer, type TtsTestServer } from '../../support/ttsServer';

// The log channel of a full sign-in, refresh, failed refresh and sign-out, as the Logger writes it (every line
// through the Redactor, with the client secret registered), scanned for every secret value the run handled.
describe('log: no token or secret in the log of a whole session', function () {
  this.timeout(20_000);
  let server: TtsTestServer;
  before(async () => {
    server = await startTtsServer();
  });
  after(() => server.close());

  it('redacts every token, code and secret', async () => {
    const redactor = new Redactor();
    redactor.add(SEED.client.secret);
    const channel: string[] = [];
    const log = {
      debug: (m: string) => channel.push(redactor.redact(m)),
      info: (m: string) => channel.push(redactor.redact(m)),
      warn: (m: string) => channel.push(redactor.redact(m)),
    };
    const deployment = resolveDeployment({ name: 'Local', url: server.url, clientId: SEED.client.id });
    const secrets = new MemorySecrets();
    const repo = new SessionRepository(secrets, log);
    const oauth = new OAuthClient({
      identityServerUrl: server.url,
      clientId: SEED.client.id,
      clientSecret: SEED.client.secret,
    });
    const seen = new Set<string>([SEED.client.secret]);
    const pending = new PendingAttempts();
    const flow = chooseFlows({ ui: 'desktop', remote: false }, { clientId: SEED.client.id, hasSecret: true })[1]; // loopback, own client
    const session = await signIn(
      flow,
      {
        deployment,
        pending,
        ui: {
          openBrowser: async (url) => {
            log.debug(`Opening ${url}`);
            await approveInBrowser(server, url);
            return true;
          },
          callbackUri: async () => '',
          askCode: async () => undefined,
          askApiKey: async () => undefined,
          refused: (m) => log.warn(m),
        },
        oauth: () => oauth,
        identify: (token, signal) =>
          new TtsClient({ baseUrl: server.url, auth: { token: async () => token }, log }).users.identity(signal),
      },
      new AbortController().signal,
    );
    seen.add(session.tokens.accessToken).add(session.tokens.refreshToken!);
    const code = server.requests
      .filter((r) => r.path === '/oauth/token')
      .map((r) => (r.body as Record<string, string>).code)
      .find(Boolean);
    seen.add(code!);
    await repo.put(session);
    log.info(`Signed in: ${JSON.stringify(session)}`); // even a careless dump of the record
    const tokens = new TokenManager({ repo, log, oauthFor: () => oauth, skewMs: 2 * 3_600_000, graceMs: 50 });
    const api = new TtsClient({ baseUrl: server.url, auth: tokens.source(session.id), log });
    await api.users.authInfo();
    const refreshed = await repo.get(session.id);
    seen.add(refreshed!.tokens.accessToken).add(refreshed!.tokens.refreshToken!);
    log.debug(`Token request with client_secret=${SEED.client.secret}&refresh_token=${refreshed!.tokens.refreshToken}`);
    server.knobs.failNext({ status: 503, path: '/oauth/token', count: 1 });
    await tokens.accessToken(session.id);
    await api.users.deleteToken('alice', SEED.client.id, refreshed!.tokenId!);
    log.info(`Signed out ${session.accountLabel} (Authorization: Bearer ${refreshed!.tokens.accessToken})`);
    const key = server.createUserApiKey('alice', ['RIGHT_USER_INFO']);
    seen.add(key);
    log.warn(`API key ${key} was refused`);
    const text = channel.join('\n');
    assert.ok(channel.length >= 5, `the run logged (${channel.length} lines)`);
    for (const secret of seen) {
      assert.ok(secret && !text.includes(secret), `a secret leaked into the log: ${secret.slice(0, 6)}…`);
      const [, id] = secret.split('.');
      if (id && id.length > 20) {
        assert.ok(!text.includes(`${secret.split('.')[0]}.${id}.`), 'no token with its key part');
      }
    }
  });
});
